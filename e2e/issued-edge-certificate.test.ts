// The edge certificate Portcullis issues for a hostname must be a TLS server certificate for that name,
// or every client that verifies it (curl, browsers, Node, Go, Python) refuses the connection.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@portcullis/client';
import type { Hostname } from '@portcullis/model';
import { startPortcullis, type Portcullis } from './support/processes.js';

let portcullis: Portcullis;
let host: Hostname;
let dir: string;

beforeAll(async () => {
  portcullis = await startPortcullis();
  const api = createClient({ baseUrl: portcullis.adminUrl, token: portcullis.token });
  const account = (await api.accounts.list()).items[0]!;
  const zone = await api.zones.create({ name: 'example.test', account: { id: account.id } });
  host = await api.hostnames.create(zone.id, {
    hostname: 'api.example.test',
    origin: 'http://127.0.0.1:9',
    mtls_mode: 'optional',
  });
  dir = mkdtempSync(join(tmpdir(), 'portcullis-edge-cert-'));
  writeFileSync(join(dir, 'leaf.pem'), host.edge_certificate.certificate);
  writeFileSync(join(dir, 'edge-ca.pem'), new TextDecoder().decode(await api.downloadEdgeCa('pem')));
}, 120_000);

afterAll(async () => {
  await portcullis?.stop();
});

describe('the edge certificate issued for a hostname', () => {
  it('verifies for TLS server use against the edge CA (openssl verify -purpose sslserver)', () => {
    const output = execFileSync(
      'openssl',
      ['verify', '-purpose', 'sslserver', '-CAfile', join(dir, 'edge-ca.pem'), join(dir, 'leaf.pem')],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(output).toContain(': OK');
  });

  it('names the hostname in subjectAltName (clients ignore the common name)', () => {
    const text = execFileSync(
      'openssl',
      ['x509', '-noout', '-ext', 'subjectAltName', '-in', join(dir, 'leaf.pem')],
      { encoding: 'utf8' },
    );
    expect(text).toContain('DNS:api.example.test');
  });
});
