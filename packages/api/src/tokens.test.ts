// Token minting, splitting and constant-time comparison.
import { describe, expect, it } from 'vitest';
import { hashSecret, mintToken, secretMatches, splitToken, tokenRecord } from './tokens.js';

describe('tokens', () => {
  it('mints pct_<id>_<secret> and splits it back', () => {
    const token = mintToken();
    expect(token.value).toMatch(/^pct_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(splitToken(token.value)).toEqual({ id: token.id, secret: token.secret });
    expect(token.secretHash).toBe(hashSecret(token.secret));
    expect(token.value).not.toContain(token.secretHash);
  });

  it('gives operator-chosen tokens a stable derived id', () => {
    const value = 'an-operator-chosen-admin-token-of-some-length';
    const a = tokenRecord(value);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenRecord(value)).toEqual(a);
    expect(secretMatches(splitToken(value).secret, a.secretHash)).toBe(true);
  });

  it('compares secrets against stored hashes', () => {
    const token = mintToken();
    expect(secretMatches(token.secret, token.secretHash)).toBe(true);
    expect(secretMatches(`${token.secret}x`, token.secretHash)).toBe(false);
    expect(secretMatches(token.secret, 'abcd')).toBe(false);
    expect(secretMatches(token.secret, '')).toBe(false);
  });
});
