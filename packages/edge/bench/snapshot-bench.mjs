// Measures snapshot builds at the scale DESIGN.md targets (10,000 hostnames, 1,000,000 revoked
// serials): the first build, a rebuild after one revocation, and a rebuild after one host change.
// Run after `npm run build`: node packages/edge/bench/snapshot-bench.mjs [hosts] [serials]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { createEdge, staticSource } from '@portcullis/edge';

const hostCount = Number(process.argv[2] ?? 10_000);
const serialCount = Number(process.argv[3] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'portcullis-snapshot-bench-'));
const run = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'ignore'] });
run([
  'req',
  '-x509',
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:P-256',
  '-nodes',
  '-keyout',
  join(dir, 's.key'),
  '-out',
  join(dir, 's.crt'),
  '-subj',
  '/CN=bench',
  '-days',
  '3',
]);
run([
  'req',
  '-x509',
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:P-256',
  '-nodes',
  '-keyout',
  join(dir, 'ca.key'),
  '-out',
  join(dir, 'ca.crt'),
  '-subj',
  '/CN=bench-ca',
  '-days',
  '3',
  '-addext',
  'basicConstraints=critical,CA:TRUE',
]);
const cert = readFileSync(join(dir, 's.crt'), 'utf8');
const key = readFileSync(join(dir, 's.key'), 'utf8');
const ca = readFileSync(join(dir, 'ca.crt'), 'utf8');
rmSync(dir, { recursive: true, force: true });

// Sorted, as `portcullis serve` hands them over.
const serials = Array.from({ length: serialCount }, () =>
  randomBytes(16).toString('hex').toUpperCase(),
).sort();
const hosts = Array.from({ length: hostCount }, (_, i) => ({
  hostname: `h${i}.bench.test`,
  zoneId: `z${i % 100}`,
  mtlsMode: 'optional',
  certificatePem: cert,
  privateKeyPem: key,
  trustedCas: [{ id: `ca${i % 100}`, certificatePem: ca }],
  originUrl: `http://127.0.0.1:${10000 + (i % 50)}`,
}));
const zones = Array.from({ length: 100 }, (_, i) => ({
  id: `z${i}`,
  name: `z${i}.test`,
  rules: [
    {
      id: `r${i}`,
      expression:
        '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
      action: 'block',
    },
  ],
}));
const config = (version, revoked, hostList = hosts) => ({
  version,
  hosts: hostList,
  zones,
  revokedSerials: { ca0: revoked },
});
const source = staticSource(config(1, serials));
const edge = createEdge({
  listen: { host: '127.0.0.1', port: 0 },
  source,
  logger: pino({ level: 'silent' }),
});

let t = performance.now();
await edge.start();
console.log(
  `first build + listen: ${(performance.now() - t).toFixed(0)} ms (${hostCount} hosts, ${serialCount} serials)`,
);
const waitVersion = async (v) => {
  while (edge.snapshot()?.version !== v) await new Promise((r) => setTimeout(r, 1));
};
const revokedOneMore = [...serials, 'ABCDEF'].sort();
t = performance.now();
source.set(config(2, revokedOneMore));
await waitVersion(2);
console.log(`rebuild after one revocation: ${(performance.now() - t).toFixed(0)} ms`);
const changedHosts = hosts.map((h, i) => (i === 0 ? { ...h, mtlsMode: 'off' } : h));
const sameRevocations = [...revokedOneMore];
t = performance.now();
source.set(config(3, sameRevocations, changedHosts));
await waitVersion(3);
console.log(`rebuild after one host change: ${(performance.now() - t).toFixed(0)} ms`);
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
await edge.close();
