// Conformance cases: API tokens (hash only, never in resources) and key/value settings.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';

export function tokenSettingCases(ctx: SuiteContext): void {
  test('API tokens: the hash is kept apart from the resource; update, touch and delete', async () => {
    const store = ctx.store();
    const id = 'c'.repeat(32);
    const token = await store.apiTokens.create({
      id,
      name: 'admin',
      permissions: { zones: 'edit', audit_log: 'read' },
      secret_hash: 'sha256:deadbeef',
    });
    expect(token).toMatchObject({
      id,
      name: 'admin',
      status: 'active',
      last_used_on: null,
      expires_on: null,
    });
    expect(token.permissions).toEqual({ zones: 'edit', audit_log: 'read' });
    expect(JSON.stringify(await store.apiTokens.list())).not.toContain('deadbeef');
    expect(JSON.stringify(await store.apiTokens.get(id))).not.toContain('deadbeef');
    expect(await store.apiTokens.findCredential(id)).toEqual({ token, secret_hash: 'sha256:deadbeef' });
    expect(await store.apiTokens.findCredential('nope')).toBeUndefined();
    expect(
      (await caught(() => store.apiTokens.create({ id, name: 'x', permissions: {}, secret_hash: 'h' }))).code,
    ).toBe('STORE_CONFLICT');
    expect(
      (
        await caught(() =>
          store.apiTokens.create({ id: 'XYZ', name: 'x', permissions: {}, secret_hash: 'h' }),
        )
      ).code,
    ).toBe('STORE_INVALID_ARGUMENT');

    const version = await store.changes.version();
    await store.apiTokens.touch(id, '2026-02-02T00:00:00.000Z');
    expect((await store.apiTokens.get(id))?.last_used_on).toBe('2026-02-02T00:00:00.000Z');
    expect(await store.changes.version()).toBe(version);

    const disabled = await store.apiTokens.update(id, { status: 'disabled', permissions: { zones: 'read' } });
    expect(disabled).toMatchObject({ status: 'disabled', permissions: { zones: 'read' } });
    expect((await caught(() => store.apiTokens.update(id, { status: 'gone' as never }))).code).toBe(
      'STORE_INVALID_ARGUMENT',
    );
    const generated = await store.apiTokens.create({ name: 'second', permissions: {}, secret_hash: 'h2' });
    expect(generated.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.apiTokens.count()).toBe(2);
    await store.apiTokens.delete(id);
    expect(await store.apiTokens.get(id)).toBeUndefined();
    expect((await caught(() => store.apiTokens.delete(id))).code).toBe('STORE_NOT_FOUND');
    expect((await store.apiTokens.list()).total_count).toBe(1);
  });

  test('settings: set, get, setIfAbsent, list by prefix, delete', async () => {
    const store = ctx.store();
    expect(await store.settings.get('edge_ca.certificate')).toBeUndefined();
    await store.settings.set('edge_ca.certificate', 'PEM1');
    await store.settings.set('edge_ca.certificate', 'PEM2');
    expect(await store.settings.get('edge_ca.certificate')).toBe('PEM2');
    expect(await store.settings.setIfAbsent('master_key.check', 'v1')).toBe(true);
    expect(await store.settings.setIfAbsent('master_key.check', 'v2')).toBe(false);
    expect(await store.settings.get('master_key.check')).toBe('v1');
    await store.settings.set('edge_ca_other', 'x');
    await store.settings.set('edge_ca.key', 'sealed');
    expect(await store.settings.list('edge_ca.')).toEqual({
      'edge_ca.certificate': 'PEM2',
      'edge_ca.key': 'sealed',
    });
    expect(Object.keys(await store.settings.list())).toHaveLength(4);
    expect(await store.settings.delete('edge_ca.key')).toBe(true);
    expect(await store.settings.delete('edge_ca.key')).toBe(false);
    expect((await caught(() => store.settings.set('', 'x'))).code).toBe('STORE_INVALID_ARGUMENT');
  });

  test('setIfAbsent from two stores at once: exactly one wins', async () => {
    const other = await ctx.harness().open();
    const results = await Promise.all([
      ctx.store().settings.setIfAbsent('race', 'a'),
      other.settings.setIfAbsent('race', 'b'),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await other.settings.get('race')).toBe(results[0] ? 'a' : 'b');
  });
}
