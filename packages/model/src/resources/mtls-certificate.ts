// Uploaded CA certificates (`/accounts/{account_id}/mtls_certificates`, CLOUDFLARE.md §3.3) and their CRLs.
import type { Id, Pem, Timestamp } from './common.js';

/** Cloudflare's `type` of an mTLS certificate; uploads through this API are `custom`. */
export type MtlsCertificateType = 'custom' | 'gateway_managed' | 'access_managed';

/** An uploaded certificate (normally a CA), in the shape of Cloudflare's `MTLSCertificate`. */
export interface MtlsCertificate {
  readonly id: Id;
  readonly name: string | null;
  readonly ca: boolean;
  /** The PEM chain as uploaded (issuing CA first). */
  readonly certificates: Pem;
  /** Issuer DN (RFC 2253). */
  readonly issuer: string;
  /** Decimal serial. */
  readonly serial_number: string;
  readonly signature: string;
  /** Subject Key Identifier of the issuing CA, lowercase hex (a Portcullis addition). */
  readonly ski: string;
  readonly type: MtlsCertificateType;
  readonly expires_on: Timestamp;
  readonly uploaded_on: Timestamp;
  readonly updated_at: Timestamp;
}

/** Where a CRL comes from: pasted once, or fetched from a URL and refreshed. */
export type CrlSource = 'upload' | 'url';

/** The CRL status of an uploaded CA: `GET /accounts/{account_id}/mtls_certificates/{id}/crl`. */
export interface Crl {
  readonly mtls_certificate_id: Id;
  readonly source: CrlSource;
  /** The distribution URL when `source` is `url`, else null. */
  readonly url: string | null;
  /** Refresh period when `source` is `url`, else null; refreshes also happen before `next_update`. */
  readonly refresh_seconds: number | null;
  readonly crl_number: string | null;
  readonly this_update: Timestamp | null;
  readonly next_update: Timestamp | null;
  /** Number of revoked serials in the current list. */
  readonly entries: number;
  readonly last_fetched_at: Timestamp | null;
  /** The last fetch or verification error, null after a success. */
  readonly last_error: string | null;
  readonly updated_at: Timestamp;
}

/** One use of an uploaded certificate: `GET …/mtls_certificates/{id}/associations` items. */
export interface MtlsCertificateAssociation {
  readonly service: string;
  readonly status: string;
}
