// Conformance cases: hostname associations (replace-all per CA, granular add/remove, account scoping).
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newMtlsCertificate, tenant } from '../fixtures.js';

export function associationCases(ctx: SuiteContext): void {
  test('replace-all per (zone, CA), as Cloudflare PUT; an empty list clears', async () => {
    const store = ctx.store();
    const { account, zone, ca } = await tenant(store);
    const byo = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'byo'));
    expect(
      await store.hostnameAssociations.replace(zone.id, null, [
        'B.example.test',
        'a.example.test',
        'a.example.test',
      ]),
    ).toEqual(['a.example.test', 'b.example.test']);
    await store.hostnameAssociations.replace(zone.id, byo.id, ['a.example.test']);
    expect(await store.hostnameAssociations.list(zone.id, null)).toEqual([
      'a.example.test',
      'b.example.test',
    ]);
    expect(await store.hostnameAssociations.list(zone.id, byo.id)).toEqual(['a.example.test']);
    expect(await store.hostnameAssociations.replace(zone.id, null, ['c.example.test'])).toEqual([
      'c.example.test',
    ]);
    expect(await store.hostnameAssociations.list(zone.id, null)).toEqual(['c.example.test']);
    expect(await store.hostnameAssociations.list(zone.id, byo.id)).toEqual(['a.example.test']);
    const forA = await store.hostnameAssociations.listForHostname('a.example.test');
    expect(forA).toEqual([
      { zone_id: zone.id, hostname: 'a.example.test', mtls_certificate_id: byo.id, ca_id: byo.id },
    ]);
    expect(await store.hostnameAssociations.listForHostname('c.example.test')).toEqual([
      { zone_id: zone.id, hostname: 'c.example.test', mtls_certificate_id: null, ca_id: ca.id },
    ]);
    expect(await store.hostnameAssociations.listForMtlsCertificate(byo.id)).toHaveLength(1);
    expect(await store.hostnameAssociations.replace(zone.id, null, [])).toEqual([]);
    expect(await store.hostnameAssociations.listAll()).toHaveLength(1);
  });

  test('granular add and remove are idempotent', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    expect(await store.hostnameAssociations.add(zone.id, null, 'one.example.test')).toBe(true);
    expect(await store.hostnameAssociations.add(zone.id, null, 'ONE.example.test.')).toBe(false);
    expect(await store.hostnameAssociations.add(zone.id, null, 'two.example.test')).toBe(true);
    expect(await store.hostnameAssociations.remove(zone.id, null, 'one.example.test')).toBe(true);
    expect(await store.hostnameAssociations.remove(zone.id, null, 'one.example.test')).toBe(false);
    expect(await store.hostnameAssociations.list(zone.id, null)).toEqual(['two.example.test']);
  });

  test('the CA must exist and belong to the zone account', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const stranger = await store.accounts.create({ name: 'Stranger' });
    const foreign = await store.mtlsCertificates.create(newMtlsCertificate(stranger.id, 'foreign'));
    expect(
      (await caught(() => store.hostnameAssociations.replace(zone.id, foreign.id, ['x.test']))).code,
    ).toBe('STORE_NOT_FOUND');
    expect((await caught(() => store.hostnameAssociations.list(zone.id, 'd'.repeat(32)))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect((await caught(() => store.hostnameAssociations.list('d'.repeat(32), null))).code).toBe(
      'STORE_NOT_FOUND',
    );
    const bare = await store.zones.create({
      account_id: (await store.accounts.ensureDefault({ name: 'x' })).account.id,
      name: 'bare.test',
    });
    const noCa = await caught(() => store.hostnameAssociations.add(bare.id, null, 'x.bare.test'));
    expect(noCa.code).toBe('STORE_NOT_FOUND');
    expect(noCa.message).toContain('managed CA');
  });
}
