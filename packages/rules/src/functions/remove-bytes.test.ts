// remove_bytes: the documented example and byte-set semantics.
import { describe, expect, it } from 'vitest';
import { BYTES, call, field, literal, rejected } from '../test-support/function-args.js';
import { removeBytes, removeBytesFunction } from './remove-bytes.js';

describe('remove_bytes', () => {
  it('removes every listed byte (a set, not a substring)', () => {
    expect(call(removeBytesFunction, [field(BYTES), literal('\x2e\x77')], ['www.cloudflare.com', '.w'])).toBe(
      'cloudflarecom',
    );
    expect(removeBytes('a.b.c', '')).toBe('a.b.c');
    expect(removeBytes('', 'a')).toBe('');
    expect(removeBytes('aaaa', 'a')).toBe('');
    expect(removeBytes('\x00a\xffb', '\x00\xff')).toBe('ab');
    expect(removeBytes('wow', 'ow')).toBe('');
  });

  it('needs two Bytes arguments', () => {
    expect(rejected(removeBytesFunction, [field(BYTES)]).message).toContain('invalid number of arguments');
    expect(rejected(removeBytesFunction, [field(BYTES), literal(1)]).category).toBe('type');
  });
});
