import { describe, expect, it } from 'vitest';
import {
  clientResponseHeaders,
  isOwnedHeader,
  originRequestHeaders,
  sanitiseHeaderValue,
} from './headers.js';

const forwarded = { host: 'api.example.test', clientIp: '192.0.2.9', rayId: 'r1', clientCert: undefined };

describe('originRequestHeaders', () => {
  it('drops hop-by-hop headers, those named by Connection, and owned headers in any spelling', () => {
    const out = originRequestHeaders(
      [
        'Host',
        'evil',
        'Connection',
        'keep-alive, X-Secret',
        'X-Secret',
        '1',
        'Keep-Alive',
        'timeout=5',
        'TE',
        'trailers',
        'Transfer-Encoding',
        'chunked',
        'Upgrade',
        'h2c',
        'Expect',
        '100-continue',
        'CF-Cert-Verified',
        'true',
        'cf_cert_presented',
        'true',
        'Client-Cert',
        ':x:',
        'X-Forwarded-Client-Cert',
        'By=x',
        'X_SSL_CLIENT_VERIFY',
        'SUCCESS',
        'x-forwarded-proto',
        'http',
        'Accept',
        'text/plain',
        ':authority',
        'evil',
      ],
      forwarded,
    );
    const names = out.filter((_v, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names).toEqual([
      'accept',
      'host',
      'x-forwarded-for',
      'x-forwarded-proto',
      'cf-connecting-ip',
      'cf-ray',
    ]);
    expect(out[out.indexOf('host') + 1]).toBe('api.example.test');
    expect(out[out.indexOf('x-forwarded-proto') + 1]).toBe('https');
  });

  it('appends the client address to X-Forwarded-For', () => {
    const out = originRequestHeaders(
      ['X-Forwarded-For', '10.0.0.1', 'x-forwarded-for', '10.0.0.2'],
      forwarded,
    );
    expect(out[out.indexOf('x-forwarded-for') + 1]).toBe('10.0.0.1, 10.0.0.2, 192.0.2.9');
  });

  it('adds the certificate headers last', () => {
    const out = originRequestHeaders([], { ...forwarded, clientCert: [['cf-cert-verified', 'false']] });
    expect(out.slice(-2)).toEqual(['cf-cert-verified', 'false']);
  });
});

describe('isOwnedHeader', () => {
  it.each([
    'cf-cert-verified',
    'cf_cert_verified',
    'client-cert',
    'client-cert-chain',
    'x-ssl-client-s-dn',
    'ssl-client-cert',
    'x-forwarded-client-cert',
    'x-client-cert-sha256',
    'cf-connecting-ip',
  ])('%s is owned', (name) => expect(isOwnedHeader(name)).toBe(true));
  it.each(['accept', 'authorization', 'x-request-id', 'client-id'])('%s is not', (name) =>
    expect(isOwnedHeader(name)).toBe(false),
  );
});

describe('clientResponseHeaders', () => {
  it('drops hop-by-hop response headers and those named by Connection', () => {
    expect(
      clientResponseHeaders({
        connection: 'x-hop',
        'x-hop': '1',
        'transfer-encoding': 'chunked',
        'content-type': 'a',
        'set-cookie': ['a', 'b'],
      }),
    ).toEqual({
      'content-type': 'a',
      'set-cookie': ['a', 'b'],
    });
  });
});

describe('sanitiseHeaderValue', () => {
  it('escapes control and non-ASCII characters', () => {
    expect(sanitiseHeaderValue('CN=a\r\nb')).toBe('CN=a\\0D\\0Ab');
    expect(sanitiseHeaderValue('CN=Zoë')).toBe('CN=Zo\\C3\\AB');
    expect(sanitiseHeaderValue('CN=plain,O=x')).toBe('CN=plain,O=x');
  });
});
