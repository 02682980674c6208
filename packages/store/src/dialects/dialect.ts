// What differs between SQLite and PostgreSQL, as one small interface the rest of the store uses.
import type { CreateTableBuilder, Kysely, Transaction, TransactionBuilder } from 'kysely';
import type { Database } from '../schema.js';

/** How a driver error is classified, so repositories can raise typed errors. */
export type DriverErrorKind = 'unique' | 'foreign_key' | 'unavailable' | 'other';

/** A live subscription to cross-process change notices. */
export interface ChangeWatch {
  close(): Promise<void>;
}

/** The dialect-specific half of a store. */
export interface DialectAdapter {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** Adds an auto-incrementing integer primary key named `name`. */
  addSerial<T extends string, C extends string>(
    builder: CreateTableBuilder<T, C>,
    name: string,
  ): CreateTableBuilder<T, C>;
  classify(error: unknown): DriverErrorKind;
  /** A read-only transaction in which every statement sees the same committed state. */
  snapshotTransaction(): TransactionBuilder<Database>;
  /** Inside the migration transaction: waits until no other process is migrating this database. */
  lockMigrations(trx: Transaction<Database>): Promise<void>;
  /** Inside the committing transaction: tells other processes about `version` (delivered after commit). */
  announce(trx: Transaction<Database>, version: number): Promise<void>;
  /**
   * Starts watching for other processes' commits: `onNotice(version?)` is called on a
   * notification (with its version when known) and after every reconnect.
   */
  watch(onNotice: (version?: number) => void, onError: (error: unknown) => void): ChangeWatch;
  /** The default poll interval while subscribed, in ms. */
  readonly pollIntervalMs: number;
  /** Closes connections (and drops a test schema when asked). */
  destroy(): Promise<void>;
}
