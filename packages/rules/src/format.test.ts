// format(): canonical printing that parses back to the same tree.
import { describe, expect, it } from 'vitest';
import { cloudflareScheme } from './fields/cloudflare.js';
import { format } from './format.js';

describe('format', () => {
  it.each([
    [
      'ssl&&not(cf.tls_client_auth.cert_verified)||cf.tls_client_auth.cert_revoked',
      'ssl and not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked',
    ],
    ['(ssl and ssl) and ssl', '(ssl and ssl) and ssl'],
    ['ssl or (ssl xor ssl)', 'ssl or ssl xor ssl'],
    ['(ssl or ssl) and ssl', '(ssl or ssl) and ssl'],
    ['not (ssl or ssl)', 'not (ssl or ssl)'],
    ['http.host == "a\\x22\\\\"', 'http.host eq "a\\"\\\\"'],
    ['http.host eq 61:62', 'http.host eq "ab"'],
    ['http.host eq "\\xff\\xc3"', 'http.host eq "\\xff\\xc3"'],
    ['http.host eq "caf\\xc3\\xa9"', 'http.host eq "café"'],
    ['http.host ~ "a\\"b"', 'http.host matches r#"a"b"#'],
    ['cf.edge.server_port in {0x50 0673 1..3}', 'cf.edge.server_port in {80 443 1..3}'],
    ['ip.src in {2001:0DB8::/32 10.0.0.1..10.0.0.9}', 'ip.src in {2001:db8::/32 10.0.0.1..10.0.0.9}'],
    [
      'any((http.request.headers.names[*]=="a"||http.request.headers.names[*]=="b"))',
      'any((http.request.headers.names[*] eq "a" or http.request.headers.names[*] eq "b"))',
    ],
    ['http.host strict wildcard r"a\\*"', 'http.host strict wildcard "a\\\\*"'],
    ['cf.edge.server_port & 1', 'cf.edge.server_port bitwise_and 1'],
  ])('%s', (input, expected) => {
    expect(format(input, cloudflareScheme)).toBe(expected);
    expect(format(expected, cloudflareScheme)).toBe(expected);
  });

  it('parses strings against the Cloudflare scheme by default', () => {
    expect(format('ssl&&!ssl')).toBe('ssl and not ssl');
  });

  it('throws RulesError on an invalid expression', () => {
    expect(() => format('ssl and', cloudflareScheme)).toThrowError(
      expect.objectContaining({ code: 'RULES_FORMAT_INVALID' }),
    );
  });
});
