// Where repositories run their queries: reads on the pool or the open transaction, writes in a transaction that records changes.
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { DialectAdapter } from './dialects/dialect.js';
import { StoreError, isStoreError } from './errors.js';
import type { Database } from './schema.js';
import type { ChangeKind } from './types.js';

/** A change noted by a repository during a write; written to the change log at commit. */
export interface ChangeNote {
  readonly kind: ChangeKind;
  readonly id: string;
  readonly zone_id: string | null;
  readonly op: 'upsert' | 'delete';
}

/** Frozen runtime settings shared by every repository of a store. */
export interface StoreSettings {
  readonly now: () => Date;
  readonly maxSecurityEvents: number;
  readonly changeLogRetention: number;
}

/** What a write sees: the transaction, the time of the write and a way to note changes. */
export interface WriteScope {
  readonly trx: Transaction<Database>;
  /** The write's timestamp (RFC 3339), one value for the whole write. */
  readonly now: string;
  change(kind: ChangeKind, id: string, zoneId: string | null, op?: 'upsert' | 'delete'): void;
}

/** The query runner a repository is bound to. */
export interface Executor {
  readonly dialect: DialectAdapter;
  readonly settings: StoreSettings;
  /** Runs a read on the pool, or inside the open transaction. */
  read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Runs a write atomically: its own transaction, or a savepoint of the open one. */
  write<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T>;
}

/** Turns a driver error into a typed StoreError where it has a meaning callers act on. */
export function mapDriverError(dialect: DialectAdapter, error: unknown): unknown {
  if (isStoreError(error)) return error;
  switch (dialect.classify(error)) {
    case 'unique':
      return new StoreError('STORE_CONFLICT', 'a row with the same unique value already exists', {
        cause: error,
      });
    case 'foreign_key':
      return new StoreError('STORE_CONFLICT', 'a referenced row is missing or the row is still referenced', {
        cause: error,
      });
    case 'unavailable':
      return new StoreError('STORE_UNAVAILABLE', 'the database is unavailable', { cause: error });
    default:
      return error;
  }
}

const CHANGE_CHUNK = 500;

/**
 * Writes the noted changes of a committing transaction under a new version. The version counter
 * row is updated first and stays locked until commit, so writers serialise on it and versions
 * become visible in order: a reader that sees version N has every change up to N.
 */
export async function flushChanges(
  trx: Transaction<Database>,
  dialect: DialectAdapter,
  settings: StoreSettings,
  notes: readonly ChangeNote[],
  at: string,
): Promise<number | undefined> {
  if (notes.length === 0) return undefined;
  const row = await trx
    .updateTable('config_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  const version = Number(row.version);
  const unique = new Map<string, ChangeNote>();
  for (const note of notes) unique.set(`${note.kind}\u0000${note.id}\u0000${note.zone_id ?? ''}`, note);
  const rows = [...unique.values()].map((note) => ({
    version,
    kind: note.kind,
    entity_id: note.id,
    zone_id: note.zone_id,
    op: note.op,
    at,
  }));
  for (let start = 0; start < rows.length; start += CHANGE_CHUNK) {
    await trx
      .insertInto('change_log')
      .values(rows.slice(start, start + CHANGE_CHUNK))
      .execute();
  }
  if (version % 64 === 0) {
    const newest = await trx
      .selectFrom('change_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const cut = Number(newest?.seq ?? 0) - settings.changeLogRetention;
    if (cut > 0) await trx.deleteFrom('change_log').where('seq', '<=', cut).execute();
  }
  await dialect.announce(trx, version);
  return version;
}

class Scope implements WriteScope {
  readonly trx: Transaction<Database>;
  readonly now: string;
  readonly notes: ChangeNote[];

  constructor(trx: Transaction<Database>, now: string, notes: ChangeNote[]) {
    this.trx = trx;
    this.now = now;
    this.notes = notes;
  }

  /** An arrow property, so repositories may destructure it from the scope. */
  readonly change = (
    kind: ChangeKind,
    id: string,
    zoneId: string | null,
    op: 'upsert' | 'delete' = 'upsert',
  ): void => {
    this.notes.push({ kind, id, zone_id: zoneId, op });
  };
}

/** Runs statements directly on the pool; each write is its own transaction. */
export class RootExecutor implements Executor {
  readonly dialect: DialectAdapter;
  readonly settings: StoreSettings;
  readonly #onCommit: (version: number) => void;
  readonly #guard: () => void;

  constructor(
    dialect: DialectAdapter,
    settings: StoreSettings,
    onCommit: (version: number) => void,
    guard: () => void,
  ) {
    this.dialect = dialect;
    this.settings = settings;
    this.#onCommit = onCommit;
    this.#guard = guard;
  }

  async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return await fn(this.dialect.db);
    } catch (error) {
      throw mapDriverError(this.dialect, error);
    }
  }

  async write<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    return this.transaction((trx, notes, now) => fn(new Scope(trx, now, notes)));
  }

  /** Runs `fn` in a transaction, flushes its noted changes before commit and announces them after. */
  async transaction<T>(
    fn: (trx: Transaction<Database>, notes: ChangeNote[], now: string) => Promise<T>,
  ): Promise<T> {
    this.#assertOpen();
    let version: number | undefined;
    let result: T;
    try {
      result = await this.dialect.db.transaction().execute(async (trx) => {
        const notes: ChangeNote[] = [];
        const now = this.settings.now().toISOString();
        const value = await fn(trx, notes, now);
        version = await flushChanges(
          trx,
          this.dialect,
          this.settings,
          notes,
          this.settings.now().toISOString(),
        );
        return value;
      });
    } catch (error) {
      throw mapDriverError(this.dialect, error);
    }
    if (version !== undefined) this.#onCommit(version);
    return result;
  }

  /** Runs `fn` in a read-only transaction that sees one consistent committed state. */
  async snapshot<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    this.#assertOpen();
    try {
      return await this.dialect.snapshotTransaction().execute(fn);
    } catch (error) {
      throw mapDriverError(this.dialect, error);
    }
  }

  /** Throws when the store is closed, or when called from inside one of its transactions. */
  #assertOpen(): void {
    this.#guard();
  }
}

/** The executor of a read snapshot: reads see one state; writes are refused. */
export class SnapshotExecutor implements Executor {
  readonly dialect: DialectAdapter;
  readonly settings: StoreSettings;
  readonly #trx: Transaction<Database>;
  #done = false;

  constructor(dialect: DialectAdapter, settings: StoreSettings, trx: Transaction<Database>) {
    this.dialect = dialect;
    this.settings = settings;
    this.#trx = trx;
  }

  finish(): void {
    this.#done = true;
  }

  async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.#done) throw new StoreError('STORE_CLOSED', 'the snapshot has already ended');
    try {
      return await fn(this.#trx);
    } catch (error) {
      throw mapDriverError(this.dialect, error);
    }
  }

  write<T>(_fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    return Promise.reject(new StoreError('STORE_INVALID_ARGUMENT', 'a read snapshot cannot write'));
  }
}

/**
 * Runs statements inside an open transaction. Each write is wrapped in a savepoint, so a write
 * that fails leaves the transaction as it was (and usable) on both dialects; writes are
 * serialised because savepoints nest by order.
 */
export class TransactionExecutor implements Executor {
  readonly dialect: DialectAdapter;
  readonly settings: StoreSettings;
  readonly #trx: Transaction<Database>;
  readonly #notes: ChangeNote[];
  readonly #now: string;
  #savepoints = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #done = false;

  constructor(
    dialect: DialectAdapter,
    settings: StoreSettings,
    trx: Transaction<Database>,
    notes: ChangeNote[],
    now: string,
  ) {
    this.dialect = dialect;
    this.settings = settings;
    this.#trx = trx;
    this.#notes = notes;
    this.#now = now;
  }

  /** Marks the transaction finished: later use of its repositories fails instead of running outside it. */
  finish(): void {
    this.#done = true;
  }

  async read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    this.#assertActive();
    try {
      return await fn(this.#trx);
    } catch (error) {
      throw mapDriverError(this.dialect, error);
    }
  }

  write<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    this.#assertActive();
    const run = this.#queue.then(() => this.#writeNow(fn));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #writeNow<T>(fn: (scope: WriteScope) => Promise<T>): Promise<T> {
    this.#assertActive();
    const name = `portcullis_sp_${++this.#savepoints}`;
    const mark = this.#notes.length;
    await sql.raw(`savepoint ${name}`).execute(this.#trx);
    try {
      const result = await fn(new Scope(this.#trx, this.#now, this.#notes));
      await sql.raw(`release savepoint ${name}`).execute(this.#trx);
      return result;
    } catch (error) {
      this.#notes.length = mark;
      await sql
        .raw(`rollback to savepoint ${name}`)
        .execute(this.#trx)
        .catch(() => undefined);
      throw mapDriverError(this.dialect, error);
    }
  }

  #assertActive(): void {
    if (this.#done) throw new StoreError('STORE_CLOSED', 'the transaction has already ended');
  }
}
