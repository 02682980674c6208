// Runs the store conformance suite against SQLite, one temporary database file per test.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openStore } from './index.js';
import type { Store } from './index.js';
import { runStoreSuite } from './conformance.case.test.js';

runStoreSuite('sqlite', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-store-'));
  const file = join(directory, 'data', 'portcullis.db');
  const open: Store[] = [];
  return {
    async open(options = {}) {
      const store = await openStore({ kind: 'sqlite', file, ...options });
      open.push(store);
      return store;
    },
    async destroy() {
      await Promise.all(open.map((store) => store.close()));
      await rm(directory, { recursive: true, force: true });
    },
  };
});

test('sqlite: the database file is created owner-only in WAL mode', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-store-'));
  try {
    const file = join(directory, 'nested', 'portcullis.db');
    const store = await openStore({ kind: 'sqlite', file });
    await store.settings.set('k', 'v');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(`${file}-wal`)).isFile()).toBe(true);
    // SQLite creates the -wal and -shm files with the database file's permissions.
    expect((await stat(`${file}-wal`)).mode & 0o777).toBe(0o600);
    await store.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('sqlite: an unusable path fails with a typed error', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-store-'));
  try {
    await expect(openStore({ kind: 'sqlite', file: directory })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    await expect(openStore({ kind: 'sqlite', file: '' })).rejects.toMatchObject({
      code: 'STORE_INVALID_ARGUMENT',
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('sqlite: a failing migration rolls back whole and fails the open with STORE_MIGRATION', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'portcullis-store-'));
  try {
    const file = join(directory, 'portcullis.db');
    const raw = new Database(file);
    // A stray table in the way of migration 0001's later steps (hostnames comes after accounts and zones).
    raw.exec('create table hostnames (x integer)');
    raw.close();
    await expect(openStore({ kind: 'sqlite', file })).rejects.toMatchObject({ code: 'STORE_MIGRATION' });
    const check = new Database(file);
    const tables = check
      .prepare("select name from sqlite_master where type = 'table' and name in ('accounts', 'zones')")
      .all();
    expect(tables).toEqual([]);
    check.exec('drop table hostnames');
    check.close();
    const store = await openStore({ kind: 'sqlite', file });
    expect(await store.changes.version()).toBe(0);
    await store.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
