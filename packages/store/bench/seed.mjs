// Seeds a store at DESIGN.md's scale (10,000 hostnames, 100,000 client certificates with 10% revoked,
// an uploaded CA whose CRL lists 1,000,000 serials): structure through the repositories, bulk rows by SQL.
// Shared by bench/snapshot-load.mjs and packages/cli/bench/revocation-latency.mjs.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';

export const ZONES = 100;
export const HOSTNAMES = 10_000;
export const CERTIFICATES = 100_000;
export const REVOKED_EVERY = 10;
export const CRL_SERIALS = 1_000_000;

/**
 * Creates the account, zones with CAs and one uploaded CA with its CRL through the public API.
 * `caPem` is stored as every CA's certificate (a real one lets an edge build trust stores).
 */
export async function seedStructure(store, { caPem = 'PEM', log = console.log } = {}) {
  const { account } = await store.accounts.ensureDefault({ name: 'Bench' });
  const zones = [];
  await store.transaction(async (tx) => {
    for (let i = 0; i < ZONES; i += 1) {
      const zone = await tx.zones.create({ account_id: account.id, name: `z${i}.bench.test` });
      const ca = await tx.certificateAuthorities.create({
        zone_id: zone.id,
        name: `ca ${i}`,
        certificate: caPem,
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
    certificates: caPem,
    issuer: 'CN=BYO',
    serial_number: '1',
    signature: 'SHA256WithRSA',
    ski: 'bb',
    expires_on: '2036-01-01T00:00:00.000Z',
  });
  const serials = Array.from({ length: CRL_SERIALS }, (_, i) =>
    i.toString(16).toUpperCase().padStart(10, '0'),
  );
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
  log(`${store.kind}: setCrl with ${CRL_SERIALS} serials took ${Math.round(performance.now() - started)} ms`);
  return { account, zones, byo };
}

function hostnameRow(i, zoneId, now, edge) {
  return [
    randomBytes(16).toString('hex'),
    zoneId,
    `h${i}.bench.test`,
    'http://127.0.0.1:9000',
    1,
    null,
    'optional',
    0,
    'managed',
    edge.certificate,
    edge.sealed,
    'CN=edge',
    String(i),
    'ff',
    '2036-01-01T00:00:00.000Z',
    now,
    now,
  ];
}

function certificateRow(i, zoneId, caId, now) {
  const status = i % REVOKED_EVERY === 0 ? 'revoked' : 'active';
  return [
    randomBytes(16).toString('hex'),
    zoneId,
    caId,
    'PEM-CERT',
    'CSR',
    'aa',
    String(i),
    i.toString(16).toUpperCase(),
    'SHA256WithECDSA',
    `d${i}`,
    '',
    '',
    '',
    '',
    '',
    now,
    '2036-01-01T00:00:00.000Z',
    'ff',
    3650,
    status,
    status === 'active' ? null : now,
    now,
  ];
}

const HOST_COLUMNS =
  'id, zone_id, hostname, origin, origin_tls_verify, origin_ca, mtls_mode, forward_client_certificate, edge_source, edge_certificate, edge_private_key_sealed, edge_issuer, edge_serial_number, edge_fingerprint_sha256, edge_expires_on, created_on, modified_on';
const CERT_COLUMNS =
  'id, zone_id, certificate_authority_id, certificate, csr, ski, serial_number, serial_hex, signature, common_name, organization, organizational_unit, country, state, location, issued_on, expires_on, fingerprint_sha256, validity_days, status, revoked_at, created_on';

/** Bulk rows into a SQLite file (hostnames with an association to their zone's CA, client certificates). */
export function seedSqlite(file, zones, { edgeCertificate = 'PEM-CERT', edgeSealed = 'sealed' } = {}) {
  const db = new Database(file);
  const now = new Date().toISOString();
  const edge = { certificate: edgeCertificate, sealed: edgeSealed };
  const host = db.prepare(
    `insert into hostnames (${HOST_COLUMNS}) values (${Array(17).fill('?').join(',')})`,
  );
  const cert = db.prepare(
    `insert into client_certificates (${CERT_COLUMNS}) values (${Array(22).fill('?').join(',')})`,
  );
  const assoc = db.prepare(
    'insert into hostname_associations (zone_id, hostname, ca_id, certificate_authority_id, mtls_certificate_id, created_on) values (?, ?, ?, ?, null, ?)',
  );
  db.transaction(() => {
    for (let i = 0; i < HOSTNAMES; i += 1) {
      const { zone, ca } = zones[i % ZONES];
      host.run(hostnameRow(i, zone.id, now, edge));
      assoc.run(zone.id, `h${i}.bench.test`, ca.id, ca.id, now);
    }
    for (let i = 0; i < CERTIFICATES; i += 1) {
      const { zone, ca } = zones[i % ZONES];
      cert.run(certificateRow(i, zone.id, ca.id, now));
    }
  })();
  db.close();
}

/** The same rows into a PostgreSQL schema. */
export async function seedPostgres(
  url,
  schema,
  zones,
  { edgeCertificate = 'PEM-CERT', edgeSealed = 'sealed' } = {},
) {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const now = new Date().toISOString();
  const zoneIds = zones.map((z) => z.zone.id);
  const caIds = zones.map((z) => z.ca.id);
  try {
    await client.query('begin');
    await client.query(
      `insert into hostnames (${HOST_COLUMNS}) select md5('h' || i), ($1::text[])[1 + i % ${ZONES}], 'h' || i || '.bench.test', 'http://127.0.0.1:9000', 1, null, 'optional', 0, 'managed', $3, $4, 'CN=edge', i::text, 'ff', '2036-01-01T00:00:00.000Z', $2, $2 from generate_series(0, ${HOSTNAMES - 1}) i`,
      [zoneIds, now, edgeCertificate, edgeSealed],
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
