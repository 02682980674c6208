// lookup_json_string / lookup_json_integer: documented examples, JSON validity, depth, duplicates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTES, INT, call, field, literal, rejected, utf8 } from '../test-support/function-args.js';
import { lookupJson, MAX_JSON_DEPTH } from './json-lookup.js';
import { lookupJsonInteger } from './lookup-json-integer.js';
import { lookupJsonString } from './lookup-json-string.js';

const str = (doc: string, ...keys: (string | number)[]): unknown =>
  call(lookupJsonString, [field(BYTES), ...keys.map((k) => literal(k))], [doc, ...keys]);
const int = (doc: string, ...keys: (string | number)[]): unknown =>
  call(lookupJsonInteger, [field(BYTES), ...keys.map((k) => literal(k))], [doc, ...keys]);

describe('lookup_json_string', () => {
  it('follows the documented examples', () => {
    expect(str('{ "company": "cloudflare", "product": "rulesets" }', 'company')).toBe('cloudflare');
    expect(str('{ "network": { "name": "cloudflare" } }', 'network', 'name')).toBe('cloudflare');
    expect(str('["other_company", "cloudflare"]', 1)).toBe('cloudflare');
    expect(str('[{ "network": "other_company" }, { "network": "cloudflare" }]', 1, 'network')).toBe('cloudflare');
    expect(str('{ "network": ["other_company", "cloudflare"] }', 'network', 1)).toBe('cloudflare');
  });

  it('resolves escapes to UTF-8 bytes and keeps raw UTF-8', () => {
    expect(str('{"a":"x\\"y\\\\z\\/\\n\\t"}', 'a')).toBe('x"y\\z/\n\t');
    expect(str('{"a":"\\u00e9\\ud83d\\ude00"}', 'a')).toBe(utf8('é😀'));
    expect(str(utf8('{"é":"ü"}'), utf8('é'))).toBe(utf8('ü'));
    expect(str('{"a\\u0062":"v"}', 'ab')).toBe('v');
  });

  it('gives missing for absent paths and other value kinds', () => {
    expect(str('{"a":"b"}', 'c')).toBeUndefined();
    expect(str('{"a":1}', 'a')).toBeUndefined();
    expect(str('{"a":null}', 'a')).toBeUndefined();
    expect(str('{"a":{"b":"c"}}', 'a')).toBeUndefined();
    expect(str('["a"]', 1)).toBeUndefined();
    expect(str('["a"]', -1)).toBeUndefined();
    expect(str('["a"]', '0')).toBeUndefined();
    expect(str('{"0":"a"}', 0)).toBeUndefined();
    expect(str('"top"', 'a')).toBeUndefined();
  });

  it('lets a later duplicate member win', () => {
    expect(str('{"a":"first","a":"second"}', 'a')).toBe('second');
    expect(str('{"a":{"b":"deep"},"a":1}', 'a', 'b')).toBeUndefined();
  });

  it('gives missing for documents that are not valid JSON', () => {
    const invalid = [
      '',
      '{',
      '{"a":"b"',
      '{"a":"b"} x',
      "{'a':'b'}",
      '{"a":"b",}',
      '["a",]',
      '{"a":01}',
      '{"a":"\\x41"}',
      '{"a":"line\nbreak"}',
      '{"a":"\\ud83d"}',
      '{"a":"\xff"}',
      '{"a":"\xc3"}',
      '{"a":"\xed\xa0\x80"}',
      '{"a":tru}',
      '{"a":-}',
      '{"a":1.}',
      '{"a":1e}',
    ];
    for (const doc of invalid) expect(str(`${doc}`, 'a'), JSON.stringify(doc)).toBeUndefined();
    expect(str('{"a":"b"}\n ', 'a')).toBe('b');
  });

  it('caps nesting depth instead of overflowing the stack', () => {
    const ok = `${'['.repeat(MAX_JSON_DEPTH - 1)}["x"]${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(lookupJson(ok, new Array<number>(MAX_JSON_DEPTH).fill(0))).toEqual({ kind: 'string', value: 'x' });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(lookupJson(deep, [0])).toBeUndefined();
  });

  it('takes keys from fields as well as literals', () => {
    expect(call(lookupJsonString, [field(BYTES), field(BYTES), field(INT)], ['{"a":["x","y"]}', 'a', 1])).toBe('y');
    expect(call(lookupJsonString, [field(BYTES), field(BYTES)], ['{"a":"b"}', undefined])).toBeUndefined();
  });

  it('needs at least one key of type Bytes or Int', () => {
    expect(rejected(lookupJsonString, [field(BYTES)]).message).toContain('invalid number of arguments');
    expect(rejected(lookupJsonString, [field(BYTES), field({ kind: 'bool' })]).message).toContain('expected Bytes or Int');
    expect(rejected(lookupJsonString, [literal(1), literal('a')]).category).toBe('type');
  });
});

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

describe('lookupJson (property)', () => {
  it('agrees with JSON.parse on every path of generated documents', () => {
    const toBinary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
    const expectedLeaf = (value: unknown): unknown => {
      if (typeof value === 'string') return { kind: 'string', value: toBinary(value) };
      if (typeof value === 'number' && /^-?\d+$/.test(JSON.stringify(value)) && Number.isSafeInteger(value)) {
        return { kind: 'integer', value: value + 0 };
      }
      return { kind: 'other' };
    };
    const walk = (value: unknown, path: (string | number)[], visit: (path: (string | number)[], leaf: unknown) => void): void => {
      visit(path, value);
      if (path.length >= 6) return;
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
      else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        if (/\\ud[89a-f]/i.test(text) || text === undefined) return;
        const document = toBinary(text);
        walk(value, [], (path, leaf) => {
          if (path.length === 0) return;
          expect(lookupJson(document, path.map((k) => (typeof k === 'string' ? toBinary(k) : k)))).toEqual(expectedLeaf(leaf));
        });
        expect(lookupJson(document.slice(0, -1), ['x'])).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
