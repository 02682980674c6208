// Regexes: Rust byte semantics on re2js, refusals, first-match groups, linear time.
import { describe, expect, it } from 'vitest';
import { compileRegex, compileRegexFromBytes } from './regex.js';

function test(pattern: string, subject: string): boolean | string {
  const r = compileRegex(pattern);
  return r.ok ? r.regex.test(subject) : 'error';
}

describe('regex (Rust syntax on bytes, linear time)', () => {
  it('matches bytes, not characters, unless (?u) is on', () => {
    expect(test('^.$', '\xc3\xa9')).toBe(false);
    expect(test('^..$', '\xc3\xa9')).toBe(true);
    expect(test('^é$', '\xc3\xa9')).toBe(true);
    expect(test('^é+$', '\xc3\xa9\xc3\xa9')).toBe(true);
    expect(test('(?u)^.$', '\xc3\xa9')).toBe(true);
    expect(test('(?i)é', '\xc3\x89')).toBe(false);
    expect(test('(?i)\\xC3', '\xe3')).toBe(false);
  });

  it('reads \\x, \\u and \\U escapes as Rust does', () => {
    expect(test('^\\x41\\u0042\\U00000043\\x{44}\\u{45}$', 'ABCDE')).toBe(true);
    expect(test('^\\xff$', '\xff')).toBe(true);
    expect(test('^\\x{100}$', 'a')).toBe('error');
    expect(test('(?u)^\\u{e9}$', '\xc3\xa9')).toBe(true);
  });

  it('refuses high bytes in case-insensitive classes instead of folding Latin-1', () => {
    expect(test('(?i)[\\xE9]', '\xc9')).toBe('error');
    expect(test('(?i)(?-i:[\\xE9])', '\xe9')).toBe(true);
    expect(test('[\\xE9]', '\xe9')).toBe(true);
  });

  it('keeps ASCII classes and case folding', () => {
    expect(test('(?i)^abc$', 'ABC')).toBe(true);
    expect(test('^\\w+$', 'ab_1')).toBe(true);
    expect(test('^\\w$', '\xe9')).toBe(false);
    expect(test('^[[:alpha:]]+$', 'abc')).toBe(true);
    expect(test('^\\S$', '\x0b')).toBe(false);
  });

  it('refuses what Rust refuses', () => {
    for (const p of [
      '(a)\\1',
      'a(?=b)',
      'a(?!b)',
      '(?<=a)b',
      '(?<!a)b',
      '(a',
      'a)',
      'a{2,1}',
      '\\p{L}',
      '[é]',
      '\\Qa\\E',
      '(?z)a',
      'a**',
    ])
      expect([p, test(p, 'a')]).toEqual([p, 'error']);
  });

  it('finds the first match with its groups for regex_replace', () => {
    const r = compileRegex('/(b+)(x)?');
    if (!r.ok) throw new Error(r.message);
    expect(r.regex.firstMatch('/a/bb/b')).toEqual({
      before: '/a',
      match: '/bb',
      after: '/b',
      groups: ['bb', undefined],
    });
    expect(r.regex.firstMatch('nothing')).toBeUndefined();
    const lit = compileRegex('^/bar');
    expect(lit.ok && lit.regex.firstMatch('/bar/x')).toEqual({
      before: '',
      match: '/bar',
      after: '/x',
      groups: [],
    });
    const bytes = compileRegexFromBytes('^caf\xc3\xa9$');
    expect(bytes.ok && bytes.regex.test('caf\xc3\xa9')).toBe(true);
  });

  it('stays linear on catastrophic patterns', () => {
    const subject = `${'a'.repeat(100_000)}!`;
    expect(test('(a+)+$', subject)).toBe(false);
    expect(test('(a|aa)*b', subject)).toBe(false);
  });

  it('refuses oversized programs', () => {
    expect(compileRegex('(((a{100}){100}){100})').ok).toBe(false);
    const big = compileRegex('(.*){300}');
    expect(!big.ok && big.tooLarge).toBe(true);
    expect(compileRegex('[a-f0-9]{64}').ok).toBe(true);
  });
});
