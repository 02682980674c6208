// Conformance cases: accounts (default on first start) and zones (uniqueness, pagination, cascade).
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newClientCertificate, newHostname, tenant } from '../fixtures.js';

export function accountZoneCases(ctx: SuiteContext): void {
  test('ensureDefault creates the first account once', async () => {
    const store = ctx.store();
    const first = await store.accounts.ensureDefault({ name: 'Default account' });
    const second = await store.accounts.ensureDefault({ name: 'Other name' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.account).toEqual(first.account);
    expect(first.account).toMatchObject({ name: 'Default account', type: 'standard' });
  });

  test('ensureDefault from two stores at once creates exactly one account', async () => {
    const other = await ctx.harness().open();
    const results = await Promise.all([
      ctx.store().accounts.ensureDefault({ name: 'A' }),
      other.accounts.ensureDefault({ name: 'B' }),
    ]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(results[0].account.id).toBe(results[1].account.id);
    expect((await ctx.store().accounts.list()).total_count).toBe(1);
  });

  test('accounts can be created, read, listed and renamed', async () => {
    const store = ctx.store();
    const account = await store.accounts.create({ name: 'Tenant' });
    expect(await store.accounts.get(account.id)).toEqual(account);
    expect(await store.accounts.get('not-an-id')).toBeUndefined();
    expect((await store.accounts.rename(account.id, 'Renamed')).name).toBe('Renamed');
    expect((await caught(() => store.accounts.rename('0'.repeat(32), 'x'))).code).toBe('STORE_NOT_FOUND');
    expect((await caught(() => store.accounts.create({ name: '  ' }))).code).toBe('STORE_INVALID_ARGUMENT');
  });

  test('zones: create normalises the name, get by id and name, conflicts are typed', async () => {
    const store = ctx.store();
    const { account } = await store.accounts.ensureDefault({ name: 'A' });
    const zone = await store.zones.create({ account_id: account.id, name: 'Example.TEST.' });
    expect(zone).toMatchObject({ name: 'example.test', status: 'active', paused: false, type: 'full' });
    expect(zone.account).toEqual({ id: account.id, name: 'A' });
    expect(await store.zones.get(zone.id)).toEqual(zone);
    expect(await store.zones.getByName('EXAMPLE.test')).toEqual(zone);
    const conflict = await caught(() => store.zones.create({ account_id: account.id, name: 'example.test' }));
    expect(conflict.code).toBe('STORE_CONFLICT');
    expect(conflict.message).toContain('example.test');
    const missing = await caught(() =>
      store.zones.create({ account_id: 'f'.repeat(32), name: 'other.test' }),
    );
    expect(missing.code).toBe('STORE_NOT_FOUND');
  });

  test('zones: list paginates with a total count and filters by account and name', async () => {
    const store = ctx.store();
    const { account } = await store.accounts.ensureDefault({ name: 'A' });
    const other = await store.accounts.create({ name: 'B' });
    for (let i = 0; i < 7; i += 1) await store.zones.create({ account_id: account.id, name: `z${i}.test` });
    await store.zones.create({ account_id: other.id, name: 'b.test' });
    const page2 = await store.zones.list({ account_id: account.id, page: 2, per_page: 3 });
    expect(page2).toMatchObject({ page: 2, per_page: 3, total_count: 7 });
    expect(page2.items.map((zone) => zone.name)).toEqual(['z3.test', 'z4.test', 'z5.test']);
    const page3 = await store.zones.list({ account_id: account.id, page: 3, per_page: 3 });
    expect(page3.items).toHaveLength(1);
    expect((await store.zones.list({ name: 'b.test' })).items.map((zone) => zone.account.id)).toEqual([
      other.id,
    ]);
    expect((await store.zones.list({ page: 9 })).items).toEqual([]);
    expect((await caught(() => store.zones.list({ page: 0 }))).code).toBe('STORE_INVALID_ARGUMENT');
    expect((await store.zones.list({ per_page: 5000 })).per_page).toBe(1000);
    expect(await store.zones.listAll()).toHaveLength(8);
  });

  test('deleting a zone removes everything inside it', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const kept = await tenant(store);
    await store.hostnames.create(newHostname(zone.id, 'api.gone.test'));
    await store.clientCertificates.create(newClientCertificate(zone.id, ca.id));
    await store.hostnameAssociations.replace(zone.id, null, ['api.gone.test']);
    await store.rulesets.ensureEntrypoint(zone.id, 'http_request_firewall_custom');
    await store.zones.delete(zone.id);
    expect(await store.zones.get(zone.id)).toBeUndefined();
    expect(await store.hostnames.getByName('api.gone.test')).toBeUndefined();
    expect(await store.certificateAuthorities.getForZone(zone.id)).toBeUndefined();
    expect(await store.clientCertificates.count(zone.id)).toBe(0);
    expect(await store.hostnameAssociations.listAll()).toEqual([]);
    expect(await store.rulesets.listEntrypoints('http_request_firewall_custom')).toEqual([]);
    expect(await store.zones.get(kept.zone.id)).toBeDefined();
    expect((await caught(() => store.zones.delete(zone.id))).code).toBe('STORE_NOT_FOUND');
  });
}
