// The store back-ends every API test runs against: SQLite in a temp file and PostgreSQL in a fresh schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '@portcullis/store';
import type { Store } from '@portcullis/store';

/** A way to open a fresh, empty store and to clean up after it. */
export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

/** PostgreSQL for tests: `PORTCULLIS_TEST_PG_URL` (CI sets it), else the local test database. */
export const pgUrl = process.env['PORTCULLIS_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Both back-ends; the same suites run against each. */
export const backends: readonly Backend[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'portcullis-api-'));
      const store = await openStore({ kind: 'sqlite', file: join(dir, 'portcullis.db') });
      return {
        store,
        cleanup: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = `api_test_${randomBytes(6).toString('hex')}`;
      await prepareSchema(schema);
      const store = await openStore({
        kind: 'postgres',
        url: pgUrl,
        schema,
        dropSchemaOnClose: true,
        poolSize: 4,
      });
      return { store, cleanup: () => store.close() };
    },
  },
];

/**
 * Creates the test schema with Kysely's migration tables already in it. Kysely's migrator
 * decides whether to create its tables by looking for that table name in *any* schema, so
 * while another test's schema exists it skips creating them and the migration fails (reported
 * to the store package: pass `migrationTableSchema`). Same DDL as Kysely's.
 */
async function prepareSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(`create schema "${schema}"`);
    await client.query(
      `create table "${schema}".schema_migrations (name varchar(255) not null primary key, timestamp varchar(255) not null)`,
    );
    await client.query(
      `create table "${schema}".schema_migrations_lock (id varchar(255) not null primary key, is_locked integer not null default 0)`,
    );
  } finally {
    await client.end();
  }
}
