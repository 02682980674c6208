// The admin commands (zones, hosts, certs, cas, ruleset, tokens) against a live `portcullis serve`, as an operator runs them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCaAndLeaf, opensslKeyAndCsr } from './support/openssl.js';
import { cliBin, repoRoot } from './support/paths.js';
import {
  startEchoOrigin,
  startPortcullis,
  waitFor,
  type Portcullis,
  type RunningProcess,
} from './support/processes.js';
import { edgeRequest } from './support/tls-request.js';

let portcullis: Portcullis;
let origin: RunningProcess & { url: string };
let work: string;

/** Runs `portcullis ARGS` with the API URL and token file in the environment. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      PORTCULLIS_API_URL: portcullis.adminUrl,
      PORTCULLIS_TOKEN_FILE: join(portcullis.dataDir, 'admin-token'),
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(...args: string[]): string {
  const result = cli(...args);
  expect(result.status, `portcullis ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

beforeAll(async () => {
  origin = await startEchoOrigin();
  portcullis = await startPortcullis();
  work = mkdtempSync(join(tmpdir(), 'portcullis-cli-'));
}, 120_000);

afterAll(async () => {
  await portcullis?.stop();
  await origin?.stop();
});

describe('portcullis admin commands', () => {
  it('sets up a zone, a host, a rule and a certificate, then revokes it', async () => {
    expect(ok('zones', 'create', 'example.test')).toMatch(/^created zone example\.test \([0-9a-f]{32}\)/);
    ok('hosts', 'create', 'api.example.test', '--origin', origin.url, '--forward-cert');
    const hosts = JSON.parse(ok('hosts', 'list', '--json')) as { hostname: string; mtls_mode: string }[];
    expect(hosts).toEqual([expect.objectContaining({ hostname: 'api.example.test', mtls_mode: 'optional' })]);
    expect(ok('hosts', 'get', 'api.example.test')).toContain('managed CA trusted: yes');
    ok(
      'ruleset',
      'add',
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
      '--description',
      'mTLS',
    );
    const issued = JSON.parse(
      ok('certs', 'issue', '--cn', 'device-1', '--out', work, '--p12-password', 'secret-pass', '--json'),
    ) as { id: string; status: string };
    expect(issued.status).toBe('active');
    expect(statSync(join(work, 'client.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(work, 'client.p12')).size).toBeGreaterThan(0);

    const ca = readFileSync(join(portcullis.dataDir, 'edge-ca.pem'), 'utf8');
    const cert = readFileSync(join(work, 'client.pem'), 'utf8');
    const key = readFileSync(join(work, 'client.key'), 'utf8');
    const call = () =>
      edgeRequest({
        port: portcullis.edgePort,
        servername: 'api.example.test',
        path: '/admin',
        ca,
        cert,
        key,
      });
    await waitFor('the certificate to pass', async () => ((await call()).status === 200 ? true : undefined));

    expect(ok('certs', 'revoke', issued.id)).toMatch(/is now (pending_revocation|revoked)$/m);
    await waitFor(
      'the revocation to apply',
      async () => ((await call()).status === 403 ? true : undefined),
      5_000,
    );
    expect(ok('certs', 'list', '--status', 'active')).toContain('(none)');
  });

  it('signs a CSR made with openssl, and uploads a CA that a host then trusts', () => {
    const { csr } = opensslKeyAndCsr('from-openssl');
    writeFileSync(join(work, 'device.csr'), csr);
    const signed = JSON.parse(
      ok(
        'certs',
        'issue',
        '--csr',
        join(work, 'device.csr'),
        '--days',
        '30',
        '--out',
        join(work, 'csr'),
        '--json',
      ),
    ) as { common_name: string; validity_days: number };
    expect(signed).toMatchObject({ common_name: 'from-openssl', validity_days: 30 });
    // The 30-day certificate is due within 40 days; the 365-day one issued earlier is not.
    const due = JSON.parse(ok('certs', 'list', '--expiring-within', '40', '--json')) as {
      common_name: string;
    }[];
    expect(due.map((c) => c.common_name)).toEqual(['from-openssl']);
    expect(JSON.parse(ok('certs', 'list', '--expiring-within', '10', '--json'))).toEqual([]);
    const partner = opensslCaAndLeaf('Partner CA', 'p');
    writeFileSync(join(work, 'partner-ca.pem'), partner.caCert);
    const uploaded = JSON.parse(
      ok('cas', 'upload', join(work, 'partner-ca.pem'), '--name', 'partner', '--json'),
    ) as { id: string; ski: string };
    expect(uploaded.ski.toUpperCase()).toBe(partner.caSki);
    expect(ok('hosts', 'trust', 'api.example.test', '--ca', uploaded.id)).toContain('api.example.test');
    expect(ok('cas', 'list')).toContain('partner');
  });

  it("reports refused input with exit code 1 and the API's positioned message", () => {
    const result = cli('ruleset', 'add', 'http.host eq ');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Filter parsing error \(1:\d+\)/);
    expect(cli('zones', 'get', 'nowhere.test').status).toBe(1);
  });

  it('reports usage errors with exit code 2 and an unreachable API with exit code 3', () => {
    expect(cli('certs', 'list', '--status', 'bogus').status).toBe(2);
    const soon = cli('certs', 'list', '--expiring-within', 'soon');
    expect(soon.status).toBe(2);
    expect(soon.stderr).toContain('--expiring-within must be a whole number of days');
    const unreachable = spawnSync(
      process.execPath,
      [cliBin, 'zones', 'list', '--api-url', 'http://127.0.0.1:1', '--token', 'x'],
      { encoding: 'utf8' },
    );
    expect(unreachable.status).toBe(3);
    expect(unreachable.stderr).toContain('cannot reach the API');
  });

  it('creates a narrower token that can read but not write', () => {
    const token = ok('tokens', 'create', 'reader', '--grant', 'zones:read');
    const value = token.trim().split('\n').pop()!;
    const asReader = spawnSync(
      process.execPath,
      [cliBin, 'zones', 'create', 'other.test', '--api-url', portcullis.adminUrl, '--token', value],
      { encoding: 'utf8' },
    );
    expect(asReader.status).toBe(3);
    const list = spawnSync(
      process.execPath,
      [cliBin, 'zones', 'list', '--api-url', portcullis.adminUrl, '--token', value],
      { encoding: 'utf8' },
    );
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('example.test');
  });
});
