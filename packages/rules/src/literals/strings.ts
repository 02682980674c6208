// String literals: quoted strings with their escapes, raw strings r#"..."#, hex byte strings,
// and the quoted form of regex literals (RULES-LANGUAGE.md §2.3-2.6).
import { utf8ToBinary } from '../bytes.js';
import { fail } from '../diagnostics.js';

/** A lexed literal: its value and the offset just after it. */
export interface Lexed<T> {
  readonly value: T;
  readonly end: number;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/**
 * Reads a quoted string starting at `pos` (which holds `"`) and returns its bytes as a binary
 * string. Escapes: `\"`, `\\`, `\xHH`, `\OOO`; anything else is a parse error.
 */
export function lexQuotedString(src: string, pos: number, end: number): Lexed<string> {
  const start = pos;
  let i = pos + 1;
  let out = '';
  let runStart = i;
  while (true) {
    if (i >= end)
      fail('RULES_PARSE_UNTERMINATED_STRING', 'parse', 'could not find an ending quote', start, end);
    const c = src.charCodeAt(i);
    if (c === 34) {
      out += utf8ToBinary(src.slice(runStart, i));
      return { value: out, end: i + 1 };
    }
    if (c !== 92) {
      i++;
      continue;
    }
    out += utf8ToBinary(src.slice(runStart, i));
    const e = src.charCodeAt(i + 1);
    if (e === 34 || e === 92) {
      out += String.fromCharCode(e);
      i += 2;
    } else if (e === 120) {
      const h1 = src.charCodeAt(i + 2);
      const h2 = src.charCodeAt(i + 3);
      if (i + 3 >= end || !isHex(h1) || !isHex(h2))
        fail('RULES_PARSE_BAD_ESCAPE', 'parse', 'expected two hex digits after \\x', i, Math.min(i + 4, end));
      out += String.fromCharCode(hexValue(h1) * 16 + hexValue(h2));
      i += 4;
    } else if (e >= 48 && e <= 55) {
      const o2 = src.charCodeAt(i + 2);
      const o3 = src.charCodeAt(i + 3);
      if (i + 3 >= end || !(o2 >= 48 && o2 <= 55) || !(o3 >= 48 && o3 <= 55))
        fail(
          'RULES_PARSE_BAD_ESCAPE',
          'parse',
          'expected three octal digits after \\',
          i,
          Math.min(i + 4, end),
        );
      const v = (e - 48) * 64 + (o2 - 48) * 8 + (o3 - 48);
      if (v > 255)
        fail(
          'RULES_PARSE_BAD_ESCAPE',
          'parse',
          `octal escape \\${src.slice(i + 1, i + 4)} is larger than 255`,
          i,
          i + 4,
        );
      out += String.fromCharCode(v);
      i += 4;
    } else {
      if (i + 1 >= end)
        fail('RULES_PARSE_UNTERMINATED_STRING', 'parse', 'could not find an ending quote', start, end);
      fail('RULES_PARSE_BAD_ESCAPE', 'parse', 'expected ", \\, xHH or OOO after \\', i, i + 2);
    }
    runStart = i;
  }
}

/**
 * Reads a raw string `r"..."`, `r#"..."#` (up to 255 `#`) at `pos` (which holds `r`). Returns the
 * raw content as text (not yet UTF-8 encoded), so regex literals can use it as a pattern.
 */
export function lexRawText(src: string, pos: number, end: number): Lexed<string> {
  let i = pos + 1;
  let hashes = 0;
  while (i < end && src.charCodeAt(i) === 35) {
    hashes++;
    i++;
  }
  if (hashes > 255)
    fail(
      'RULES_PARSE_BAD_RAW_STRING',
      'parse',
      "invalid raw string hash count, there can't be more than 255 #s",
      pos,
      i,
    );
  if (i >= end || src.charCodeAt(i) !== 34)
    fail(
      'RULES_PARSE_BAD_RAW_STRING',
      'parse',
      'expected " after the raw string prefix',
      pos,
      Math.min(i + 1, end),
    );
  const contentStart = i + 1;
  let j = contentStart;
  while (true) {
    const q = src.indexOf('"', j);
    if (q < 0 || q >= end)
      fail('RULES_PARSE_UNTERMINATED_STRING', 'parse', 'could not find an ending quote', pos, end);
    let k = 0;
    while (k < hashes && q + 1 + k < end && src.charCodeAt(q + 1 + k) === 35) k++;
    if (k === hashes) return { value: src.slice(contentStart, q), end: q + 1 + hashes };
    j = q + 1;
  }
}

/** Reads a raw string and returns its bytes as a binary string. */
export function lexRawString(src: string, pos: number, end: number): Lexed<string> {
  const r = lexRawText(src, pos, end);
  return { value: utf8ToBinary(r.value), end: r.end };
}

/**
 * Reads a hex byte string such as `61:62-63.64` at `pos`: two hex digits, then one or more groups
 * of a separator (`:` `-` `.`) and two hex digits.
 */
export function lexHexBytes(src: string, pos: number, end: number): Lexed<string> {
  let i = pos;
  let out = '';
  let groups = 0;
  const bad = (): never =>
    fail(
      'RULES_PARSE_BAD_BYTES',
      'parse',
      "expected a quoted string or bytes as two hex digits separated by ':', '-' or '.'",
      pos,
      Math.max(i + 1, pos + 1) > end ? end : Math.max(i + 1, pos + 1),
    );
  while (true) {
    const a = src.charCodeAt(i);
    const b = src.charCodeAt(i + 1);
    if (i + 1 >= end || !isHex(a) || !isHex(b)) return bad();
    out += String.fromCharCode(hexValue(a) * 16 + hexValue(b));
    groups++;
    i += 2;
    const s = src.charCodeAt(i);
    if (i < end && (s === 58 || s === 45 || s === 46)) {
      i++;
      continue;
    }
    break;
  }
  if (groups < 2) return bad();
  const next = src.charCodeAt(i);
  if (i < end && isWordChar(next)) {
    i++;
    return bad();
  }
  return { value: out, end: i };
}

/** ASCII letter, digit or underscore. */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Reads the quoted form of a regex literal as wirefilter does: `\"` becomes `"` outside a
 * character class, every other backslash pair is kept verbatim for the regex compiler, and a `"`
 * inside `[...]` does not end the literal (the class is tracked as open/closed, not nested).
 */
export function lexQuotedRegex(src: string, pos: number, end: number): Lexed<string> {
  let i = pos + 1;
  let out = '';
  let inClass = false;
  while (true) {
    if (i >= end)
      fail('RULES_PARSE_UNTERMINATED_STRING', 'parse', 'could not find an ending quote', pos, end);
    const c = src.charCodeAt(i);
    if (c === 92) {
      if (i + 1 >= end)
        fail('RULES_PARSE_UNTERMINATED_STRING', 'parse', 'could not find an ending quote', pos, end);
      if (src.charCodeAt(i + 1) === 34 && !inClass) out += '"';
      else out += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === 34 && !inClass) return { value: out, end: i + 1 };
    if (c === 91 && !inClass) inClass = true;
    else if (c === 93 && inClass) inClass = false;
    out += src[i];
    i++;
  }
}
