// lookup_json_string: documented examples, escapes, missing paths, duplicates, invalid documents.
import { describe, expect, it } from 'vitest';
import { BYTES, INT, call, field, literal, rejected, utf8 } from '../test-support/function-args.js';
import { lookupJson, MAX_JSON_DEPTH } from './json-lookup.js';
import { lookupJsonString } from './lookup-json-string.js';

const str = (doc: string, ...keys: (string | number)[]): unknown =>
  call(lookupJsonString, [field(BYTES), ...keys.map((k) => literal(k))], [doc, ...keys]);

describe('lookup_json_string', () => {
  it('follows the documented examples', () => {
    expect(str('{ "company": "cloudflare", "product": "rulesets" }', 'company')).toBe('cloudflare');
    expect(str('{ "network": { "name": "cloudflare" } }', 'network', 'name')).toBe('cloudflare');
    expect(str('["other_company", "cloudflare"]', 1)).toBe('cloudflare');
    expect(str('[{ "network": "other_company" }, { "network": "cloudflare" }]', 1, 'network')).toBe(
      'cloudflare',
    );
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
    expect(
      call(lookupJsonString, [field(BYTES), field(BYTES), field(INT)], ['{"a":["x","y"]}', 'a', 1]),
    ).toBe('y');
    expect(call(lookupJsonString, [field(BYTES), field(BYTES)], ['{"a":"b"}', undefined])).toBeUndefined();
  });

  it('needs at least one key of type Bytes or Int', () => {
    expect(rejected(lookupJsonString, [field(BYTES)]).message).toContain('invalid number of arguments');
    expect(rejected(lookupJsonString, [field(BYTES), field({ kind: 'bool' })]).message).toContain(
      'expected Bytes or Int',
    );
    expect(rejected(lookupJsonString, [literal(1), literal('a')]).category).toBe('type');
  });
});
