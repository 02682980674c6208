// The store's public contract: the Store, its repositories per aggregate, their inputs and the change feed.
import type {
  Account,
  ApiToken,
  ApiTokenPermissions,
  ApiTokenStatus,
  AuditEntry,
  CertificateAuthority,
  ClientCertificate,
  ClientCertificateStatus,
  Crl,
  CrlSource,
  EdgeCertificateInfo,
  Hostname,
  HostnameAssociation,
  MtlsCertificate,
  MtlsMode,
  Rule,
  RulePosition,
  Ruleset,
  RulesetPhase,
  RulesetVersionSummary,
  SecurityEvent,
  Zone,
} from '@portcullis/model';

// ---------------------------------------------------------------------------------------------
// Conventions
//
// - Data fields use Cloudflare's snake_case spelling so the api can pass them through unchanged.
// - `get*` returns `undefined` when the row does not exist; update/delete/transition methods throw
//   StoreError `STORE_NOT_FOUND`. Rows addressed with a zone or account id that is not their own
//   are "not found" (no cross-zone reads through a guessed id).
// - Every mutating method is one transaction (or joins the caller's `store.transaction`), and
//   records a change in the change feed unless documented otherwise.
// - Ids are 32 lowercase hex characters; timestamps are RFC 3339 strings in UTC.
// ---------------------------------------------------------------------------------------------

/** Page request: `page` is 1-based; `per_page` is clamped to 1..1000 (default 20). */
export interface PageRequest {
  readonly page?: number;
  readonly per_page?: number;
}

/** One page of a list and the total number of matching rows (for v4 `result_info`). */
export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly per_page: number;
  readonly total_count: number;
}

// ----- accounts ------------------------------------------------------------------------------

/** Accounts: the tenants owning zones, uploaded CAs and tokens. */
export interface AccountsRepository {
  create(input: { readonly name: string }): Promise<Account>;
  /**
   * Returns the first-start account, creating it with `name` when the store has none yet. Safe
   * when several processes start at once: exactly one account is created.
   */
  ensureDefault(input: { readonly name: string }): Promise<{ account: Account; created: boolean }>;
  get(id: string): Promise<Account | undefined>;
  list(page?: PageRequest): Promise<Page<Account>>;
  rename(id: string, name: string): Promise<Account>;
}

// ----- zones ---------------------------------------------------------------------------------

/** Filters for {@link ZonesRepository.list}. */
export interface ZoneFilter extends PageRequest {
  readonly account_id?: string;
  /** Exact zone name. */
  readonly name?: string;
}

/** Zones (domains). Names are unique across the store (`STORE_CONFLICT`). */
export interface ZonesRepository {
  /** Creates an active zone; `name` is stored lower-cased without a trailing dot. */
  create(input: { readonly account_id: string; readonly name: string }): Promise<Zone>;
  get(id: string): Promise<Zone | undefined>;
  getByName(name: string): Promise<Zone | undefined>;
  list(filter?: ZoneFilter): Promise<Page<Zone>>;
  /** Every zone (for building the edge snapshot). */
  listAll(): Promise<Zone[]>;
  /** Deletes the zone and everything in it: hostnames, its CA, client certificates, associations, rulesets. */
  delete(id: string): Promise<void>;
}

// ----- hostnames -----------------------------------------------------------------------------

/** The edge certificate as stored: public facts plus the private key sealed by pki's envelope. */
export interface EdgeCertificateInput extends EdgeCertificateInfo {
  /** The private key PEM, sealed with `sealSecret` (opaque text to the store). */
  readonly private_key_sealed: string;
}

/** Input of {@link HostnamesRepository.create}. */
export interface NewHostname {
  readonly zone_id: string;
  readonly hostname: string;
  readonly origin: string;
  readonly origin_tls_verify: boolean;
  readonly origin_ca: string | null;
  readonly mtls_mode: MtlsMode;
  readonly forward_client_certificate: boolean;
  readonly edge_certificate: EdgeCertificateInput;
}

/** Fields of a hostname that PATCH may change (the hostname itself is immutable). */
export interface HostnamePatch {
  readonly origin?: string;
  readonly origin_tls_verify?: boolean;
  readonly origin_ca?: string | null;
  readonly mtls_mode?: MtlsMode;
  readonly forward_client_certificate?: boolean;
  readonly edge_certificate?: EdgeCertificateInput;
}

/** Filters for {@link HostnamesRepository.list}. */
export interface HostnameFilter extends PageRequest {
  readonly hostname?: string;
  readonly mtls_mode?: MtlsMode;
}

/** The edge's credentials for one hostname. */
export interface EdgeCredentials {
  readonly hostname_id: string;
  readonly zone_id: string;
  readonly hostname: string;
  readonly certificate: string;
  readonly private_key_sealed: string;
}

/** Hostnames served by the edge. A hostname is unique across the store (SNI routing). */
export interface HostnamesRepository {
  create(input: NewHostname): Promise<Hostname>;
  get(zoneId: string, id: string): Promise<Hostname | undefined>;
  /** Looks a hostname up by name across all zones. */
  getByName(hostname: string): Promise<Hostname | undefined>;
  list(zoneId: string, filter?: HostnameFilter): Promise<Page<Hostname>>;
  /** Every hostname of every zone (for building the edge snapshot). */
  listAll(): Promise<Hostname[]>;
  update(zoneId: string, id: string, patch: HostnamePatch): Promise<Hostname>;
  /** Deletes the hostname and its CA associations. */
  delete(zoneId: string, id: string): Promise<void>;
  edgeCredentials(hostnameId: string): Promise<EdgeCredentials | undefined>;
  listEdgeCredentials(): Promise<EdgeCredentials[]>;
}

// ----- managed certificate authorities -----------------------------------------------------

/** Input of {@link CertificateAuthoritiesRepository.create}. */
export interface NewCertificateAuthority {
  readonly zone_id: string;
  readonly name: string;
  readonly certificate: string;
  /** The CA private key PEM sealed with pki's `sealSecret`. */
  readonly private_key_sealed: string;
  readonly ski: string;
  readonly serial: string;
  readonly expires_on: string;
}

/** Each zone's managed client CA (one per zone; a second create is `STORE_CONFLICT`). */
export interface CertificateAuthoritiesRepository {
  create(input: NewCertificateAuthority): Promise<CertificateAuthority>;
  get(id: string): Promise<CertificateAuthority | undefined>;
  getForZone(zoneId: string): Promise<CertificateAuthority | undefined>;
  listAll(): Promise<CertificateAuthority[]>;
  /** The sealed private key, for signing; never part of a resource. */
  sealedKey(id: string): Promise<string | undefined>;
  /** Allocates the next CRL number of this CA (1, 2, 3, …); not a feed change. */
  nextCrlNumber(id: string): Promise<number>;
}

// ----- client certificates -----------------------------------------------------------------

/** Input of {@link ClientCertificatesRepository.create}: the issued certificate's facts. */
export interface NewClientCertificate {
  readonly zone_id: string;
  readonly certificate_authority_id: string;
  readonly certificate: string;
  readonly csr: string;
  readonly ski: string;
  /** Decimal serial (Cloudflare's API spelling). */
  readonly serial_number: string;
  /** Upper-case hex serial (the rules and CRL spelling), used for revocation lists. */
  readonly serial_hex: string;
  readonly signature: string;
  readonly common_name: string;
  readonly organization: string;
  readonly organizational_unit: string;
  readonly country: string;
  readonly state: string;
  readonly location: string;
  readonly issued_on: string;
  readonly expires_on: string;
  readonly fingerprint_sha256: string;
  readonly validity_days: number;
}

/** Filters for {@link ClientCertificatesRepository.list}; `status: 'all'` or absent lists every status. */
export interface ClientCertificateFilter extends PageRequest {
  readonly status?: ClientCertificateStatus | 'all';
  /** Only certificates whose `expires_on` is before this RFC 3339 timestamp. */
  readonly expires_before?: string;
  /** `created_on` (default: newest first) or `expires_on` (soonest expiry first). */
  readonly order?: 'created_on' | 'expires_on';
}

/** How a revocation or reactivation lands: at once, or through Cloudflare's pending_* states. */
export interface TransitionOptions {
  /** When true the certificate goes to `pending_revocation` / `pending_reactivation`; default false. */
  readonly pending?: boolean;
}

/** A revoked serial as the edge and CRL builder need it. */
export interface RevokedSerial {
  readonly serial_hex: string;
  readonly revoked_at: string;
}

/** Where a client certificate stands for the edge (see {@link ClientCertificatesRepository.revocationStates}). */
export interface ClientCertificateRevocationState {
  readonly id: string;
  readonly certificate_authority_id: string;
  /** Upper-case hex. */
  readonly serial_hex: string;
  /** True for every status but `active` (as {@link ClientCertificatesRepository.revokedSerialsByCa} counts them). */
  readonly revoked: boolean;
}

/**
 * Client certificates issued by a zone's managed CA. Status machine:
 * active ─revoke→ pending_revocation | revoked ─reactivate→ pending_reactivation | active;
 * `settlePending` completes the pending states. Revoking a certificate that is already
 * (pending) revoked, or reactivating one that is already (pending) active, returns it unchanged.
 * For the edge, every status but `active` counts as revoked.
 */
export interface ClientCertificatesRepository {
  create(input: NewClientCertificate): Promise<ClientCertificate>;
  get(zoneId: string, id: string): Promise<ClientCertificate | undefined>;
  list(zoneId: string, filter?: ClientCertificateFilter): Promise<Page<ClientCertificate>>;
  /** Number of certificates of the zone with one of `statuses` (all statuses when omitted); for quotas. */
  count(zoneId: string, statuses?: readonly ClientCertificateStatus[]): Promise<number>;
  revoke(zoneId: string, id: string, options?: TransitionOptions): Promise<ClientCertificate>;
  reactivate(zoneId: string, id: string, options?: TransitionOptions): Promise<ClientCertificate>;
  /** Completes pending transitions (pending_revocation → revoked, pending_reactivation → active); returns how many. */
  settlePending(): Promise<number>;
  /** Serials of the CA's certificates that are not active, with their revocation times. */
  revokedSerials(certificateAuthorityId: string): Promise<RevokedSerial[]>;
  /** Non-active serials (upper-case hex) of every managed CA, keyed by CA id. */
  revokedSerialsByCa(): Promise<Record<string, string[]>>;
  /**
   * The CA, serial and revoked flag of each certificate in `ids` that exists (any zone; unknown ids
   * are left out; order unspecified): for applying `client_certificate` changes to revokedSerialsByCa's lists.
   */
  revocationStates(ids: readonly string[]): Promise<ClientCertificateRevocationState[]>;
}

// ----- uploaded CAs (mtls_certificates) and their CRLs -------------------------------------

/** Input of {@link MtlsCertificatesRepository.create}. */
export interface NewMtlsCertificate {
  readonly account_id: string;
  /** Unique per account when not null (`STORE_CONFLICT`). */
  readonly name: string | null;
  readonly ca: boolean;
  readonly certificates: string;
  readonly issuer: string;
  readonly serial_number: string;
  readonly signature: string;
  readonly ski: string;
  readonly expires_on: string;
}

/** Input of {@link MtlsCertificatesRepository.setCrl}: a verified, parsed CRL and where it came from. */
export interface CrlInput {
  readonly source: CrlSource;
  readonly url: string | null;
  readonly refresh_seconds: number | null;
  /** The CRL as PEM text (kept for download and re-verification). */
  readonly crl_pem: string;
  readonly crl_number: string | null;
  readonly this_update: string | null;
  readonly next_update: string | null;
  /** Upper-case hex serials. */
  readonly revoked_serials: readonly string[];
  readonly fetched_at: string | null;
}

/** A URL-sourced CRL whose refresh is due. */
export interface DueCrl {
  readonly account_id: string;
  readonly crl: Crl;
}

/** Uploaded certificates (BYO CAs) of an account, with an optional CRL each. */
export interface MtlsCertificatesRepository {
  create(input: NewMtlsCertificate): Promise<MtlsCertificate>;
  get(accountId: string, id: string): Promise<MtlsCertificate | undefined>;
  list(accountId: string, page?: PageRequest): Promise<Page<MtlsCertificate>>;
  listAll(): Promise<MtlsCertificate[]>;
  count(accountId: string): Promise<number>;
  /** Deletes the certificate and its CRL; `STORE_IN_USE` while hostnames are associated with it. */
  delete(accountId: string, id: string): Promise<void>;
  /** Sets (replaces) the CRL and its serials; clears `last_error`. */
  setCrl(accountId: string, id: string, crl: CrlInput): Promise<Crl>;
  getCrl(accountId: string, id: string): Promise<Crl | undefined>;
  /** The stored CRL PEM, or undefined. */
  getCrlPem(accountId: string, id: string): Promise<string | undefined>;
  /** Records a failed fetch/verification; the previous list stays in force. */
  recordCrlError(accountId: string, id: string, error: string, at: string): Promise<Crl>;
  deleteCrl(accountId: string, id: string): Promise<void>;
  /**
   * URL-sourced CRLs due for a refresh at `now`: never fetched, or `last_fetched_at +
   * refresh_seconds` reached, or `next_update` reached.
   */
  listDueCrls(now: string): Promise<DueCrl[]>;
  /** Revoked serials (upper-case hex) of each uploaded CA that has a CRL, keyed by its id. */
  crlSerialsByCa(): Promise<Record<string, string[]>>;
  /** Revoked serials of one uploaded CA's CRL (empty without a CRL): for applying a `crl` change alone. */
  crlSerials(mtlsCertificateId: string): Promise<string[]>;
  /**
   * crlSerialsByCa limited to the uploaded CAs in `ids`: only those that have a CRL appear (an
   * empty CRL as `[]`), so a deleted CRL or certificate is told apart from an empty list.
   */
  crlSerialsOf(mtlsCertificateIds: readonly string[]): Promise<Record<string, string[]>>;
  /**
   * The `next_update` (ISO 8601, or null when the list names none) of each uploaded CA's CRL, keyed
   * by its id: all of them, or only those in `ids`. The edge counts every certificate a CA anchors
   * as revoked once its list is past this time (fail closed, THREATS T7).
   */
  crlNextUpdates(mtlsCertificateIds?: readonly string[]): Promise<Record<string, string | null>>;
}

// ----- hostname associations ---------------------------------------------------------------

/**
 * Which CAs each hostname trusts. `mtlsCertificateId` null means the zone's managed CA
 * (`STORE_NOT_FOUND` if the zone has none); an uploaded CA must belong to the zone's account.
 */
export interface HostnameAssociationsRepository {
  /** Hostnames associated with that CA in the zone, sorted. */
  list(zoneId: string, mtlsCertificateId: string | null): Promise<string[]>;
  /** Replaces the whole list for (zone, CA), as Cloudflare's PUT; returns the new sorted list. */
  replace(zoneId: string, mtlsCertificateId: string | null, hostnames: readonly string[]): Promise<string[]>;
  /** Adds one hostname; returns false when it was already there. */
  add(zoneId: string, mtlsCertificateId: string | null, hostname: string): Promise<boolean>;
  /** Removes one hostname; returns false when it was not there. */
  remove(zoneId: string, mtlsCertificateId: string | null, hostname: string): Promise<boolean>;
  /** Every association of an uploaded CA, across zones. */
  listForMtlsCertificate(mtlsCertificateId: string): Promise<HostnameAssociation[]>;
  /** Every CA a hostname trusts. */
  listForHostname(hostname: string): Promise<HostnameAssociation[]>;
  listAll(): Promise<HostnameAssociation[]>;
}

// ----- rulesets ------------------------------------------------------------------------------

/** A rule as written by a client: everything but the read-only fields. */
export interface RuleInput {
  /** Keep an existing rule's id in a PUT of the whole ruleset; ignored for new rules. */
  readonly id?: string;
  readonly ref?: string;
  readonly action: Rule['action'];
  readonly action_parameters?: Rule['action_parameters'];
  readonly expression: string;
  readonly description?: string;
  readonly enabled?: boolean;
  readonly logging?: { readonly enabled: boolean };
}

/** Fields of a rule that PATCH may change. */
export type RulePatch = Partial<Omit<RuleInput, 'id'>>;

/** Input of {@link RulesetsRepository.putEntrypoint}. */
export interface EntrypointInput {
  readonly name?: string;
  readonly description?: string;
  readonly rules: readonly RuleInput[];
}

/** A zone's ruleset with its zone, for snapshot building. */
export interface ZoneRuleset {
  readonly zone_id: string;
  readonly ruleset: Ruleset;
}

/**
 * Rulesets: one entrypoint per (zone, phase). Every mutation bumps the ruleset version and saves
 * a snapshot of it as a version; a rule's own version bumps only when its content changes.
 */
export interface RulesetsRepository {
  getEntrypoint(zoneId: string, phase: RulesetPhase): Promise<Ruleset | undefined>;
  /** Returns the entrypoint, creating an empty one (version 1) when the zone has none. */
  ensureEntrypoint(zoneId: string, phase: RulesetPhase): Promise<Ruleset>;
  /** Creates or replaces the entrypoint's rules (rules whose `id` matches keep their id). */
  putEntrypoint(zoneId: string, phase: RulesetPhase, input: EntrypointInput): Promise<Ruleset>;
  get(zoneId: string, rulesetId: string): Promise<Ruleset | undefined>;
  /** Adds a rule (at the end by default); `STORE_INVALID_ARGUMENT` for a position naming no rule. */
  addRule(zoneId: string, rulesetId: string, rule: RuleInput, position?: RulePosition): Promise<Ruleset>;
  updateRule(
    zoneId: string,
    rulesetId: string,
    ruleId: string,
    patch: RulePatch,
    position?: RulePosition,
  ): Promise<Ruleset>;
  deleteRule(zoneId: string, rulesetId: string, ruleId: string): Promise<Ruleset>;
  /** Versions, newest first (the newest 100 are kept). */
  listVersions(zoneId: string, rulesetId: string): Promise<RulesetVersionSummary[]>;
  getVersion(zoneId: string, rulesetId: string, version: string): Promise<Ruleset | undefined>;
  /** Every zone's entrypoint for the phase (for building the edge snapshot). */
  listEntrypoints(phase: RulesetPhase): Promise<ZoneRuleset[]>;
}

// ----- API tokens ----------------------------------------------------------------------------

/** Input of {@link ApiTokensRepository.create}. The api derives the secret and its hash. */
export interface NewApiToken {
  /** Optional so the api can embed the id in the token value before hashing; generated otherwise. */
  readonly id?: string;
  readonly name: string;
  readonly permissions: ApiTokenPermissions;
  /** A one-way hash of the secret (format chosen by the api, e.g. `sha256:<hex>`). */
  readonly secret_hash: string;
  readonly expires_on?: string | null;
}

/** Fields of a token that may change. */
export interface ApiTokenPatch {
  readonly name?: string;
  readonly status?: ApiTokenStatus;
  readonly permissions?: ApiTokenPermissions;
  readonly expires_on?: string | null;
}

/** What authentication needs: the token and its stored hash (compared in constant time by the api). */
export interface ApiTokenCredential {
  readonly token: ApiToken;
  readonly secret_hash: string;
}

/** API tokens; the store never sees a secret, only its hash. */
export interface ApiTokensRepository {
  create(input: NewApiToken): Promise<ApiToken>;
  get(id: string): Promise<ApiToken | undefined>;
  list(page?: PageRequest): Promise<Page<ApiToken>>;
  count(): Promise<number>;
  findCredential(id: string): Promise<ApiTokenCredential | undefined>;
  update(id: string, patch: ApiTokenPatch): Promise<ApiToken>;
  delete(id: string): Promise<void>;
  /** Sets `last_used_on`; cheap, not a feed change, never fails for a missing token. */
  touch(id: string, at: string): Promise<void>;
}

// ----- audit log -----------------------------------------------------------------------------

/** Input of {@link AuditLogRepository.append}. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'when'> & { readonly when?: string };

/** Filters for {@link AuditLogRepository.list}. */
export interface AuditFilter extends PageRequest {
  readonly zone_id?: string;
  readonly account_id?: string;
  readonly resource_type?: string;
  readonly actor_id?: string;
  /** Inclusive lower bound (RFC 3339). */
  readonly since?: string;
  /** Exclusive upper bound (RFC 3339). */
  readonly until?: string;
}

/** The append-only audit log; written inside the same transaction as the change it describes. */
export interface AuditLogRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  list(filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

// ----- security events -----------------------------------------------------------------------

/** Input of {@link SecurityEventsRepository.append}; `count` (the matches it stands for) defaults to 1. */
export type NewSecurityEvent = Omit<SecurityEvent, 'id' | 'count'> & { readonly count?: number };

/** Filters for {@link SecurityEventsRepository.list}. */
export interface SecurityEventFilter extends PageRequest {
  readonly zone_id?: string;
  readonly host?: string;
  readonly action?: string;
  readonly rule_id?: string;
  readonly since?: string;
  readonly until?: string;
  /** Lower-case hex, as the events record it. */
  readonly cert_fingerprint_sha256?: string;
  /** Upper-case hex, as the events record it. */
  readonly cert_serial?: string;
}

/** Filters of {@link SecurityEventsRepository.summary}: the zone and the time window. */
export interface SecurityEventSummaryFilter {
  readonly zone_id: string;
  readonly since?: string;
  readonly until?: string;
  /** How many groups of each kind to return, largest first. Default 10, at most 100. */
  readonly top?: number;
}

/**
 * Counts of a zone's security events over a window, grouped three ways (largest groups first). The
 * counts are match counts: each event adds its `count` (the identical matches folded into it).
 */
export interface SecurityEventSummary {
  readonly total: number;
  /** `rule_id` null: edge decisions made by no rule (e.g. a refused handshake). */
  readonly by_rule: readonly { readonly rule_id: string | null; readonly count: number }[];
  readonly by_host: readonly { readonly host: string; readonly count: number }[];
  /**
   * Events with a presented certificate, by its fingerprint; `common_name` when the zone's managed CA
   * issued it (null otherwise: an uploaded CA's or an unknown certificate).
   */
  readonly by_certificate: readonly {
    readonly fingerprint_sha256: string;
    readonly serial: string;
    readonly common_name: string | null;
    readonly count: number;
  }[];
}

/** Security events from the edge, bounded: the oldest are dropped past the store's `maxSecurityEvents`. */
export interface SecurityEventsRepository {
  /** Appends a batch in one transaction; returns the stored events. Not a feed change. */
  append(events: readonly NewSecurityEvent[]): Promise<SecurityEvent[]>;
  /** Newest first. */
  list(filter?: SecurityEventFilter): Promise<Page<SecurityEvent>>;
  count(): Promise<number>;
}

/**
 * The security events' counts for drill-down views: a separate capability so that writers (the
 * serve loop's sink) depend on {@link SecurityEventsRepository} alone.
 */
export interface SecurityEventSummaries {
  /** A zone's events over a window counted by rule, by host and by client certificate. */
  summary(filter: SecurityEventSummaryFilter): Promise<SecurityEventSummary>;
}

// ----- settings ------------------------------------------------------------------------------

/** Small key/value settings (master-key check value, edge CA, default account, …). */
export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Sets the value only when the key is absent; returns true when it was set. Atomic across processes. */
  setIfAbsent(key: string, value: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  /** Every setting whose key starts with `prefix` (all when omitted). */
  list(prefix?: string): Promise<Record<string, string>>;
}

// ----- sealed secrets ------------------------------------------------------------------------

/** Where a sealed secret lives: a managed CA's key, a hostname's edge key, or a sealed setting. */
export type SealedSecretKind = 'certificate_authority' | 'hostname' | 'setting';

/** One stored envelope (pki's `sealSecret` text, opaque to the store) and the row holding it. */
export interface SealedSecret {
  readonly kind: SealedSecretKind;
  /** The CA id, the hostname id, or the setting key (settings ending in `private_key_sealed`). */
  readonly id: string;
  readonly zone_id: string | null;
  readonly sealed: string;
}

/**
 * Every sealed secret of the store, for master-key rotation: `certificate_authorities.private_key_sealed`,
 * `hostnames.edge_private_key_sealed` and the settings whose key ends in `private_key_sealed`
 * (`edge_ca.private_key_sealed`). Nothing else reads them in bulk.
 */
export interface SecretsRepository {
  /** Every non-empty sealed value: CAs, then hostnames, then settings, each ordered by id. */
  list(): Promise<SealedSecret[]>;
  /**
   * Calls `fn` for every sealed secret and stores what it returns, all in ONE transaction (or a
   * savepoint of the caller's): if `fn` throws, nothing is rewritten. A value returned unchanged
   * is left alone; each rewritten row is a feed change (one version for the whole reseal), so
   * edges rebuild. Returns how many were rewritten (`count`) and how many there are (`total`).
   */
  reseal(fn: (secret: SealedSecret) => Promise<string> | string): Promise<{ count: number; total: number }>;
}

// ----- change feed ---------------------------------------------------------------------------

/** What changed. */
export type ChangeKind =
  | 'account'
  | 'zone'
  | 'hostname'
  | 'certificate_authority'
  | 'client_certificate'
  | 'mtls_certificate'
  | 'crl'
  | 'hostname_association'
  | 'ruleset'
  | 'api_token'
  | 'setting';

/** One change of one committed transaction; all changes of a transaction share its version. */
export interface ChangeRecord {
  readonly version: number;
  readonly kind: ChangeKind;
  /** The changed row's id (for `hostname_association`: the hostname; for `setting`: the key). */
  readonly id: string;
  readonly zone_id: string | null;
  readonly op: 'upsert' | 'delete';
  readonly at: string;
}

/** The answer of {@link ChangeFeed.changesSince}. */
export interface ChangeSet {
  /** The version the changes bring the caller to. */
  readonly version: number;
  readonly changes: ChangeRecord[];
  /**
   * False when the history no longer reaches back to the asked version (pruned) or `limit` cut
   * it short: the caller must then reload everything (or ask again from `version`).
   */
  readonly complete: boolean;
}

/** Called with the newest committed version; may be called once for several commits. */
export type ChangeListener = (version: number) => void;

/**
 * The change feed: a version that grows with every committed change. Versions commit in order
 * (writers serialise on the version counter), so `changesSince` never skips a change.
 */
export interface ChangeFeed {
  version(): Promise<number>;
  changesSince(version: number, options?: { readonly limit?: number }): Promise<ChangeSet>;
  /**
   * In-process listeners are told after commit. Other processes: PostgreSQL LISTEN/NOTIFY
   * (with reconnect and a catch-up check), SQLite by polling the version while subscribed.
   */
  subscribe(listener: ChangeListener): () => void;
}

// ----- the store -----------------------------------------------------------------------------

/** The repositories, as seen inside and outside a transaction. */
export interface StoreRepositories {
  readonly accounts: AccountsRepository;
  readonly zones: ZonesRepository;
  readonly hostnames: HostnamesRepository;
  readonly certificateAuthorities: CertificateAuthoritiesRepository;
  readonly clientCertificates: ClientCertificatesRepository;
  readonly mtlsCertificates: MtlsCertificatesRepository;
  readonly hostnameAssociations: HostnameAssociationsRepository;
  readonly rulesets: RulesetsRepository;
  readonly apiTokens: ApiTokensRepository;
  readonly auditLog: AuditLogRepository;
  readonly securityEvents: SecurityEventsRepository & SecurityEventSummaries;
  readonly settings: SettingsRepository;
  readonly secrets: SecretsRepository;
}

/** A transaction's view: the same repositories, all writes committed together or not at all. */
export type StoreTransaction = StoreRepositories;

/** The storage of Portcullis. */
export interface Store extends StoreRepositories {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: if it throws, nothing it wrote remains. Use only `tx`'s
   * repositories inside `fn`: calling the store itself there fails with `STORE_INVALID_ARGUMENT`.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` over one consistent, read-only view of the database (PostgreSQL repeatable read;
   * a SQLite read transaction) and gives it the change-feed version of that view: what an edge
   * snapshot is built from. Writes inside fail with `STORE_INVALID_ARGUMENT`.
   */
  snapshot<T>(fn: (view: StoreRepositories, version: number) => Promise<T>): Promise<T>;
  readonly changes: ChangeFeed;
  /** Resolves when the database answers; `STORE_UNAVAILABLE` otherwise. */
  ping(): Promise<void>;
  /** Closes connections and listeners; idempotent. */
  close(): Promise<void>;
}

/** Options common to both back-ends. */
export interface CommonStoreOptions {
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Security events kept (oldest dropped beyond). Default 100 000. */
  readonly maxSecurityEvents?: number;
  /** Change-log rows kept (older pruned; edges that far behind reload fully). Default 100 000. */
  readonly changeLogRetention?: number;
  /** How often a subscribed store checks the version for changes made by other processes. Default 250 ms (SQLite: a one-row read, so edge workers in other processes see a revocation well within 1 s), 5000 ms (PostgreSQL, as a safety net beside NOTIFY). */
  readonly pollIntervalMs?: number;
}

/** Options of the embedded SQLite store. */
export interface SqliteStoreOptions extends CommonStoreOptions {
  readonly kind: 'sqlite';
  /** The database file (created with its directory's permissions); WAL mode. */
  readonly file: string;
  /** Milliseconds to wait for another process's write lock. Default 5000. */
  readonly busyTimeoutMs?: number;
}

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions extends CommonStoreOptions {
  readonly kind: 'postgres';
  readonly url: string;
  /** Schema holding the tables (created when absent); default `public`. */
  readonly schema?: string;
  /** Drop the schema on close (tests). Refused for `public`. */
  readonly dropSchemaOnClose?: boolean;
  /** Pool size. Default 10. */
  readonly poolSize?: number;
  /** `application_name` of the connections, to find them in pg_stat_activity. Default `portcullis`. */
  readonly applicationName?: string;
}

/** Options of {@link Store} opening. */
export type StoreOptions = SqliteStoreOptions | PostgresStoreOptions;
