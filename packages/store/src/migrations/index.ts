// The ordered list of numbered migrations and the runner that applies the pending ones at open.
import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectAdapter } from '../dialects/dialect.js';
import { StoreError } from '../errors.js';
import type { Database } from '../schema.js';
import * as m0001 from './0001-initial.js';

type Step = { up(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> };

/** Every migration, by its number. Append only; never edit a released one. */
const MIGRATIONS: ReadonlyArray<readonly [string, Step]> = [['0001-initial', m0001]];

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
 * Applies the pending migrations in one locked run (Kysely's migrator serialises concurrent
 * openers on a lock table); a failed migration rolls back and fails the open.
 */
export async function migrate(db: Kysely<Database>, dialect: DialectAdapter): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(dialect),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(dialect.schema === undefined ? {} : { migrationTableSchema: dialect.schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError('STORE_MIGRATION', `migration ${failed} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
