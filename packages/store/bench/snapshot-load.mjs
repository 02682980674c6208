// Benchmark: time to read everything an edge snapshot needs at DESIGN.md's scale
// (10,000 hostnames, 100,000 client certificates, 1,000,000 revoked serials), on SQLite and PostgreSQL.
// Run after building the store: `npx tsc -b packages/store/tsconfig.json && node packages/store/bench/snapshot-load.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../dist/index.js';

const ZONES = 100;
const HOSTNAMES = 10_000;
const CERTIFICATES = 100_000;
const REVOKED_EVERY = 10;
const CRL_SERIALS = 1_000_000;

/** Creates accounts, zones with CAs and one uploaded CA through the public API. */
async function seedStructure(store) {
  const { account } = await store.accounts.ensureDefault({ name: 'Bench' });
  const zones = [];
  await store.transaction(async (tx) => {
    for (let i = 0; i < ZONES; i += 1) {
      const zone = await tx.zones.create({ account_id: account.id, name: `z${i}.bench.test` });
      const ca = await tx.certificateAuthorities.create({
        zone_id: zone.id,
        name: `ca ${i}`,
        certificate: 'PEM',
        private_key_sealed: 'sealed',
        ski: 'aa',
        serial: '01',
        expires_on: '2036-01-01T00:00:00.000Z',
      });
      zones.push({ zone, ca });
    }
  });
  const byo = await store.mtlsCertificates.create({
    account_id: account.id,
    name: 'byo',
    ca: true,
    certificates: 'PEM',
    issuer: 'CN=BYO',
    serial_number: '1',
    signature: 'SHA256WithRSA',
    ski: 'bb',
    expires_on: '2036-01-01T00:00:00.000Z',
  });
  const serials = Array.from({ length: CRL_SERIALS }, (_, i) => i.toString(16).toUpperCase().padStart(10, '0'));
  const started = performance.now();
  await store.mtlsCertificates.setCrl(account.id, byo.id, {
    source: 'upload',
    url: null,
    refresh_seconds: null,
    crl_pem: 'PEM',
    crl_number: '1',
    this_update: null,
    next_update: null,
    revoked_serials: serials,
    fetched_at: null,
  });
  console.log(`${store.kind}: setCrl with ${CRL_SERIALS} serials took ${Math.round(performance.now() - started)} ms`);
  return { zones, byo };
}

function hostnameRow(i, zoneId, now) {
  return [randomBytes(16).toString('hex'), zoneId, `h${i}.bench.test`, 'http://127.0.0.1:9000', 1, null, 'optional', 0,
    'managed', 'PEM-CERT', 'sealed', 'CN=edge', String(i), 'ff', '2036-01-01T00:00:00.000Z', now, now];
}

function certificateRow(i, zoneId, caId, now) {
  const status = i % REVOKED_EVERY === 0 ? 'revoked' : 'active';
  return [randomBytes(16).toString('hex'), zoneId, caId, 'PEM-CERT', 'CSR', 'aa', String(i), i.toString(16).toUpperCase(),
    'SHA256WithECDSA', `d${i}`, '', '', '', '', '', now, '2036-01-01T00:00:00.000Z', 'ff', 3650, status,
    status === 'active' ? null : now, now];
}

const HOST_COLUMNS = 'id, zone_id, hostname, origin, origin_tls_verify, origin_ca, mtls_mode, forward_client_certificate, edge_source, edge_certificate, edge_private_key_sealed, edge_issuer, edge_serial_number, edge_fingerprint_sha256, edge_expires_on, created_on, modified_on';
const CERT_COLUMNS = 'id, zone_id, certificate_authority_id, certificate, csr, ski, serial_number, serial_hex, signature, common_name, organization, organizational_unit, country, state, location, issued_on, expires_on, fingerprint_sha256, validity_days, status, revoked_at, created_on';

function seedSqlite(file, zones) {
  const db = new Database(file);
  const now = new Date().toISOString();
  const host = db.prepare(`insert into hostnames (${HOST_COLUMNS}) values (${Array(17).fill('?').join(',')})`);
  const cert = db.prepare(`insert into client_certificates (${CERT_COLUMNS}) values (${Array(22).fill('?').join(',')})`);
  const assoc = db.prepare('insert into hostname_associations (zone_id, hostname, ca_id, certificate_authority_id, mtls_certificate_id, created_on) values (?, ?, ?, ?, null, ?)');
  db.transaction(() => {
    for (let i = 0; i < HOSTNAMES; i += 1) {
      const { zone, ca } = zones[i % ZONES];
      host.run(hostnameRow(i, zone.id, now));
      assoc.run(zone.id, `h${i}.bench.test`, ca.id, ca.id, now);
    }
    for (let i = 0; i < CERTIFICATES; i += 1) {
      const { zone, ca } = zones[i % ZONES];
      cert.run(certificateRow(i, zone.id, ca.id, now));
    }
  })();
  db.close();
}

async function seedPostgres(url, schema, zones) {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const now = new Date().toISOString();
  const zoneIds = zones.map((z) => z.zone.id);
  const caIds = zones.map((z) => z.ca.id);
  try {
    await client.query('begin');
    await client.query(
      `insert into hostnames (${HOST_COLUMNS}) select md5('h' || i), ($1::text[])[1 + i % ${ZONES}], 'h' || i || '.bench.test', 'http://127.0.0.1:9000', 1, null, 'optional', 0, 'managed', 'PEM-CERT', 'sealed', 'CN=edge', i::text, 'ff', '2036-01-01T00:00:00.000Z', $2, $2 from generate_series(0, ${HOSTNAMES - 1}) i`,
      [zoneIds, now],
    );
    await client.query(
      `insert into hostname_associations (zone_id, hostname, ca_id, certificate_authority_id, mtls_certificate_id, created_on) select ($1::text[])[1 + i % ${ZONES}], 'h' || i || '.bench.test', ($2::text[])[1 + i % ${ZONES}], ($2::text[])[1 + i % ${ZONES}], null, $3 from generate_series(0, ${HOSTNAMES - 1}) i`,
      [zoneIds, caIds, now],
    );
    await client.query(
      `insert into client_certificates (${CERT_COLUMNS}) select md5('c' || i), ($1::text[])[1 + i % ${ZONES}], ($2::text[])[1 + i % ${ZONES}], 'PEM-CERT', 'CSR', 'aa', i::text, upper(to_hex(i)), 'SHA256WithECDSA', 'd' || i, '', '', '', '', '', $3, '2036-01-01T00:00:00.000Z', 'ff', 3650, case when i % ${REVOKED_EVERY} = 0 then 'revoked' else 'active' end, case when i % ${REVOKED_EVERY} = 0 then $3 end, $3 from generate_series(0, ${CERTIFICATES - 1}) i`,
      [zoneIds, caIds, now],
    );
    await client.query('commit');
    await client.query('analyze');
  } finally {
    await client.end();
  }
}


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
    rulesets: (await timed('rulesets', () => view.rulesets.listEntrypoints('http_request_firewall_custom'))).length,
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
