// substring: documented examples, byte indexes, clamping, argument checks.
import { describe, expect, it } from 'vitest';
import { BYTES, INT, call, field, literal, rejected } from '../test-support/function-args.js';
import { byteSubstring, substring } from './substring.js';

describe('substring', () => {
  it('follows the documented examples', () => {
    expect(call(substring, [field(BYTES), literal(2), literal(5)], ['asdfghjk', 2, 5])).toBe('dfg');
    expect(call(substring, [field(BYTES), literal(2)], ['asdfghjk', 2])).toBe('dfghjk');
    expect(call(substring, [field(BYTES), literal(-2)], ['asdfghjk', -2])).toBe('jk');
    expect(call(substring, [field(BYTES), literal(0), literal(-2)], ['asdfghjk', 0, -2])).toBe('asdfgh');
  });

  it('counts bytes and clamps out-of-range indexes', () => {
    expect(byteSubstring('\xc3\xa9t\xc3\xa9', 0, 2)).toBe('\xc3\xa9');
    expect(byteSubstring('abc', 5)).toBe('');
    expect(byteSubstring('abc', -10)).toBe('abc');
    expect(byteSubstring('abc', 2, 1)).toBe('');
    expect(byteSubstring('abc', 0, 100)).toBe('abc');
    expect(byteSubstring('abc', -2, -1)).toBe('b');
  });

  it('takes indexes from fields; missing in, missing out', () => {
    expect(call(substring, [field(BYTES), field(INT)], ['abc', 1])).toBe('bc');
    expect(call(substring, [field(BYTES), field(INT)], ['abc', undefined])).toBeUndefined();
  });

  it('needs a start of type Int', () => {
    expect(rejected(substring, [field(BYTES)]).message).toContain('invalid number of arguments');
    expect(rejected(substring, [field(BYTES), literal('1')]).message).toContain('expected Int, got Bytes');
    expect(rejected(substring, [field(BYTES), literal(1), literal(2), literal(3)]).category).toBe('type');
  });
});
