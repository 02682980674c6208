// Benchmark: how long a revocation takes to reach the edge at DESIGN.md's scale (10,000 hostnames,
// 100,000 client certificates, 1,000,000 revoked serials), wired as `portcullis serve` wires it:
// the store's change feed → RebuildingSnapshotSource → EdgeConfig → a real edge's snapshot.
// Also times a change the edge does not care about (a setting written) and one hostname changed.
// Run after `npm run build`: node packages/cli/bench/revocation-latency.mjs
// PostgreSQL runs too when PORTCULLIS_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test) answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createEdge } from '@portcullis/edge';
import { createCa } from '@portcullis/pki';
import { openStore } from '@portcullis/store';
import { seedPostgres, seedSqlite, seedStructure } from '../../store/bench/seed.mjs';
import { RebuildingSnapshotSource } from '../dist/serve/rebuilding-snapshot-source.js';
import * as mapping from '../dist/serve/edge-config-from-store.js';
import { IncrementalEdgeInputs } from '../dist/serve/incremental-edge-inputs.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// --full: read everything on every change (what serve did before IncrementalEdgeInputs), for comparison.
const MODE = process.argv.includes('--full') ? 'full' : 'serve';

const ca = await createCa({ commonName: 'Bench CA' });
const edgeCertificate = ca.certificatePem; // never parsed: with 10,000 hosts the edge creates TLS servers lazily

/** The inputs `portcullis serve` gives RebuildingSnapshotSource (see run-gateway.ts), timing each build. */
function serveInputs(store, builds) {
  const openKey = (sealed) => sealed; // the bench stores plain text; run-gateway opens envelopes (cached by sealed text)
  const options = { openKey, warn: () => undefined };
  const reader = MODE === 'serve' ? new IncrementalEdgeInputs(store) : undefined;
  return {
    build: async () => {
      const started = performance.now();
      const inputs = reader === undefined ? await mapping.readEdgeInputs(store) : await reader.read();
      const read = performance.now();
      const config = mapping.buildEdgeConfig(inputs, options);
      builds.push({
        read: read - started,
        map: performance.now() - read,
        kind: reader?.lastReadKind() ?? 'full',
      });
      return config;
    },
    version: () => store.changes.version(),
    subscribe: (listener) => store.changes.subscribe(() => listener()),
    versionOf: (config) => config.version,
  };
}

function edgeLogger(edgeBuilds) {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (!line.includes('snapshot built')) continue;
        try {
          edgeBuilds.push(JSON.parse(line).ms);
        } catch {
          // not JSON
        }
      }
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

async function until(check, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const ms = (value) => `${Math.round(value)} ms`;

async function measure(label, store, zones) {
  const builds = [];
  const edgeBuilds = [];
  const started = performance.now();
  const source = new RebuildingSnapshotSource(serveInputs(store, builds), { pollIntervalMs: 5_000 });
  await source.start();
  const edge = createEdge({ listen: { host: '127.0.0.1', port: 0 }, source, logger: edgeLogger(edgeBuilds) });
  await edge.start();
  console.log(
    `${label} [${MODE}]: first configuration + edge snapshot ${ms(performance.now() - started)} (read ${ms(builds[0].read)}, map ${ms(builds[0].map)}, edge ${edgeBuilds[0]} ms; ${edge.snapshot().hosts.size} hosts served)`,
  );
  try {
    const revocations = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const { zone, ca: zoneCa } = zones[(round * 37 + 1) % zones.length]; // zones 0, 10, 20… hold only revoked certificates;
      const page = await store.clientCertificates.list(zone.id, {
        status: 'active',
        per_page: 1,
        page: 1 + round,
      });
      const certificate = page.items[0];
      const serialHex = BigInt(certificate.serial_number).toString(16).toUpperCase();
      if (edge.snapshot().isRevoked(zoneCa.id, [serialHex])) throw new Error('already revoked');
      const buildsBefore = builds.length;
      const edgeBefore = edgeBuilds.length;
      const t0 = performance.now();
      await store.clientCertificates.revoke(zone.id, certificate.id);
      const committed = performance.now();
      const inConfig = await until(() =>
        (source.current().revokedSerials[zoneCa.id] ?? []).includes(serialHex),
      );
      const atEdge = await until(() => edge.snapshot().isRevoked(zoneCa.id, [serialHex]));
      await until(() => edgeBuilds.length > edgeBefore);
      const build = builds[buildsBefore];
      revocations.push({
        commit: committed - t0,
        config: inConfig - t0,
        edge: atEdge - t0,
        read: build?.read ?? NaN,
        map: build?.map ?? NaN,
        edgeBuild: edgeBuilds[edgeBefore],
      });
    }
    const unrelated = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const buildsBefore = builds.length;
      const t0 = performance.now();
      await store.settings.set('bench.unrelated', String(round));
      const version = await store.changes.version();
      const done = await until(
        () => Number(source.current().version) >= version && builds.length > buildsBefore,
      );
      unrelated.push({ total: done - t0, read: builds[buildsBefore].read, map: builds[buildsBefore].map });
    }
    const hostChanges = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const { zone } = zones[round % zones.length];
      const host = (await store.hostnames.list(zone.id, { per_page: 1 })).items[0];
      const buildsBefore = builds.length;
      const edgeBefore = edgeBuilds.length;
      const t0 = performance.now();
      await store.hostnames.update(zone.id, host.id, { origin: `http://127.0.0.1:${9001 + round}` });
      const version = await store.changes.version();
      const done = await until(
        () => Number(edge.snapshot().version) >= version && edgeBuilds.length > edgeBefore,
      );
      hostChanges.push({
        total: done - t0,
        read: builds[buildsBefore].read,
        map: builds[buildsBefore].map,
        edgeBuild: edgeBuilds[edgeBefore],
      });
    }
    const column = (rows, key) => ms(median(rows.map((row) => row[key])));
    console.log(
      `${label} [${MODE}]: revocation → edge snapshot, median of ${ROUNDS}: ${column(revocations, 'edge')} ` +
        `(commit ${column(revocations, 'commit')}, in EdgeConfig ${column(revocations, 'config')}; read ${column(revocations, 'read')}, map ${column(revocations, 'map')}, edge build ${column(revocations, 'edgeBuild')}); ` +
        `all: ${revocations.map((row) => Math.round(row.edge)).join(', ')} ms`,
    );
    console.log(
      `${label} [${MODE}]: unrelated change (a setting) → configuration rebuilt, median of ${ROUNDS}: ${column(unrelated, 'total')} ` +
        `(read ${column(unrelated, 'read')}, map ${column(unrelated, 'map')})`,
    );
    console.log(
      `${label} [${MODE}]: one hostname's origin changed → edge snapshot, median of ${ROUNDS}: ${column(hostChanges, 'total')} ` +
        `(read ${column(hostChanges, 'read')}, map ${column(hostChanges, 'map')}, edge build ${column(hostChanges, 'edgeBuild')})`,
    );
    const kinds = {};
    for (const build of builds) kinds[build.kind] = (kinds[build.kind] ?? 0) + 1;
    console.log(`${label} [${MODE}]: reads by kind ${JSON.stringify(kinds)}`);
  } finally {
    await edge.close();
    await source.close();
  }
}

const directory = mkdtempSync(join(tmpdir(), 'portcullis-revocation-bench-'));
try {
  const file = join(directory, 'bench.db');
  const store = await openStore({ kind: 'sqlite', file });
  try {
    const { zones } = await seedStructure(store, { caPem: ca.certificatePem });
    seedSqlite(file, zones, { edgeCertificate });
    await measure('sqlite', store, zones);
  } finally {
    await store.close();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const url = process.env.PORTCULLIS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${randomBytes(4).toString('hex')}`;
let pgStore;
try {
  pgStore = await openStore({ kind: 'postgres', url, schema, dropSchemaOnClose: true });
} catch (error) {
  console.log(`postgres: SKIPPED, PostgreSQL is absent (${error.message})`);
}
if (pgStore !== undefined) {
  try {
    const { zones } = await seedStructure(pgStore, { caPem: ca.certificatePem });
    await seedPostgres(url, schema, zones, { edgeCertificate });
    await measure('postgres', pgStore, zones);
  } finally {
    await pgStore.close();
  }
}
