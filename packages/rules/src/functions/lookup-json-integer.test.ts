// lookup_json_integer: documented examples and what counts as a plain integer.
import { describe, expect, it } from 'vitest';
import { BYTES, call, field, literal } from '../test-support/function-args.js';
import { lookupJsonInteger } from './lookup-json-integer.js';

const int = (doc: string, ...keys: (string | number)[]): unknown =>
  call(lookupJsonInteger, [field(BYTES), ...keys.map((k) => literal(k))], [doc, ...keys]);

describe('lookup_json_integer', () => {
  it('returns plain integers only', () => {
    expect(int('{ "record_id": "aed53a", "version": 2 }', 'version')).toBe(2);
    expect(int('{ "product": { "id": 356 } }', 'product', 'id')).toBe(356);
    expect(int('["first_item", -234]', 1)).toBe(-234);
    expect(int('[{ "product_id": 123 }, { "product_id": 356 }]', 1, 'product_id')).toBe(356);
    expect(int('{"a":-0}', 'a')).toBe(0);
    expect(int('{"a":42.0}', 'a')).toBeUndefined();
    expect(int('{"a":1e2}', 'a')).toBeUndefined();
    expect(int('{"a":"2"}', 'a')).toBeUndefined();
    expect(int('{"a":true}', 'a')).toBeUndefined();
    expect(int('{"a":9007199254740993}', 'a')).toBeUndefined();
    expect(int('{"a":9007199254740991}', 'a')).toBe(9007199254740991);
  });

  it('returns Int', () => {
    const result = lookupJsonInteger.check([field(BYTES), literal('a')]);
    expect(result.ok && result.returns).toEqual({ kind: 'int' });
  });
});
