// The product-function list, and a property test that no argument list makes a function throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productFunctions } from './product.js';
import type { ArgInfo, FunctionDefinition, IpValue, MaybeValue, Type, Value } from './types.js';

const simpleTypes: Type[] = [
  { kind: 'bytes' },
  { kind: 'int' },
  { kind: 'bool' },
  { kind: 'ip' },
  { kind: 'array', of: { kind: 'bytes' } },
  { kind: 'map', of: { kind: 'array', of: { kind: 'bytes' } } },
];

const bytesValue = fc.string({
  unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const interestingBytes = fc.oneof(
  bytesValue,
  fc.constantFrom(
    '',
    '*',
    '**',
    '\\',
    '(',
    '$1',
    '${1}',
    '%25',
    'r',
    'u',
    'p',
    's',
    'up',
    '{"a":[1,"b"]}',
    'YWJj',
  ),
);
const ipValue: fc.Arbitrary<IpValue> = fc.oneof(
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => ({ family: 4 as const, bytes })),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => ({ family: 6 as const, bytes })),
);

function valueOf(type: Type): fc.Arbitrary<Value> {
  switch (type.kind) {
    case 'bytes':
      return interestingBytes;
    case 'int':
      return fc.oneof(
        fc.integer({ min: -300, max: 300 }),
        fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0, 8, 32, 128),
      );
    case 'bool':
      return fc.boolean();
    case 'ip':
      return ipValue;
    case 'array':
      return fc.array(valueOf(type.of), { maxLength: 4 });
    case 'map':
      return fc
        .array(fc.tuple(bytesValue, valueOf(type.of)), { maxLength: 3 })
        .map((entries) => new Map(entries));
  }
}

const argInfo: fc.Arbitrary<{ info: ArgInfo; value: Value }> = fc
  .tuple(fc.constantFrom(...simpleTypes), fc.constantFrom('literal', 'field', 'computed'))
  .chain(([type, kind]) =>
    valueOf(type).map((value) => ({
      info: {
        type,
        isLiteral: kind === 'literal' && (type.kind === 'bytes' || type.kind === 'int' || type.kind === 'ip'),
        literal: kind === 'literal' ? value : undefined,
        isField: kind === 'field',
        span: [0, 1] as const,
      },
      value,
    })),
  );

/** Whether a function result has the type the check declared (missing always does). */
function matchesType(value: MaybeValue, type: Type): boolean {
  if (value === undefined) return true;
  switch (type.kind) {
    case 'bytes':
      return typeof value === 'string' && [...value].every((c) => c.charCodeAt(0) <= 0xff);
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'ip':
      return typeof value === 'object' && 'family' in value;
    default:
      return true;
  }
}

describe('productFunctions', () => {
  it('lists the fifteen product functions once each, with known phases', () => {
    const names = productFunctions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        'cidr',
        'cidr6',
        'decode_base64',
        'encode_base64',
        'is_timed_hmac_valid_v0',
        'join',
        'lookup_json_integer',
        'lookup_json_string',
        'regex_replace',
        'remove_bytes',
        'sha256',
        'substring',
        'to_string',
        'url_decode',
        'wildcard_replace',
      ].sort(),
    );
    for (const f of productFunctions) {
      expect(f.phases.length, f.name).toBeGreaterThan(0);
      for (const phase of f.phases) expect(['custom', 'transform']).toContain(phase);
    }
  });

  it('runs every function on well-formed calls with random values without throwing', () => {
    const byName = (name: string): FunctionDefinition => {
      const found = productFunctions.find((f) => f.name === name);
      if (found === undefined) throw new Error(name);
      return found;
    };
    const B: Type = { kind: 'bytes' };
    const I: Type = { kind: 'int' };
    const field = (type: Type): ArgInfo => ({ type, isLiteral: false, isField: true, span: [0, 1] });
    const lit = (value: string | number): ArgInfo => ({
      type: typeof value === 'string' ? B : I,
      isLiteral: true,
      literal: value,
      isField: false,
      span: [0, 1],
    });
    const patternText = fc.string({
      unit: fc.constantFrom('a', 'b', '*', '\\', '.', '(', ')', '$', '1', '{', '}', '?', '+', '|'),
      maxLength: 8,
    });
    type Call = { name: string; args: ArgInfo[]; values: MaybeValue[] };
    const calls: fc.Arbitrary<Call> = fc.oneof(
      fc.tuple(bytesValue, fc.constantFrom(undefined, 'r', 'u', 'ru')).map(([v, o]) => ({
        name: 'url_decode',
        args: o === undefined ? [field(B)] : [field(B), lit(o)],
        values: o === undefined ? [v] : [v, o],
      })),
      bytesValue.map((v) => ({ name: 'decode_base64', args: [field(B)], values: [v] })),
      fc
        .tuple(bytesValue, fc.constantFrom('', 'u', 'p', 'up'))
        .map(([v, f]) => ({ name: 'encode_base64', args: [field(B), lit(f)], values: [v, f] })),
      bytesValue.map((v) => ({ name: 'sha256', args: [field(B)], values: [v] })),
      fc
        .tuple(
          fc.constantFrom('lookup_json_string', 'lookup_json_integer'),
          fc.oneof(
            bytesValue,
            fc.json().map((j) => j),
          ),
          fc.array(fc.oneof(bytesValue, fc.integer({ min: -2, max: 3 })), { minLength: 1, maxLength: 4 }),
        )
        .map(([name, doc, keys]) => ({
          name,
          args: [field(B), ...keys.map((k) => lit(k))],
          values: [doc, ...keys],
        })),
      fc
        .tuple(bytesValue, fc.integer({ min: -50, max: 50 }), fc.option(fc.integer({ min: -50, max: 50 })))
        .map(([v, a, b]) => ({
          name: 'substring',
          args: b === null ? [field(B), field(I)] : [field(B), field(I), field(I)],
          values: b === null ? [v, a] : [v, a, b],
        })),
      fc
        .tuple(bytesValue, bytesValue)
        .map(([v, set]) => ({ name: 'remove_bytes', args: [field(B), field(B)], values: [v, set] })),
      fc.tuple(fc.array(bytesValue, { maxLength: 4 }), bytesValue).map(([items, sep]) => ({
        name: 'join',
        args: [field({ kind: 'array', of: B }), field(B)],
        values: [items, sep],
      })),
      fc
        .tuple(ipValue, fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 128 }))
        .map(([ip, v4, v6]) => ({
          name: 'cidr',
          args: [field({ kind: 'ip' }), lit(v4), lit(v6)],
          values: [ip, v4, v6],
        })),
      fc
        .tuple(ipValue, fc.integer({ min: 1, max: 128 }))
        .map(([ip, v6]) => ({ name: 'cidr6', args: [field({ kind: 'ip' }), lit(v6)], values: [ip, v6] })),
      fc.oneof(fc.integer(), fc.boolean(), ipValue).map((v) => ({
        name: 'to_string',
        args: [field(typeof v === 'number' ? I : typeof v === 'boolean' ? { kind: 'bool' } : { kind: 'ip' })],
        values: [v],
      })),
      fc
        .tuple(bytesValue, patternText, patternText, fc.boolean())
        .map(([v, pattern, replacement, strict]) => ({
          name: 'wildcard_replace',
          args: [field(B), lit(pattern), lit(replacement), lit(strict ? 's' : '')],
          values: [v, pattern, replacement, strict ? 's' : ''],
        })),
      fc.tuple(bytesValue, patternText, patternText).map(([v, pattern, replacement]) => ({
        name: 'regex_replace',
        args: [field(B), lit(pattern), lit(replacement)],
        values: [v, pattern, replacement],
      })),
      fc
        .tuple(
          bytesValue,
          fc.integer({ min: 0, max: 2_000_000_000 }),
          fc.integer({ min: 0, max: 12 }),
          fc.boolean(),
        )
        .map(([v, now, sep, s]) => ({
          name: 'is_timed_hmac_valid_v0',
          args: [lit('key'), field(B), lit(3600), field(I), lit(sep), lit(s ? 's' : '')],
          values: ['key', v, 3600, now, sep, s ? 's' : ''],
        })),
    );
    let compiled = 0;
    fc.assert(
      fc.property(calls, ({ name, args, values }) => {
        const result = byName(name).check(args);
        if (!result.ok) {
          // Only the pattern functions can refuse these calls, and only for their pattern or replacement.
          expect(['wildcard_replace', 'regex_replace']).toContain(name);
          return;
        }
        compiled++;
        const output = result.impl(values);
        if (output !== undefined)
          expect(
            typeof output === 'object' || typeof output === typeof values[0] || name !== 'substring',
          ).toBe(true);
      }),
      { numRuns: 4000 },
    );
    expect(compiled).toBeGreaterThan(2000);
  });

  it('never throws on any argument list, and every impl returns a value of its declared type or missing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...productFunctions),
        fc.array(argInfo, { maxLength: 7 }),
        (definition, args) => {
          const result = definition.check(args.map((a) => a.info));
          if (!result.ok) {
            expect(['type', 'regex', 'wildcard']).toContain(result.category);
            expect(result.message.length).toBeGreaterThan(0);
            if (result.argIndex !== undefined) expect(result.argIndex).toBeLessThan(Math.max(args.length, 1));
            return;
          }
          const output = result.impl(args.map((a) => a.value));
          expect(matchesType(output, result.returns)).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
