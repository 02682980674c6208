// Product functions through the whole engine: phases, exclusivity, [*] mapping, missing values, documented examples.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cloudflareScheme, compile, transformScheme } from '../src/index.js';

type Phase = 'custom' | 'transform';

function evaluate(expression: string, fields: Record<string, unknown>, phase: Phase = 'custom'): boolean {
  const scheme = phase === 'transform' ? transformScheme : cloudflareScheme;
  const result = compile(expression, scheme);
  if (!result.ok) throw new Error(`${expression}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  const ctx = scheme.createContext();
  for (const [name, value] of Object.entries(fields)) ctx.set(name, value);
  return result.filter.execute(ctx);
}

function firstDiagnostic(
  expression: string,
  phase: Phase = 'custom',
): { category: string; code: string; message: string; span: readonly [number, number] } {
  const result = compile(expression, phase === 'transform' ? transformScheme : cloudflareScheme);
  if (result.ok) throw new Error(`${expression}: expected a diagnostic`);
  const first = result.diagnostics[0];
  if (first === undefined) throw new Error('no diagnostic');
  return first;
}

describe('product functions in expressions', () => {
  it('refuses transform-only functions in custom rules and custom-only ones in transforms', () => {
    for (const call of [
      'to_string(ssl) eq "true"',
      'encode_base64(http.host) eq "a"',
      'sha256(http.host) eq "a"',
    ]) {
      expect(firstDiagnostic(call).code, call).toBe('RULES_FUNCTION_PHASE');
      expect(evaluate(call, { ssl: true, 'http.host': 'x' }, 'transform'), call).toBeTypeOf('boolean');
    }
    expect(firstDiagnostic('wildcard_replace(http.host, "*", "x") eq "x"').code).toBe('RULES_FUNCTION_PHASE');
    expect(firstDiagnostic('regex_replace(http.host, "a", "x") eq "x"').code).toBe('RULES_FUNCTION_PHASE');
    expect(firstDiagnostic('cidr(ip.src, 24, 64) eq 10.0.0.0', 'transform').code).toBe(
      'RULES_FUNCTION_PHASE',
    );
    expect(firstDiagnostic('cidr6(ip.src, 64) eq 10.0.0.0', 'transform').code).toBe('RULES_FUNCTION_PHASE');
  });

  it('allows one wildcard_replace or regex_replace per expression, never nested', () => {
    const nested = firstDiagnostic(
      'regex_replace(wildcard_replace(http.host, "*", "b"), "a", "b") eq "x"',
      'transform',
    );
    expect(nested.category).toBe('type');
    const twice = firstDiagnostic(
      'regex_replace(http.host, "a", "b") eq "x" or regex_replace(http.host, "c", "d") eq "y"',
      'transform',
    );
    expect(twice.category).toBe('type');
    expect(
      evaluate(
        'wildcard_replace(http.host, "*.example", "${1}") eq "a"',
        { 'http.host': 'a.example' },
        'transform',
      ),
    ).toBe(true);
  });

  it('points argument diagnostics at the argument', () => {
    const expression = 'url_decode(http.request.uri.query, "x") eq "a"';
    const diagnostic = firstDiagnostic(expression);
    expect(diagnostic.category).toBe('type');
    expect(expression.slice(diagnostic.span[0], diagnostic.span[1])).toBe('"x"');
    const regex = 'regex_replace(http.host, "(", "x") eq "x"';
    const regexDiagnostic = firstDiagnostic(regex, 'transform');
    expect(regexDiagnostic.category).toBe('regex');
    expect(regex.slice(regexDiagnostic.span[0], regexDiagnostic.span[1])).toBe('"("');
  });

  it('maps over [*] and drops elements whose result is missing', () => {
    const headers = { 'x-token': ['MTIz', 'not base64!', 'YWJj'] };
    expect(
      evaluate('any(decode_base64(http.request.headers["x-token"][*])[*] eq "abc")', {
        'http.request.headers': headers,
      }),
    ).toBe(true);
    expect(
      evaluate('len(decode_base64(http.request.headers["x-token"][*])) eq 2', {
        'http.request.headers': headers,
      }),
    ).toBe(true);
    expect(
      evaluate('all(url_decode(http.request.headers["x"][*])[*] eq "a b")', {
        'http.request.headers': { x: ['a+b', 'a%20b'] },
      }),
    ).toBe(true);
  });

  it('makes comparisons on missing results false, ne included', () => {
    const body = { 'http.request.body.raw': '{"a": 1}' };
    expect(evaluate('lookup_json_string(http.request.body.raw, "a") eq "1"', body)).toBe(false);
    expect(evaluate('lookup_json_string(http.request.body.raw, "a") ne "1"', body)).toBe(false);
    expect(evaluate('not lookup_json_string(http.request.body.raw, "a") eq "1"', body)).toBe(true);
    expect(evaluate('substring(http.request.body.raw, 0) ne ""', {})).toBe(false);
    expect(
      evaluate('is_timed_hmac_valid_v0("k", http.request.uri, 10, http.request.timestamp.sec)', {}),
    ).toBe(false);
    expect(
      evaluate('not is_timed_hmac_valid_v0("k", http.request.uri, 10, http.request.timestamp.sec)', {}),
    ).toBe(true);
  });

  it('runs the documented HMAC rule with a MessageMAC built by concat', () => {
    const issued = 1484063787;
    const mac = createHmac('sha256', 'mysecretkey').update(`/download/cat.jpg${issued}`).digest('base64');
    const expression =
      'http.host == "downloads.example.com" and not is_timed_hmac_valid_v0("mysecretkey", ' +
      'concat(http.request.uri, http.request.headers["timestamp"][0], "-", http.request.headers["mac"][0]), ' +
      '100000, http.request.timestamp.sec, 0)';
    const fields = (now: number, macValue: string): Record<string, unknown> => ({
      'http.host': 'downloads.example.com',
      'http.request.uri': '/download/cat.jpg',
      'http.request.headers': { timestamp: [String(issued)], mac: [encodeURIComponent(macValue)] },
      'http.request.timestamp.sec': now,
    });
    expect(evaluate(expression, fields(issued + 10, mac))).toBe(false);
    expect(evaluate(expression, fields(issued + 100000, mac))).toBe(true);
    expect(evaluate(expression, fields(issued + 10, `A${mac.slice(1)}`))).toBe(true);
  });

  it('feeds url_decode with u into a Unicode regex, as the documentation shows', () => {
    const path = encodeURI('/한국어');
    expect(
      evaluate('url_decode(http.request.uri.path) matches "(?u)^/\\p{Hangul}+$"', {
        'http.request.uri.path': path,
      }),
    ).toBe(true);
    expect(
      evaluate('url_decode(http.request.uri.path, "u") matches "(?u)^/\\p{Hangul}+$"', {
        'http.request.uri.path': '/%uD55C%uAD6D',
      }),
    ).toBe(true);
  });

  it('chains functions and compares IPs from cidr', () => {
    expect(evaluate('cidr(ip.src, 24, 64) in {10.1.2.0/24}', { 'ip.src': '10.1.2.99' })).toBe(true);
    expect(evaluate('cidr6(ip.src, 32) eq 2001:db8::', { 'ip.src': '2001:db8:ffff::1' })).toBe(true);
    expect(
      evaluate('lower(remove_bytes(url_decode(http.request.uri.path, "r"), "\\x2f")) eq "admin"', {
        'http.request.uri.path': '/%2541DMIN',
      }),
    ).toBe(true);
    expect(
      evaluate('lookup_json_integer(http.request.body.raw, "a", 0) in {1..3}', {
        'http.request.body.raw': '{"a":[1]}',
      }),
    ).toBe(true);
  });
});
