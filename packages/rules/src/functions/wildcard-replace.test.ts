// wildcard_replace: documented examples, lazy captures, pattern errors, references, flags.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTES, call, computed, field, literal, rejected } from '../test-support/function-args.js';
import { wildcardReplace } from './wildcard-replace.js';

const run = (source: string, pattern: string, replacement: string, flags?: string): unknown => {
  const args = [
    field(BYTES),
    literal(pattern),
    literal(replacement),
    ...(flags === undefined ? [] : [literal(flags)]),
  ];
  return call(wildcardReplace, args, [source, pattern, replacement, ...(flags === undefined ? [] : [flags])]);
};

describe('wildcard_replace', () => {
  it('follows the documented examples', () => {
    expect(
      run(
        'https://apps.example.com/calendar/admin?expand=true',
        'https://*.example.com/*/*',
        'https://example.com/${1}/${2}/${3}',
      ),
    ).toBe('https://example.com/apps/calendar/admin?expand=true');
    expect(run('https://example.com/applications/app1', '/applications/*', '/apps/${1}')).toBe(
      'https://example.com/applications/app1',
    );
    expect(run('/calendar', '/*', '/apps/${1}')).toBe('/apps/calendar');
    expect(run('/apps/calendar/login', '/apps/*/login', '/${1}/login')).toBe('/calendar/login');
    expect(run('/Apps/calendar', '/apps/*', '/${1}')).toBe('/calendar');
    expect(run('/Apps/calendar', '/apps/*', '/${1}', 's')).toBe('/Apps/calendar');
  });

  it('captures lazily, handles $$, escapes and star-free patterns', () => {
    expect(run('a-b-c', '*-*', '[${1}][${2}]')).toBe('[a][b-c]');
    expect(run('/x', '/*', '$$${1}$$')).toBe('$x$');
    expect(run('a*b', 'a\\*b', 'star')).toBe('star');
    expect(run('axb', 'a\\*b', 'star')).toBe('axb');
    expect(run('a\\b', 'a\\\\*', '${1}')).toBe('b');
    expect(run('same', 'SAME', 'hit')).toBe('hit');
    expect(run('same', 'SAME', 'hit', 's')).toBe('same');
    expect(run('', '*', '<${1}>')).toBe('<>');
    expect(run('ab', 'ab*ba', 'x')).toBe('ab');
  });

  it('returns missing for a missing source', () => {
    expect(
      call(wildcardReplace, [field(BYTES), literal('*'), literal('x')], [undefined, '*', 'x']),
    ).toBeUndefined();
  });

  it('accepts a computed source', () => {
    expect(call(wildcardReplace, [computed(BYTES), literal('*'), literal('<${1}>')], ['v', '*', ''])).toBe(
      '<v>',
    );
  });

  it('reports bad patterns as wildcard errors', () => {
    for (const pattern of ['/a/**', 'a\\', 'a\\?b']) {
      const failure = rejected(wildcardReplace, [field(BYTES), literal(pattern), literal('/b')]);
      expect(failure.category, pattern).toBe('wildcard');
      expect(failure.argIndex).toBe(1);
    }
  });

  it('refuses references to captures that do not exist, and over eight references', () => {
    expect(rejected(wildcardReplace, [field(BYTES), literal('/*'), literal('${2}')]).message).toContain(
      '${2}',
    );
    expect(rejected(wildcardReplace, [field(BYTES), literal('/a'), literal('${1}')]).message).toContain(
      'no *',
    );
    expect(rejected(wildcardReplace, [field(BYTES), literal('/*'), literal('${0}')]).category).toBe('type');
    expect(rejected(wildcardReplace, [field(BYTES), literal('/*'), literal('${name}')]).category).toBe(
      'type',
    );
    const nine = rejected(wildcardReplace, [field(BYTES), literal('*/*'), literal('${1}'.repeat(9))]);
    expect(nine.message).toContain('at most 8');
  });

  it('refuses literal sources, non-literal patterns and unknown flags', () => {
    expect(rejected(wildcardReplace, [literal('/a'), literal('*'), literal('x')]).message).toContain(
      'expected a field',
    );
    expect(rejected(wildcardReplace, [field(BYTES), field(BYTES), literal('x')]).message).toContain(
      'expected a literal',
    );
    expect(rejected(wildcardReplace, [field(BYTES), literal('*'), field(BYTES)]).message).toContain(
      'expected a literal',
    );
    expect(rejected(wildcardReplace, [field(BYTES), literal('*'), literal('x'), literal('i')]).argIndex).toBe(
      3,
    );
    expect(rejected(wildcardReplace, [field(BYTES), literal('*')]).category).toBe('type');
  });

  it('is transform-only and exclusive with regex_replace', () => {
    expect(wildcardReplace.phases).toEqual(['transform']);
    expect(wildcardReplace.exclusiveGroup).toBe('replace');
  });
});

describe('wildcard_replace (property)', () => {
  it('captures what an anchored lazy regex captures', () => {
    const unit = fc.constantFrom('a', 'b', 'A', '/', '.', '*');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'B', '/', '.'), maxLength: 12 }),
        fc.boolean(),
        (pattern, source, strict) => {
          if (pattern.includes('**')) return;
          const stars = pattern.split('*').length - 1;
          if (stars > 8) return;
          const replacement = Array.from({ length: stars }, (_, i) => `<\${${i + 1}}>`).join('');
          const args = [field(BYTES), literal(pattern), literal(replacement), literal(strict ? 's' : '')];
          const got = call(wildcardReplace, args, [source, pattern, replacement, strict ? 's' : '']);
          const regex = new RegExp(
            `^${pattern
              .split('*')
              .map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
              .join('([\\s\\S]*?)')}$`,
            strict ? '' : 'i',
          );
          const match = regex.exec(source);
          const expected =
            match === null
              ? source
              : match
                  .slice(1)
                  .map((c) => `<${c}>`)
                  .join('');
          expect(got).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
