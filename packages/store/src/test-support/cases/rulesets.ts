// Conformance cases: entrypoint rulesets, rule positions, rule and ruleset versions, version history.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { tenant } from '../fixtures.js';
import type { RuleInput } from '../../types.js';

const PHASE = 'http_request_firewall_custom';

function rule(expression: string, extra: Partial<RuleInput> = {}): RuleInput {
  return { action: 'block', expression, ...extra };
}

export function rulesetCases(ctx: SuiteContext): void {
  test('ensureEntrypoint creates an empty version-1 entrypoint once', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    expect(await store.rulesets.getEntrypoint(zone.id, PHASE)).toBeUndefined();
    const created = await store.rulesets.ensureEntrypoint(zone.id, PHASE);
    expect(created).toMatchObject({ kind: 'zone', phase: PHASE, version: '1', rules: [] });
    expect(await store.rulesets.ensureEntrypoint(zone.id, PHASE)).toEqual(created);
    expect(await store.rulesets.get(zone.id, created.id)).toEqual(created);
    expect(
      (await caught(() => store.rulesets.ensureEntrypoint(zone.id, 'http_request_late' as never))).code,
    ).toBe('STORE_INVALID_ARGUMENT');
  });

  test('putEntrypoint replaces the rules; rules named by id keep their id and bump only when changed', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const first = await store.rulesets.putEntrypoint(zone.id, PHASE, {
      description: 'mtls',
      rules: [
        rule('not cf.tls_client_auth.cert_verified', {
          action_parameters: { response: { status_code: 403, content: 'no', content_type: 'text/plain' } },
          logging: { enabled: true },
        }),
        rule('http.request.uri.path eq "/x"', { action: 'log', ref: 'my-ref', enabled: false }),
      ],
    });
    expect(first.version).toBe('1');
    const [a, b] = first.rules;
    expect(a).toMatchObject({
      version: '1',
      action: 'block',
      enabled: true,
      description: '',
      logging: { enabled: true },
    });
    expect(a?.ref).toBe(a?.id);
    expect(a?.action_parameters).toEqual({
      response: { status_code: 403, content: 'no', content_type: 'text/plain' },
    });
    expect(b).toMatchObject({ ref: 'my-ref', enabled: false, action: 'log' });
    expect(b?.action_parameters).toBeUndefined();

    const second = await store.rulesets.putEntrypoint(zone.id, PHASE, {
      rules: [
        {
          ...rule('not cf.tls_client_auth.cert_verified', { logging: { enabled: true } }),
          id: a?.id,
          ref: a?.ref,
          action_parameters: a?.action_parameters,
        },
        {
          ...rule('http.request.uri.path eq "/y"', { action: 'log', ref: 'my-ref', enabled: false }),
          id: b?.id,
        },
        rule('true'),
      ],
    });
    expect(second.id).toBe(first.id);
    expect(second.version).toBe('2');
    expect(second.description).toBe('mtls');
    expect(second.rules.map((r) => [r.id === a?.id, r.id === b?.id, r.version])).toEqual([
      [true, false, '1'],
      [false, true, '2'],
      [false, false, '1'],
    ]);
    const cleared = await store.rulesets.putEntrypoint(zone.id, PHASE, { rules: [] });
    expect(cleared).toMatchObject({ version: '3', rules: [] });
    expect(
      (
        await caught(() =>
          store.rulesets.putEntrypoint(zone.id, PHASE, {
            rules: [rule('true', { ref: 'r' }), rule('false', { ref: 'r' })],
          }),
        )
      ).code,
    ).toBe('STORE_CONFLICT');
    expect((await store.rulesets.getEntrypoint(zone.id, PHASE))?.version).toBe('3');
  });

  test('addRule honours before, after and index positions', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const { id } = await store.rulesets.ensureEntrypoint(zone.id, PHASE);
    let set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'b' }));
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'a' }), { before: '' });
    const refB = set.rules.find((r) => r.ref === 'b')?.id ?? '';
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'c' }), { after: '' });
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'ab' }), { before: refB });
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'b2' }), { after: refB });
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'first' }), { index: 1 });
    set = await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'last' }), { index: 99 });
    expect(set.rules.map((r) => r.ref)).toEqual(['first', 'a', 'ab', 'b', 'b2', 'c', 'last']);
    expect(set.version).toBe('8');
    expect(
      (await caught(() => store.rulesets.addRule(zone.id, id, rule('true'), { before: 'f'.repeat(32) })))
        .code,
    ).toBe('STORE_INVALID_ARGUMENT');
    expect((await caught(() => store.rulesets.addRule(zone.id, id, rule('true'), { index: 0 }))).code).toBe(
      'STORE_INVALID_ARGUMENT',
    );
    expect(
      (
        await caught(() =>
          store.rulesets.addRule(zone.id, id, { action: 'execute' as never, expression: 'true' }),
        )
      ).code,
    ).toBe('STORE_INVALID_ARGUMENT');
  });

  test('updateRule: content changes bump the rule version, moves do not; deleteRule removes', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const { id } = await store.rulesets.ensureEntrypoint(zone.id, PHASE);
    await store.rulesets.addRule(zone.id, id, rule('true', { ref: 'one' }));
    const set = await store.rulesets.addRule(zone.id, id, rule('false', { ref: 'two' }));
    const [one, two] = set.rules;
    const moved = await store.rulesets.updateRule(zone.id, id, two?.id ?? '', {}, { before: one?.id ?? '' });
    expect(moved.rules.map((r) => [r.ref, r.version])).toEqual([
      ['two', '1'],
      ['one', '1'],
    ]);
    const same = await store.rulesets.updateRule(zone.id, id, one?.id ?? '', { expression: 'true' });
    expect(same.rules[1]?.version).toBe('1');
    const changed = await store.rulesets.updateRule(zone.id, id, one?.id ?? '', {
      description: 'now described',
      action: 'skip',
      action_parameters: { ruleset: 'current' },
    });
    expect(changed.rules[1]).toMatchObject({
      version: '2',
      description: 'now described',
      action: 'skip',
      action_parameters: { ruleset: 'current' },
    });
    expect(changed.version).toBe('6');
    const removed = await store.rulesets.deleteRule(zone.id, id, two?.id ?? '');
    expect(removed.rules.map((r) => r.ref)).toEqual(['one']);
    expect((await caught(() => store.rulesets.deleteRule(zone.id, id, two?.id ?? ''))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect((await caught(() => store.rulesets.updateRule(zone.id, id, 'a'.repeat(32), {}))).code).toBe(
      'STORE_NOT_FOUND',
    );
  });

  test('every version is kept as a snapshot', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const other = await tenant(store);
    const v1 = await store.rulesets.ensureEntrypoint(zone.id, PHASE);
    const v2 = await store.rulesets.addRule(zone.id, v1.id, rule('true'));
    const v3 = await store.rulesets.addRule(zone.id, v1.id, rule('false'));
    const versions = await store.rulesets.listVersions(zone.id, v1.id);
    expect(versions.map((v) => v.version)).toEqual(['3', '2', '1']);
    expect(versions[0]).not.toHaveProperty('rules');
    expect(await store.rulesets.getVersion(zone.id, v1.id, '2')).toEqual(v2);
    expect(await store.rulesets.getVersion(zone.id, v1.id, '3')).toEqual(v3);
    expect(await store.rulesets.getVersion(zone.id, v1.id, '4')).toBeUndefined();
    expect(await store.rulesets.getVersion(zone.id, v1.id, 'x')).toBeUndefined();
    expect(await store.rulesets.get(other.zone.id, v1.id)).toBeUndefined();
    expect((await caught(() => store.rulesets.listVersions(other.zone.id, v1.id))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect((await caught(() => store.rulesets.addRule(other.zone.id, v1.id, rule('true')))).code).toBe(
      'STORE_NOT_FOUND',
    );
  });

  test('listEntrypoints returns every zone entrypoint with its ordered rules', async () => {
    const store = ctx.store();
    const a = await tenant(store);
    const b = await tenant(store);
    await store.rulesets.putEntrypoint(a.zone.id, PHASE, {
      rules: [rule('true', { ref: '1' }), rule('false', { ref: '2' })],
    });
    await store.rulesets.putEntrypoint(b.zone.id, PHASE, { rules: [rule('true', { ref: '3' })] });
    const all = await store.rulesets.listEntrypoints(PHASE);
    const byZone = Object.fromEntries(
      all.map((entry) => [entry.zone_id, entry.ruleset.rules.map((r) => r.ref)]),
    );
    expect(byZone).toEqual({ [a.zone.id]: ['1', '2'], [b.zone.id]: ['3'] });
  });

  test('the version history keeps the newest 100 versions', async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const { id } = await store.rulesets.ensureEntrypoint(zone.id, PHASE);
    for (let i = 0; i < 104; i += 1)
      await store.rulesets.putEntrypoint(zone.id, PHASE, { rules: [], description: String(i) });
    const versions = await store.rulesets.listVersions(zone.id, id);
    expect(versions).toHaveLength(100);
    expect(versions[0]?.version).toBe('105');
    expect(versions.at(-1)?.version).toBe('6');
    expect(await store.rulesets.getVersion(zone.id, id, '5')).toBeUndefined();
    expect((await store.rulesets.getVersion(zone.id, id, '6'))?.description).toBe('4');
  });
}
