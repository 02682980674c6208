// Integer literals: decimal, 0x hex, leading-zero octal, optional minus, 64-bit range checks.
import { fail } from '../diagnostics.js';
import { isWordChar, type Lexed } from './strings.js';

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/**
 * Reads an integer literal at `pos`. The value is a JS number: literals beyond ±2^53 are accepted
 * (wirefilter's range is 64-bit) but lose precision, as JSON numbers do.
 */
export function lexInteger(src: string, pos: number, end: number): Lexed<number> {
  let i = pos;
  let negative = false;
  if (src.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  const digitsStart = i;
  let radix = 10;
  if (src.charCodeAt(i) === 48 && src.charCodeAt(i + 1) === 120 && i + 1 < end) {
    if (negative) fail('RULES_PARSE_BAD_INTEGER', 'parse', 'a hex integer cannot be negative', pos, i + 2);
    radix = 16;
    i += 2;
  } else if (src.charCodeAt(i) === 48 && i + 1 < end && isDigit(src.charCodeAt(i + 1)) && !negative) {
    radix = 8;
    i += 1;
  }
  const numStart = i;
  while (i < end && isRadixDigit(src.charCodeAt(i), radix)) i++;
  const text = src.slice(numStart, i);
  if (i < end && isWordChar(src.charCodeAt(i))) {
    let j = i;
    while (j < end && isWordChar(src.charCodeAt(j))) j++;
    fail(
      'RULES_PARSE_BAD_INTEGER',
      'parse',
      `invalid digit in a base-${radix} integer: ${src.slice(pos, j)}`,
      pos,
      j,
    );
  }
  if (text.length === 0) {
    if (radix === 8) return { value: 0, end: i };
    fail(
      'RULES_PARSE_BAD_INTEGER',
      'parse',
      'expected an integer',
      pos,
      Math.min(Math.max(i, digitsStart) + 1, end),
    );
  }
  let big = BigInt(radix === 16 ? '0x' + text : radix === 8 ? '0o' + text : text);
  if (negative) big = -big;
  if (big > I64_MAX || big < I64_MIN)
    fail(
      'RULES_PARSE_INTEGER_OVERFLOW',
      'parse',
      'number too large to fit in a 64-bit signed integer',
      pos,
      i,
    );
  return { value: Number(big), end: i };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isRadixDigit(c: number, radix: number): boolean {
  if (radix === 10) return c >= 48 && c <= 57;
  if (radix === 8) return c >= 48 && c <= 55;
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
