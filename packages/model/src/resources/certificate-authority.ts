// A zone's managed client CA: the public part only; its sealed key lives in the store alone.
import type { Id, Pem, Timestamp } from './common.js';

/** The managed certificate authority of a zone. */
export interface CertificateAuthority {
  readonly id: Id;
  readonly zone_id: Id;
  readonly name: string;
  readonly certificate: Pem;
  /** Subject Key Identifier, lowercase hex: what `cf.tls_client_auth.cert_issuer_ski` pins (in upper case). */
  readonly ski: string;
  /** Upper-case hex serial. */
  readonly serial: string;
  readonly created_on: Timestamp;
  readonly expires_on: Timestamp;
}
