// compile(): referenced fields, frozen trees, limits, linear-time regexes, scheme checks, robustness.
import { describe, expect, it } from 'vitest';
import { compile, parse } from './compile.js';
import { RulesError } from './errors.js';
import { cloudflareScheme, transformScheme } from './fields/cloudflare.js';
import { createScheme } from './scheme.js';

describe('compile', () => {
  it('lists every referenced field once, in order of appearance', () => {
    const r = compile(
      'ssl and (http.host eq "a" or lower(http.host) eq "b") and any(http.request.headers.names[*] eq "x")',
      cloudflareScheme,
    );
    expect(r.ok && r.filter.referencedFields).toEqual(['ssl', 'http.host', 'http.request.headers.names']);
  });

  it('gives a frozen, JSON-serialisable tree', () => {
    const r = parse('ip.src in {10.0.0.0/8} and http.host matches "^a"', cloudflareScheme);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.isFrozen(r.ast)).toBe(true);
    const json = JSON.parse(JSON.stringify(r.ast)) as { kind: string; operands: { kind: string }[] };
    expect(json.kind).toBe('logical');
    expect(json.operands.map((o) => o.kind)).toEqual(['compare', 'compare']);
  });

  it('never throws on non-string input', () => {
    expect(compile(42 as unknown as string, cloudflareScheme).ok).toBe(false);
  });

  it('accepts tighter limits', () => {
    const r = compile('http.host in {"a" "b" "c"}', cloudflareScheme, { limits: { maxSetElements: 2 } });
    expect(!r.ok && r.diagnostics[0]?.code).toBe('RULES_LIMIT_SET_SIZE');
    const d = compile('((ssl))', cloudflareScheme, { limits: { maxDepth: 1 } });
    expect(!d.ok && d.diagnostics[0]?.code).toBe('RULES_PARSE_NESTING');
  });

  it('runs (a+)+$ over 100,000 a and a b in linear time (no backtracking engine)', () => {
    const r = compile('http.request.uri.path matches "(a+)+$"', cloudflareScheme);
    if (!r.ok) throw new Error('did not compile');
    const ctx = cloudflareScheme.createContext().set('http.request.uri.path', `${'a'.repeat(100_000)}b`);
    expect(r.filter.execute(ctx)).toBe(false);
    const hit = compile('http.request.uri.path matches "^(a+)+b$"', cloudflareScheme);
    if (!hit.ok) throw new Error('did not compile');
    expect(hit.filter.execute(ctx)).toBe(true);
  });

  it('refuses a context from a scheme with other fields', () => {
    const other = createScheme({ fields: { ssl: 'Bool' } });
    const r = compile('ssl', cloudflareScheme);
    if (!r.ok) throw new Error('did not compile');
    expect(() => r.filter.execute(other.createContext())).toThrow(RulesError);
    expect(r.filter.execute(transformScheme.createContext().set('ssl', true))).toBe(true);
  });

  it('compiles against custom schemes given as type names', () => {
    const s = createScheme({ fields: { 'a.b': 'Map<Array<Int>>', c: 'Ip' } });
    const r = compile('a.b["k"][0] eq 3 and c eq ::1', s);
    expect(
      r.ok &&
        r.filter.execute(
          s
            .createContext()
            .set('a.b', { k: [3] })
            .set('c', '::1'),
        ),
    ).toBe(true);
    expect(() => createScheme({ fields: { 'bad..name': 'Int' } })).toThrow(RulesError);
    expect(() => createScheme({ fields: { x: 'Float' } })).toThrow(RulesError);
  });

  it('turns a misbehaving function definition into diagnostics, never a throw', () => {
    const s = createScheme({
      fields: { x: 'Bytes' },
      functions: [
        {
          name: 'throws',
          phases: ['custom'],
          check: () => {
            throw new Error('boom');
          },
        },
        {
          name: 'broken',
          phases: ['custom'],
          check: () => ({ ok: true, returns: undefined as never, impl: () => 1 }),
        },
      ],
    });
    const a = compile('throws(x) eq "a"', s);
    expect(!a.ok && a.diagnostics[0]).toMatchObject({ code: 'RULES_TYPE_ARGUMENT', category: 'type' });
    const b = compile('broken(x) eq "a"', s);
    expect(!b.ok && b.diagnostics[0]?.code).toBe('RULES_INTERNAL_ERROR');
  });

  it('evaluates a function that throws at run time as missing', () => {
    const s = createScheme({
      fields: { x: 'Bytes' },
      functions: [
        {
          name: 'bad',
          phases: ['custom'],
          check: () => ({
            ok: true,
            returns: { kind: 'bytes' },
            impl: () => {
              throw new Error('boom');
            },
          }),
        },
      ],
    });
    const r = compile('bad(x) ne "a"', s);
    if (!r.ok) throw new Error('did not compile');
    expect(r.filter.execute(s.createContext().set('x', 'y'))).toBe(false);
  });
});
