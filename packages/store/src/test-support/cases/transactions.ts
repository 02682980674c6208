// Conformance cases: all-or-nothing transactions, savepoints for failed writes, typed conflicts.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newClientCertificate, newHostname, tenant, zoneWithCa } from '../fixtures.js';

export function transactionCases(ctx: SuiteContext): void {
  test('a transaction that throws leaves nothing behind and announces nothing', async () => {
    const store = ctx.store();
    const { account } = await store.accounts.ensureDefault({ name: 'A' });
    const version = await store.changes.version();
    const heard: number[] = [];
    const unsubscribe = store.changes.subscribe((v) => heard.push(v));
    const failure = await caught(() =>
      store.transaction(async (tx) => {
        const t = await zoneWithCa(tx, account, 'rollback.test');
        await tx.hostnames.create(newHostname(t.zone.id, 'api.rollback.test'));
        await tx.clientCertificates.create(newClientCertificate(t.zone.id, t.ca.id));
        await tx.rulesets.ensureEntrypoint(t.zone.id, 'http_request_firewall_custom');
        await tx.settings.set('half', 'written');
        await tx.auditLog.append({
          actor: { type: 'system', id: null, name: null, ip: null },
          action: 'create',
          resource: { type: 'zone', id: t.zone.id },
          account_id: account.id,
          zone_id: t.zone.id,
          details: {},
        });
        expect(await tx.zones.get(t.zone.id)).toBeDefined();
        throw new Error('boom');
      }),
    );
    unsubscribe();
    expect(failure.message).toBe('boom');
    expect(await store.zones.getByName('rollback.test')).toBeUndefined();
    expect(await store.hostnames.getByName('api.rollback.test')).toBeUndefined();
    expect(await store.certificateAuthorities.listAll()).toEqual([]);
    expect(await store.settings.get('half')).toBeUndefined();
    expect((await store.auditLog.list()).total_count).toBe(0);
    expect(await store.rulesets.listEntrypoints('http_request_firewall_custom')).toEqual([]);
    expect(await store.changes.version()).toBe(version);
    expect((await store.changes.changesSince(version)).changes).toEqual([]);
    expect(heard).toEqual([]);
  });

  test('a transaction commits every write under one version', async () => {
    const store = ctx.store();
    const { account } = await store.accounts.ensureDefault({ name: 'A' });
    const before = await store.changes.version();
    const { zone } = await store.transaction(async (tx) => {
      const t = await zoneWithCa(tx, account, 'commit.test');
      await tx.hostnames.create(newHostname(t.zone.id, 'api.commit.test'));
      return t;
    });
    expect(await store.changes.version()).toBe(before + 1);
    const { changes } = await store.changes.changesSince(before);
    expect(changes.map((c) => c.kind).sort()).toEqual(['certificate_authority', 'hostname', 'zone']);
    expect(changes.every((c) => c.version === before + 1 && c.zone_id === zone.id)).toBe(true);
  });

  test('a failed write inside a transaction is undone alone and the transaction goes on', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store, 'savepoint.test');
    await store.transaction(async (tx) => {
      await tx.hostnames.create(newHostname(zone.id, 'one.savepoint.test'));
      const conflict = await caught(() =>
        tx.zones.create({ account_id: zone.account.id, name: 'savepoint.test' }),
      );
      expect(conflict.code).toBe('STORE_CONFLICT');
      await tx.hostnames.create(newHostname(zone.id, 'two.savepoint.test'));
    });
    expect((await store.hostnames.list(zone.id)).items.map((h) => h.hostname)).toEqual([
      'one.savepoint.test',
      'two.savepoint.test',
    ]);
  });

  test('a conflict in a transaction that the caller does not catch rolls it all back with STORE_CONFLICT', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store, 'conflict.test');
    await store.hostnames.create(newHostname(zone.id, 'taken.conflict.test'));
    const error = await caught(() =>
      store.transaction(async (tx) => {
        await tx.hostnames.create(newHostname(zone.id, 'new.conflict.test'));
        await tx.hostnames.create(newHostname(zone.id, 'taken.conflict.test'));
      }),
    );
    expect(error.code).toBe('STORE_CONFLICT');
    expect(await store.hostnames.getByName('new.conflict.test')).toBeUndefined();
  });

  test('concurrent writes inside one transaction are serialised safely', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store, 'parallel.test');
    await store.transaction(async (tx) => {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => tx.hostnames.create(newHostname(zone.id, `h${i}.parallel.test`))),
      );
    });
    expect((await store.hostnames.list(zone.id)).total_count).toBe(8);
  });

  test('repositories of a finished transaction refuse to run outside it', async () => {
    const store = ctx.store();
    let leaked: Parameters<Parameters<typeof store.transaction>[0]>[0] | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    expect((await caught(async () => leaked?.settings.set('late', 'x'))).code).toBe('STORE_CLOSED');
    expect(await store.settings.get('late')).toBeUndefined();
  });

  test('using the store itself inside its transaction or snapshot is refused clearly instead of waiting forever', async () => {
    const store = ctx.store();
    const inside = await caught(() => store.transaction(async () => store.zones.list()));
    expect(inside.code).toBe('STORE_INVALID_ARGUMENT');
    expect(inside.message).toContain('tx.');
    expect((await caught(() => store.transaction(async () => store.transaction(async () => 1)))).code).toBe(
      'STORE_INVALID_ARGUMENT',
    );
    expect((await caught(() => store.transaction(async () => store.changes.version()))).code).toBe(
      'STORE_INVALID_ARGUMENT',
    );
    expect((await caught(() => store.snapshot(async () => store.settings.get('x')))).code).toBe(
      'STORE_INVALID_ARGUMENT',
    );
    // Outside the callback everything works again, and the refused transaction wrote nothing.
    expect(await store.changes.version()).toBe(0);
    expect(await store.transaction(async (tx) => (await tx.zones.list()).total_count)).toBe(0);
  });
}
