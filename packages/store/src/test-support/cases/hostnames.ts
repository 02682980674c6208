// Conformance cases: hostnames (global uniqueness, zone scoping, patch, sealed edge keys).
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { edgeCertificate, newHostname, tenant } from '../fixtures.js';

export function hostnameCases(ctx: SuiteContext): void {
  test('hostnames: create, get, get by name, list and filter', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const created = await store.hostnames.create(
      newHostname(zone.id, 'API.Example.test.', {
        mtls_mode: 'required',
        origin_ca: 'PEM',
        forward_client_certificate: true,
      }),
    );
    expect(created).toMatchObject({
      zone_id: zone.id,
      hostname: 'api.example.test',
      mtls_mode: 'required',
      origin_tls_verify: true,
      origin_ca: 'PEM',
      forward_client_certificate: true,
    });
    expect(created.edge_certificate.source).toBe('managed');
    expect(created.created_on).toBe(created.modified_on);
    expect(await store.hostnames.get(zone.id, created.id)).toEqual(created);
    expect(await store.hostnames.getByName('api.example.test')).toEqual(created);
    await store.hostnames.create(newHostname(zone.id, 'b.example.test'));
    const page = await store.hostnames.list(zone.id, { per_page: 1 });
    expect(page.total_count).toBe(2);
    expect(page.items.map((host) => host.hostname)).toEqual(['api.example.test']);
    expect((await store.hostnames.list(zone.id, { mtls_mode: 'required' })).total_count).toBe(1);
    expect((await store.hostnames.list(zone.id, { hostname: 'B.example.test' })).total_count).toBe(1);
    expect(await store.hostnames.listAll()).toHaveLength(2);
  });

  test('hostnames are unique across zones and invisible from another zone', async () => {
    const store = ctx.store();
    const a = await tenant(store);
    const b = await tenant(store);
    const host = await store.hostnames.create(newHostname(a.zone.id, 'shared.example.test'));
    expect(
      (await caught(() => store.hostnames.create(newHostname(b.zone.id, 'shared.example.test')))).code,
    ).toBe('STORE_CONFLICT');
    expect(await store.hostnames.get(b.zone.id, host.id)).toBeUndefined();
    expect((await caught(() => store.hostnames.update(b.zone.id, host.id, { origin: 'x' }))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect((await caught(() => store.hostnames.delete(b.zone.id, host.id))).code).toBe('STORE_NOT_FOUND');
    expect((await caught(() => store.hostnames.create(newHostname('e'.repeat(32), 'x.test')))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect(
      (
        await caught(() =>
          store.hostnames.create(newHostname(a.zone.id, 'y.test', { mtls_mode: 'on' as never })),
        )
      ).code,
    ).toBe('STORE_INVALID_ARGUMENT');
  });

  test('hostnames: patch changes only the given fields and the modification time', async () => {
    let tick = Date.parse('2026-01-01T00:00:00.000Z');
    const store = await ctx.reopen({ now: () => new Date((tick += 1000)) });
    const { zone } = await tenant(store);
    const host = await store.hostnames.create(newHostname(zone.id, 'patch.example.test'));
    const patched = await store.hostnames.update(zone.id, host.id, {
      mtls_mode: 'optional',
      origin_ca: null,
    });
    expect(patched).toMatchObject({
      mtls_mode: 'optional',
      origin: host.origin,
      origin_ca: null,
      created_on: host.created_on,
    });
    expect(patched.modified_on > host.modified_on).toBe(true);
    const rekeyed = await store.hostnames.update(zone.id, host.id, {
      edge_certificate: {
        ...edgeCertificate('patch.example.test'),
        source: 'uploaded',
        private_key_sealed: 'sealed:new',
      },
    });
    expect(rekeyed.edge_certificate.source).toBe('uploaded');
    expect((await store.hostnames.edgeCredentials(host.id))?.private_key_sealed).toBe('sealed:new');
  });

  test('edge keys stay out of resources and come only from the credentials methods', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const host = await store.hostnames.create(newHostname(zone.id, 'keys.example.test'));
    const sealed = 'sealed:v1:edge-key-of-keys.example.test';
    expect(JSON.stringify(host)).not.toContain(sealed);
    expect(JSON.stringify(await store.hostnames.list(zone.id))).not.toContain(sealed);
    expect(await store.hostnames.edgeCredentials(host.id)).toEqual({
      hostname_id: host.id,
      zone_id: zone.id,
      hostname: 'keys.example.test',
      certificate: host.edge_certificate.certificate,
      private_key_sealed: sealed,
    });
    expect((await store.hostnames.listEdgeCredentials()).map((c) => c.hostname)).toEqual([
      'keys.example.test',
    ]);
  });

  test('deleting a hostname removes its associations', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const host = await store.hostnames.create(newHostname(zone.id, 'del.example.test'));
    await store.hostnameAssociations.add(zone.id, null, 'del.example.test');
    await store.hostnames.delete(zone.id, host.id);
    expect(await store.hostnames.get(zone.id, host.id)).toBeUndefined();
    expect(await store.hostnameAssociations.list(zone.id, null)).toEqual([]);
  });
}
