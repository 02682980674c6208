// The ordered list of numbered migrations and the runner that applies the pending ones at open.
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';
import { StoreError } from '../errors.js';
import type { Database } from '../schema.js';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-packed-crl-serials.js';

type Step = { up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> };

/** Every migration, by its number. Append only; never edit a released one. */
const MIGRATIONS: ReadonlyArray<readonly [string, Step]> = [
  ['0001-initial', m0001],
  ['0002-packed-crl-serials', m0002],
];

/** The number of the newest migration (the schema version a fresh store has). */
export const SCHEMA_VERSION = MIGRATIONS.length;

class InCodeProvider implements MigrationProvider {
  readonly #dialect: DialectAdapter;

  constructor(dialect: DialectAdapter) {
    this.#dialect = dialect;
  }

  getMigrations(): Promise<Record<string, Migration>> {
    const dialect = this.#dialect;
    return Promise.resolve(
      Object.fromEntries(MIGRATIONS.map(([name, step]) => [name, { up: (db: Kysely<unknown>) => step.up(db, dialect) }])),
    );
  }
}

/**
 * Applies the pending migrations (up to `target`, for tests of a later migration) in one locked run (Kysely's migrator serialises concurrent
 * openers on a lock table); a failed migration rolls back and fails the open.
 */
export async function migrate(db: Kysely<Database>, dialect: DialectAdapter, target?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(dialect.schema === undefined ? {} : { migrationTableSchema: dialect.schema }),
  });
  const { error, results } = target === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError('STORE_MIGRATION', `migration ${failed} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
