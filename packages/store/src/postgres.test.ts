// Runs the store conformance suite against the real PostgreSQL, one fresh schema per test.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { openStore } from './index.js';
import type { Store } from './index.js';
import { runStoreSuite } from './conformance.case.test.js';

const url = process.env['PORTCULLIS_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function answers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await answers();
if (!available) {
  console.warn(`PostgreSQL store suite SKIPPED: PostgreSQL is absent (nothing answers at ${url.replace(/\/\/[^@]*@/, '//')})`);
}

describe.skipIf(!available)('postgres', () => {
  runStoreSuite('postgres', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const open: Store[] = [];
    return {
      async open(options = {}) {
        const store = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: false, poolSize: 4, ...options });
        open.push(store);
        return store;
      },
      async destroy() {
        await Promise.all(open.map((store) => store.close()));
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      },
    };
  });

  test('dropSchemaOnClose removes the schema, and the public schema is never dropped', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const store = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: true });
    await store.settings.set('k', 'v');
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rowCount } = await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema]);
      expect(rowCount).toBe(0);
    } finally {
      await client.end();
    }
    await expect(openStore({ kind: 'postgres', url, schema: 'public', dropSchemaOnClose: true })).rejects.toMatchObject({
      code: 'STORE_INVALID_ARGUMENT',
    });
    await expect(openStore({ kind: 'postgres', url, schema: 'bad"name' })).rejects.toMatchObject({ code: 'STORE_INVALID_ARGUMENT' });
  });

  test('an unreachable server fails the open with STORE_UNAVAILABLE', async () => {
    await expect(
      openStore({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/test', schema: 'test_unreachable' }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
