// Custom rules: entrypoint PUT/GET, rule POST with position, PATCH, DELETE, versions, expression diagnostics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ruleset, Zone } from '@portcullis/model';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

const mtlsRule = {
  action: 'block',
  expression:
    '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
  description: 'require a valid client certificate on /admin',
  action_parameters: {
    response: { status_code: 403, content: '{"error":"mtls"}', content_type: 'application/json' },
  },
};

describe.each(backends)('rulesets ($name)', (backend) => {
  let api: RunningApi;
  let zone: Zone;
  let entry: string;
  beforeAll(async () => {
    api = await startApi(backend);
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'rules.test', account: { id: api.account.id } } }),
    );
    entry = `/zones/${zone.id}/rulesets/phases/http_request_firewall_custom/entrypoint`;
  });
  afterAll(async () => api?.close());

  it('puts and reads the custom-rules entrypoint', async () => {
    const put = await must(
      api.call<Ruleset>('PUT', entry, {
        body: { description: 'mTLS', rules: [mtlsRule, { action: 'log', expression: 'ssl' }] },
      }),
    );
    expect(put.phase).toBe('http_request_firewall_custom');
    expect(put.rules).toHaveLength(2);
    expect(put.rules[0]).toMatchObject({
      action: 'block',
      expression: mtlsRule.expression,
      enabled: true,
      action_parameters: mtlsRule.action_parameters,
    });
    expect(put.rules[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(await must(api.call('GET', entry))).toEqual(put);
  });

  it('adds rules at positions, edits and moves one, deletes one, keeps versions', async () => {
    const current = await must(api.call<Ruleset>('GET', entry));
    const [first, second] = current.rules;
    const rules = `/zones/${zone.id}/rulesets/${current.id}/rules`;
    const top = await must(
      api.call<Ruleset>('POST', rules, {
        body: {
          action: 'skip',
          expression: 'ip.src in {10.0.0.0/8}',
          action_parameters: { ruleset: 'current' },
          position: { before: '' },
        },
      }),
    );
    expect(top.rules.map((r) => r.action)).toEqual(['skip', 'block', 'log']);
    const atIndex = await must(
      api.call<Ruleset>('POST', rules, {
        body: { action: 'log', expression: 'http.host eq "x.rules.test"', position: { index: 2 } },
      }),
    );
    expect(atIndex.rules[1]!.expression).toBe('http.host eq "x.rules.test"');
    const after = await must(
      api.call<Ruleset>('POST', rules, {
        body: {
          action: 'block',
          expression: 'http.request.method eq "DELETE"',
          position: { after: first!.id },
        },
      }),
    );
    const afterIds = after.rules.map((r) => r.id);
    expect(afterIds.indexOf(first!.id) + 1).toBe(
      after.rules.findIndex((r) => r.expression === 'http.request.method eq "DELETE"'),
    );

    const edited = await must(
      api.call<Ruleset>('PATCH', `${rules}/${second!.id}`, {
        body: { enabled: false, description: 'off for now' },
      }),
    );
    expect(edited.rules.find((r) => r.id === second!.id)).toMatchObject({
      enabled: false,
      description: 'off for now',
      action: 'log',
    });
    const moved = await must(
      api.call<Ruleset>('PATCH', `${rules}/${second!.id}`, { body: { position: { before: '' } } }),
    );
    expect(moved.rules[0]!.id).toBe(second!.id);

    const deleted = await must(api.call<Ruleset>('DELETE', `${rules}/${second!.id}`));
    expect(deleted.rules.some((r) => r.id === second!.id)).toBe(false);
    expect(Number(deleted.version)).toBeGreaterThan(Number(current.version));

    const versions = await must(api.call<{ version: string }[]>('GET', `${entry}/versions`));
    expect(versions.length).toBeGreaterThanOrEqual(5);
    const old = await must(api.call<Ruleset>('GET', `${entry}/versions/${current.version}`));
    expect(old.rules.map((r) => r.id)).toEqual(current.rules.map((r) => r.id));
    expect((await api.call('GET', `/zones/${zone.id}/rulesets/${current.id}/versions/999999`)).status).toBe(
      404,
    );
    expect(await must(api.call('GET', `/zones/${zone.id}/rulesets/${current.id}`))).toEqual(
      await must(api.call('GET', entry)),
    );
  });

  it("answers an invalid expression with Cloudflare's parse error, caret and position, and writes nothing", async () => {
    const before = await must(api.call<Ruleset>('GET', entry));
    const response = await api.call('PUT', entry, {
      body: { rules: [mtlsRule, { action: 'block', expression: 'http.request.uri.path eq "/a" and' }] },
    });
    expect(response.status).toBe(400);
    const message = response.body.errors[0]!.message;
    expect(message).toContain('body.rules[1].expression');
    expect(message).toMatch(/Filter parsing error \(1:\d+\):\nhttp\.request\.uri\.path eq "\/a" and\n *\^+/);
    expect(response.body.errors[0]!.type).toBe('API_INVALID_EXPRESSION');

    const unknownField = await api.call('POST', `/zones/${zone.id}/rulesets/${before.id}/rules`, {
      body: { action: 'block', expression: 'cf.tls_client_auth.cert_verifed' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]!.message).toContain('Filter parsing error (1:1)');
    expect(unknownField.body.errors[0]!.message).toContain('^');
    expect(await must(api.call('GET', entry))).toEqual(before);
  });

  it('checks actions and their parameters', async () => {
    const current = await must(api.call<Ruleset>('GET', entry));
    const rules = `/zones/${zone.id}/rulesets/${current.id}/rules`;
    const cases: [unknown, RegExp][] = [
      [{ action: 'challenge', expression: 'ssl' }, /action "challenge" is not supported/],
      [
        {
          action: 'block',
          expression: 'ssl',
          action_parameters: { response: { status_code: 503, content: '', content_type: 'text/plain' } },
        },
        /status_code must be an integer from 400 to 499/,
      ],
      [
        {
          action: 'block',
          expression: 'ssl',
          action_parameters: { response: { status_code: 403, content: 'x', content_type: 'image/png' } },
        },
        /content_type must be one of/,
      ],
      [
        {
          action: 'block',
          expression: 'ssl',
          action_parameters: {
            response: { status_code: 403, content: 'x'.repeat(2049), content_type: 'text/plain' },
          },
        },
        /over the limit of 2048/,
      ],
      [{ action: 'skip', expression: 'ssl' }, /required for skip/],
      [{ action: 'log', expression: 'ssl', action_parameters: { response: {} } }, /must be empty for log/],
      [{ action: 'block', expression: 'ssl', ratelimit: { period: 10 } }, /ratelimit is not supported/],
      [{ action: 'block', expression: 'ssl', position: { index: 99 } }, /past the end/],
      [{ action: 'block', expression: 'x'.repeat(4097) }, /body.expression/],
    ];
    for (const [body, message] of cases) {
      const response = await api.call('POST', rules, { body });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body.errors[0]?.message).toMatch(message);
    }
    expect(await must(api.call('GET', entry))).toEqual(current);
    const other = await api.call(
      'GET',
      `/zones/${zone.id}/rulesets/phases/http_request_firewall_managed/entrypoint`,
    );
    expect(other.status).toBe(404);
  });

  it('patches only the parameters of a rule, checked against its current action', async () => {
    const current = await must(api.call<Ruleset>('GET', entry));
    const block = current.rules.find((r) => r.action === 'block')!;
    const rules = `/zones/${zone.id}/rulesets/${current.id}/rules`;
    const response = { status_code: 401, content: 'who are you', content_type: 'text/plain' };
    const patched = await must(
      api.call<Ruleset>('PATCH', `${rules}/${block.id}`, { body: { action_parameters: { response } } }),
    );
    expect(patched.rules.find((r) => r.id === block.id)).toMatchObject({
      action: 'block',
      action_parameters: { response },
    });
    const bad = await api.call('PATCH', `${rules}/${block.id}`, {
      body: { action_parameters: { response: { ...response, status_code: 200 } } },
    });
    expect(bad.status).toBe(400);
  });

  it('validates without writing on dry_run', async () => {
    const current = await must(api.call<Ruleset>('GET', entry));
    const dry = await api.call('PUT', `${entry}?dry_run=true`, { body: { rules: [] } });
    expect(dry.status).toBe(200);
    expect(dry.body.result).toBeNull();
    expect(await must(api.call('GET', entry))).toEqual(current);
  });
});
