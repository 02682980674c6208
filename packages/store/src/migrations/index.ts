// The ordered list of numbered migrations and the runner that applies the pending ones at open.
import type { Kysely, Transaction } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';
import { StoreError } from '../errors.js';
import type { Database } from '../schema.js';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-packed-crl-serials.js';
import * as m0003 from './0003-security-event-count.js';

type Step = { up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> };

/** Every migration, by its number. Append only; never edit a released one. */
const MIGRATIONS: ReadonlyArray<readonly [string, Step]> = [
  ['0001-initial', m0001],
  ['0002-packed-crl-serials', m0002],
  ['0003-security-event-count', m0003],
];

/** The bookkeeping table; its shape matches Kysely's migrator, which earlier builds used. */
interface MigrationTables {
  schema_migrations: { name: string; timestamp: string };
}

async function applyPending(
  trx: Transaction<MigrationTables>,
  dialect: DialectAdapter,
  target: string | undefined,
): Promise<void> {
  await dialect.lockMigrations(trx as unknown as Transaction<Database>);
  await trx.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
  const applied = new Set(
    (await trx.selectFrom('schema_migrations').select('name').execute()).map((row) => row.name),
  );
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const unknown = [...applied].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StoreError(
      'STORE_MIGRATION',
      `the database has migrations this build does not know (${unknown.join(', ')}): it was written by a newer Portcullis`,
    );
  }
  for (const [name, step] of MIGRATIONS) {
    if (!applied.has(name)) {
      try {
        await step.up(trx as unknown as Kysely<unknown>, dialect);
      } catch (error) {
        throw new StoreError('STORE_MIGRATION', `migration ${name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      await trx
        .insertInto('schema_migrations')
        .values({ name, timestamp: new Date().toISOString() })
        .execute();
    }
    if (name === target) return;
  }
}

/**
 * Applies the pending migrations (up to `target`, for tests of a later migration) in one
 * transaction: all of them or none. Concurrent openers wait for each other (PostgreSQL advisory
 * lock per schema; SQLite's write lock), and the second finds nothing left to do. The runner is our
 * own rather than Kysely's migrator, whose PostgreSQL introspection scans every schema of the
 * database and fails when another schema is dropped meanwhile.
 */
export async function migrate(db: Kysely<Database>, dialect: DialectAdapter, target?: string): Promise<void> {
  if (target !== undefined && !MIGRATIONS.some(([name]) => name === target)) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `unknown migration ${target}`);
  }
  try {
    await (db as unknown as Kysely<MigrationTables>)
      .transaction()
      .execute((trx) => applyPending(trx, dialect, target));
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('STORE_MIGRATION', `migrating the database failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
