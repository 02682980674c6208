// SQLite (better-sqlite3) specifics: file set-up, pragmas, BEGIN IMMEDIATE with async retry, error classes.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import type { DatabaseConnection, Driver, TransactionSettings } from 'kysely';
import type { Database as Schema } from '../schema.js';
import type { ChangeWatch, DialectAdapter, DriverErrorKind } from './dialect.js';

/** Options of {@link createSqliteAdapter}. */
export interface SqliteAdapterOptions {
  readonly file: string;
  readonly busyTimeoutMs: number;
}

/**
 * Wraps Kysely's SQLite driver so transactions start with BEGIN IMMEDIATE (the write lock is taken
 * up front, so two processes never deadlock upgrading read locks) and, when another process holds
 * the lock, waits for it asynchronously instead of blocking the event loop in SQLite's busy handler.
 */
class ImmediateDriver implements Driver {
  readonly #inner: Driver;
  readonly #busyTimeoutMs: number;

  constructor(inner: Driver, busyTimeoutMs: number) {
    this.#inner = inner;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // A read-only snapshot takes no write lock: a deferred transaction in WAL mode sees one
    // consistent state from its first read on, without blocking writers.
    if (settings.accessMode === 'read only') {
      await connection.executeQuery(CompiledQuery.raw('begin deferred'));
      return;
    }
    const deadline = Date.now() + this.#busyTimeoutMs;
    let pause = 2;
    for (;;) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(pause);
        pause = Math.min(pause * 2, 50);
      }
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #busyTimeoutMs: number;

  constructor(database: Database.Database, busyTimeoutMs: number) {
    super({ database });
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    return new ImmediateDriver(super.createDriver(), this.#busyTimeoutMs);
  }
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function isBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

/** Opens (creating when needed) the SQLite file and returns its adapter. */
export function createSqliteAdapter(options: SqliteAdapterOptions): DialectAdapter {
  const directory = dirname(options.file);
  if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: 0o700 });
  // The file holds sealed keys and token hashes: create it owner-only before SQLite opens it (an
  // empty file is a new database), so it is never readable by others, not even for a moment.
  // SQLite gives the -wal and -shm files the database file's permissions.
  if (!existsSync(options.file)) {
    try {
      closeSync(openSync(options.file, 'wx', 0o600));
    } catch (error) {
      // Another process created it between the check and the open: use theirs.
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    }
  }
  const database = new Database(options.file, { timeout: 50 });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(database, options.busyTimeoutMs) });

  return {
    kind: 'sqlite',
    db,
    pollIntervalMs: 250,
    addSerial(builder, name) {
      return builder.addColumn(name, 'integer', (column) => column.primaryKey().autoIncrement());
    },
    snapshotTransaction() {
      return db.transaction().setAccessMode('read only');
    },
    classify(error: unknown): DriverErrorKind {
      const code = sqliteCode(error);
      if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
      if (isBusy(error) || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR') return 'unavailable';
      return 'other';
    },
    // The migration transaction began with BEGIN IMMEDIATE: it already holds the database's write lock.
    async lockMigrations() {},
    // SQLite has no server to notify through: this process's listeners are told after commit, and
    // other processes on the same file see the new version when they poll.
    async announce() {},
    watch(): ChangeWatch {
      return { close: async () => {} };
    },
    async destroy() {
      await db.destroy();
    },
  };
}
