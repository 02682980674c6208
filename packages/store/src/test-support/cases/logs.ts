// Conformance cases: the audit log (filters, newest first) and bounded security events.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { securityEvent, tenant } from '../fixtures.js';
import type { NewAuditEntry } from '../../types.js';

function entry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    actor: { type: 'token', id: 'a'.repeat(32), name: 'admin', ip: '127.0.0.1' },
    action: 'create',
    resource: { type: 'zone', id: null },
    account_id: null,
    zone_id: null,
    details: {},
    ...overrides,
  };
}

export function logCases(ctx: SuiteContext): void {
  test('audit log: append, newest first, filters, no feed change', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const version = await store.changes.version();
    const first = await store.auditLog.append(
      entry({
        zone_id: zone.id,
        resource: { type: 'hostname', id: 'h1' },
        details: { before: null, after: 'h1' },
      }),
    );
    await store.auditLog.append(
      entry({
        resource: { type: 'api_token', id: 't1' },
        actor: { type: 'cli', id: null, name: 'portcullis', ip: null },
      }),
    );
    const third = await store.auditLog.append(
      entry({ zone_id: zone.id, action: 'delete', when: '2026-03-01T00:00:00.000Z' }),
    );
    expect(await store.changes.version()).toBe(version);
    expect(first.details).toEqual({ before: null, after: 'h1' });
    expect(third.when).toBe('2026-03-01T00:00:00.000Z');
    const all = await store.auditLog.list();
    expect(all.total_count).toBe(3);
    expect(all.items[0]?.id).toBe(third.id);
    expect(all.items[2]).toEqual(first);
    expect((await store.auditLog.list({ zone_id: zone.id })).total_count).toBe(2);
    expect((await store.auditLog.list({ resource_type: 'api_token' })).items[0]?.actor).toEqual({
      type: 'cli',
      id: null,
      name: 'portcullis',
      ip: null,
    });
    expect((await store.auditLog.list({ actor_id: 'a'.repeat(32) })).total_count).toBe(2);
    expect(
      (await store.auditLog.list({ since: '2026-03-01T00:00:00.000Z', until: '2026-03-01T00:00:00.001Z' }))
        .total_count,
    ).toBe(1);
    expect((await store.auditLog.list({ per_page: 2, page: 2 })).items).toHaveLength(1);
  });

  test('security events: batches, newest first, filters, bounded to the newest N', async () => {
    const store = await ctx.reopen({ maxSecurityEvents: 5 });
    const { zone } = await tenant(store);
    const version = await store.changes.version();
    const stored = await store.securityEvents.append([
      securityEvent({ zone_id: zone.id, path: '/1' }),
      securityEvent({ zone_id: zone.id, path: '/2', action: 'log' }),
      securityEvent({ path: '/3' }),
    ]);
    expect(stored[0]?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(stored[0]?.client_auth).toEqual(securityEvent().client_auth);
    expect((await store.securityEvents.list({ zone_id: zone.id })).total_count).toBe(2);
    expect((await store.securityEvents.list({ action: 'log' })).items.map((e) => e.path)).toEqual(['/2']);
    await store.securityEvents.append([4, 5, 6, 7].map((n) => securityEvent({ path: `/${n}` })));
    expect(await store.securityEvents.count()).toBe(5);
    const page = await store.securityEvents.list({ per_page: 10 });
    expect(page.items.map((e) => e.path)).toEqual(['/7', '/6', '/5', '/4', '/3']);
    expect(await store.securityEvents.append([])).toEqual([]);
    expect(await store.changes.version()).toBe(version);
  });

  test('security events: each stands for `count` matches, 1 unless given; invalid counts are refused', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const stored = await store.securityEvents.append([
      securityEvent({ zone_id: zone.id, path: '/one' }),
      securityEvent({ zone_id: zone.id, path: '/folded', count: 2500 }),
    ]);
    expect(stored.map((e) => e.count)).toEqual([1, 2500]);
    const listed = await store.securityEvents.list({ zone_id: zone.id });
    expect(listed.items.map((e) => [e.path, e.count])).toEqual([
      ['/folded', 2500],
      ['/one', 1],
    ]);
    for (const count of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
      await expect(
        store.securityEvents.append([securityEvent({ zone_id: zone.id, count })]),
      ).rejects.toMatchObject({
        code: 'STORE_INVALID_ARGUMENT',
      });
    }
    expect((await store.securityEvents.list({ zone_id: zone.id })).total_count).toBe(2);
  });
}
