// PostgreSQL (pg) specifics: schema set-up, pool with search_path, NOTIFY in the transaction, a reconnecting LISTEN.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database as Schema } from '../schema.js';
import { StoreError } from '../errors.js';
import type { ChangeWatch, DialectAdapter, DriverErrorKind } from './dialect.js';

/** Options of {@link createPostgresAdapter}. */
export interface PostgresAdapterOptions {
  readonly url: string;
  readonly schema: string;
  readonly dropSchemaOnClose: boolean;
  readonly poolSize: number;
  readonly applicationName: string;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function pgCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Errors node-postgres raises without a SQLSTATE when the connection is lost or cannot be made. */
const CONNECTION_LOST =
  /connection terminated|timeout exceeded when trying to connect|connection ended|client has encountered a connection error/i;

function classify(error: unknown): DriverErrorKind {
  const code = pgCode(error);
  if (code === '' && error instanceof Error && CONNECTION_LOST.test(error.message)) return 'unavailable';
  if (code === '23505') return 'unique';
  if (code === '23503') return 'foreign_key';
  if (code.startsWith('08') || code === '57P01' || code === '57P03' || code.startsWith('E'))
    return 'unavailable';
  return 'other';
}

/** The NOTIFY channel of a schema: stores on different schemas of one database never hear each other. */
function channelFor(schema: string): string {
  return schema === 'public' ? 'portcullis_changes' : `portcullis_changes_${schema}`.slice(0, 63);
}

/** Connects, creates the schema when absent and returns the adapter. */
export async function createPostgresAdapter(options: PostgresAdapterOptions): Promise<DialectAdapter> {
  if (!SCHEMA_PATTERN.test(options.schema)) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid schema name "${options.schema}"`);
  }
  if (options.dropSchemaOnClose && options.schema === 'public') {
    throw new StoreError('STORE_INVALID_ARGUMENT', 'refusing to drop the public schema on close');
  }
  const connection: pg.ClientConfig = {
    connectionString: options.url,
    options: `-c search_path=${options.schema}`,
    connectionTimeoutMillis: 5000,
    application_name: options.applicationName,
  };
  const bootstrap = new pg.Client(connection);
  try {
    await bootstrap.connect();
    await bootstrap.query(`create schema if not exists ${quoteIdentifier(options.schema)}`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a duplicate, which is fine.
    if (pgCode(error) !== '23505' && pgCode(error) !== '42P06') {
      await bootstrap.end().catch(() => undefined);
      throw new StoreError('STORE_UNAVAILABLE', `postgresql did not answer: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  await bootstrap.end().catch(() => undefined);

  const pool = new pg.Pool({ ...connection, max: options.poolSize });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const channel = channelFor(options.schema);

  return {
    kind: 'postgres',
    db,
    pollIntervalMs: 5000,
    addSerial(builder, name) {
      return builder.addColumn(name, 'bigserial', (column) => column.primaryKey());
    },
    classify,
    snapshotTransaction() {
      return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only');
    },
    async lockMigrations(trx) {
      // Held until the migration transaction ends; one key per schema, so schemas migrate independently.
      await sql`select pg_advisory_xact_lock(hashtext(${`portcullis_migrations:${options.schema}`}))`.execute(
        trx,
      );
    },
    async announce(trx, version) {
      await sql`select pg_notify(${channel}, ${String(version)})`.execute(trx);
    },
    watch(onNotice, onError): ChangeWatch {
      return startListener(connection, channel, onNotice, onError);
    },
    async destroy() {
      await db.destroy();
      if (options.dropSchemaOnClose) {
        const client = new pg.Client(connection);
        try {
          await client.connect();
          await client.query(`drop schema if exists ${quoteIdentifier(options.schema)} cascade`);
        } finally {
          await client.end().catch(() => undefined);
        }
      }
    },
  };
}

/**
 * A dedicated LISTEN connection that reconnects with backoff. After each (re)connect `onNotice`
 * is called without a version, so the feed checks for commits it may have missed while away.
 */
function startListener(
  connection: pg.ClientConfig,
  channel: string,
  onNotice: (version?: number) => void,
  onError: (error: unknown) => void,
): ChangeWatch {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoff = 100;

  const scheduleReconnect = (): void => {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, backoff);
    retryTimer.unref();
    backoff = Math.min(backoff * 2, 5000);
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client(connection);
    next.on('notification', (message) => {
      if (message.channel !== channel) return;
      const version = Number(message.payload);
      onNotice(Number.isSafeInteger(version) ? version : undefined);
    });
    next.on('error', (error) => {
      onError(error);
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      scheduleReconnect();
    });
    next.on('end', () => {
      if (client === next) client = undefined;
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`listen ${quoteIdentifier(channel)}`);
    } catch (error) {
      onError(error);
      await next.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    backoff = 100;
    onNotice();
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      if (current !== undefined) await current.end().catch(() => undefined);
    },
  };
}
