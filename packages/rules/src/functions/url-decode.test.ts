// url_decode: documented examples, malformed escapes, the r fixed point, %u escapes, argument checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTES, call, computed, field, literal, rejected, utf8 } from '../test-support/function-args.js';
import { urlDecode, urlDecodeFully, urlDecodeOnce } from './url-decode.js';

describe('url_decode', () => {
  it('decodes %XX and + once, keeping bytes as they are', () => {
    expect(call(urlDecode, [field(BYTES)], ['John%20Doe'])).toBe('John Doe');
    expect(call(urlDecode, [field(BYTES)], ['John+Doe'])).toBe('John Doe');
    expect(call(urlDecode, [field(BYTES)], ['%2520'])).toBe('%20');
    expect(call(urlDecode, [field(BYTES)], ['%E4%BD'])).toBe('\xe4\xbd');
    expect(call(urlDecode, [field(BYTES)], ['%e4%bD'])).toBe('\xe4\xbd');
  });

  it('leaves malformed escapes alone', () => {
    expect(urlDecodeOnce('%', false)).toBe('%');
    expect(urlDecodeOnce('100%', false)).toBe('100%');
    expect(urlDecodeOnce('%4', false)).toBe('%4');
    expect(urlDecodeOnce('%zz%41', false)).toBe('%zzA');
    expect(urlDecodeOnce('%u2601', false)).toBe('%u2601');
  });

  it('repeats until nothing changes with option r', () => {
    expect(call(urlDecode, [field(BYTES), literal('r')], ['%2520'])).toBe(' ');
    expect(urlDecodeFully('%252541', false)).toBe('A');
    expect(urlDecodeFully('%%2541', false)).toBe('%A');
    expect(urlDecodeFully('%4%41', false)).toBe('J');
    expect(urlDecodeFully('%252B', false)).toBe(' ');
    expect(urlDecodeFully('plain', false)).toBe('plain');
  });

  it('reaches the same fixed point as repeated passes', () => {
    const samples = [
      '%25%34%31',
      '%%%2525',
      '%2%35%34%31+',
      '%u0025%34%31',
      '%25u2601',
      '%u%2541',
      'a%2Bb%252B',
    ];
    for (const unicode of [false, true]) {
      for (const sample of samples) {
        let slow = sample;
        for (;;) {
          const next = urlDecodeOnce(slow, unicode);
          if (next === slow) break;
          slow = next;
        }
        expect(urlDecodeFully(sample, unicode), `${sample} unicode=${unicode}`).toBe(slow);
      }
    }
  });

  it('stays linear on deeply nested encodings', () => {
    const deep = `%${'25'.repeat(200_000)}41`;
    const started = performance.now();
    expect(urlDecodeFully(deep, false)).toBe('A');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('decodes %uXXXX to UTF-8 with option u, surrogate pairs included', () => {
    expect(call(urlDecode, [field(BYTES), literal('u')], ['%u2601'])).toBe('\xe2\x98\x81');
    expect(call(urlDecode, [field(BYTES), literal('u')], ['%uD83D%uDE00'])).toBe(utf8('😀'));
    expect(call(urlDecode, [field(BYTES), literal('u')], ['%uD83Dx'])).toBe('%uD83Dx');
    expect(call(urlDecode, [field(BYTES), literal('u')], ['%uDE00'])).toBe('%uDE00');
    expect(call(urlDecode, [field(BYTES), literal('ur')], ['%25u2601'])).toBe('\xe2\x98\x81');
    expect(call(urlDecode, [field(BYTES), literal('ru')], ['%25uD83D%25uDE00'])).toBe(utf8('😀'));
  });

  it('accepts a computed source and returns missing for a missing one', () => {
    expect(call(urlDecode, [computed(BYTES)], ['a%41'])).toBe('aA');
    expect(call(urlDecode, [field(BYTES)], [undefined])).toBeUndefined();
  });

  it('refuses literals as the source, bad options and wrong counts', () => {
    expect(rejected(urlDecode, [literal('a')]).message).toContain('expected a field');
    const bad = rejected(urlDecode, [field(BYTES), literal('x')]);
    expect(bad.category).toBe('type');
    expect(bad.argIndex).toBe(1);
    expect(bad.message).toContain('"x"');
    expect(rejected(urlDecode, [field(BYTES), literal('rr')]).message).toContain('twice');
    expect(rejected(urlDecode, [field(BYTES), field(BYTES)]).message).toContain('expected a literal');
    expect(rejected(urlDecode, []).message).toContain('invalid number of arguments');
    expect(rejected(urlDecode, [field(BYTES), literal('r'), literal('u')]).category).toBe('type');
    expect(rejected(urlDecode, [literal(1)]).message).toContain('expected Bytes, got Int');
  });

  it('is available in custom and transform phases', () => {
    expect([...urlDecode.phases].sort()).toEqual(['custom', 'transform']);
  });
});

describe('urlDecodeFully (property)', () => {
  it('equals repeating single passes until nothing changes, on escape-dense inputs', () => {
    const unit = fc.constantFrom(
      '%',
      '2',
      '5',
      '4',
      '1',
      'u',
      'U',
      '+',
      'a',
      'D',
      '8',
      '3',
      'E',
      '0',
      'C',
      'F',
      'z',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.boolean(), (input, unicode) => {
        let slow = input;
        for (let i = 0; i < 100; i++) {
          const next = urlDecodeOnce(slow, unicode);
          if (next === slow) break;
          slow = next;
        }
        expect(urlDecodeFully(input, unicode)).toBe(slow);
      }),
      { numRuns: 5000 },
    );
  });
});
