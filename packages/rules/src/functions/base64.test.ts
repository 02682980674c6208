// The Base64 codec against Node, and decode_base64 / encode_base64 / sha256 as functions.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BYTES, call, computed, field, literal, rejected, utf8 } from '../test-support/function-args.js';
import { decodeBase64 as decode, encodeBase64 as encode } from './base64.js';
import { decodeBase64 } from './decode-base64.js';
import { encodeBase64 } from './encode-base64.js';
import { sha256 } from './sha256.js';

describe('base64 codec', () => {
  it('agrees with Node for every length and byte', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 73 + length * 31) & 0xff));
      const binary = bytes.toString('latin1');
      expect(encode(binary, false, true)).toBe(bytes.toString('base64'));
      expect(encode(binary, true, false)).toBe(bytes.toString('base64url'));
      expect(decode(bytes.toString('base64'), false)).toBe(binary);
      expect(decode(bytes.toString('base64').replace(/=+$/, ''), false)).toBe(binary);
      expect(decode(bytes.toString('base64url'), true)).toBe(binary);
    }
  });

  it('rejects what is not Base64', () => {
    for (const bad of ['a', 'ab$d', 'YW Jj', 'YW=j', 'YQ===', 'fn5-Pz8_', '=', 'YWJj\n']) {
      expect(decode(bad, false), bad).toBeUndefined();
    }
    expect(decode('fn5+Pz8/', true)).toBeUndefined();
  });
});

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
    expect(rejected(decodeBase64, [field(BYTES), literal('u')]).message).toContain('invalid number of arguments');
    expect([...decodeBase64.phases].sort()).toEqual(['custom', 'transform']);
  });
});

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

describe('sha256', () => {
  it('returns the 32 raw digest bytes', () => {
    for (const text of ['', 'my-token', 'example.com', '\x00\xff'.repeat(100)]) {
      const expected = createHash('sha256').update(Buffer.from(text, 'latin1')).digest().toString('latin1');
      expect(call(sha256, [field(BYTES)], [text])).toBe(expected);
    }
    expect(encode(call(sha256, [literal('my-token')], ['my-token']) as string, false, true)).toBe(
      '/s5Q0ih/ckWupYGbdfle6L7ClaFPjvHnox8X8drp30Q=',
    );
  });

  it('refuses non-Bytes input; transform only', () => {
    expect(rejected(sha256, [literal(1)]).category).toBe('type');
    expect(sha256.phases).toEqual(['transform']);
  });
});
