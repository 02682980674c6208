// The product-function list, and a property test that no argument list makes a function throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productFunctions } from './product.js';
import type { ArgInfo, IpValue, MaybeValue, Type, Value } from './types.js';

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

  it('never throws on any argument list, and every impl returns a value of its declared type or missing', () => {
    const matchesType = (value: MaybeValue, type: Type): boolean => {
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
    };
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
