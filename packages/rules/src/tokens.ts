// Operator tokens: comparison operators in both spellings and the logical operators, read at the
// cursor with word boundaries (`notssl` is a name, not `not ssl`).
import type { CompareOp } from './ast.js';
import type { Cursor } from './cursor.js';
import { isWordChar } from './literals/strings.js';

const WORD_OPS: readonly (readonly [string, CompareOp])[] = [
  ['eq', 'eq'],
  ['ne', 'ne'],
  ['lt', 'lt'],
  ['le', 'le'],
  ['gt', 'gt'],
  ['ge', 'ge'],
  ['contains', 'contains'],
  ['matches', 'matches'],
  ['wildcard', 'wildcard'],
  ['in', 'in'],
  ['bitwise_and', 'bitwise_and'],
];

/** Logical operator levels: 0 = and, 1 = xor, 2 = or (tightest first). */
export type LogicalLevel = 0 | 1 | 2;

/**
 * Reads a comparison operator at the cursor (which must be on its first character) and moves
 * past it; returns undefined, without moving, when there is none. `&&` is not `&`.
 */
export function readCompareOp(cur: Cursor): CompareOp | undefined {
  const c = cur.peek();
  const c1 = cur.peek(1);
  let op: CompareOp | undefined;
  let len = 1;
  if (c === 61 && c1 === 61) {
    op = 'eq';
    len = 2;
  } else if (c === 33 && c1 === 61) {
    op = 'ne';
    len = 2;
  } else if (c === 60) {
    op = c1 === 61 ? 'le' : 'lt';
    len = c1 === 61 ? 2 : 1;
  } else if (c === 62) {
    op = c1 === 61 ? 'ge' : 'gt';
    len = c1 === 61 ? 2 : 1;
  } else if (c === 126) op = 'matches';
  else if (c === 38 && c1 !== 38) op = 'bitwise_and';
  else if (c >= 97 && c <= 122) {
    for (const [word, o] of WORD_OPS) {
      if (word.charCodeAt(0) === c && cur.atWord(word)) {
        op = o;
        len = word.length;
        break;
      }
    }
    // `strict wildcard` takes exactly one space between its words.
    if (op === undefined && c === 115 && cur.at('strict wildcard')) {
      const after = cur.pos + 15;
      if (after >= cur.end || !isWordChar(cur.src.charCodeAt(after))) {
        op = 'strict wildcard';
        len = 15;
      }
    }
  }
  if (op !== undefined) cur.pos += len;
  return op;
}

/**
 * The logical operator at the cursor (no whitespace skipping): `level * 4 + length`, or -1.
 * Keywords are lower-case only; `&` and `|` alone are not logical operators.
 */
export function peekLogicalOp(cur: Cursor): number {
  const c = cur.peek();
  if (c === 97) return cur.atWord('and') ? 3 : -1;
  if (c === 111) return cur.atWord('or') ? 2 * 4 + 2 : -1;
  if (c === 120) return cur.atWord('xor') ? 1 * 4 + 3 : -1;
  const c1 = cur.peek(1);
  if (c === 38 && c1 === 38) return 2;
  if (c === 124 && c1 === 124) return 2 * 4 + 2;
  if (c === 94 && c1 === 94) return 1 * 4 + 2;
  return -1;
}
