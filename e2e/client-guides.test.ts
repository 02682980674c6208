// The client guides' code (docs/clients) run against a live Portcullis: curl, Node.js, Python and Go.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@portcullis/client';
import type { ClientCertificate } from '@portcullis/model';
import { opensslKeyAndCsr } from './support/openssl.js';
import { repoRoot } from './support/paths.js';
import {
  startEchoOrigin,
  startPortcullis,
  waitFor,
  type Portcullis,
  type RunningProcess,
} from './support/processes.js';
import { edgeRequest } from './support/tls-request.js';

const guides = join(repoRoot, 'docs', 'clients');
let portcullis: Portcullis;
let origin: RunningProcess & { url: string };
let env: Record<string, string>;

beforeAll(async () => {
  origin = await startEchoOrigin();
  portcullis = await startPortcullis();
  const api = createClient({ baseUrl: portcullis.adminUrl, token: portcullis.token });
  const account = (await api.accounts.list()).items[0]!;
  const zone = await api.zones.create({ name: 'example.test', account: { id: account.id } });
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
  const { key, csr } = opensslKeyAndCsr('guide-client');
  const certificate = (await api.clientCertificates.create(zone.id, {
    csr,
    validity_days: 7,
  })) as ClientCertificate;
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-guides-'));
  const files = { cert: join(dir, 'client.pem'), key: join(dir, 'client.key'), ca: join(dir, 'edge-ca.pem') };
  writeFileSync(files.cert, certificate.certificate);
  writeFileSync(files.key, key, { mode: 0o600 });
  const edgeCa = new TextDecoder().decode(await api.downloadEdgeCa('pem'));
  writeFileSync(files.ca, edgeCa);
  env = {
    PORTCULLIS_URL: `https://api.example.test:${portcullis.edgePort}/admin`,
    CONNECT_TO: '127.0.0.1',
    CLIENT_CERT: files.cert,
    CLIENT_KEY: files.key,
    EDGE_CA: files.ca,
  };
  await waitFor('the edge to block /admin without a certificate', async () =>
    (
      await edgeRequest({
        port: portcullis.edgePort,
        servername: 'api.example.test',
        path: '/admin',
        ca: edgeCa,
      })
    ).status === 403
      ? true
      : undefined,
  );
}, 120_000);

afterAll(async () => {
  await portcullis?.stop();
  await origin?.stop();
});

function run(command: string, args: string[], cwd = repoRoot): string {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  expect(result.status, `${command} ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

const statuses = (output: string) =>
  [...output.matchAll(/^HTTP (\d{3})$/gm)].map((match) => Number(match[1]));

describe('client guides', () => {
  it('curl: 403 without the certificate, 200 with it (docs/clients/curl.sh)', () => {
    expect(statuses(run('sh', [join(guides, 'curl.sh')]))).toEqual([403, 200]);
  });

  it('Node.js: 200 with the certificate (docs/clients/node-client.mjs)', () => {
    const output = run(process.execPath, [join(guides, 'node-client.mjs')]);
    expect(statuses(output)).toEqual([200]);
    expect(output).toContain('"path":"/admin"');
  });

  it('Python standard library: 200 with the certificate (docs/clients/python_client.py)', () => {
    expect(statuses(run('python3', [join(guides, 'python_client.py')]))).toEqual([200]);
  });

  it('Go standard library: 200 with the certificate (docs/clients/go-client)', () => {
    const go = spawnSync('go', ['version'], { encoding: 'utf8' });
    if (go.error) throw new Error('Go is not installed: `apt-get install golang-go` (.ci/run installs it)');
    const binary = join(mkdtempSync(join(tmpdir(), 'portcullis-go-')), 'go-client');
    execFileSync('go', ['build', '-o', binary, '.'], {
      cwd: join(guides, 'go-client'),
      env: { ...process.env, GOFLAGS: '-mod=mod', GOCACHE: join(tmpdir(), 'portcullis-go-cache') },
    });
    expect(statuses(run(binary, []))).toEqual([200]);
  });
});
