// First start and maintenance: account, admin token (generated or operator-chosen), edge CA, renewals.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Hostname, Zone } from '@portcullis/model';
import { bootstrap, buildApp, renewEdgeCertificates, splitToken } from '../src/index.js';
import { backends } from './support/backends.js';
import { must, startApi } from './support/api.js';

describe.each(backends)('bootstrap ($name)', (backend) => {
  it('makes the account, one admin token shown once, and the edge CA; later starts change nothing', async () => {
    const { store, cleanup } = await backend.open();
    try {
      const masterKey = new Uint8Array(randomBytes(32));
      const first = await bootstrap(store, { masterKey });
      expect(first.accountCreated).toBe(true);
      expect(first.adminToken).toMatch(/^pct_/);
      expect(first.edgeCaCreated).toBe(true);
      expect(first.edgeCaPem).toContain('BEGIN CERTIFICATE');
      const second = await bootstrap(store, { masterKey });
      expect(second).toMatchObject({
        accountCreated: false,
        edgeCaCreated: false,
        edgeCaPem: first.edgeCaPem,
        account: { id: first.account.id },
      });
      expect(second.adminToken).toBeUndefined();
      expect(await store.apiTokens.count()).toBe(1);
      const credential = await store.apiTokens.findCredential(first.adminTokenId!);
      expect(credential?.secret_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(credential?.secret_hash).not.toContain(splitToken(first.adminToken!).secret);
    } finally {
      await cleanup();
    }
  });

  it('registers an operator-chosen admin token and refuses a short one', async () => {
    const { store, cleanup } = await backend.open();
    try {
      const masterKey = new Uint8Array(randomBytes(32));
      await expect(bootstrap(store, { masterKey, adminToken: 'short' })).rejects.toThrow(
        /at least 32 characters/,
      );
      const chosen = `operator-${randomBytes(24).toString('hex')}`;
      const result = await bootstrap(store, { masterKey, adminToken: chosen });
      expect(result.adminToken).toBeUndefined();
      expect(result.adminTokenId).toMatch(/^[0-9a-f]{32}$/);
      const app = await buildApp({ store, masterKey, settleIntervalMs: 0 });
      try {
        const ok = await app.inject({
          method: 'GET',
          url: '/client/v4/zones',
          headers: { authorization: `Bearer ${chosen}` },
        });
        expect(ok.statusCode).toBe(200);
        const wrong = await app.inject({
          method: 'GET',
          url: '/client/v4/zones',
          headers: { authorization: `Bearer ${chosen}x` },
        });
        expect(wrong.statusCode).toBe(401);
      } finally {
        await app.close();
      }
      expect((await bootstrap(store, { masterKey, adminToken: chosen })).adminTokenId).toBeUndefined();
    } finally {
      await cleanup();
    }
  });

  it('renews managed edge certificates that are close to expiry, leaving others alone', async () => {
    const api = await startApi(backend);
    try {
      const zone = await must(
        api.call<Zone>('POST', '/zones', { body: { name: 'renew.test', account: { id: api.account.id } } }),
      );
      const host = await must(
        api.call<Hostname>('POST', `/zones/${zone.id}/hostnames`, {
          body: { hostname: 'api.renew.test', origin: 'http://127.0.0.1:9' },
        }),
      );
      expect((await renewEdgeCertificates(api.store, { masterKey: api.masterKey })).renewed).toEqual([]);
      const later = new Date(Date.now() + 380 * 86_400_000);
      const report = await renewEdgeCertificates(api.store, { masterKey: api.masterKey, now: () => later });
      expect(report).toEqual({ renewed: ['api.renew.test'], failed: [] });
      const renewed = await must(api.call<Hostname>('GET', `/zones/${zone.id}/hostnames/${host.id}`));
      expect(renewed.edge_certificate.serial_number).not.toBe(host.edge_certificate.serial_number);
      expect(new Date(renewed.edge_certificate.expires_on).getTime()).toBeGreaterThan(later.getTime());
    } finally {
      await api.close();
    }
  });
});
