// explain(): the value of every sub-expression, for the dashboard tester.
import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { explain } from './explain.js';
import { cloudflareScheme } from './fields/cloudflare.js';

describe('explain', () => {
  it('gives the value of every sub-expression', () => {
    const r = compile(
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
      cloudflareScheme,
    );
    if (!r.ok) throw new Error('did not compile');
    const ctx = cloudflareScheme
      .createContext()
      .set('cf.tls_client_auth.cert_verified', true)
      .set('http.request.uri.path', '/admin');
    const e = explain(r.filter, ctx);
    expect(e.value).toBe(false);
    expect(e.children.map((c) => [c.text, c.value])).toEqual([
      ['not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked', false],
      ['http.request.uri.path in {"/admin"}', true],
    ]);
    const or = e.children[0];
    expect(or?.children[1]).toMatchObject({
      text: 'cf.tls_client_auth.cert_revoked',
      value: null,
      missing: true,
    });
    expect(e.children[1]?.children[0]).toMatchObject({ text: 'http.request.uri.path', value: '/admin' });
  });

  it('shows arrays, maps, IPs and non-UTF-8 bytes', () => {
    const r = compile(
      'any(lower(http.request.headers.names[*])[*] eq "a") or ip.src eq 1.2.3.4 or http.host eq "\\xff"',
      cloudflareScheme,
    );
    if (!r.ok) throw new Error('did not compile');
    const ctx = cloudflareScheme
      .createContext()
      .set('http.request.headers.names', ['A', 'B'])
      .set('ip.src', '1.2.3.4')
      .setBinary('http.host', '\xff');
    const e = explain(r.filter, ctx);
    const anyNode = e.children[0];
    expect(anyNode?.children[0]?.value).toEqual([true, false]);
    expect(anyNode?.children[0]?.children[0]?.value).toEqual(['a', 'b']);
    expect(e.children[1]?.children[0]?.value).toBe('1.2.3.4');
    expect(e.children[2]?.children[0]?.value).toBe('"\\xff"');
  });
});
