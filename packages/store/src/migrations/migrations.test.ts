// Tests of migrations that move data: a store built at 0001 with CRL entries opens at the latest schema intact.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { expect, test } from 'vitest';
import { createSqliteAdapter } from '../dialects/sqlite.js';
import { openStore } from '../open-store.js';
import { migrate } from './index.js';

test('0002 packs existing CRL entries into one column and keeps them readable', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-migrate-'));
  try {
    const file = join(directory, 'old.db');
    const adapter = createSqliteAdapter({ file, busyTimeoutMs: 1000 });
    await migrate(adapter.db, adapter, '0001-initial');
    const db = adapter.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const now = '2026-01-01T00:00:00.000Z';
    const id = 'b'.repeat(32);
    await db
      .insertInto('accounts')
      .values({ id: 'a'.repeat(32), name: 'A', type: 'standard', created_on: now })
      .execute();
    await db
      .insertInto('mtls_certificates')
      .values({
        id,
        account_id: 'a'.repeat(32),
        name: 'old',
        ca: 1,
        certificates: 'PEM',
        issuer: 'CN=x',
        serial_number: '1',
        signature: 'S',
        ski: 'aa',
        type: 'custom',
        expires_on: now,
        uploaded_on: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('mtls_crls')
      .values({
        mtls_certificate_id: id,
        source: 'upload',
        url: null,
        refresh_seconds: null,
        crl_pem: 'PEM',
        crl_number: '1',
        this_update: null,
        next_update: null,
        entries: 3,
        last_fetched_at: null,
        last_error: null,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('mtls_crl_entries')
      .values(['0C', '0A', '0B'].map((serial_hex) => ({ mtls_certificate_id: id, serial_hex })))
      .execute();
    await adapter.destroy();

    const store = await openStore({ kind: 'sqlite', file });
    expect(await store.mtlsCertificates.crlSerials(id)).toEqual(['0A', '0B', '0C']);
    expect((await store.mtlsCertificates.getCrl('a'.repeat(32), id))?.entries).toBe(3);
    await store.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('a database migrated by a newer build is refused with STORE_MIGRATION, not damaged', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-migrate-'));
  try {
    const file = join(directory, 'newer.db');
    const store = await openStore({ kind: 'sqlite', file });
    await store.settings.set('kept', 'yes');
    await store.close();
    const adapter = createSqliteAdapter({ file, busyTimeoutMs: 1000 });
    const db = adapter.db as unknown as Kysely<{ schema_migrations: { name: string; timestamp: string } }>;
    await db
      .insertInto('schema_migrations')
      .values({ name: '9999-from-the-future', timestamp: 'x' })
      .execute();
    await adapter.destroy();
    await expect(openStore({ kind: 'sqlite', file })).rejects.toMatchObject({
      code: 'STORE_MIGRATION',
      message: expect.stringContaining('9999-from-the-future'),
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('0003 gives existing security events a count of 1, and new ones keep theirs', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-migrate-'));
  try {
    const file = join(directory, 'events.db');
    const adapter = createSqliteAdapter({ file, busyTimeoutMs: 1000 });
    await migrate(adapter.db, adapter, '0002-packed-crl-serials');
    const db = adapter.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await db
      .insertInto('security_events')
      .values({
        id: 'e'.repeat(32),
        occurred_at: '2026-01-01T00:00:00.000Z',
        ray_id: 'old',
        zone_id: null,
        host: 'a.example.test',
        method: 'GET',
        path: '/old',
        client_ip: '192.0.2.1',
        ruleset_id: null,
        rule_id: null,
        action: 'block',
        cert_presented: 0,
        cert_verified: 0,
        cert_revoked: 0,
        cert_serial: '',
        cert_issuer_ski: '',
        cert_fingerprint_sha256: '',
      })
      .execute();
    await adapter.destroy();

    const store = await openStore({ kind: 'sqlite', file });
    const [event] = await store.securityEvents.append([
      {
        occurred_at: '2026-01-01T00:00:01.000Z',
        ray_id: 'new',
        zone_id: null,
        host: 'a.example.test',
        method: 'GET',
        path: '/new',
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
        count: 7,
      },
    ]);
    expect(event?.count).toBe(7);
    expect((await store.securityEvents.list()).items.map((e) => [e.path, e.count])).toEqual([
      ['/new', 7],
      ['/old', 1],
    ]);
    await store.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
