// The typed client: URLs, methods, bodies, auth header, envelope unwrapping and typed errors.
import { describe, expect, it } from 'vitest';
import { createClient, isPortcullisClientError, type PortcullisClientError } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(respond: (seen: Seen) => { status: number; body: unknown; raw?: string }) {
  const calls: Seen[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = Object.fromEntries(
      Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const seen: Seen = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(seen);
    const answer = respond(seen);
    return new Response(answer.raw ?? JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const okEnvelope = (result: unknown, info?: unknown) => ({
  success: true,
  errors: [],
  messages: [],
  result,
  ...(info ? { result_info: info } : {}),
});

describe('PortcullisClient', () => {
  it('sends the bearer token and JSON body to the v4 path and unwraps the result', async () => {
    const { fetchImpl, calls } = fakeFetch(() => ({
      status: 200,
      body: okEnvelope({ id: 'c1', status: 'active' }),
    }));
    const api = createClient({ baseUrl: 'http://127.0.0.1:8080/', token: 'pct_x', fetch: fetchImpl });
    const cert = await api.clientCertificates.create('z1', { csr: 'PEM', validity_days: 30 });
    expect(cert).toEqual({ id: 'c1', status: 'active' });
    expect(calls[0]).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8080/client/v4/zones/z1/client_certificates',
      headers: {
        accept: 'application/json',
        authorization: 'Bearer pct_x',
        'content-type': 'application/json',
      },
      body: { csr: 'PEM', validity_days: 30 },
    });
  });

  it('accepts a base URL that already ends in /client/v4 and encodes path segments and queries', async () => {
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: okEnvelope({ hostnames: [] }) }));
    const api = createClient({ baseUrl: 'http://h/client/v4', fetch: fetchImpl });
    await api.hostnameAssociations.remove('z1', 'a b.example.test', 'm1');
    await api.hostnameAssociations.get('z1');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'DELETE http://h/client/v4/zones/z1/certificate_authorities/hostname_associations/hostnames/a%20b.example.test?mtls_certificate_id=m1',
      'GET http://h/client/v4/zones/z1/certificate_authorities/hostname_associations',
    ]);
    expect(calls[0]!.headers['authorization']).toBeUndefined();
  });

  it('returns pages with result_info', async () => {
    const info = { page: 2, per_page: 1, count: 1, total_count: 3, total_pages: 3 };
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: okEnvelope([{ id: 'c2' }], info) }));
    const api = createClient({ baseUrl: 'http://h', fetch: fetchImpl });
    const page = await api.clientCertificates.list('z1', { status: 'revoked', page: 2, per_page: 1 });
    expect(page).toEqual({ items: [{ id: 'c2' }], resultInfo: info });
    expect(calls[0]!.url).toBe(
      'http://h/client/v4/zones/z1/client_certificates?status=revoked&page=2&per_page=1',
    );
  });

  it('sends the expiry and security-event filters as query parameters', async () => {
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: okEnvelope([]) }));
    const api = createClient({ baseUrl: 'http://h', fetch: fetchImpl });
    await api.clientCertificates.list('z1', {
      status: 'active',
      expiring_within_days: 30,
      order: 'expires_on',
    });
    await api.securityEvents.list('z1', {
      cert_fingerprint_sha256: 'ab'.repeat(32),
      rule_id: 'r1',
      per_page: 50,
    });
    await api.securityEvents.summary('z1', { since: '2026-01-01T00:00:00.000Z', top: 5 });
    await api.securityEvents.summary('z1');
    expect(calls.map((c) => c.url)).toEqual([
      'http://h/client/v4/zones/z1/client_certificates?status=active&expiring_within_days=30&order=expires_on',
      `http://h/client/v4/zones/z1/security_events?cert_fingerprint_sha256=${'ab'.repeat(32)}&rule_id=r1&per_page=50`,
      'http://h/client/v4/zones/z1/security_events/summary?since=2026-01-01T00%3A00%3A00.000Z&top=5',
      'http://h/client/v4/zones/z1/security_events/summary',
    ]);
  });

  it('reactivates with PATCH {reactivate: true} and revokes with DELETE', async () => {
    const { fetchImpl, calls } = fakeFetch(() => ({ status: 200, body: okEnvelope({}) }));
    const api = createClient({ baseUrl: 'http://h', fetch: fetchImpl });
    await api.clientCertificates.revoke('z', 'c');
    await api.clientCertificates.reactivate('z', 'c');
    expect(calls.map((c) => [c.method, c.body])).toEqual([
      ['DELETE', undefined],
      ['PATCH', { reactivate: true }],
    ]);
  });

  it('throws a typed error carrying the envelope errors', async () => {
    const errors = [
      {
        code: 20021,
        message: 'body.expression: Filter parsing error (1:4):\nssl and\n    ^ expected',
        type: 'API_INVALID_EXPRESSION',
      },
    ];
    const { fetchImpl } = fakeFetch(() => ({
      status: 400,
      body: { success: false, errors, messages: [], result: null },
    }));
    const api = createClient({ baseUrl: 'http://h', fetch: fetchImpl });
    const error = await api.rulesets
      .putEntrypoint('z', { rules: [{ action: 'block', expression: 'ssl and' }] })
      .catch((e: unknown) => e);
    expect(isPortcullisClientError(error)).toBe(true);
    const typed = error as PortcullisClientError;
    expect(typed).toMatchObject({ kind: 'api', status: 400, errors, code: 'API_INVALID_EXPRESSION' });
    expect(typed.message).toContain('Filter parsing error');
  });

  it('reports answers that are not envelopes and network failures', async () => {
    const html = fakeFetch(() => ({ status: 502, body: null, raw: '<html>bad gateway</html>' }));
    const a = await createClient({ baseUrl: 'http://h', fetch: html.fetchImpl })
      .zones.list()
      .catch((e: unknown) => e);
    expect(a).toMatchObject({ kind: 'invalid_response', status: 502 });
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const b = await createClient({ baseUrl: 'http://h', fetch: down })
      .zones.list()
      .catch((e: unknown) => e);
    expect(b).toMatchObject({ kind: 'network', status: null });
    expect((b as Error).message).toContain('could not reach the API');
  });
});
