import { cloudflareScheme } from '@portcullis/rules';
import { describe, expect, it } from 'vitest';
import { compileZone, evaluateZone } from './ruleset.js';

function run(rules: Parameters<typeof compileZone>[0]['rules'], path: string) {
  const zone = compileZone({ id: 'z', name: 'z', rulesetId: 'rs', rules }, new Map());
  const ctx = cloudflareScheme.createContext();
  ctx.set('http.request.uri.path', path);
  ctx.set('ssl', true);
  return { zone, verdict: evaluateZone(zone, ctx) };
}

describe('zone rules', () => {
  it('runs in order: log continues, block ends', () => {
    const { verdict } = run(
      [
        { id: 'l', expression: 'http.request.uri.path eq "/a"', action: 'log' },
        { id: 'b', expression: 'http.request.uri.path eq "/a"', action: 'block' },
        { id: 'after', expression: 'ssl', action: 'log' },
      ],
      '/a',
    );
    expect(verdict.matches.map((r) => r.id)).toEqual(['l', 'b']);
    expect(verdict.blockedBy?.id).toBe('b');
  });

  it('skip ends the phase, or skips named rules only', () => {
    const all = run(
      [
        { id: 's', expression: 'ssl', action: 'skip', action_parameters: { ruleset: 'current' } },
        { id: 'b', expression: 'ssl', action: 'block' },
      ],
      '/',
    );
    expect(all.verdict.blockedBy).toBeUndefined();
    const named = run(
      [
        { id: 's', expression: 'ssl', action: 'skip', action_parameters: { rules: { rs: ['b1'] } } },
        { id: 'b1', expression: 'ssl', action: 'block' },
        { id: 'b2', expression: 'ssl', action: 'block' },
      ],
      '/',
    );
    expect(named.verdict.blockedBy?.id).toBe('b2');
  });

  it('uses the custom block response (status 400-499 only) and skips disabled rules', () => {
    const { verdict } = run(
      [
        { id: 'off', expression: 'ssl', action: 'block', enabled: false },
        {
          id: 'c',
          expression: 'ssl',
          action: 'block',
          action_parameters: { response: { status_code: 429, content: 'slow', content_type: 'text/plain' } },
        },
      ],
      '/',
    );
    expect(verdict.blockedBy?.response).toMatchObject({
      status: 429,
      contentType: 'text/plain',
      body: 'slow',
    });
    expect(verdict.blockedBy?.response.bytes.toString()).toBe('slow');
    expect(
      run(
        [
          {
            id: 'bad',
            expression: 'ssl',
            action: 'block',
            action_parameters: { response: { status_code: 200 } },
          },
        ],
        '/',
      ).verdict.blockedBy?.response.status,
    ).toBe(403);
  });

  it('reports rules that do not compile or have an unknown action, and the fields rules read', () => {
    const { zone } = run(
      [
        { id: 'x', expression: 'http.request.uri.path eq', action: 'block' },
        { id: 'y', expression: 'ssl', action: 'teleport' },
        { id: 'z', expression: 'cf.tls_client_auth.cert_verified', action: 'log' },
      ],
      '/',
    );
    expect(zone.broken.map((b) => b.id)).toEqual(['x', 'y']);
    expect([...zone.referencedFields]).toEqual(['cf.tls_client_auth.cert_verified']);
  });
});
