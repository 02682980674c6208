// The bad-input list of issue 4: each answered 4xx with a clear envelope error, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zone } from '@portcullis/model';
import { backends } from './support/backends.js';
import { must, startApi, type ApiResponse, type RunningApi } from './support/api.js';

function expectEnvelopeError(response: ApiResponse<unknown>, status: number, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  expect(response.body.success).toBe(false);
  expect(response.body.result).toBeNull();
  expect(response.body.errors.length).toBeGreaterThan(0);
  expect(response.body.errors[0]!.message).toMatch(message);
  expect(typeof response.body.errors[0]!.code).toBe('number');
}

describe.each(backends)('bad input ($name)', (backend) => {
  let api: RunningApi;
  let zone: Zone;
  let certs: string;
  let auditBefore: number;
  async function countCertificates(): Promise<number> {
    return api.store.clientCertificates.count(zone.id);
  }
  async function countZones(): Promise<number> {
    return (await api.store.zones.list()).total_count;
  }

  beforeAll(async () => {
    api = await startApi(backend);
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'bad.test', account: { id: api.account.id } } }),
    );
    certs = `/zones/${zone.id}/client_certificates`;
    auditBefore = (await api.store.auditLog.list()).total_count;
  });
  afterAll(async () => api?.close());

  it('malformed JSON → 400', async () => {
    expectEnvelopeError(
      await api.call('POST', certs, { raw: '{"csr": "x", "validity_days": ' }),
      400,
      /malformed JSON/i,
    );
    expectEnvelopeError(
      await api.call('POST', '/zones', { raw: '{"name": "a.test",}' }),
      400,
      /malformed JSON/i,
    );
    expect(await countCertificates()).toBe(0);
  });

  it('prototype poisoning → 400', async () => {
    const response = await api.call('POST', '/zones', {
      raw: '{"name":"p.test","account":{"id":"x"},"__proto__":{"admin":true}}',
    });
    expect(response.status).toBe(400);
    expect(response.body.success).toBe(false);
  });

  it('wrong types → 400 naming the field', async () => {
    expectEnvelopeError(
      await api.call('POST', certs, { body: { csr: 'x', validity_days: '3650' } }),
      400,
      /body\.validity_days must be integer/,
    );
    expectEnvelopeError(
      await api.call('POST', certs, { body: { csr: 42, validity_days: 30 } }),
      400,
      /body\.csr must be string/,
    );
    expectEnvelopeError(await api.call('POST', certs, { body: [] }), 400, /body must be object/);
    expectEnvelopeError(
      await api.call('POST', '/zones', { body: { name: 'x.test', account: 'me' } }),
      400,
      /body\.account must be object/,
    );
    expectEnvelopeError(
      await api.call('PATCH', `${certs}/${'0'.repeat(32)}`, { body: { reactivate: 'yes' } }),
      400,
      /body\.reactivate must be boolean/,
    );
    expect(await countCertificates()).toBe(0);
  });

  it('unknown fields → 400 naming them', async () => {
    expectEnvelopeError(
      await api.call('POST', certs, { body: { csr: 'x', validity_days: 30, type: 'client' } }),
      400,
      /unknown field "type"/,
    );
    expectEnvelopeError(
      await api.call('POST', '/zones', {
        body: { name: 'u.test', account: { id: api.account.id }, jump_start: true },
      }),
      400,
      /unknown field "jump_start"/,
    );
    expect(await countZones()).toBe(1);
  });

  it('a 10 MB body → 413', async () => {
    const big = JSON.stringify({ csr: 'A'.repeat(10 * 1024 * 1024), validity_days: 30 });
    expectEnvelopeError(
      await api.call('POST', certs, { raw: big }),
      413,
      /too large: the limit is 1048576 bytes/,
    );
    expect(await countCertificates()).toBe(0);
    // The server is still fine afterwards.
    expect((await api.call('GET', '/zones')).status).toBe(200);
  });

  it('a CSR that is not one → 400', async () => {
    expectEnvelopeError(
      await api.call('POST', certs, { body: { csr: 'hello', validity_days: 30 } }),
      400,
      /invalid csr/,
    );
    const notCsr =
      '-----BEGIN CERTIFICATE REQUEST-----\nTUlJQ1lqQ0NBVW9DQVFBd0hURWJNQmtHQTFVRUF3d1NZWEJw\n-----END CERTIFICATE REQUEST-----\n';
    expectEnvelopeError(
      await api.call('POST', certs, { body: { csr: notCsr, validity_days: 30 } }),
      400,
      /invalid csr/,
    );
    expectEnvelopeError(
      await api.call('POST', certs, { body: { validity_days: 30 } }),
      400,
      /exactly one of "csr" or "generate_key"/,
    );
    expect(await countCertificates()).toBe(0);
  });

  it('wrong or missing token, token without edit permission → 401/403, nothing written', async () => {
    expectEnvelopeError(
      await api.call('POST', '/zones', {
        token: null,
        body: { name: 'n.test', account: { id: api.account.id } },
      }),
      401,
      /Authorization/,
    );
    expectEnvelopeError(
      await api.call('POST', '/zones', {
        token: 'pct_nope',
        body: { name: 'n.test', account: { id: api.account.id } },
      }),
      401,
      /invalid access token/,
    );
    const reader = await must(
      api.call<{ value: string }>('POST', `/accounts/${api.account.id}/tokens`, {
        body: { name: 'reader', permissions: { zones: 'read', client_certificates: 'read' } },
      }),
    );
    expectEnvelopeError(
      await api.call('POST', '/zones', {
        token: reader.value,
        body: { name: 'n.test', account: { id: api.account.id } },
      }),
      403,
      /lacks zones edit/,
    );
    expectEnvelopeError(
      await api.call('POST', certs, { token: reader.value, body: { csr: 'x', validity_days: 1 } }),
      403,
      /lacks client_certificates edit/,
    );
    expect(await countZones()).toBe(1);
    expect(await countCertificates()).toBe(0);
  });

  it('refused requests left no audit entry (only the reader token was created)', async () => {
    const entries = await api.store.auditLog.list({ per_page: 100 });
    expect(entries.total_count).toBe(auditBefore + 1);
    expect(entries.items[0]).toMatchObject({ action: 'create', resource: { type: 'api_token' } });
  });

  it('unknown route, wrong content type, bad id → 4xx in the envelope', async () => {
    expectEnvelopeError(
      await api.call('GET', '/nothing-here'),
      404,
      /no route for GET \/client\/v4\/nothing-here/,
    );
    expectEnvelopeError(
      await api.call('POST', '/zones', {
        raw: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      /content type/,
    );
    expectEnvelopeError(await api.call('GET', '/zones/zzz'), 400, /invalid zone id "zzz"/);
    expectEnvelopeError(await api.call('GET', '/zones?page=0'), 400, /query\.page/);
    expectEnvelopeError(
      await api.call('POST', '/zones', { body: { name: 'not a domain', account: { id: api.account.id } } }),
      400,
      /not a valid DNS name/,
    );
  });
});
