// is_timed_hmac_valid_v0: tokens made with Node crypto, expiry, both MAC encodings, argument checks.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BYTES, INT, call, computed, field, literal, rejected } from '../test-support/function-args.js';
import { hmacSha256, isTimedHmacValidV0, parseTimedToken } from './is-timed-hmac-valid-v0.js';

const KEY = 'mysecrettoken';
const ISSUED = 1484063787;

function token(message: string, separator: string, issued: number, key: string, urlSafe: boolean): string {
  const mac = createHmac('sha256', Buffer.from(key, 'latin1'))
    .update(Buffer.from(`${message}${issued}`, 'latin1'))
    .digest(urlSafe ? 'base64url' : 'base64');
  return `${message}${separator}${issued}-${urlSafe ? mac : encodeURIComponent(mac)}`;
}

function valid(
  value: string | undefined,
  now: number | undefined,
  options: { sep?: number; flags?: string; key?: string; ttl?: number } = {},
): unknown {
  const args = [literal(options.key ?? KEY), field(BYTES), literal(options.ttl ?? 10800), field(INT)];
  const values: unknown[] = [options.key ?? KEY, value, options.ttl ?? 10800, now];
  if (options.sep !== undefined) {
    args.push(literal(options.sep));
    values.push(options.sep);
  }
  if (options.flags !== undefined) {
    args.push(literal(options.flags));
    values.push(options.flags);
  }
  return call(isTimedHmacValidV0, args, values as never);
}

describe('hmacSha256', () => {
  it('matches Node for every message, reusing one keyed state', () => {
    for (const key of ['k', 'mysecrettoken', 'x'.repeat(100)]) {
      const mac = hmacSha256(Buffer.from(key, 'latin1'));
      for (const message of ['', 'a', '/images/cat.jpg1484063787', 'y'.repeat(200), 'a']) {
        const expected = createHmac('sha256', Buffer.from(key, 'latin1'))
          .update(Buffer.from(message, 'latin1'))
          .digest();
        expect(Buffer.from(mac(Buffer.from(message, 'latin1'))).equals(expected), `${key}/${message}`).toBe(
          true,
        );
      }
    }
  });
});

describe('is_timed_hmac_valid_v0', () => {
  const uri = token('/images/cat.jpg', '?verify=', ISSUED, KEY, false);

  it('accepts the token of the documentation recipe until it expires', () => {
    expect(uri).toBe('/images/cat.jpg?verify=1484063787-XsZ5NmtNBxOd4f4fBOtqVmpWRnDRNkHKVZieqDPKu3U%3D');
    expect(valid(uri, 1484071925, { sep: 8 })).toBe(true);
    expect(valid(uri, ISSUED, { sep: 8 })).toBe(true);
    expect(valid(uri, ISSUED + 10799, { sep: 8 })).toBe(true);
    expect(valid(uri, ISSUED + 10800, { sep: 8 })).toBe(false);
    expect(valid(uri, 1484074600, { sep: 8 })).toBe(false);
  });

  it('refuses a wrong key, a tampered message, timestamp or MAC, and a wrong separator length', () => {
    expect(valid(uri, 1484071925, { sep: 8, key: 'othersecret' })).toBe(false);
    expect(valid(uri.replace('cat', 'dog'), 1484071925, { sep: 8 })).toBe(false);
    expect(valid(uri.replace('1484063787', '1484063788'), 1484071925, { sep: 8 })).toBe(false);
    expect(valid(uri.replace('Xs', 'Ys'), 1484071925, { sep: 8 })).toBe(false);
    expect(valid(uri, 1484071925, { sep: 7 })).toBe(false);
    expect(valid(uri, 1484071925)).toBe(false);
  });

  it('verifies URL-safe unpadded MACs with flag s, which may contain -', () => {
    for (let i = 0; i < 40; i++) {
      const t = token(`/file/${i}`, '?t=', ISSUED, KEY, true);
      expect(valid(t, ISSUED + 1, { sep: 3, flags: 's' }), t).toBe(true);
      expect(valid(t, ISSUED + 1, { sep: 3 }), t).toBe(false);
    }
    const tokenWithDash = Array.from({ length: 200 }, (_, i) => token(`/f${i}`, '', ISSUED, KEY, true)).find(
      (t) => t.slice(-43).includes('-'),
    );
    expect(tokenWithDash).toBeDefined();
    expect(valid(tokenWithDash, ISSUED + 1, { sep: 0, flags: 's' })).toBe(true);
  });

  it('works with no separator and with flags in place of the separator length', () => {
    const t = token('msg', '', ISSUED, KEY, true);
    expect(valid(t, ISSUED, { flags: 's' })).toBe(true);
    expect(valid(token('msg', '', ISSUED, KEY, false), ISSUED)).toBe(true);
  });

  it('refuses values that do not have the token shape', () => {
    for (const bad of [
      '',
      '-',
      'abc',
      '/x?verify=148406378-AAAA',
      '/x?verify=14840637a7-' + 'A'.repeat(44),
      uri.slice(0, -3),
    ]) {
      expect(valid(bad, ISSUED, { sep: 8 }), bad).toBe(false);
    }
    expect(parseTimedToken('m1484063787-' + 'A'.repeat(43), 0, true)?.message).toBe('m');
    expect(parseTimedToken('1484063787-' + 'A'.repeat(43), 0, true)).toBeUndefined();
    expect(parseTimedToken('m1484063787-' + 'A'.repeat(43), 1, true)).toBeUndefined();
    expect(parseTimedToken('m&1484063787-' + 'A'.repeat(43), 1, true)).toMatchObject({
      message: 'm',
      timestamp: '1484063787',
    });
  });

  it('gives missing when the value or the clock is missing', () => {
    expect(valid(undefined, ISSUED, { sep: 8 })).toBeUndefined();
    expect(valid(uri, undefined, { sep: 8 })).toBeUndefined();
  });

  it('checks literal-ness, types, ranges and flags', () => {
    const base = [literal(KEY), field(BYTES), literal(10800), field(INT)];
    expect(
      rejected(isTimedHmacValidV0, [field(BYTES), field(BYTES), literal(10800), field(INT), literal(8)])
        .message,
    ).toContain('expected a literal');
    expect(
      rejected(isTimedHmacValidV0, [literal(KEY), literal('x'), literal(10800), field(INT)]).message,
    ).toContain('expected a field');
    expect(rejected(isTimedHmacValidV0, [literal(KEY), field(BYTES), field(INT), field(INT)]).argIndex).toBe(
      2,
    );
    expect(
      rejected(isTimedHmacValidV0, [literal(KEY), field(BYTES), literal(0), field(INT)]).message,
    ).toContain('ttl');
    expect(
      rejected(isTimedHmacValidV0, [literal(''), field(BYTES), literal(10), field(INT)]).message,
    ).toContain('empty');
    expect(rejected(isTimedHmacValidV0, [...base, field(INT)]).argIndex).toBe(4);
    expect(rejected(isTimedHmacValidV0, [...base, literal(-1)]).argIndex).toBe(4);
    expect(rejected(isTimedHmacValidV0, [...base, literal(8), literal('x')]).argIndex).toBe(5);
    expect(rejected(isTimedHmacValidV0, [...base, literal('s'), literal('s')]).argIndex).toBe(4);
    expect(rejected(isTimedHmacValidV0, [...base, literal(8), field(BYTES)]).argIndex).toBe(5);
    expect(rejected(isTimedHmacValidV0, base.slice(0, 3)).message).toContain('invalid number of arguments');
    expect(
      rejected(isTimedHmacValidV0, [literal(KEY), field(BYTES), literal(1), literal('now')]).category,
    ).toBe('type');
  });

  it('validates a MessageMAC assembled by concat, as the documentation shows', () => {
    const uri = '/download/cat.jpg';
    const t = token(uri, '', ISSUED, 'mysecretkey', false);
    const args = [literal('mysecretkey'), computed(BYTES), literal(100000), field(INT), literal(0)];
    expect(call(isTimedHmacValidV0, args, ['mysecretkey', t, 100000, ISSUED + 5, 0])).toBe(true);
  });

  it('accepts a computed messageMAC and returns Bool', () => {
    const result = isTimedHmacValidV0.check([literal(KEY), computed(BYTES), literal(5), field(INT)]);
    expect(result.ok && result.returns).toEqual({ kind: 'bool' });
  });
});
