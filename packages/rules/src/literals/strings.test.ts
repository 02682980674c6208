// String literals: quoted escapes, raw strings, hex bytes, quoted regex lexing.
import { describe, expect, it } from 'vitest';
import { DiagnosticFailure } from '../diagnostics.js';
import { lexHexBytes, lexQuotedRegex, lexQuotedString, lexRawText } from './strings.js';

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DiagnosticFailure) return e.diagnostic.code;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('string literals', () => {
  it('unescapes quoted strings into UTF-8 bytes', () => {
    const src = '"a\\"b\\\\c\\x41\\101é"';
    expect(lexQuotedString(src, 0, src.length)).toEqual({ value: 'a"b\\cAA\xc3\xa9', end: src.length });
    expect(lexQuotedString('"\\0610"', 0, 7).value).toBe('10');
  });

  it('rejects bad escapes and unterminated strings', () => {
    expect(failure(() => lexQuotedString('"\\n"', 0, 4))).toBe('RULES_PARSE_BAD_ESCAPE');
    expect(failure(() => lexQuotedString('"\\x+F"', 0, 6))).toBe('RULES_PARSE_BAD_ESCAPE');
    expect(failure(() => lexQuotedString('"\\400"', 0, 6))).toBe('RULES_PARSE_BAD_ESCAPE');
    expect(failure(() => lexQuotedString('"abc', 0, 4))).toBe('RULES_PARSE_UNTERMINATED_STRING');
    expect(failure(() => lexQuotedString('"abc\\', 0, 5))).toBe('RULES_PARSE_UNTERMINATED_STRING');
  });

  it('reads raw strings with hash delimiters', () => {
    expect(lexRawText('r"a\\"', 0, 5)).toEqual({ value: 'a\\', end: 5 });
    expect(lexRawText('r##"x"#y"##z', 0, 12)).toEqual({ value: 'x"#y', end: 11 });
    expect(failure(() => lexRawText(`r${'#'.repeat(256)}"a"${'#'.repeat(256)}`, 0, 515))).toBe(
      'RULES_PARSE_BAD_RAW_STRING',
    );
    expect(failure(() => lexRawText('r#"a"', 0, 5))).toBe('RULES_PARSE_UNTERMINATED_STRING');
    expect(failure(() => lexRawText('rx', 0, 2))).toBe('RULES_PARSE_BAD_RAW_STRING');
  });

  it('reads hex byte strings with mixed separators', () => {
    expect(lexHexBytes('61:62-63.64', 0, 11)).toEqual({ value: 'abcd', end: 11 });
    expect(failure(() => lexHexBytes('61', 0, 2))).toBe('RULES_PARSE_BAD_BYTES');
    expect(failure(() => lexHexBytes('61:', 0, 3))).toBe('RULES_PARSE_BAD_BYTES');
    expect(failure(() => lexHexBytes('6g:61', 0, 5))).toBe('RULES_PARSE_BAD_BYTES');
  });

  it('keeps regex escapes verbatim except \\" and lets a class hold a quote', () => {
    expect(lexQuotedRegex('"\\.php\\"$"', 0, 10)).toEqual({ value: '\\.php"$', end: 10 });
    expect(lexQuotedRegex('"["]"', 0, 5)).toEqual({ value: '["]', end: 5 });
    expect(lexQuotedRegex('"[]"]"', 0, 6)).toEqual({ value: '[]', end: 4 });
    expect(lexQuotedRegex('"[\\"]"', 0, 6)).toEqual({ value: '[\\"]', end: 6 });
    expect(failure(() => lexQuotedRegex('"["', 0, 3))).toBe('RULES_PARSE_UNTERMINATED_STRING');
  });
});
