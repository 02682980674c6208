// regex_replace: documented examples, Rust replacement syntax, linear time, regex errors.
import { describe, expect, it } from 'vitest';
import { BYTES, call, field, literal, rejected } from '../test-support/function-args.js';
import { regexReplace } from './regex-replace.js';

const run = (source: string, pattern: string, replacement: string): unknown =>
  call(regexReplace, [field(BYTES), literal(pattern), literal(replacement)], [source, pattern, replacement]);

describe('regex_replace', () => {
  it('follows the documented examples', () => {
    expect(run('/foo/bar', '/bar$', '/baz')).toBe('/foo/baz');
    expect(run('/x', '^/y$', '/mumble')).toBe('/x');
    expect(run('/foo', '^/(.*)$', '/${1}')).toBe('/foo');
    expect(run('/a/a', '/a', '/b')).toBe('/b/a');
    expect(run('/foo', '^/FOO$', '/x')).toBe('/foo');
    expect(run('/b', '^/b$', '/b$$')).toBe('/b$');
    // The documentation shows "/bar/path/a/" here, a typo: the replacement has no trailing slash.
    expect(run('/foo/a/path', '^/foo/([^/]*)/(.*)$', '/bar/${2}/${1}')).toBe('/bar/path/a');
  });

  it('uses the Rust replacement syntax', () => {
    expect(run('ab', '(a)(b)', '$2$1')).toBe('ba');
    expect(run('ab', '(a)(b)', '${2}x${1}')).toBe('bxa');
    expect(run('ab', '(a)', '$0$0')).toBe('aab');
    expect(run('ab', 'a', '$')).toBe('$b');
    expect(run('ab', 'a', '${')).toBe('${b');
    expect(run('ab', '(a)|(z)', '[$2]')).toBe('[]b');
  });

  it('replaces only the first match, including an empty one', () => {
    expect(run('aaa', 'a', 'b')).toBe('baa');
    expect(run('abc', 'x*', '-')).toBe('-abc');
  });

  it('matches bytes, not characters', () => {
    expect(run('\xc3\xa9x', '^.', '?')).toBe('?\xa9x');
  });

  it('runs in linear time on patterns that make backtracking engines explode', () => {
    const source = `${'a'.repeat(100_000)}b`;
    const started = performance.now();
    expect(run(source, '(a+)+$', 'x')).toBe(source);
    expect(run(source, '(a+)+b$', 'x')).toBe('x');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('reports invalid regexes as regex errors', () => {
    for (const pattern of ['(', 'a)', 'a{2,1}', '(?=a)', '\\1']) {
      const failure = rejected(regexReplace, [field(BYTES), literal(pattern), literal('x')]);
      expect(failure.category, pattern).toBe('regex');
      expect(failure.argIndex).toBe(1);
    }
  });

  it('refuses references to missing groups, names and more than eight references', () => {
    expect(rejected(regexReplace, [field(BYTES), literal('a'), literal('${1}')]).message).toContain(
      'no capture group',
    );
    expect(rejected(regexReplace, [field(BYTES), literal('(a)'), literal('$1a')]).message).toContain('${1a}');
    expect(rejected(regexReplace, [field(BYTES), literal('(?P<n>a)'), literal('${n}')]).message).toContain(
      'named',
    );
    const nine = rejected(regexReplace, [field(BYTES), literal('(a)'), literal('$1'.repeat(9))]);
    expect(nine.message).toContain('at most 8');
  });

  it('accepts a literal source but needs literal pattern and replacement', () => {
    expect(
      call(regexReplace, [literal('/foo/bar'), literal('/bar$'), literal('/baz')], ['/foo/bar', '', '']),
    ).toBe('/foo/baz');
    expect(rejected(regexReplace, [field(BYTES), field(BYTES), literal('x')]).message).toContain(
      'expected a literal',
    );
    expect(rejected(regexReplace, [field(BYTES), literal('a'), field(BYTES)]).message).toContain(
      'expected a literal',
    );
    expect(rejected(regexReplace, [field(BYTES), literal('a')]).category).toBe('type');
  });

  it('is transform-only and exclusive with wildcard_replace', () => {
    expect(regexReplace.phases).toEqual(['transform']);
    expect(regexReplace.exclusiveGroup).toBe('replace');
  });
});
