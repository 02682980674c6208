// Integer literals: decimal, hex, octal, ranges and errors.
import { describe, expect, it } from 'vitest';
import { DiagnosticFailure } from '../diagnostics.js';
import { lexInteger } from './integers.js';

const read = (s: string) => lexInteger(s, 0, s.length).value;
const code = (s: string) => {
  try {
    lexInteger(s, 0, s.length);
  } catch (e) {
    if (e instanceof DiagnosticFailure) return e.diagnostic.code;
  }
  return 'none';
};

describe('integer literals', () => {
  it('reads decimal, hex and octal', () => {
    expect([
      read('443'),
      read('-7'),
      read('0x1bB'),
      read('0673'),
      read('0'),
      read('00'),
      read('-010'),
    ]).toEqual([443, -7, 443, 443, 0, 0, -10]);
  });
  it('rejects malformed and out-of-range literals', () => {
    expect(
      ['089', '0X1', '-0x1', '44a', '0x', '9223372036854775808', '-9223372036854775809'].map(code),
    ).toEqual([
      'RULES_PARSE_BAD_INTEGER',
      'RULES_PARSE_BAD_INTEGER',
      'RULES_PARSE_BAD_INTEGER',
      'RULES_PARSE_BAD_INTEGER',
      'RULES_PARSE_BAD_INTEGER',
      'RULES_PARSE_INTEGER_OVERFLOW',
      'RULES_PARSE_INTEGER_OVERFLOW',
    ]);
    expect(code('9223372036854775807')).toBe('none');
  });
});
