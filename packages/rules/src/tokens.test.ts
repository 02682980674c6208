// Operator tokens: both spellings, word boundaries, `&&` vs `&`, `strict wildcard` spacing.
import { describe, expect, it } from 'vitest';
import { Cursor } from './cursor.js';
import { peekLogicalOp, readCompareOp } from './tokens.js';

function op(text: string): [string | undefined, number] {
  const cur = new Cursor(text, 0, text.length);
  const o = readCompareOp(cur);
  return [o, cur.pos];
}

function logical(text: string): number {
  return peekLogicalOp(new Cursor(text, 0, text.length));
}

describe('tokens', () => {
  it('reads comparison operators in both spellings', () => {
    expect(
      [
        'eq 1',
        '== 1',
        'ne',
        '!=',
        'lt',
        '<',
        'le',
        '<=',
        'gt',
        '>',
        'ge',
        '>=',
        'contains',
        'matches',
        '~',
        'wildcard',
        'in{',
        '&',
        'bitwise_and',
      ].map((t) => op(t)[0]),
    ).toEqual([
      'eq',
      'eq',
      'ne',
      'ne',
      'lt',
      'lt',
      'le',
      'le',
      'gt',
      'gt',
      'ge',
      'ge',
      'contains',
      'matches',
      'matches',
      'wildcard',
      'in',
      'bitwise_and',
      'bitwise_and',
    ]);
    expect(op('strict wildcard "a"')).toEqual(['strict wildcard', 15]);
  });

  it('needs word boundaries and lower case, and leaves && to the logical level', () => {
    expect(
      ['eqx', 'EQ', 'strict  wildcard', 'strictwildcard', '&&', '=', 'in_set'].map((t) => op(t)),
    ).toEqual([
      [undefined, 0],
      [undefined, 0],
      [undefined, 0],
      [undefined, 0],
      [undefined, 0],
      [undefined, 0],
      [undefined, 0],
    ]);
  });

  it('packs logical operators as level * 4 + length', () => {
    expect(['and', '&&', 'xor', '^^', 'or', '||', 'andx', 'AND', '&', '|', '^'].map(logical)).toEqual([
      3, 2, 7, 6, 10, 10, -1, -1, -1, -1, -1,
    ]);
  });
});
