// encode_base64: the documented defaults and flags, argument checks.
import { describe, expect, it } from 'vitest';
import { BYTES, call, field, literal, rejected } from '../test-support/function-args.js';
import { encodeBase64 } from './encode-base64.js';

describe('encode_base64', () => {
  it('encodes unpadded standard Base64 by default; u and p flags', () => {
    expect(call(encodeBase64, [literal('hello world')], ['hello world'])).toBe('aGVsbG8gd29ybGQ');
    expect(call(encodeBase64, [field(BYTES), literal('p')], ['hello world'])).toBe('aGVsbG8gd29ybGQ=');
    expect(call(encodeBase64, [field(BYTES), literal('u')], ['~~~???'])).toBe('fn5-Pz8_');
    expect(call(encodeBase64, [field(BYTES)], ['~~~???'])).toBe('fn5+Pz8/');
    expect(call(encodeBase64, [field(BYTES), literal('up')], ['\xff'])).toBe('_w==');
    expect(call(encodeBase64, [field(BYTES), literal('pu')], ['\xff'])).toBe('_w==');
    expect(call(encodeBase64, [field(BYTES), literal('')], [''])).toBe('');
  });

  it('refuses unknown flags and flags that are not literals', () => {
    const bad = rejected(encodeBase64, [field(BYTES), literal('z')]);
    expect(bad.category).toBe('type');
    expect(bad.argIndex).toBe(1);
    expect(rejected(encodeBase64, [field(BYTES), field(BYTES)]).message).toContain('expected a literal');
    expect(encodeBase64.phases).toEqual(['transform']);
  });
});
