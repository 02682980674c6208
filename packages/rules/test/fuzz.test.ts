// Property-based fuzzing: random text and random token soups always compile or yield well-formed
// diagnostics (never throw), compiled filters evaluate to booleans, and format() round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cloudflareScheme,
  compile,
  explain,
  format,
  parse,
  renderDiagnostics,
  type Diagnostic,
} from '../src/index.js';

const CATEGORIES = new Set([
  'parse',
  'unknown_field',
  'unknown_function',
  'type',
  'regex',
  'wildcard',
  'limit',
]);

function checkDiagnostics(expression: string, diagnostics: readonly Diagnostic[]): void {
  expect(diagnostics.length).toBeGreaterThan(0);
  for (const d of diagnostics) {
    expect(CATEGORIES.has(d.category)).toBe(true);
    expect(d.code).toMatch(/^RULES_[A-Z_]+$/);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.span[0]).toBeGreaterThanOrEqual(0);
    expect(d.span[1]).toBeGreaterThanOrEqual(d.span[0]);
    expect(d.span[1]).toBeLessThanOrEqual(expression.length);
  }
  expect(renderDiagnostics(expression, diagnostics)).toMatch(/^Filter parsing error \(\d+:\d+\):\n/);
}

function withoutSpans(tree: unknown): string {
  return JSON.stringify(tree, (key, value: unknown) => (key === 'span' ? undefined : value));
}

/** Checks everything that must hold for any input. */
function property(expression: string): void {
  const r = compile(expression, cloudflareScheme);
  if (!r.ok) {
    checkDiagnostics(expression, r.diagnostics);
    return;
  }
  const ctx = cloudflareScheme.createContext();
  expect(typeof r.filter.execute(ctx)).toBe('boolean');
  expect(explain(r.filter, ctx).kind).toBe(r.filter.ast.kind);
  const printed = format(r.filter);
  const again = parse(printed, cloudflareScheme);
  expect(again.ok).toBe(true);
  if (again.ok) expect(withoutSpans(again.ast)).toBe(withoutSpans(r.filter.ast));
  expect(format(printed, cloudflareScheme)).toBe(printed);
}

const TOKENS = [
  'ssl',
  'http.host',
  'http.request.uri.path',
  'cf.edge.server_port',
  'ip.src',
  'http.request.headers',
  'http.request.headers.names',
  'cf.tls_client_auth.cert_verified',
  'cf.tls_client_auth.cert_revoked',
  'and',
  'or',
  'xor',
  'not',
  '&&',
  '||',
  '^^',
  '!',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  '[*]',
  '[0]',
  '["accept"]',
  'eq',
  'ne',
  '==',
  '!=',
  'lt',
  'le',
  'gt',
  'ge',
  '<',
  '>',
  '<=',
  '>=',
  'contains',
  'matches',
  '~',
  'wildcard',
  'strict wildcard',
  'in',
  '&',
  'bitwise_and',
  '"a"',
  '"/admin"',
  'r"x"',
  'r#"y"#',
  '"\\x41"',
  '"\\101"',
  '61:62',
  '443',
  '0x1bb',
  '0673',
  '-1',
  '80..90',
  '192.0.2.1',
  '10.0.0.0/8',
  '2001:db8::/32',
  '::1',
  '1.2.3.4..1.2.3.9',
  '"^a.*b$"',
  '"(a+)+$"',
  '"*.example.com"',
  '"a**"',
  'any(',
  'all(',
  'lower(',
  'upper(',
  'len(',
  'concat(',
  'starts_with(',
  'ends_with(',
  'url_decode(',
  ',',
  '$list',
  '"',
  '\\',
  '#',
  '\t',
  '\n',
  '..',
  '.',
  '*',
];

const soup = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(' ', '', ' ', '  ', '\n')), { maxLength: 24 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

const bytesField = fc.constantFrom(
  'http.host',
  'http.request.uri.path',
  'http.user_agent',
  'http.request.headers["accept"][0]',
  'lower(http.host)',
  'concat(http.host, "x")',
);
const bytesLit = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) =>
    JSON.stringify(s)
      .replace(/\\u00([0-9a-f]{2})/g, '\\x$1')
      .replace(/\\[bfnrt]/g, '\\x0a'),
  ),
  fc.constantFrom('r"raw"', 'r#"q"uote"#', '61:62', '"\\101"'),
);
const validCond: fc.Arbitrary<string> = fc.letrec<{ cond: string }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('ssl', 'cf.tls_client_auth.cert_verified', 'starts_with(http.host, "a")'),
    fc
      .tuple(bytesField, fc.constantFrom('eq', '==', 'ne', 'lt', 'ge', 'contains'), bytesLit)
      .map(([f, o, l]) => `${f} ${o} ${l}`),
    fc.tuple(bytesField, fc.array(bytesLit, { maxLength: 4 })).map(([f, ls]) => `${f} in {${ls.join(' ')}}`),
    fc
      .tuple(bytesField, fc.constantFrom('"^a.*b$"', 'r"\\d+"', '"(?i)x|y"', '"[a-z]{2,3}"'))
      .map(([f, r]) => `${f} matches ${r}`),
    fc
      .tuple(bytesField, fc.constantFrom('"*.example.com"', '"a\\\\*b"', '""'))
      .map(([f, w]) => `${f} wildcard ${w}`),
    fc
      .tuple(
        fc.constantFrom('cf.edge.server_port', 'len(http.host)'),
        fc.constantFrom('eq', 'lt', '&', 'in'),
        fc.integer({ min: -1000, max: 70000 }),
      )
      .map(([f, o, n]) =>
        o === 'in' ? `${f} in {${n} ${Math.abs(n)}..${Math.abs(n) + 5}}` : `${f} ${o} ${n}`,
      ),
    fc.constantFrom(
      'ip.src in {10.0.0.0/8 2001:db8::/32 1.2.3.4..1.2.3.9}',
      'ip.src eq ::ffff:1.2.3.4',
      'ip.src ne 192.0.2.1',
    ),
    fc.constantFrom(
      'any(http.request.headers.names[*] eq "Host")',
      'all(http.request.headers[*][0] contains "a")',
      'any((http.request.headers.names[*] eq "a" or not http.request.headers.names[*] eq "b"))',
    ),
    tie('cond').map((c) => `not ${c}`),
    tie('cond').map((c) => `(${c})`),
    fc
      .tuple(tie('cond'), fc.constantFrom('and', 'or', 'xor', '&&', '||', '^^'), tie('cond'))
      .map(([a, o, b]) => `${a} ${o} ${b}`),
  ),
})).cond;

describe('fuzz', () => {
  it('generated valid expressions compile, evaluate, and round-trip through format', () => {
    fc.assert(
      fc.property(validCond, (expression) => {
        const r = compile(expression, cloudflareScheme);
        if (!r.ok) throw new Error(`${expression}: ${renderDiagnostics(expression, r.diagnostics)}`);
        property(expression);
      }),
      { numRuns: 3000 },
    );
  });

  it('random unicode strings never throw and yield ok or well-formed diagnostics', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), property), { numRuns: 2000 });
  });

  it('random ASCII strings never throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 120 }), property), { numRuns: 2000 });
  });

  it('random token soups never throw, and compiled ones round-trip through format', () => {
    fc.assert(fc.property(soup, property), { numRuns: 5000 });
  });

  it('long and deeply nested inputs end in diagnostics, not stack overflows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.constantFrom('(', 'not ', '!', 'any(', 'lower(', '[', '{'),
        (n, t) => {
          property(t.repeat(n) + 'ssl');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('well-formed comparisons on random literals round-trip', () => {
    const bytes = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(bytes, fc.integer(), (s, n) => {
        const lit = JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => {
          const c = parseInt(h, 16);
          return c < 0x80 ? `\\x${h.slice(2)}` : String.fromCharCode(c);
        });
        property(`http.host eq ${lit} or cf.edge.server_port eq ${n} or http.host contains ${lit}`);
      }),
      { numRuns: 1000 },
    );
  });
});
