// Diagnostics: codes, categories, spans and the Cloudflare `Filter parsing error` rendering.
import { describe, expect, it } from 'vitest';
import { cloudflareScheme } from './fields/cloudflare.js';
import { compile } from './compile.js';
import { lineColumn, renderDiagnostics } from './diagnostics.js';

function diagnose(expression: string) {
  const r = compile(expression, cloudflareScheme);
  if (r.ok) throw new Error(`expected ${expression} to fail`);
  return r.diagnostics;
}

describe('diagnostics', () => {
  it('renders the Cloudflare block with a caret under the span', () => {
    const e = 'http.host eq "abc';
    expect(renderDiagnostics(e, diagnose(e))).toBe(
      'Filter parsing error (1:14):\nhttp.host eq "abc\n             ^^^^ could not find an ending quote',
    );
  });

  it('points at the right line and column of a multi-line expression', () => {
    const e = 'ssl\nand http.hots eq "a"';
    const d = diagnose(e);
    expect(d[0]).toMatchObject({
      code: 'RULES_UNKNOWN_FIELD',
      category: 'unknown_field',
      message: 'unknown field http.hots',
      span: [8, 17],
    });
    expect(renderDiagnostics(e, d)).toBe(
      'Filter parsing error (2:5):\nand http.hots eq "a"\n    ^^^^^^^^^ unknown field http.hots',
    );
  });

  it('names tabs as the problem', () => {
    expect(diagnose('ssl\tand ssl')[0]).toMatchObject({ code: 'RULES_PARSE_TAB', span: [3, 4] });
  });

  it('reports trailing input over the rest of the expression', () => {
    expect(diagnose('ssl eq true')[0]).toMatchObject({
      code: 'RULES_PARSE_TRAILING_INPUT',
      category: 'parse',
      span: [4, 11],
    });
  });

  it('uses wirefilter words for type errors', () => {
    expect(diagnose('ip.src contains "a"')[0]).toMatchObject({
      category: 'type',
      message: 'cannot perform this operation on type Ip',
      span: [7, 15],
    });
    expect(diagnose('ssl and http.request.headers.names[*] eq "a"')[0]?.message).toBe(
      'expected value of type Bool, but got Array<Bool>',
    );
  });

  it('puts a function-argument problem under that argument', () => {
    const e = 'lower("A") eq "a"';
    expect(diagnose(e)[0]).toMatchObject({ category: 'type', span: [6, 9] });
  });

  it('refuses transform-only functions in custom rules, saying where they belong', () => {
    const d = diagnose('to_string(cf.edge.server_port) eq "443"')[0];
    expect(d).toMatchObject({ code: 'RULES_FUNCTION_PHASE', category: 'unknown_function' });
    expect(d?.message).toContain('only available in transform rules');
  });

  it('enforces the 4,096-character limit with category limit', () => {
    const e = `http.host eq "${'a'.repeat(5000)}"`;
    expect(diagnose(e)[0]).toMatchObject({
      code: 'RULES_LIMIT_LENGTH',
      category: 'limit',
      span: [4096, e.length],
    });
  });

  it('counts columns in code points and caret width at least one', () => {
    expect(lineColumn('é\nab', 3)).toEqual({ line: 2, column: 2, lineStart: 2 });
    expect(renderDiagnostics('ssl and', diagnose('ssl and'))).toMatch(/\n {7}\^ /);
  });
});
