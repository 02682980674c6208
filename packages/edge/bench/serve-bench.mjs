// Starts the edge for the shared bench harness (../shared/bench, "Pointing it at our project"):
// host api.example.test with the harness's server chain and key, mTLS on with client-ca.crt as an
// uploaded CA, one rule blocking unverified requests to /api*, origin http://127.0.0.1:18080.
//
//   npm run build                      # the script runs the built package (dist/)
//   node packages/edge/bench/serve-bench.mjs
//
// Environment: BENCH_DIR (PKI in $BENCH_DIR/pki, default /tmp/mtlsbench), PORT (18450),
// ORIGIN (http://127.0.0.1:18080), WORKERS (1; N forks N cluster workers sharing the port and
// the session-ticket secret), LOG_LEVEL (warn).
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';

const benchDir = process.env.BENCH_DIR || '/tmp/mtlsbench';
const pkiDir = join(benchDir, 'pki');
const port = Number(process.env.PORT || 18450);
const origin = process.env.ORIGIN || 'http://127.0.0.1:18080';
const workers = Math.max(1, Number(process.env.WORKERS || 1));

if (workers > 1 && cluster.isPrimary) {
  const secret = randomBytes(32).toString('hex');
  for (let i = 0; i < workers; i++) cluster.fork({ ...process.env, EDGE_SESSION_SECRET: secret });
  cluster.on('exit', (worker, code) => console.error(`worker ${worker.process.pid} exited with ${code}`));
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  let edgeModule;
  try {
    edgeModule = await import('@portcullis/edge');
  } catch (error) {
    console.error(`cannot load @portcullis/edge (run "npm run build" first): ${error.message}`);
    process.exit(1);
  }
  const { createEdge, staticSource } = edgeModule;
  const read = (name) => readFileSync(join(pkiDir, name), 'utf8');
  const config = {
    version: 1,
    hosts: [
      {
        hostname: 'api.example.test',
        zoneId: 'bench',
        mtlsMode: 'optional',
        certificatePem: read('server-chain.crt'),
        privateKeyPem: read('server.key'),
        trustedCas: [{ id: 'bench-client-ca', certificatePem: read('client-ca.crt') }],
        originUrl: origin,
        originTlsVerify: true,
        forwardClientCertificate: false,
      },
    ],
    zones: [
      {
        id: 'bench',
        name: 'example.test',
        rules: [
          {
            id: 'bench-block-unverified-api',
            expression: 'not cf.tls_client_auth.cert_verified and starts_with(http.request.uri.path, "/api")',
            action: 'block',
          },
        ],
      },
    ],
    revokedSerials: {},
    defaultHost: 'api.example.test',
  };
  const secret = process.env.EDGE_SESSION_SECRET
    ? Buffer.from(process.env.EDGE_SESSION_SECRET, 'hex')
    : undefined;
  const edge = createEdge({
    listen: { host: '127.0.0.1', port },
    source: staticSource(config),
    logger: pino({ level: process.env.LOG_LEVEL || 'warn' }),
    ...(secret ? { sessionSecret: secret } : {}),
  });
  await edge.start();
  console.log(
    `edge listening on 127.0.0.1:${edge.address().port} (pid ${process.pid}), PKI from ${pkiDir}, origin ${origin}`,
  );
  const stop = () => edge.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
