// Opening a store: the dialect adapter, migrations, repositories bound to an executor, the change feed.
import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreChangeFeed } from './change-feed.js';
import type { DialectAdapter } from './dialects/dialect.js';
import { createPostgresAdapter } from './dialects/postgres.js';
import { createSqliteAdapter } from './dialects/sqlite.js';
import { StoreError } from './errors.js';
import { RootExecutor, SnapshotExecutor, TransactionExecutor, mapDriverError } from './executor.js';
import type { Executor, StoreSettings } from './executor.js';
import { migrate } from './migrations/index.js';
import { SqlAccounts } from './repositories/accounts.js';
import { SqlApiTokens } from './repositories/api-tokens.js';
import { SqlAuditLog } from './repositories/audit-log.js';
import { SqlCertificateAuthorities } from './repositories/certificate-authorities.js';
import { SqlClientCertificates } from './repositories/client-certificates.js';
import { SqlHostnameAssociations } from './repositories/hostname-associations.js';
import { SqlHostnames } from './repositories/hostnames.js';
import { SqlMtlsCertificates } from './repositories/mtls-certificates.js';
import { SqlRulesets } from './repositories/rulesets.js';
import { SqlSecrets } from './repositories/secrets.js';
import { SqlSecurityEvents } from './repositories/security-events.js';
import { SqlSettings } from './repositories/settings.js';
import { SqlZones } from './repositories/zones.js';
import { sql } from 'kysely';
import type { Store, StoreOptions, StoreRepositories, StoreTransaction } from './types.js';

function repositories(executor: Executor): StoreRepositories {
  return Object.freeze({
    accounts: new SqlAccounts(executor),
    zones: new SqlZones(executor),
    hostnames: new SqlHostnames(executor),
    certificateAuthorities: new SqlCertificateAuthorities(executor),
    clientCertificates: new SqlClientCertificates(executor),
    mtlsCertificates: new SqlMtlsCertificates(executor),
    hostnameAssociations: new SqlHostnameAssociations(executor),
    rulesets: new SqlRulesets(executor),
    apiTokens: new SqlApiTokens(executor),
    auditLog: new SqlAuditLog(executor),
    securityEvents: new SqlSecurityEvents(executor),
    settings: new SqlSettings(executor),
    secrets: new SqlSecrets(executor),
  });
}

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid ${what} ${String(value)}`);
  }
  return value;
}

async function createAdapter(options: StoreOptions): Promise<DialectAdapter> {
  if (options.kind === 'sqlite') {
    if (typeof options.file !== 'string' || options.file === '') {
      throw new StoreError('STORE_INVALID_ARGUMENT', 'a sqlite store needs a file');
    }
    try {
      return createSqliteAdapter({
        file: options.file,
        busyTimeoutMs: positiveInteger(options.busyTimeoutMs, 5000, 'busyTimeoutMs'),
      });
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('STORE_UNAVAILABLE', `cannot open sqlite database: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  if (options.kind === 'postgres') {
    return createPostgresAdapter({
      url: options.url,
      schema: options.schema ?? 'public',
      dropSchemaOnClose: options.dropSchemaOnClose ?? false,
      poolSize: positiveInteger(options.poolSize, 10, 'poolSize'),
      applicationName: options.applicationName ?? 'portcullis',
    });
  }
  throw new StoreError(
    'STORE_INVALID_ARGUMENT',
    `unknown store kind "${String((options as { kind?: unknown }).kind)}"`,
  );
}

/**
 * Opens a store: connects, applies pending migrations (safe when several processes open at
 * once) and returns the repositories, transactions and change feed.
 *
 * @example
 * ```ts
 * const store = await openStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/portcullis' });
 * await store.transaction(async (tx) => {
 *   const zone = await tx.zones.create({ account_id, name: 'example.test' });
 *   await tx.auditLog.append({ actor, action: 'create', resource: { type: 'zone', id: zone.id }, account_id, zone_id: zone.id, details: {} });
 * });
 * ```
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const settings: StoreSettings = Object.freeze({
    now: options.now ?? (() => new Date()),
    maxSecurityEvents: positiveInteger(options.maxSecurityEvents, 100_000, 'maxSecurityEvents'),
    changeLogRetention: positiveInteger(options.changeLogRetention, 100_000, 'changeLogRetention'),
  });
  const dialect = await createAdapter(options);
  try {
    await migrate(dialect.db, dialect);
  } catch (error) {
    await dialect.destroy().catch(() => undefined);
    throw mapDriverError(dialect, error);
  }
  let closed = false;
  // Marks the async context of a `store.transaction` (or `store.snapshot`) callback. Using the store itself (not `tx`)
  // there would wait forever on SQLite's single connection and silently run outside the
  // transaction on PostgreSQL; both become a clear error instead.
  const insideTransaction = new AsyncLocalStorage<true>();
  const guard = (): void => {
    if (closed) throw new StoreError('STORE_CLOSED', 'the store is closed');
    if (insideTransaction.getStore() === true) {
      throw new StoreError(
        'STORE_INVALID_ARGUMENT',
        "inside store.transaction or store.snapshot use the repositories it passes (tx.…), not the store's",
      );
    }
  };
  const feed = new StoreChangeFeed(
    dialect,
    positiveInteger(options.pollIntervalMs, dialect.pollIntervalMs, 'pollIntervalMs'),
    guard,
  );
  try {
    feed.prime(await feed.version());
  } catch (error) {
    await dialect.destroy().catch(() => undefined);
    throw error;
  }
  const root = new RootExecutor(dialect, settings, (version) => feed.committed(version), guard);

  const store: Store = {
    kind: dialect.kind,
    ...repositories(root),
    changes: feed,
    async transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      return root.transaction(async (trx, notes, now) => {
        const executor = new TransactionExecutor(dialect, settings, trx, notes, now);
        try {
          return await insideTransaction.run(true, () => fn(repositories(executor)));
        } finally {
          executor.finish();
        }
      });
    },
    async snapshot<T>(fn: (view: StoreRepositories, version: number) => Promise<T>): Promise<T> {
      return root.snapshot(async (trx) => {
        const row = await trx
          .selectFrom('config_version')
          .select('version')
          .where('id', '=', 1)
          .executeTakeFirstOrThrow();
        const executor = new SnapshotExecutor(dialect, settings, trx);
        try {
          return await insideTransaction.run(true, () => fn(repositories(executor), Number(row.version)));
        } finally {
          executor.finish();
        }
      });
    },
    async ping() {
      guard();
      try {
        await sql`select 1`.execute(dialect.db);
      } catch (error) {
        throw new StoreError('STORE_UNAVAILABLE', 'the database does not answer', { cause: error });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await feed.close();
      await dialect.destroy();
    },
  };
  return Object.freeze(store);
}
