// Uploaded CAs, hostname associations (replace-all and granular) and CRLs (PEM and URL).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Crl, Hostname, MtlsCertificate, Zone } from '@portcullis/model';
import { refreshDueCrls } from '../src/index.js';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';
import { opensslCa, opensslCrl, opensslCsr, opensslLeaf } from './support/openssl.js';

describe.each(backends)('uploaded CAs, associations and CRLs ($name)', (backend) => {
  let api: RunningApi;
  let zone: Zone;
  let host: Hostname;
  const ca = opensslCa('Partner CA');
  let crlBody = '';
  let crlServer: Server;
  let crlUrl = '';

  beforeAll(async () => {
    api = await startApi(backend);
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'byoca.test', account: { id: api.account.id } } }),
    );
    host = await must(
      api.call<Hostname>('POST', `/zones/${zone.id}/hostnames`, {
        body: { hostname: 'api.byoca.test', origin: 'http://127.0.0.1:9' },
      }),
    );
    crlServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crlBody);
    });
    await new Promise<void>((resolve) => crlServer.listen(0, '127.0.0.1', resolve));
    const address = crlServer.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    crlUrl = `http://127.0.0.1:${address.port}/partner.crl`;
  });
  afterAll(async () => {
    await new Promise((resolve) => crlServer?.close(resolve));
    await api?.close();
  });

  const base = () => `/accounts/${api.account.id}/mtls_certificates`;

  it('uploads a CA, lists and reads it; refuses leaves, keys and garbage', async () => {
    const uploaded = await must(
      api.call<MtlsCertificate>('POST', base(), {
        body: { ca: true, certificates: ca.certificate, name: 'partner' },
      }),
    );
    expect(uploaded).toMatchObject({ ca: true, name: 'partner', type: 'custom' });
    expect(uploaded.issuer).toContain('Partner CA');
    expect(await must(api.call('GET', `${base()}/${uploaded.id}`))).toEqual(uploaded);
    const list = await api.call<MtlsCertificate[]>('GET', `${base()}?type=custom`);
    expect(list.body.result.map((c) => c.id)).toEqual([uploaded.id]);
    expect((await api.call<MtlsCertificate[]>('GET', `${base()}?type=gateway_managed`)).body.result).toEqual(
      [],
    );

    const leaf = opensslLeaf('leaf.byoca.test');
    const refusals: [unknown, RegExp][] = [
      [{ ca: true, certificates: leaf.certificate }, /not a (certificate authority|ca)/i],
      [{ ca: true, certificates: ca.key }, /certificates/i],
      [{ ca: true, certificates: 'hello' }, /certificates/i],
      [{ ca: true, certificates: ca.certificate, private_key: ca.key }, /private_key is not accepted/],
      [{ ca: false, certificates: ca.certificate }, /body.ca must be true/],
      [{ ca: 'yes', certificates: ca.certificate }, /body.ca must be boolean/],
    ];
    for (const [body, message] of refusals) {
      const response = await api.call('POST', base(), { body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(response.body.errors[0]?.message).toMatch(message);
    }
    expect((await api.call<MtlsCertificate[]>('GET', base())).body.result).toHaveLength(1);
  });

  it('associates hostnames (replace-all turns mTLS on), adds and removes one, refuses deletion while associated', async () => {
    const [uploaded] = (await api.call<MtlsCertificate[]>('GET', base())).body.result;
    const path = `/zones/${zone.id}/certificate_authorities/hostname_associations`;
    const put = await must(
      api.call<{ hostnames: string[] }>('PUT', path, {
        body: { hostnames: ['API.byoca.test'], mtls_certificate_id: uploaded!.id },
      }),
    );
    expect(put).toEqual({ hostnames: ['api.byoca.test'] });
    expect((await must(api.call<Hostname>('GET', `/zones/${zone.id}/hostnames/${host.id}`))).mtls_mode).toBe(
      'optional',
    );
    expect(await must(api.call('GET', `${path}?mtls_certificate_id=${uploaded!.id}`))).toEqual({
      hostnames: ['api.byoca.test'],
    });
    expect(await must(api.call('GET', path))).toEqual({ hostnames: [] });

    const associations = await must(
      api.call<{ service: string; hostname: string }[]>('GET', `${base()}/${uploaded!.id}/associations`),
    );
    expect(associations).toEqual([expect.objectContaining({ hostname: 'api.byoca.test', status: 'active' })]);
    const refused = await api.call('DELETE', `${base()}/${uploaded!.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]?.message).toContain('api.byoca.test');

    // Managed CA: granular add and remove.
    expect(
      await must(api.call('POST', `${path}/hostnames`, { body: { hostname: 'api.byoca.test' } })),
    ).toEqual({ hostnames: ['api.byoca.test'] });
    expect(await must(api.call('DELETE', `${path}/hostnames/api.byoca.test`))).toEqual({ hostnames: [] });
    expect((await api.call('DELETE', `${path}/hostnames/api.byoca.test`)).status).toBe(404);
    const unknownHost = await api.call('PUT', path, { body: { hostnames: ['nope.byoca.test'] } });
    expect(unknownHost.status).toBe(400);
    expect(unknownHost.body.errors[0]?.message).toContain('create it first');

    expect(
      await must(api.call('PUT', path, { body: { hostnames: [], mtls_certificate_id: uploaded!.id } })),
    ).toEqual({ hostnames: [] });
    expect((await must(api.call<MtlsCertificate>('DELETE', `${base()}/${uploaded!.id}`))).id).toBe(
      uploaded!.id,
    );
    expect((await api.call('GET', `${base()}/${uploaded!.id}`)).status).toBe(404);
  });

  it('takes a CRL as PEM, verifies it against the CA, and refuses one from another CA', async () => {
    const uploaded = await must(
      api.call<MtlsCertificate>('POST', base(), {
        body: { ca: true, certificates: ca.certificate, name: 'with-crl' },
      }),
    );
    const crl = opensslCrl(ca, ['0A1B', '0C2D']);
    const stored = await must(api.call<Crl>('PUT', `${base()}/${uploaded.id}/crl`, { body: { crl } }));
    expect(stored).toMatchObject({ source: 'upload', entries: 2, url: null, last_error: null });
    expect(await must(api.call('GET', `${base()}/${uploaded.id}/crl`))).toEqual(stored);
    expect((await api.store.mtlsCertificates.crlSerialsByCa())[uploaded.id]?.sort()).toEqual([
      '0A1B',
      '0C2D',
    ]);

    const foreign = opensslCrl(opensslCa('Someone Else'), ['01']);
    const refused = await api.call('PUT', `${base()}/${uploaded.id}/crl`, { body: { crl: foreign } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]?.message).toContain('not signed by this CA');
    expect((await must(api.call<Crl>('GET', `${base()}/${uploaded.id}/crl`))).entries).toBe(2);

    expect(await must(api.call('DELETE', `${base()}/${uploaded.id}/crl`))).toEqual({ id: uploaded.id });
    expect((await api.call('GET', `${base()}/${uploaded.id}/crl`)).status).toBe(404);
  });

  it('fetches a CRL by URL, and refreshDueCrls keeps the old list when a refresh fails', async () => {
    const uploaded = await must(
      api.call<MtlsCertificate>('POST', base(), {
        body: { ca: true, certificates: ca.certificate, name: 'by-url' },
      }),
    );
    crlBody = opensslCrl(ca, ['BEEF']);
    const stored = await must(
      api.call<Crl>('PUT', `${base()}/${uploaded.id}/crl`, { body: { url: crlUrl, refresh_seconds: 60 } }),
    );
    expect(stored).toMatchObject({ source: 'url', url: crlUrl, refresh_seconds: 60, entries: 1 });

    crlBody = 'not a crl';
    const later = new Date(Date.now() + 3_600_000);
    const report = await refreshDueCrls(api.store, { now: () => later });
    expect(report.failed.map((f) => f.id)).toContain(uploaded.id);
    const after = await must(api.call<Crl>('GET', `${base()}/${uploaded.id}/crl`));
    expect(after.entries).toBe(1);
    expect(after.last_error).not.toBeNull();

    crlBody = opensslCrl(ca, ['BEEF', 'CAFE']);
    const later2 = new Date(Date.now() + 7_200_000);
    const ok = await refreshDueCrls(api.store, { now: () => later2 });
    expect(ok.refreshed).toContain(uploaded.id);
    const refreshed = await must(api.call<Crl>('GET', `${base()}/${uploaded.id}/crl`));
    expect(refreshed).toMatchObject({ entries: 2, last_error: null });

    const unreachable = await api.call('PUT', `${base()}/${uploaded.id}/crl`, {
      body: { url: 'http://127.0.0.1:1/none.crl' },
    });
    expect(unreachable.status).toBe(502);
    expect((await must(api.call<Crl>('GET', `${base()}/${uploaded.id}/crl`))).entries).toBe(2);
    const both = await api.call('PUT', `${base()}/${uploaded.id}/crl`, {
      body: { url: crlUrl, crl: crlBody },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]?.message).toContain('exactly one of');
  });

  it('caps uploaded CAs with Cloudflare code 1489', async () => {
    const capped = await startApi(backend, { limits: { maxUploadedCas: 1 } });
    try {
      const path = `/accounts/${capped.account.id}/mtls_certificates`;
      await must(capped.call('POST', path, { body: { ca: true, certificates: ca.certificate } }));
      const over = await capped.call('POST', path, {
        body: { ca: true, certificates: opensslCa('Second').certificate },
      });
      expect(over.status).toBe(400);
      expect(over.body.errors[0]?.code).toBe(1489);
      expect(over.body.errors[0]?.message).toContain('Hit maximum CA cert allocation.');
    } finally {
      await capped.close();
    }
  });

  it('keeps a CSR-issued certificate usable alongside uploaded CAs', async () => {
    const { csr } = opensslCsr('/CN=mixed');
    const cert = await api.call('POST', `/zones/${zone.id}/client_certificates`, {
      body: { csr, validity_days: 1 },
    });
    expect(cert.status).toBe(200);
  });
});
