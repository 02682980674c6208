// An auto-issued edge certificate must work as a TLS server certificate for a client trusting the edge CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { createServer } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hostname, Zone } from '@portcullis/model';
import { openSecret } from '@portcullis/pki';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

describe('auto-issued edge certificates', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(backends[0]!);
  });
  afterAll(async () => api?.close());

  it('complete a TLS handshake with a client that trusts the edge CA and checks the hostname', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'tls.test', account: { id: api.account.id } } }),
    );
    const host = await must(
      api.call<Hostname>('POST', `/zones/${zone.id}/hostnames`, {
        body: { hostname: 'api.tls.test', origin: 'http://127.0.0.1:9' },
      }),
    );
    const credentials = await api.store.hostnames.edgeCredentials(host.id);
    const key = await openSecret(api.masterKey, credentials!.private_key_sealed);
    const edgeCa = await (await fetch(`${api.baseUrl}/pki/edge-ca/certificate.pem`)).text();
    const server = createServer({ cert: credentials!.certificate, key }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const outcome = await new Promise<{ authorized: boolean; error?: string }>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, servername: 'api.tls.test', ca: edgeCa }, () => {
          resolve({ authorized: socket.authorized });
          socket.end();
        });
        socket.on('error', (error) => resolve({ authorized: false, error: error.message }));
      });
      expect(outcome).toEqual({ authorized: true });
      const otherName = await new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port, servername: 'www.tls.test', ca: edgeCa }, () =>
          resolve('connected'),
        );
        socket.on('error', (error) => resolve(error.message));
      });
      expect(otherName).toContain("does not match certificate's altnames");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // openssl agrees: a valid TLS server certificate for this CA.
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-edge-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), edgeCa);
      writeFileSync(join(dir, 'leaf.pem'), credentials!.certificate);
      const verdict = execFileSync(
        'openssl',
        [
          'verify',
          '-CAfile',
          join(dir, 'ca.pem'),
          '-purpose',
          'sslserver',
          '-verify_hostname',
          'api.tls.test',
          join(dir, 'leaf.pem'),
        ],
        { encoding: 'utf8' },
      );
      expect(verdict.trim()).toMatch(/: OK$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
