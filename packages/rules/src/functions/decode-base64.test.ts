// decode_base64: padded and unpadded input, invalid input as missing, argument checks.
import { describe, expect, it } from 'vitest';
import { BYTES, call, computed, field, literal, rejected, utf8 } from '../test-support/function-args.js';
import { decodeBase64 } from './decode-base64.js';

describe('decode_base64', () => {
  it('decodes standard Base64 from a field, padded or not', () => {
    expect(call(decodeBase64, [field(BYTES)], ['MTIzYWJj'])).toBe('123abc');
    expect(call(decodeBase64, [field(BYTES)], ['MTIzYWI='])).toBe('123ab');
    expect(call(decodeBase64, [field(BYTES)], ['MTIzYWI'])).toBe('123ab');
    expect(call(decodeBase64, [field(BYTES)], ['4pyT'])).toBe(utf8('✓'));
    expect(call(decodeBase64, [computed(BYTES)], ['YQ=='])).toBe('a');
  });

  it('gives missing for invalid input and a missing source', () => {
    expect(call(decodeBase64, [field(BYTES)], ['not base64!'])).toBeUndefined();
    expect(call(decodeBase64, [field(BYTES)], [undefined])).toBeUndefined();
  });

  it('refuses a literal source and extra arguments', () => {
    expect(rejected(decodeBase64, [literal('MTIzYWJj')]).message).toContain('expected a field');
    expect(rejected(decodeBase64, [field(BYTES), literal('u')]).message).toContain(
      'invalid number of arguments',
    );
    expect([...decodeBase64.phases].sort()).toEqual(['custom', 'transform']);
  });
});
