// The byte DFA: differential fuzzing against re2js, anchors and boundaries, bounded states.
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { ByteDfa, MAX_DFA_STATES, type Program } from './byte-dfa.js';
import { compileRegex, translateRustRegex } from './regex.js';

function dfaOf(rustPattern: string): { dfa: ByteDfa; re: RE2JS } {
  const re = RE2JS.compile(translateRustRegex(rustPattern).source);
  return { dfa: new ByteDfa((re.re2() as unknown as { prog: Program }).prog), re };
}

const atoms = [
  'a',
  'b',
  '.',
  '\\d',
  '\\w',
  '\\s',
  '[a-c]',
  '[^a]',
  '\\n',
  '\\xff',
  'é',
  '(?i)a',
  '(?m)^',
  '(?m)$',
  '^',
  '$',
  '\\b',
  '\\B',
  '\\A',
  '\\z',
  'x',
];
const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...atoms),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => x + y),
    fc.tuple(tie('p'), tie('p')).map(([x, y]) => `(?:${x}|${y})`),
    fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '*?')).map(([x, q]) => `(?:${x})${q}`),
    tie('p').map((x) => `(${x})`),
  ),
})).p;
const subject = fc
  .array(fc.constantFrom('a', 'b', 'c', 'A', '1', ' ', '\n', '_', '\xff', '\xc3', '\xa9', 'x', '-'), {
    maxLength: 16,
  })
  .map((a) => a.join(''));

describe('byte DFA', () => {
  it('agrees with re2js on random patterns and inputs', () => {
    fc.assert(
      fc.property(pattern, fc.array(subject, { minLength: 1, maxLength: 8 }), (p, subjects) => {
        let built;
        try {
          built = dfaOf(p);
        } catch {
          return; // a pattern RE2 refuses (e.g. nested repetition limits) is out of scope here
        }
        for (const s of subjects) expect([p, s, built.dfa.test(s)]).toEqual([p, s, built.re.test(s)]);
      }),
      { numRuns: 1500 },
    );
  });

  it('answers the anchors and boundaries', () => {
    const cases: [string, string, boolean][] = [
      ['^abc$', 'abc', true],
      ['^abc$', 'abc\n', false],
      ['(?m)^b$', 'a\nb\nc', true],
      ['\\bfoo\\b', 'a foo.', true],
      ['\\bfoo\\b', 'afoo', false],
      ['\\Bfoo', 'afoo', true],
      ['a*', '', true],
      ['$', '', true],
      ['x\\z', 'ax', true],
    ];
    for (const [p, s, want] of cases) expect([p, s, dfaOf(p).dfa.test(s)]).toEqual([p, s, want]);
  });

  it('gives up (returns undefined) instead of growing past its state budget', () => {
    const { dfa } = dfaOf('a[ab]{12}$');
    let gaveUp = false;
    let seed = 12345;
    for (let i = 0; i < 10 && !gaveUp; i++) {
      let s = '';
      for (let k = 0; k < 20000; k++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        s += (seed >>> 16) & 1 ? 'a' : 'b';
      }
      gaveUp = dfa.test(s) === undefined;
    }
    expect(gaveUp).toBe(true);
    expect(MAX_DFA_STATES).toBeGreaterThan(0);
    const full = compileRegex('a[ab]{12}$');
    expect(full.ok && full.regex.test(`${'b'.repeat(20)}a${'b'.repeat(12)}`)).toBe(true);
  });
});
