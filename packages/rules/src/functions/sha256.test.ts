// sha256: raw digest bytes checked against Node's crypto, and the changelog's Base64 example.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BYTES, call, field, literal, rejected } from '../test-support/function-args.js';
import { encodeBase64 as encode } from './base64.js';
import { sha256 } from './sha256.js';

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
