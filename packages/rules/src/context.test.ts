// Execution contexts: UTF-8 vs binary values, lazy fields, maps, and RulesError on misuse.
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { RulesError } from './errors.js';
import { cloudflareScheme } from './fields/cloudflare.js';

function filter(expression: string) {
  const r = compile(expression, cloudflareScheme);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.filter;
}

describe('context', () => {
  it('converts text to UTF-8 bytes with set and keeps binary strings with setBinary', () => {
    const f = filter('len(http.user_agent) eq 2');
    expect(f.execute(cloudflareScheme.createContext().set('http.user_agent', 'é'))).toBe(true);
    expect(f.execute(cloudflareScheme.createContext().setBinary('http.user_agent', '\xc3\xa9'))).toBe(true);
    expect(
      filter('http.user_agent eq "é"').execute(
        cloudflareScheme.createContext().setBinary('http.user_agent', '\xc3\xa9'),
      ),
    ).toBe(true);
  });

  it('computes a lazy field only when read, and at most once', () => {
    let calls = 0;
    const revoked = () => {
      calls++;
      return true;
    };
    const f = filter('not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked');
    const skip = cloudflareScheme
      .createContext()
      .set('cf.tls_client_auth.cert_verified', false)
      .setLazy('cf.tls_client_auth.cert_revoked', revoked);
    expect(f.execute(skip)).toBe(true);
    expect(calls).toBe(0);
    const read = cloudflareScheme
      .createContext()
      .set('cf.tls_client_auth.cert_verified', true)
      .setLazy('cf.tls_client_auth.cert_revoked', revoked);
    expect(f.execute(read)).toBe(true);
    expect(f.execute(read)).toBe(true);
    expect(calls).toBe(1);
  });

  it('treats a throwing lazy producer as a missing value', () => {
    const ctx = cloudflareScheme.createContext().setLazy('http.host', () => {
      throw new Error('boom');
    });
    expect(filter('http.host ne "a"').execute(ctx)).toBe(false);
    expect(filter('not http.host eq "a"').execute(ctx)).toBe(true);
  });

  it('supports setLazyBinary and maps given as objects or Maps, keys sorted for [*]', () => {
    const ctx = cloudflareScheme
      .createContext()
      .setLazyBinary('http.host', () => 'h\xe9')
      .set(
        'http.request.headers',
        new Map([
          ['b', ['2']],
          ['a', ['1']],
        ]),
      );
    expect(filter('http.host eq "h\\xe9"').execute(ctx)).toBe(true);
    expect(filter('http.request.headers["a"][0] eq "1"').execute(ctx)).toBe(true);
    expect(filter('any(http.request.headers[*][0] eq "2")').execute(ctx)).toBe(true);
  });

  it('throws RulesError for unknown fields and wrong value types', () => {
    const ctx = cloudflareScheme.createContext();
    expect(() => ctx.set('http.nope', 'x')).toThrow(RulesError);
    expect(() => ctx.set('cf.edge.server_port', '443')).toThrowError(
      expect.objectContaining({ code: 'RULES_CONTEXT_TYPE' }),
    );
    expect(() => ctx.set('ip.src', '1.2.3')).toThrowError(
      expect.objectContaining({ code: 'RULES_CONTEXT_TYPE' }),
    );
    expect(() => ctx.set('http.request.headers.names', ['a', 1])).toThrowError(
      expect.objectContaining({ code: 'RULES_CONTEXT_TYPE' }),
    );
    expect(() => ctx.set('ssl', 1)).toThrowError(expect.objectContaining({ code: 'RULES_CONTEXT_TYPE' }));
  });

  it('makes a field missing again when set to null or undefined', () => {
    const ctx = cloudflareScheme.createContext().set('http.host', 'a').set('http.host', null);
    expect(ctx.get('http.host')).toBeUndefined();
  });

  it('accepts IPv4-mapped IPv6 as an IPv6 value', () => {
    const ctx = cloudflareScheme.createContext().set('ip.src', '::ffff:192.0.2.1');
    expect(filter('ip.src in {192.0.2.0/24}').execute(ctx)).toBe(false);
    expect(filter('ip.src in {::ffff:192.0.2.0/120}').execute(ctx)).toBe(true);
  });
});
