// The Base64 codec over binary strings, checked against Node's Buffer for every length and byte.
import { describe, expect, it } from 'vitest';
import { decodeBase64 as decode, encodeBase64 as encode } from './base64.js';

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
