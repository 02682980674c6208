// Wildcards: whole-value matching, ASCII folding, escapes, captures, linear time.
import { describe, expect, it } from 'vitest';
import { parseWildcard, wildcardCaptures, wildcardMatcher } from './wildcard.js';

function matcher(pattern: string, fold: boolean): (s: string) => boolean {
  const p = parseWildcard(pattern);
  if (!p.ok) throw new Error(p.message);
  return wildcardMatcher(p.pattern, fold);
}

describe('wildcards', () => {
  it('matches whole values, * across anything, ? literally', () => {
    const m = matcher('/admin/*', true);
    expect([m('/admin/'), m('/admin/a/b'), m('/admin'), m('/ADMIN/x')]).toEqual([true, true, false, true]);
    expect(matcher('a?', false)('ab')).toBe(false);
    expect(matcher('*', false)('')).toBe(true);
    expect(matcher('', false)('x')).toBe(false);
    expect(matcher('*.example.com', false)('example.com')).toBe(false);
    expect(matcher('a*b*a', false)('aba')).toBe(true);
    expect(matcher('a*b*a', false)('ab')).toBe(false);
  });

  it('folds ASCII only', () => {
    expect(matcher('*é*', true)('CAF\xc3\x89'.replace('\xc3\x89', '\xc3\x89'))).toBe(false);
    expect(matcher('caf\xc3\xa9', true)('CAF\xc3\xa9')).toBe(true);
  });

  it('accepts only \\* and \\\\ escapes and refuses **', () => {
    expect(parseWildcard('a\\*b').ok && matcher('a\\*b', false)('a*b')).toBe(true);
    expect(matcher('a\\\\b', false)('a\\b')).toBe(true);
    expect(parseWildcard('a**')).toEqual({ ok: false, message: 'wildcard contains a double star' });
    expect(parseWildcard('a\\?').ok).toBe(false);
    expect(parseWildcard('a\\').ok).toBe(false);
    expect(parseWildcard('*\\**').ok).toBe(true);
  });

  it('captures each star lazily for wildcard_replace', () => {
    const p = parseWildcard('https://*.example.com/*/*');
    if (!p.ok) throw new Error(p.message);
    expect(wildcardCaptures(p.pattern, 'https://apps.example.com/calendar/admin?expand=true', true)).toEqual([
      'apps',
      'calendar',
      'admin?expand=true',
    ]);
  });

  it('stays linear on long adversarial values (native search, no backtracking)', () => {
    const long = 'a'.repeat(200_000);
    const seg = `${'a'.repeat(2000)}b`;
    expect(matcher(`*${seg}*`, true)(long)).toBe(false);
    expect(matcher(`*${seg}*x*`, false)(long)).toBe(false);
    expect(matcher(`*${seg.toUpperCase()}*`, true)(`${long}b`)).toBe(true);
  });
});
