// Tests of the resource helpers: id shape, permission checks, enumerations.
import { describe, expect, test } from 'vitest';
import { isId } from './common.js';
import { PERMISSION_FAMILIES, hasPermission } from './api-token.js';
import { CLIENT_CERTIFICATE_STATUSES } from './client-certificate.js';
import { MTLS_MODES } from './hostname.js';
import { RULE_ACTIONS } from './ruleset.js';

describe('resources', () => {
  test.each([
    ['0123456789abcdef0123456789abcdef', true],
    ['0123456789ABCDEF0123456789ABCDEF', false],
    ['0123456789abcdef0123456789abcde', false],
    ['7bf7f70c-7600-42e1-81c4-e4c0da9aa515', false],
    [42, false],
  ])('isId(%j) is %s', (value, expected) => {
    expect(isId(value)).toBe(expected);
  });

  test.each([
    [{ zones: 'edit' }, 'zones', 'read', true],
    [{ zones: 'edit' }, 'zones', 'edit', true],
    [{ zones: 'read' }, 'zones', 'edit', false],
    [{ zones: 'read' }, 'zones', 'read', true],
    [{}, 'zones', 'read', false],
    [{ zones: 'edit' }, 'api_tokens', 'read', false],
  ] as const)('hasPermission(%j, %s, %s) is %s', (permissions, family, level, expected) => {
    expect(hasPermission(permissions, family, level)).toBe(expected);
  });

  test('enumerations are frozen and spelled as Cloudflare does', () => {
    expect(CLIENT_CERTIFICATE_STATUSES).toEqual([
      'active',
      'pending_reactivation',
      'pending_revocation',
      'revoked',
    ]);
    expect(MTLS_MODES).toEqual(['off', 'optional', 'required']);
    expect(RULE_ACTIONS).toEqual(['block', 'skip', 'log']);
    expect(PERMISSION_FAMILIES).toContain('client_certificates');
    for (const list of [CLIENT_CERTIFICATE_STATUSES, MTLS_MODES, RULE_ACTIONS, PERMISSION_FAMILIES]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });
});
