// During a master-key rotation the API opens secrets sealed under a previous key and seals new ones under the current key.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCertificate, Hostname, Zone } from '@portcullis/model';
import { envelopeKeyId, generateKeyAndCsr, masterKeyId } from '@portcullis/pki';
import { bootstrap, buildApp, renewEdgeCertificates } from '../src/index.js';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

describe('the master key ring', () => {
  let api: RunningApi;
  let zone: Zone;
  const newKey = new Uint8Array(randomBytes(32));

  beforeAll(async () => {
    api = await startApi(backends[0]!);
    // The zone's CA key and the edge CA key are sealed under the first (now old) key.
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'ring.test', account: { id: api.account.id } } }),
    );
  });
  afterAll(async () => api?.close());

  async function withApp<T>(
    options: { previousMasterKeys?: Uint8Array[] },
    fn: (baseUrl: string) => Promise<T>,
  ): Promise<T> {
    const app = await buildApp({ store: api.store, masterKey: newKey, settleIntervalMs: 0, ...options });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    try {
      return await fn(`http://127.0.0.1:${port}/client/v4`);
    } finally {
      await app.close();
    }
  }

  const post = async (baseUrl: string, path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses to sign with a new key alone: the old envelopes do not open', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: { common_name: 'no-ring' } });
    await withApp({}, async (baseUrl) => {
      const response = await post(baseUrl, `/zones/${zone.id}/client_certificates`, {
        csr: csrPem,
        validity_days: 30,
      });
      expect(response.status).toBe(500);
    });
  });

  it('signs with the old CA key and seals new edge keys under the current key when the old key is a previous key', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: { common_name: 'with-ring' } });
    await withApp({ previousMasterKeys: [api.masterKey] }, async (baseUrl) => {
      const issued = await post(baseUrl, `/zones/${zone.id}/client_certificates`, {
        csr: csrPem,
        validity_days: 30,
      });
      expect(issued.status).toBe(200);
      expect(((await issued.json()) as { result: ClientCertificate }).result.common_name).toBe('with-ring');
      // A new hostname's edge certificate comes from the edge CA (old key) and its key is sealed under the new key.
      const created = await post(baseUrl, `/zones/${zone.id}/hostnames`, {
        hostname: 'api.ring.test',
        origin: 'http://127.0.0.1:9',
      });
      expect(created.status).toBe(200);
      const host = ((await created.json()) as { result: Hostname }).result;
      const credentials = await api.store.hostnames.edgeCredentials(host.id);
      expect(envelopeKeyId(credentials!.private_key_sealed)).toBe(masterKeyId(newKey));
    });
  });

  it('lets bootstrap and edge renewal open the edge CA with a previous key', async () => {
    await expect(bootstrap(api.store, { masterKey: newKey })).rejects.toThrow(/master key/);
    const result = await bootstrap(api.store, { masterKey: newKey, previousMasterKeys: [api.masterKey] });
    expect(result.edgeCaCreated).toBe(false);
    const report = await renewEdgeCertificates(api.store, {
      masterKey: newKey,
      previousMasterKeys: [api.masterKey],
      withinDays: 3650,
    });
    expect(report.failed).toEqual([]);
    expect(report.renewed).toContain('api.ring.test');
  });

  it('checks every key of the ring', async () => {
    await expect(
      buildApp({ store: api.store, masterKey: newKey, previousMasterKeys: [new Uint8Array(16)] }),
    ).rejects.toThrow(/previousMasterKeys\[0\] must be 32 bytes/);
  });
});
