// Scale-out: `portcullis api` and `portcullis edge` as separate processes sharing PostgreSQL; changes reach the edge by LISTEN/NOTIFY.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type PortcullisClient } from '@portcullis/client';
import type { ClientCertificate, Zone } from '@portcullis/model';
import { opensslKeyAndCsr } from './support/openssl.js';
import {
  startEchoOrigin,
  startPortcullis,
  waitFor,
  type Portcullis,
  type RunningProcess,
} from './support/processes.js';
import { edgeRequest, keepAliveAgent } from './support/tls-request.js';

const pgUrl = process.env.PORTCULLIS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(Number(port || 5432), hostname);
  });
}

// Under CI (.ci/run starts PostgreSQL) the suite always runs, so an absent database fails loudly.
const available = (await reachable(pgUrl)) || process.env['CI'] !== undefined;
if (!available)
  console.warn(`scale-out tests skipped: PostgreSQL is not reachable at ${pgUrl} (.ci/run starts it)`);

describe.skipIf(!available)('portcullis api + portcullis edge on PostgreSQL', () => {
  const schema = `e2e_scaleout_${randomBytes(4).toString('hex')}`;
  let apiProcess: Portcullis;
  let edgeProcess: Portcullis;
  let origin: RunningProcess & { url: string };
  let api: PortcullisClient;
  let zone: Zone;
  let edgeCa: string;

  beforeAll(async () => {
    origin = await startEchoOrigin();
    const apiData = mkdtempSync(join(tmpdir(), 'portcullis-api-'));
    apiProcess = await startPortcullis({
      command: 'api',
      dataDir: apiData,
      args: ['--database', pgUrl, '--database-schema', schema],
    });
    edgeProcess = await startPortcullis({
      command: 'edge',
      args: [
        '--database',
        pgUrl,
        '--database-schema',
        schema,
        '--master-key-file',
        join(apiData, 'master.key'),
        '--snapshot-poll-ms',
        '5000',
      ],
    });
    api = createClient({ baseUrl: apiProcess.adminUrl, token: apiProcess.token });
    const account = (await api.accounts.list()).items[0]!;
    zone = await api.zones.create({ name: 'example.test', account: { id: account.id } });
    await api.hostnames.create(zone.id, {
      hostname: 'api.example.test',
      origin: origin.url,
      mtls_mode: 'optional',
    });
    await api.hostnameAssociations.add(zone.id, 'api.example.test');
    await api.rulesets.putEntrypoint(zone.id, {
      rules: [
        {
          action: 'block',
          expression:
            '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
        },
      ],
    });
    edgeCa = new TextDecoder().decode(await api.downloadEdgeCa('pem'));
  }, 120_000);

  afterAll(async () => {
    const codes = [await edgeProcess?.stop(), await apiProcess?.stop()];
    await origin?.stop();
    execFileSync('psql', [pgUrl, '-q', '-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`], { stdio: 'ignore' });
    expect(codes).toEqual([0, 0]);
  });

  it('the edge serves what the API configured, and a revocation reaches an open connection', async () => {
    await waitFor('the edge to receive the configuration', async () =>
      (
        await edgeRequest({
          port: edgeProcess.edgePort,
          servername: 'api.example.test',
          path: '/admin',
          ca: edgeCa,
        })
      ).status === 403
        ? true
        : undefined,
    );
    const { key, csr } = opensslKeyAndCsr('fleet-device');
    const cert = (await api.clientCertificates.create(zone.id, {
      csr,
      validity_days: 7,
    })) as ClientCertificate;
    const agent = keepAliveAgent({ ca: edgeCa, cert: cert.certificate, key, servername: 'api.example.test' });
    try {
      const ok = await waitFor('the edge to pass the new certificate', async () => {
        const response = await edgeRequest({
          port: edgeProcess.edgePort,
          servername: 'api.example.test',
          path: '/admin',
          ca: edgeCa,
          cert: cert.certificate,
          key,
          agent,
        });
        return response.status === 200 ? response : undefined;
      });
      await api.clientCertificates.revoke(zone.id, cert.id);
      const started = Date.now();
      await waitFor(
        'the revocation to reach the other process',
        async () => {
          const response = await edgeRequest({
            port: edgeProcess.edgePort,
            servername: 'api.example.test',
            path: '/admin',
            ca: edgeCa,
            cert: cert.certificate,
            key,
            agent,
          });
          expect(response.localPort).toBe(ok.localPort);
          return response.status === 403 ? true : undefined;
        },
        5_000,
      );
      // LISTEN/NOTIFY, not the 5 s poll, carries it: DESIGN.md's target is one second on every edge.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      agent.destroy();
    }
  });

  it('the edge-only process serves health and metrics but no API', async () => {
    expect((await fetch(`${edgeProcess.adminUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${edgeProcess.adminUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${edgeProcess.adminUrl}/client/v4/zones`)).status).toBe(404);
  });
});
