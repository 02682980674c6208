// Accounts, zones, hostnames and downloads over real HTTP, against SQLite and PostgreSQL.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hostname, Zone } from '@portcullis/model';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';
import { opensslLeaf } from './support/openssl.js';

describe.each(backends)('zones and hostnames ($name)', (backend) => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(backend, { publicBaseUrl: 'https://gw.example.test' });
  });
  afterAll(async () => api?.close());

  it('lists the one account made at first start', async () => {
    const response = await api.call<{ id: string }[]>('GET', '/accounts');
    expect(response.status).toBe(200);
    expect(response.body.success).toBe(true);
    expect(response.body.result.map((a) => a.id)).toEqual([api.account.id]);
    expect(response.body.result_info).toMatchObject({ page: 1, count: 1, total_count: 1 });
    expect(await must(api.call('GET', `/accounts/${api.account.id}`))).toMatchObject({ id: api.account.id });
  });

  it('creates a zone with its managed CA and an empty custom-rules entrypoint', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'Example.TEST.', account: { id: api.account.id } } }),
    );
    expect(zone).toMatchObject({ name: 'example.test', status: 'active', account: { id: api.account.id } });
    expect(await must(api.call('GET', `/zones/${zone.id}`))).toEqual(zone);
    const list = await api.call<Zone[]>('GET', '/zones?name=example.test');
    expect(list.body.result.map((z) => z.id)).toEqual([zone.id]);

    const ca = await must(
      api.call<{ id: string; certificate: string; ski: string; urls: Record<string, string> }>(
        'GET',
        `/zones/${zone.id}/certificate_authorities/managed`,
      ),
    );
    const x509 = new X509Certificate(ca.certificate);
    expect(x509.ca).toBe(true);
    expect(x509.subject).toContain('example.test');
    expect(ca.urls['crl_der']).toBe(`https://gw.example.test/client/v4/pki/ca/${ca.id}/crl.der`);

    // The downloads need no token and come in PEM and DER.
    const pem = await fetch(`${api.baseUrl}/pki/ca/${ca.id}/certificate.pem`);
    expect(pem.status).toBe(200);
    expect(await pem.text()).toBe(ca.certificate);
    const der = new Uint8Array(
      await (await fetch(`${api.baseUrl}/pki/ca/${ca.id}/certificate.der`)).arrayBuffer(),
    );
    expect(Buffer.from(der).equals(Buffer.from(x509.raw))).toBe(true);
    const crl = await fetch(`${api.baseUrl}/pki/ca/${ca.id}/crl.pem`);
    expect(crl.status).toBe(200);
    expect(await crl.text()).toContain('-----BEGIN X509 CRL-----');
    const crlDer = await fetch(`${api.baseUrl}/pki/ca/${ca.id}/crl.der`);
    expect(crlDer.headers.get('content-type')).toBe('application/pkix-crl');

    const entrypoint = await must(
      api.call<{ rules: unknown[]; phase: string }>(
        'GET',
        `/zones/${zone.id}/rulesets/phases/http_request_firewall_custom/entrypoint`,
      ),
    );
    expect(entrypoint).toMatchObject({ phase: 'http_request_firewall_custom', rules: [] });
  });

  it('refuses a second zone of the same name with 409', async () => {
    const response = await api.call('POST', '/zones', {
      body: { name: 'example.test', account: { id: api.account.id } },
    });
    expect(response.status).toBe(409);
    expect(response.body.errors[0]?.message).toContain('example.test');
  });

  it('adds a hostname with an auto-issued edge certificate, then patches and deletes it', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'hosts.test', account: { id: api.account.id } } }),
    );
    const host = await must(
      api.call<Hostname>('POST', `/zones/${zone.id}/hostnames`, {
        body: { hostname: 'API.hosts.test', origin: 'http://127.0.0.1:9000/' },
      }),
    );
    expect(host).toMatchObject({
      hostname: 'api.hosts.test',
      origin: 'http://127.0.0.1:9000',
      origin_tls_verify: true,
      mtls_mode: 'off',
      forward_client_certificate: false,
      edge_certificate: { source: 'managed' },
    });
    const leaf = new X509Certificate(host.edge_certificate.certificate);
    expect(leaf.checkHost('api.hosts.test')).toBe('api.hosts.test');
    const edgeCa = await fetch(`${api.baseUrl}/pki/edge-ca/certificate.pem`);
    expect(leaf.verify(new X509Certificate(await edgeCa.text()).publicKey)).toBe(true);
    expect(JSON.stringify(host)).not.toContain('PRIVATE KEY');

    const patched = await must(
      api.call<Hostname>('PATCH', `/zones/${zone.id}/hostnames/${host.id}`, {
        body: { mtls_mode: 'required', forward_client_certificate: true },
      }),
    );
    expect(patched).toMatchObject({ mtls_mode: 'required', forward_client_certificate: true });
    const list = await api.call<Hostname[]>('GET', `/zones/${zone.id}/hostnames`);
    expect(list.body.result.map((h) => h.id)).toEqual([host.id]);
    expect(await must(api.call('DELETE', `/zones/${zone.id}/hostnames/${host.id}`))).toEqual({ id: host.id });
    expect((await api.call('GET', `/zones/${zone.id}/hostnames/${host.id}`)).status).toBe(404);
  });

  it('accepts an uploaded edge certificate that covers the hostname and refuses one that does not', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'upload.test', account: { id: api.account.id } } }),
    );
    const good = opensslLeaf('www.upload.test');
    const host = await must(
      api.call<Hostname>('POST', `/zones/${zone.id}/hostnames`, {
        body: {
          hostname: 'www.upload.test',
          origin: 'https://10.0.0.1:8443',
          edge_certificate: { certificate: good.certificate, private_key: good.key },
        },
      }),
    );
    expect(host.edge_certificate.source).toBe('uploaded');
    expect(JSON.stringify(host)).not.toContain('PRIVATE KEY');

    const other = opensslLeaf('other.upload.test');
    const wrongHost = await api.call('POST', `/zones/${zone.id}/hostnames`, {
      body: {
        hostname: 'api.upload.test',
        origin: 'https://10.0.0.1',
        edge_certificate: { certificate: other.certificate, private_key: other.key },
      },
    });
    expect(wrongHost.status).toBe(400);
    expect(wrongHost.body.errors[0]?.message).toContain('does not cover hostname api.upload.test');
    const mismatch = await api.call('POST', `/zones/${zone.id}/hostnames`, {
      body: {
        hostname: 'www2.upload.test',
        origin: 'https://10.0.0.1',
        edge_certificate: { certificate: good.certificate, private_key: other.key },
      },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors[0]?.message).toMatch(/does not (match|cover)/);
    const outside = await api.call('POST', `/zones/${zone.id}/hostnames`, {
      body: { hostname: 'api.elsewhere.test', origin: 'http://127.0.0.1:1' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors[0]?.message).toContain('not in zone upload.test');
    const hosts = await api.call<Hostname[]>('GET', `/zones/${zone.id}/hostnames`);
    expect(hosts.body.result.map((h) => h.hostname)).toEqual(['www.upload.test']);
  });

  it('deletes a zone and everything in it', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'gone.test', account: { id: api.account.id } } }),
    );
    await must(
      api.call('POST', `/zones/${zone.id}/hostnames`, {
        body: { hostname: 'a.gone.test', origin: 'http://127.0.0.1:1' },
      }),
    );
    expect(await must(api.call('DELETE', `/zones/${zone.id}`))).toEqual({ id: zone.id });
    expect((await api.call('GET', `/zones/${zone.id}`)).status).toBe(404);
    expect(await api.store.hostnames.getByName('a.gone.test')).toBeUndefined();
  });

  it('answers health and serves the OpenAPI document without a token', async () => {
    const health = await api.call<{ status: string; store: string }>('GET', '/health', { token: null });
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(health.body.result).toMatchObject({ status: 'ok', store: backend.name });
    const doc = await api.call('GET', '/openapi.json', { token: null });
    expect(doc.status).toBe(200);
    const openapi = JSON.parse(doc.text) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(openapi.openapi).toMatch(/^3\./);
    for (const path of [
      '/client/v4/zones/{zone_id}/client_certificates',
      '/client/v4/zones/{zone_id}/certificate_authorities/hostname_associations',
      '/client/v4/accounts/{account_id}/mtls_certificates/{mtls_certificate_id}/crl',
      '/client/v4/zones/{zone_id}/rulesets/phases/{ruleset_phase}/entrypoint',
    ]) {
      expect(Object.keys(openapi.paths)).toContain(path);
    }
    expect(openapi.paths['/client/v4/zones/{zone_id}/client_certificates']?.['post']).toBeDefined();
  });
});
