// Runs the store conformance suite against the real PostgreSQL, one fresh schema per test.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { openStore } from './index.js';
import type { Store } from './index.js';
import { runStoreSuite } from './conformance.case.test.js';
import { waitFor } from './test-support/harness.js';

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

// Under CI (.ci/run starts PostgreSQL) the suite always runs, so an absent database fails loudly.
const available = (await answers()) || process.env['CI'] !== undefined;
if (!available) {
  console.warn(
    `PostgreSQL store suite SKIPPED: PostgreSQL is absent (nothing answers at ${url.replace(/\/\/[^@]*@/, '//')})`,
  );
}

describe.skipIf(!available)('postgres', () => {
  runStoreSuite('postgres', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const open: Store[] = [];
    return {
      async open(options = {}) {
        const store = await openStore({
          kind: 'postgres',
          url,
          schema,
          dropSchemaOnClose: false,
          poolSize: 4,
          ...options,
        });
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
      const { rowCount } = await client.query(
        'select 1 from information_schema.schemata where schema_name = $1',
        [schema],
      );
      expect(rowCount).toBe(0);
    } finally {
      await client.end();
    }
    await expect(
      openStore({ kind: 'postgres', url, schema: 'public', dropSchemaOnClose: true }),
    ).rejects.toMatchObject({
      code: 'STORE_INVALID_ARGUMENT',
    });
    await expect(openStore({ kind: 'postgres', url, schema: 'bad"name' })).rejects.toMatchObject({
      code: 'STORE_INVALID_ARGUMENT',
    });
  });

  test('NOTIFY reaches a store in another pool at once, and the listener reconnects after losing its connection', async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const writer = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: true });
    // No polling safety net within the test's time: what arrives comes through LISTEN.
    const reader = await openStore({ kind: 'postgres', url, schema, pollIntervalMs: 3_600_000 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const heard: number[] = [];
      reader.changes.subscribe((version) => heard.push(version));
      const listening = async (): Promise<number[]> => {
        const { rows } = await admin.query<{ pid: number }>(
          'select pid from pg_stat_activity where query ilike $1 and pid <> pg_backend_pid()',
          [`listen "portcullis_changes_${schema}"%`],
        );
        return rows.map((row) => row.pid);
      };
      await waitFor(async () => (await listening()).length === 1, 5000, 'the LISTEN connection');
      await writer.settings.set('first', '1');
      await waitFor(() => heard.includes(1), 5000, 'the notice of version 1');

      const [pid] = await listening();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await waitFor(async () => !(await listening()).includes(pid ?? -1), 5000, 'the old listener to go');
      await writer.settings.set('while-away', '2');
      // After reconnecting, the feed checks the version and reports what it missed.
      await waitFor(() => heard.includes(2), 10_000, 'the catch-up after reconnect');
      await waitFor(async () => (await listening()).length === 1, 5000, 'the new LISTEN connection');
      await writer.settings.set('after', '3');
      await waitFor(() => heard.includes(3), 5000, 'the notice of version 3');
    } finally {
      await admin.end();
      await reader.close();
      await writer.close();
    }
  });

  test('a store migrates its own schema even when another schema already has the migration tables', async () => {
    const first = `test_${randomBytes(6).toString('hex')}`;
    const second = `test_${randomBytes(6).toString('hex')}`;
    const a = await openStore({ kind: 'postgres', url, schema: first, dropSchemaOnClose: true });
    try {
      const b = await openStore({ kind: 'postgres', url, schema: second, dropSchemaOnClose: true });
      await b.settings.set('k', 'b');
      expect(await a.settings.get('k')).toBeUndefined();
      expect(await b.changes.version()).toBe(1);
      await b.close();
    } finally {
      await a.close();
    }
  });

  test("0003 adds security events' count to an existing schema; earlier events count 1", async () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const event = {
      occurred_at: '2026-01-01T00:00:00.000Z',
      ray_id: 'r',
      zone_id: null,
      host: 'a.example.test',
      method: 'GET',
      path: '/old',
      client_ip: '192.0.2.1',
      ruleset_id: null,
      rule_id: null,
      action: 'block',
      client_auth: {
        cert_presented: false,
        cert_verified: false,
        cert_revoked: false,
        cert_serial: '',
        cert_issuer_ski: '',
        cert_fingerprint_sha256: '',
      },
    };
    const first = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: false });
    await first.securityEvents.append([event]);
    await first.close();
    // Back to the schema of 0002, as a database written by an earlier build.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`alter table "${schema}".security_events drop column count`);
      await admin.query(`delete from "${schema}".schema_migrations where name = '0003-security-event-count'`);
      const store = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: true });
      try {
        await store.securityEvents.append([{ ...event, path: '/new', count: 42 }]);
        expect((await store.securityEvents.list()).items.map((e) => [e.path, e.count])).toEqual([
          ['/new', 42],
          ['/old', 1],
        ]);
        expect((await store.securityEvents.summary({ zone_id: 'z'.repeat(32) })).total).toBe(0);
      } finally {
        await store.close();
      }
    } finally {
      await admin.end();
    }
  });

  test('a store survives the server dropping its connections; failures on the way are STORE_UNAVAILABLE', async () => {
    const applicationName = `portcullis_test_${randomBytes(6).toString('hex')}`;
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const store = await openStore({
      kind: 'postgres',
      url,
      schema,
      dropSchemaOnClose: true,
      poolSize: 2,
      applicationName,
    });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await store.settings.set('k', 'v');
      const { rowCount } = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [applicationName],
      );
      expect(rowCount).toBeGreaterThan(0);
      const codes: string[] = [];
      await waitFor(
        async () => {
          try {
            return (await store.settings.get('k')) === 'v';
          } catch (error) {
            codes.push((error as { code?: string }).code ?? String(error));
            return false;
          }
        },
        10_000,
        'the store to reconnect',
      );
      expect(codes.every((code) => code === 'STORE_UNAVAILABLE')).toBe(true);
    } finally {
      await admin.end();
      await store.close();
    }
  });

  test('an unreachable server fails the open with STORE_UNAVAILABLE', async () => {
    await expect(
      openStore({
        kind: 'postgres',
        url: 'postgres://postgres@127.0.0.1:1/test',
        schema: 'test_unreachable',
      }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
