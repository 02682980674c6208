// Conformance cases: opening, migrations on reopen, closing, ids and timestamps.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { tenant } from '../fixtures.js';

export function lifecycleCases(ctx: SuiteContext): void {
  test('a fresh store is empty at version 0', async () => {
    const store = ctx.store();
    expect(await store.changes.version()).toBe(0);
    expect((await store.accounts.list()).total_count).toBe(0);
    await store.ping();
  });

  test('reopening runs no migration twice and keeps the data', async () => {
    const { zone } = await tenant(ctx.store());
    const version = await ctx.store().changes.version();
    const reopened = await ctx.reopen();
    expect(await reopened.changes.version()).toBe(version);
    expect((await reopened.zones.get(zone.id))?.name).toBe(zone.name);
    const again = await ctx.reopen();
    expect((await again.zones.list()).total_count).toBe(1);
  });

  test('two stores opening the same new database at once both succeed', async () => {
    const harness = ctx.harness();
    const [a, b] = await Promise.all([harness.open(), harness.open()]);
    await a.accounts.ensureDefault({ name: 'A' });
    expect((await b.accounts.list()).total_count).toBe(1);
  });

  test('ids are 32 lowercase hex and timestamps RFC 3339', async () => {
    const { account, zone, ca } = await tenant(ctx.store());
    for (const id of [account.id, zone.id, ca.id]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(zone.created_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Date.parse(zone.created_on)).not.toBeNaN();
  });

  test('the injected clock stamps rows', async () => {
    const store = await ctx.reopen({ now: () => new Date('2030-05-06T07:08:09.000Z') });
    const { account } = await store.accounts.ensureDefault({ name: 'Clocked' });
    expect(account.created_on).toBe('2030-05-06T07:08:09.000Z');
  });

  test('a closed store refuses work with STORE_CLOSED and closing twice is harmless', async () => {
    const store = ctx.store();
    await store.close();
    await store.close();
    expect((await caught(() => store.accounts.list())).code).toBe('STORE_CLOSED');
    expect((await caught(() => store.changes.version())).code).toBe('STORE_CLOSED');
    expect((await caught(() => store.ping())).code).toBe('STORE_CLOSED');
  });

  test('bad arguments come back as rejected promises with STORE_INVALID_ARGUMENT, never as synchronous throws', async () => {
    const store = ctx.store();
    const calls: Array<() => Promise<unknown>> = [
      () => store.zones.list({ page: 0 }),
      () => store.accounts.create({ name: '' }),
      () => store.hostnames.list('a'.repeat(32), { per_page: -1 }),
      () => store.rulesets.ensureEntrypoint('a'.repeat(32), 'nope' as never),
      () => store.apiTokens.create({ id: 'bad', name: 'x', permissions: {}, secret_hash: 'h' }),
      () => store.settings.set('', 'x'),
      () => store.changes.changesSince(1.5),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ code: 'STORE_INVALID_ARGUMENT' });
    }
  });
}
