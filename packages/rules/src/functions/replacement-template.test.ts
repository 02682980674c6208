// Replacement templates: Rust `$` syntax parsed into literal parts and capture references.
import { describe, expect, it } from 'vitest';
import { expandTemplate, parseReplacement } from './replacement-template.js';

describe('parseReplacement', () => {
  it('reads numbered and named references, braced or not', () => {
    expect(parseReplacement('/a/${1}/$2/${name}/$x_1')).toEqual({
      parts: ['/a/', { group: 1 }, '/', { group: 2 }, '/', { name: 'name' }, '/', { name: 'x_1' }],
      references: 4,
    });
  });

  it('treats $$ and a $ not followed by a reference as literal', () => {
    expect(parseReplacement('$$1 $ ${ $-')).toEqual({ parts: ['$1 $ ${ $-'], references: 0 });
    expect(parseReplacement('cost: $')).toEqual({ parts: ['cost: $'], references: 0 });
    expect(parseReplacement('${}')).toEqual({ parts: ['${}'], references: 0 });
  });

  it('takes the longest name after $, as Rust does', () => {
    expect(parseReplacement('$1a')).toEqual({ parts: [{ name: '1a' }], references: 1 });
    expect(parseReplacement('${1}a')).toEqual({ parts: [{ group: 1 }, 'a'], references: 1 });
  });

  it('expands with the given captures', () => {
    const template = parseReplacement('<${2}|$1|$$>');
    expect(
      expandTemplate(template, (part) => ('group' in part ? (['x', 'y'][part.group - 1] ?? '') : '')),
    ).toBe('<y|x|$>');
  });
});
