/**
 * @module @portcullis/store
 * Repositories per aggregate over Kysely (SQLite by default, PostgreSQL), numbered migrations run
 * at open, and the change feed the edge follows.
 *
 * @example
 * ```ts
 * import { openStore } from '@portcullis/store';
 * const store = await openStore({ kind: 'sqlite', file: 'data/portcullis.db' });
 * const { account } = await store.accounts.ensureDefault({ name: 'Default account' });
 * const zone = await store.transaction(async (tx) => tx.zones.create({ account_id: account.id, name: 'example.test' }));
 * store.changes.subscribe((version) => console.log('config now at', version));
 * await store.close();
 * ```
 */
export type {
  Store,
  StoreTransaction,
  StoreRepositories,
  StoreOptions,
  SqliteStoreOptions,
  PostgresStoreOptions,
  CommonStoreOptions,
  Page,
  PageRequest,
  AccountsRepository,
  ZonesRepository,
  ZoneFilter,
  HostnamesRepository,
  NewHostname,
  HostnamePatch,
  HostnameFilter,
  EdgeCertificateInput,
  EdgeCredentials,
  CertificateAuthoritiesRepository,
  NewCertificateAuthority,
  ClientCertificatesRepository,
  NewClientCertificate,
  ClientCertificateFilter,
  TransitionOptions,
  RevokedSerial,
  ClientCertificateRevocationState,
  MtlsCertificatesRepository,
  NewMtlsCertificate,
  CrlInput,
  DueCrl,
  HostnameAssociationsRepository,
  RulesetsRepository,
  RuleInput,
  RulePatch,
  EntrypointInput,
  ZoneRuleset,
  ApiTokensRepository,
  NewApiToken,
  ApiTokenPatch,
  ApiTokenCredential,
  AuditLogRepository,
  NewAuditEntry,
  AuditFilter,
  SecurityEventsRepository,
  NewSecurityEvent,
  SecurityEventFilter,
  SecurityEventSummaries,
  SecurityEventSummaryFilter,
  SecurityEventSummary,
  SettingsRepository,
  SecretsRepository,
  SealedSecret,
  SealedSecretKind,
  ChangeFeed,
  ChangeKind,
  ChangeRecord,
  ChangeSet,
  ChangeListener,
} from './types.js';
export { openStore } from './open-store.js';
export type { StoreErrorCode } from './errors.js';
export { StoreError, isStoreError } from './errors.js';
