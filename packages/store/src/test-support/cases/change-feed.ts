// Conformance cases: the change feed (versions, deltas, pruning) and notifications within and across stores.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught, waitFor } from '../harness.js';
import { newClientCertificate, newHostname, tenant } from '../fixtures.js';

export function changeFeedCases(ctx: SuiteContext): void {
  test('every committed change grows the version and is listed with its kind and id', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const v0 = await store.changes.version();
    const host = await store.hostnames.create(newHostname(zone.id, 'feed.example.test'));
    const cert = await store.clientCertificates.create(newClientCertificate(zone.id, ca.id));
    await store.clientCertificates.revoke(zone.id, cert.id);
    await store.hostnames.delete(zone.id, host.id);
    expect(await store.changes.version()).toBe(v0 + 4);
    const set = await store.changes.changesSince(v0);
    expect(set.complete).toBe(true);
    expect(set.version).toBe(v0 + 4);
    expect(set.changes.map((c) => [c.version - v0, c.kind, c.id, c.op])).toEqual([
      [1, 'hostname', host.id, 'upsert'],
      [2, 'client_certificate', cert.id, 'upsert'],
      [3, 'client_certificate', cert.id, 'upsert'],
      [4, 'hostname', host.id, 'delete'],
    ]);
    expect(await store.changes.changesSince(v0 + 4)).toEqual({
      version: v0 + 4,
      changes: [],
      complete: true,
    });
    expect((await store.changes.changesSince(v0 + 99)).complete).toBe(false);
    expect((await caught(() => store.changes.changesSince(-1))).code).toBe('STORE_INVALID_ARGUMENT');
  });

  test('reads and no-op writes do not move the version', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const v = await store.changes.version();
    await store.zones.list();
    await store.hostnameAssociations.remove(zone.id, null, 'absent.example.test');
    await store.settings.delete('absent');
    expect(await store.changes.version()).toBe(v);
  });

  test('a limit cuts at a version boundary and says the set is incomplete', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const v0 = await store.changes.version();
    await store.hostnameAssociations.replace(zone.id, null, ['a.x.test', 'b.x.test', 'c.x.test']);
    await store.settings.set('k', 'v');
    const first = await store.changes.changesSince(v0, { limit: 2 });
    expect(first.complete).toBe(false);
    expect(first.version).toBe(v0 + 1);
    expect(first.changes).toHaveLength(3);
    const rest = await store.changes.changesSince(first.version, { limit: 2 });
    expect(rest).toMatchObject({ complete: true, version: v0 + 2 });
    expect(rest.changes.map((c) => c.kind)).toEqual(['setting']);
  });

  test('history pruned past the asked version is reported as incomplete', async () => {
    const store = await ctx.reopen({ changeLogRetention: 10 });
    for (let i = 0; i < 70; i += 1) await store.settings.set(`k${i % 3}`, String(i));
    const now = await store.changes.version();
    expect(now).toBe(70);
    expect(await store.changes.changesSince(1)).toEqual({ version: 70, changes: [], complete: false });
    const recent = await store.changes.changesSince(68);
    expect(recent.complete).toBe(true);
    expect(recent.changes).toHaveLength(2);
  });

  test('subscribers of the writing store hear of each commit after it is visible', async () => {
    const store = ctx.store();
    const seen: Array<[number, boolean]> = [];
    const unsubscribe = store.changes.subscribe((version) => {
      void store.settings.get('visible').then((value) => seen.push([version, value === 'yes']));
    });
    await store.settings.set('visible', 'yes');
    await waitFor(() => seen.length === 1, 5000, 'the commit notice');
    expect(seen[0]).toEqual([await store.changes.version(), true]);
    unsubscribe();
    unsubscribe();
    await store.settings.set('visible', 'again');
    expect(seen).toHaveLength(1);
  });

  test('a listener that throws does not disturb the writer or other listeners', async () => {
    const store = ctx.store();
    const heard: number[] = [];
    store.changes.subscribe(() => {
      throw new Error('bad listener');
    });
    store.changes.subscribe((v) => heard.push(v));
    await store.settings.set('a', 'b');
    expect(heard).toEqual([1]);
  });

  test('a second store on the same database hears of the first one commits', async () => {
    const writer = ctx.store();
    const reader = await ctx.harness().open({ pollIntervalMs: 50 });
    const heard: number[] = [];
    const unsubscribe = reader.changes.subscribe((version) => heard.push(version));
    const { zone, ca } = await tenant(writer);
    const cert = await writer.clientCertificates.create(newClientCertificate(zone.id, ca.id));
    const before = await writer.changes.version();
    await writer.clientCertificates.revoke(zone.id, cert.id);
    await waitFor(() => heard.includes(before + 1), 5000, 'the cross-store notice');
    const delta = await reader.changes.changesSince(before);
    expect(delta.changes).toEqual([
      expect.objectContaining({ kind: 'client_certificate', id: cert.id, zone_id: zone.id }),
    ]);
    expect(await reader.clientCertificates.revokedSerialsByCa()).toEqual({ [ca.id]: [expect.any(String)] });
    unsubscribe();
  });

  test('concurrent writers on two stores get consecutive versions and no change is lost', async () => {
    const a = ctx.store();
    const b = await ctx.harness().open();
    await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => a.settings.set(`a${i}`, 'x')),
      ...Array.from({ length: 15 }, (_, i) => b.settings.set(`b${i}`, 'x')),
    ]);
    expect(await a.changes.version()).toBe(30);
    const { changes, complete } = await b.changes.changesSince(0);
    expect(complete).toBe(true);
    expect(changes.map((c) => c.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(changes.map((c) => c.id)).size).toBe(30);
  });

  test('a snapshot sees one state and its version while another store commits', async () => {
    const writer = ctx.store();
    const reader = await ctx.harness().open();
    const { zone } = await tenant(writer);
    await writer.hostnames.create(newHostname(zone.id, 'one.snap.test'));
    const before = await writer.changes.version();
    const seen = await reader.snapshot(async (view, version) => {
      const first = (await view.hostnames.listAll()).length;
      await writer.hostnames.create(newHostname(zone.id, 'two.snap.test'));
      const second = (await view.hostnames.listAll()).length;
      const refused = await caught(() => view.settings.set('no', 'writes'));
      return { version, first, second, refused: refused.code };
    });
    expect(seen).toEqual({ version: before, first: 1, second: 1, refused: 'STORE_INVALID_ARGUMENT' });
    expect(await reader.changes.version()).toBe(before + 1);
    expect(await reader.hostnames.listAll()).toHaveLength(2);
  });
}
