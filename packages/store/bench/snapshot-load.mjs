// Benchmark: time to read everything an edge snapshot needs at DESIGN.md's scale
// (10,000 hostnames, 100,000 client certificates, 1,000,000 revoked serials), on SQLite and PostgreSQL.
// Run after building the store: `npx tsc -b packages/store/tsconfig.json && node packages/store/bench/snapshot-load.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openStore } from '../dist/index.js';
import { seedPostgres, seedSqlite, seedStructure } from './seed.mjs';

/** Reads what an edge snapshot needs, in one consistent view; returns total and per-part ms. */
async function loadSnapshot(store) {
  const started = performance.now();
  const parts = {};
  const timed = async (name, fn) => {
    const t = performance.now();
    const value = await fn();
    parts[name] = Math.round(performance.now() - t);
    return value;
  };
  const count = (record) => Object.values(record).reduce((n, list) => n + list.length, 0);
  const sizes = await store.snapshot(async (view, version) => ({
    version,
    hosts: (await timed('hosts', () => view.hostnames.listEdgeCredentials())).length,
    associations: (await timed('associations', () => view.hostnameAssociations.listAll())).length,
    cas: (await timed('cas', () => view.certificateAuthorities.listAll())).length,
    uploaded: (await timed('uploaded', () => view.mtlsCertificates.listAll())).length,
    revoked: count(await timed('revoked', () => view.clientCertificates.revokedSerialsByCa())),
    crl: count(await timed('crl', () => view.mtlsCertificates.crlSerialsByCa())),
    rulesets: (await timed('rulesets', () => view.rulesets.listEntrypoints('http_request_firewall_custom')))
      .length,
  }));
  return { ms: Math.round(performance.now() - started), parts, ...sizes };
}

async function measure(label, store) {
  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push(await loadSnapshot(store));
  const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
  console.log(`${label}: snapshot read best of 3 = ${best.ms} ms`, JSON.stringify(best));
}

const directory = mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
try {
  const file = join(directory, 'bench.db');
  const store = await openStore({ kind: 'sqlite', file });
  const { zones } = await seedStructure(store);
  seedSqlite(file, zones);
  await measure('sqlite', store);
  await store.close();
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const url = process.env.PORTCULLIS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${randomBytes(4).toString('hex')}`;
let store;
try {
  store = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: true });
} catch (error) {
  console.log(`postgres: SKIPPED, PostgreSQL is absent (${error.message})`);
}
if (store !== undefined) {
  try {
    const { zones } = await seedStructure(store);
    await seedPostgres(url, schema, zones);
    await measure('postgres', store);
  } finally {
    await store.close();
  }
}
