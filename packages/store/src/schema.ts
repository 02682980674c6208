// The database schema as Kysely types: one table interface per table, shared by both dialects.
import type { Generated } from 'kysely';

/** Booleans are stored as 0/1 integers so one schema serves SQLite (no boolean type) and PostgreSQL. */
export type Flag = number;

export interface AccountsTable {
  id: string;
  name: string;
  type: string;
  created_on: string;
}

export interface ZonesTable {
  id: string;
  account_id: string;
  name: string;
  status: string;
  paused: Flag;
  created_on: string;
  modified_on: string;
  activated_on: string | null;
}

export interface CertificateAuthoritiesTable {
  id: string;
  zone_id: string;
  name: string;
  certificate: string;
  private_key_sealed: string;
  ski: string;
  serial: string;
  crl_number: number;
  created_on: string;
  expires_on: string;
}

export interface HostnamesTable {
  id: string;
  zone_id: string;
  hostname: string;
  origin: string;
  origin_tls_verify: Flag;
  origin_ca: string | null;
  mtls_mode: string;
  forward_client_certificate: Flag;
  edge_source: string;
  edge_certificate: string;
  edge_private_key_sealed: string;
  edge_issuer: string;
  edge_serial_number: string;
  edge_fingerprint_sha256: string;
  edge_expires_on: string;
  created_on: string;
  modified_on: string;
}

export interface ClientCertificatesTable {
  id: string;
  zone_id: string;
  certificate_authority_id: string;
  certificate: string;
  csr: string;
  ski: string;
  serial_number: string;
  serial_hex: string;
  signature: string;
  common_name: string;
  organization: string;
  organizational_unit: string;
  country: string;
  state: string;
  location: string;
  issued_on: string;
  expires_on: string;
  fingerprint_sha256: string;
  validity_days: number;
  status: string;
  revoked_at: string | null;
  created_on: string;
}

export interface MtlsCertificatesTable {
  id: string;
  account_id: string;
  name: string | null;
  ca: Flag;
  certificates: string;
  issuer: string;
  serial_number: string;
  signature: string;
  ski: string;
  type: string;
  expires_on: string;
  uploaded_on: string;
  updated_at: string;
}

export interface MtlsCrlsTable {
  mtls_certificate_id: string;
  source: string;
  url: string | null;
  refresh_seconds: number | null;
  crl_pem: string;
  /** The revoked serials, upper-case hex, sorted, one per line: read and replaced whole, never queried by serial. */
  serials: string;
  crl_number: string | null;
  this_update: string | null;
  next_update: string | null;
  entries: number;
  last_fetched_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export interface HostnameAssociationsTable {
  zone_id: string;
  hostname: string;
  /** The trusted CA's id: the managed CA's or the uploaded certificate's. */
  ca_id: string;
  certificate_authority_id: string | null;
  mtls_certificate_id: string | null;
  created_on: string;
}

export interface RulesetsTable {
  id: string;
  zone_id: string;
  kind: string;
  phase: string;
  name: string;
  description: string;
  version: number;
  last_updated: string;
}

export interface RulesTable {
  id: string;
  ruleset_id: string;
  position: number;
  ref: string;
  version: number;
  last_updated: string;
  action: string;
  action_parameters: string | null;
  expression: string;
  description: string;
  enabled: Flag;
  logging: string | null;
}

export interface RulesetVersionsTable {
  ruleset_id: string;
  version: number;
  last_updated: string;
  snapshot: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  status: string;
  permissions: string;
  secret_hash: string;
  issued_on: string;
  modified_on: string;
  last_used_on: string | null;
  expires_on: string | null;
}

export interface AuditLogTable {
  seq: Generated<number | string>;
  id: string;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_ip: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  account_id: string | null;
  zone_id: string | null;
  details: string;
}

export interface SecurityEventsTable {
  seq: Generated<number | string>;
  id: string;
  occurred_at: string;
  ray_id: string;
  zone_id: string | null;
  host: string;
  method: string;
  path: string;
  client_ip: string;
  ruleset_id: string | null;
  rule_id: string | null;
  action: string;
  cert_presented: Flag;
  cert_verified: Flag;
  cert_revoked: Flag;
  cert_serial: string;
  cert_issuer_ski: string;
  cert_fingerprint_sha256: string;
  /** Matches the event stands for (migration 0003; default 1). */
  count: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface ConfigVersionTable {
  id: number;
  /** PostgreSQL returns bigint as a string. */
  version: number | string;
}

export interface ChangeLogTable {
  seq: Generated<number | string>;
  version: number | string;
  kind: string;
  entity_id: string;
  zone_id: string | null;
  op: string;
  at: string;
}

/** Every table of the store. */
export interface Database {
  accounts: AccountsTable;
  zones: ZonesTable;
  certificate_authorities: CertificateAuthoritiesTable;
  hostnames: HostnamesTable;
  client_certificates: ClientCertificatesTable;
  mtls_certificates: MtlsCertificatesTable;
  mtls_crls: MtlsCrlsTable;
  hostname_associations: HostnameAssociationsTable;
  rulesets: RulesetsTable;
  rules: RulesTable;
  ruleset_versions: RulesetVersionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  security_events: SecurityEventsTable;
  settings: SettingsTable;
  config_version: ConfigVersionTable;
  change_log: ChangeLogTable;
}
