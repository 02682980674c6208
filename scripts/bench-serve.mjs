#!/usr/bin/env node
// Starts the real `portcullis serve` for the shared bench harness (../shared/bench, "Pointing it at
// our project") and configures it only through the API: zone example.test, host api.example.test
// with the harness's server chain, its client-ca.crt uploaded as a CA and associated, one rule
// blocking unverified requests to /api*, origin http://127.0.0.1:18080. Stays up until Ctrl-C.
//
//   npm run build && bash ../shared/bench/setup.sh   # once
//   node scripts/bench-serve.mjs                     # then, in another shell:
//   bash ../shared/bench/run.sh 18450 portcullis
//
// Environment: BENCH_DIR (PKI in $BENCH_DIR/pki, default /tmp/mtlsbench), PORT (18450),
// ADMIN_PORT (18460), ORIGIN (http://127.0.0.1:18080), DATA (a fresh temporary directory),
// PORTCULLIS_LOG_LEVEL (warn: production logging, no per-request lines).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const pkiDir = join(process.env.BENCH_DIR || join(tmpdir(), 'mtlsbench'), 'pki');
const port = Number(process.env.PORT || 18450);
const adminPort = Number(process.env.ADMIN_PORT || 18460);
const origin = process.env.ORIGIN || 'http://127.0.0.1:18080';
const dataDir = process.env.DATA || mkdtempSync(join(tmpdir(), 'portcullis-bench-'));
const token = randomBytes(24).toString('hex');
const api = `http://127.0.0.1:${adminPort}/client/v4`;
const read = (name) => readFileSync(join(pkiDir, name), 'utf8');

const child = spawn(
  process.execPath,
  [
    join(root, 'packages/cli/bin/portcullis.js'),
    'serve',
    '--data',
    dataDir,
    '--edge-listen',
    `127.0.0.1:${port}`,
    '--admin-listen',
    `127.0.0.1:${adminPort}`,
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PORTCULLIS_LOG_LEVEL: 'warn', ...process.env, PORTCULLIS_ADMIN_TOKEN: token },
  },
);
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));

async function call(method, path, body) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const envelope = await response.json();
  if (!envelope.success) throw new Error(`${method} ${path}: ${JSON.stringify(envelope.errors)}`);
  return envelope.result;
}

const deadline = Date.now() + 60_000;
for (;;) {
  try {
    if ((await fetch(`http://127.0.0.1:${adminPort}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) throw new Error('portcullis serve did not become ready within 60 s');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const [account] = await call('GET', '/accounts');
const zone = await call('POST', '/zones', { name: 'example.test', account: { id: account.id } });
await call('POST', `/zones/${zone.id}/hostnames`, {
  hostname: 'api.example.test',
  origin,
  origin_tls_verify: true,
  mtls_mode: 'optional',
  forward_client_certificate: false,
  edge_certificate: { certificate: read('server-chain.crt'), private_key: read('server.key') },
});
const ca = await call('POST', `/accounts/${account.id}/mtls_certificates`, {
  ca: true,
  certificates: read('client-ca.crt'),
  name: 'bench client CA',
});
// The harness trusts only client-ca: take the host off the zone's managed CA, put it on the upload.
await call('PUT', `/zones/${zone.id}/certificate_authorities/hostname_associations`, { hostnames: [] });
await call('PUT', `/zones/${zone.id}/certificate_authorities/hostname_associations`, {
  hostnames: ['api.example.test'],
  mtls_certificate_id: ca.id,
});
await call('PUT', `/zones/${zone.id}/rulesets/phases/http_request_firewall_custom/entrypoint`, {
  rules: [
    {
      action: 'block',
      expression: 'not cf.tls_client_auth.cert_verified and starts_with(http.request.uri.path, "/api")',
      description: 'bench: block unverified /api*',
    },
  ],
});
// Wait until the edge serves the new snapshot: an unverified /api request must be blocked.
function probe() {
  return new Promise((resolve) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        servername: 'api.example.test',
        path: '/api/probe',
        ca: read('server-ca.crt'),
        headers: { host: 'api.example.test' },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode);
      },
    );
    request.on('error', () => resolve(0));
    request.end();
  });
}
while ((await probe()) !== 403) {
  if (Date.now() > deadline) throw new Error('the edge did not start blocking unverified /api requests');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
process.stdout.write(`portcullis serve ready: edge 127.0.0.1:${port}, API ${api}, data ${dataDir}\n`);
