// The client-certificate resource issued by a zone's managed CA (CLOUDFLARE.md §1.2).
import type { Id, Pem, Timestamp } from './common.js';

/** Client-certificate statuses exactly as Cloudflare reports them. */
export type ClientCertificateStatus = 'active' | 'pending_reactivation' | 'pending_revocation' | 'revoked';

/** Every value of {@link ClientCertificateStatus}, for validation. */
export const CLIENT_CERTIFICATE_STATUSES: readonly ClientCertificateStatus[] = Object.freeze([
  'active',
  'pending_reactivation',
  'pending_revocation',
  'revoked',
]);

/** A client certificate, in the shape of Cloudflare's `ClientCertificate`. */
export interface ClientCertificate {
  readonly id: Id;
  readonly certificate: Pem;
  readonly certificate_authority: { readonly id: Id; readonly name: string };
  readonly csr: string;
  /** Subject Key Identifier, lowercase hex without colons. */
  readonly ski: string;
  /** Decimal serial, as Cloudflare reports it. */
  readonly serial_number: string;
  /** e.g. `SHA256WithECDSA`. */
  readonly signature: string;
  readonly common_name: string;
  readonly organization: string;
  readonly organizational_unit: string;
  readonly country: string;
  readonly state: string;
  readonly location: string;
  readonly issued_on: Timestamp;
  readonly expires_on: Timestamp;
  /** Lowercase hex SHA-256 of the DER certificate. */
  readonly fingerprint_sha256: string;
  readonly validity_days: number;
  readonly status: ClientCertificateStatus;
  /** When the certificate was revoked (pending or final); null while active. A Portcullis addition. */
  readonly revoked_at: Timestamp | null;
}

/** The creation response when Portcullis generated the key: the key is shown once and never stored. */
export interface ClientCertificateWithKey extends ClientCertificate {
  readonly private_key: Pem;
  /**
   * When `generate_key.pkcs12_password` was given: the certificate, its key and the issuing CA as
   * one PKCS#12 file (AES-256-CBC, PBKDF2-SHA-256, SHA-256 MAC), base64. Shown once, never stored.
   */
  readonly pkcs12?: string;
}
