// The hostname resource (a Portcullis addition in Cloudflare's conventions): edge, mTLS mode, origin.
import type { Id, Pem, Timestamp } from './common.js';

/** How the edge asks for client certificates on a hostname. */
export type MtlsMode = 'off' | 'optional' | 'required';

/** Every value of {@link MtlsMode}, for validation. */
export const MTLS_MODES: readonly MtlsMode[] = Object.freeze(['off', 'optional', 'required']);

/** Where a hostname's edge (server) certificate comes from. */
export type EdgeCertificateSource = 'uploaded' | 'managed';

/** Public facts about a hostname's edge certificate; the private key never appears in a resource. */
export interface EdgeCertificateInfo {
  /** `uploaded` when the user supplied it, `managed` when Portcullis issued it from the edge CA. */
  readonly source: EdgeCertificateSource;
  readonly certificate: Pem;
  readonly issuer: string;
  /** Decimal serial, as Cloudflare reports serials in the API. */
  readonly serial_number: string;
  readonly fingerprint_sha256: string;
  readonly expires_on: Timestamp;
}

/** A hostname served by the edge: `/zones/{zone_id}/hostnames/{id}`. */
export interface Hostname {
  readonly id: Id;
  readonly zone_id: Id;
  /** Lower case, no trailing dot. */
  readonly hostname: string;
  /** Origin base URL, e.g. `http://127.0.0.1:9000`. */
  readonly origin: string;
  readonly origin_tls_verify: boolean;
  /** PEM bundle the origin's certificate is verified against, or null for the system store. */
  readonly origin_ca: Pem | null;
  readonly edge_certificate: EdgeCertificateInfo;
  readonly mtls_mode: MtlsMode;
  readonly forward_client_certificate: boolean;
  readonly created_on: Timestamp;
  readonly modified_on: Timestamp;
}
