// Hostname associations: which CA (managed or uploaded) a hostname trusts for client certificates.
import type { Id } from './common.js';

/** The result of `GET/PUT /zones/{zone_id}/certificate_authorities/hostname_associations`. */
export interface HostnameAssociations {
  readonly hostnames: readonly string[];
}

/** One association row: a hostname of a zone and the CA it trusts (null means the zone's managed CA). */
export interface HostnameAssociation {
  readonly zone_id: Id;
  readonly hostname: string;
  /** The uploaded CA, or null for the zone's managed CA. */
  readonly mtls_certificate_id: Id | null;
  /** The CA id the edge trusts: the managed CA's id or the uploaded certificate's id. */
  readonly ca_id: Id;
}
