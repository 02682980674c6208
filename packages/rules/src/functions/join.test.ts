// join: separators, empty arrays, missing arguments, argument types.
import { describe, expect, it } from 'vitest';
import { BYTES, BYTES_ARRAY, call, field, literal, rejected } from '../test-support/function-args.js';
import { join } from './join.js';

describe('join', () => {
  it('separates items; empty array gives ""', () => {
    expect(call(join, [field(BYTES_ARRAY), literal(',')], [['Host', 'Accept'], ','])).toBe('Host,Accept');
    expect(call(join, [field(BYTES_ARRAY), literal(', ')], [['one'], ', '])).toBe('one');
    expect(call(join, [field(BYTES_ARRAY), literal(',')], [[], ','])).toBe('');
    expect(call(join, [field(BYTES_ARRAY), literal('')], [['a', 'b'], ''])).toBe('ab');
  });

  it('gives missing when any argument is missing', () => {
    expect(call(join, [field(BYTES_ARRAY), literal(',')], [undefined, ','])).toBeUndefined();
    expect(call(join, [field(BYTES_ARRAY), field(BYTES)], [['a'], undefined])).toBeUndefined();
  });

  it('needs Array<Bytes> and a Bytes separator', () => {
    expect(rejected(join, [field(BYTES), literal(',')]).message).toContain(
      'expected Array<Bytes>, got Bytes',
    );
    expect(rejected(join, [field({ kind: 'array', of: { kind: 'int' } }), literal(',')]).category).toBe(
      'type',
    );
    expect(rejected(join, [field(BYTES_ARRAY), literal(1)]).category).toBe('type');
    expect(rejected(join, [field(BYTES_ARRAY)]).category).toBe('type');
  });
});
