// lookupJson: agreement with JSON.parse on every path of generated documents.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupJson } from './json-lookup.js';

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
    const walk = (
      value: unknown,
      path: (string | number)[],
      visit: (path: (string | number)[], leaf: unknown) => void,
    ): void => {
      visit(path, value);
      if (path.length >= 6) return;
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
      else if (typeof value === 'object' && value !== null)
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
    };
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        if (/\\ud[89a-f]/i.test(text) || text === undefined) return;
        const document = toBinary(text);
        walk(value, [], (path, leaf) => {
          if (path.length === 0) return;
          expect(
            lookupJson(
              document,
              path.map((k) => (typeof k === 'string' ? toBinary(k) : k)),
            ),
          ).toEqual(expectedLeaf(leaf));
        });
        expect(lookupJson(document.slice(0, -1), ['x'])).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
