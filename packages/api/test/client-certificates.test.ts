// Client certificates: issue from an openssl CSR or a generated key, list, revoke, reactivate, CRL effect.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCertificate, Zone } from '@portcullis/model';
import { parseCrl } from '@portcullis/pki';
import { settleRevocations } from '../src/index.js';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';
import { opensslCsr } from './support/openssl.js';

describe.each(backends)('client certificates ($name)', (backend) => {
  let api: RunningApi;
  let zone: Zone;
  let caId: string;
  let caPem: string;
  beforeAll(async () => {
    api = await startApi(backend);
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'certs.test', account: { id: api.account.id } } }),
    );
    const ca = await must(
      api.call<{ id: string; certificate: string }>(
        'GET',
        `/zones/${zone.id}/certificate_authorities/managed`,
      ),
    );
    caId = ca.id;
    caPem = ca.certificate;
  });
  afterAll(async () => api?.close());

  async function currentCrlSerials(): Promise<Set<string>> {
    const response = await fetch(`${api.baseUrl}/pki/ca/${caId}/crl.der`);
    expect(response.status).toBe(200);
    const parsed = await parseCrl(new Uint8Array(await response.arrayBuffer()), caPem);
    expect(parsed.verified).toBe(true);
    return parsed.revokedSerials;
  }

  it('signs an openssl CSR and reports it in Cloudflare shape', async () => {
    const { csr } = opensslCsr('/C=GB/ST=London/L=London/O=Organization/OU=Devices/CN=device-1', 'rsa');
    const cert = await must(
      api.call<ClientCertificate>('POST', `/zones/${zone.id}/client_certificates`, {
        body: { csr, validity_days: 3650 },
      }),
    );
    expect(cert).toMatchObject({
      common_name: 'device-1',
      organization: 'Organization',
      organizational_unit: 'Devices',
      country: 'GB',
      state: 'London',
      location: 'London',
      status: 'active',
      validity_days: 3650,
      csr,
      certificate_authority: { id: caId },
    });
    const x509 = new X509Certificate(cert.certificate);
    expect(x509.verify(new X509Certificate(caPem).publicKey)).toBe(true);
    expect(cert.serial_number).toBe(BigInt(`0x${x509.serialNumber}`).toString(10));
    expect(cert.fingerprint_sha256).toBe(x509.fingerprint256.replaceAll(':', '').toLowerCase());
    expect(cert.ski).toMatch(/^[0-9a-f]{40}$/);
    expect(cert.signature).toMatch(/ECDSA|RSA/i);
    expect('private_key' in cert).toBe(false);
    expect(await must(api.call('GET', `/zones/${zone.id}/client_certificates/${cert.id}`))).toEqual(cert);
  });

  it('generates the key when asked, returns it once and never stores it', async () => {
    const created = await must(
      api.call<ClientCertificate & { private_key: string }>('POST', `/zones/${zone.id}/client_certificates`, {
        body: {
          validity_days: 30,
          generate_key: {
            key_type: 'ecdsa-p256',
            subject: { common_name: 'sensor-7', organization: 'Acme' },
          },
        },
      }),
    );
    expect(created.common_name).toBe('sensor-7');
    const key = createPrivateKey(created.private_key);
    expect(new X509Certificate(created.certificate).checkPrivateKey(key)).toBe(true);
    const again = await must(
      api.call<ClientCertificate>('GET', `/zones/${zone.id}/client_certificates/${created.id}`),
    );
    expect('private_key' in again).toBe(false);
    expect(JSON.stringify(again)).not.toContain('PRIVATE KEY');
  });

  it('also returns the certificate, key and CA as a PKCS#12 file when given a password, which openssl opens', async () => {
    const created = await must(
      api.call<ClientCertificate & { private_key: string; pkcs12: string }>(
        'POST',
        `/zones/${zone.id}/client_certificates`,
        {
          body: {
            validity_days: 30,
            generate_key: { subject: { common_name: 'phone-1' }, pkcs12_password: 's3cret pass' },
          },
        },
      ),
    );
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-p12-'));
    const file = join(dir, 'client.p12');
    writeFileSync(file, Buffer.from(created.pkcs12, 'base64'));
    const dump = execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:s3cret pass', '-nodes'], {
      encoding: 'utf8',
    });
    const certificates = dump.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(certificates.map((pem) => new X509Certificate(pem).fingerprint256).sort()).toEqual(
      [
        new X509Certificate(created.certificate).fingerprint256,
        new X509Certificate(caPem).fingerprint256,
      ].sort(),
    );
    const key = dump.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/)?.[0];
    expect(new X509Certificate(created.certificate).checkPrivateKey(createPrivateKey(key!))).toBe(true);
    expect(() =>
      execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:wrong', '-nodes'], { stdio: 'pipe' }),
    ).toThrow();
    rmSync(dir, { recursive: true, force: true });
    const again = await must(
      api.call<ClientCertificate>('GET', `/zones/${zone.id}/client_certificates/${created.id}`),
    );
    expect('pkcs12' in again).toBe(false);
  });

  it('refuses a PKCS#12 password under 4 characters and issues nothing', async () => {
    const before = await api.store.clientCertificates.count(zone.id);
    const response = await api.call('POST', `/zones/${zone.id}/client_certificates`, {
      body: { validity_days: 30, generate_key: { pkcs12_password: 'abc' } },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(/pkcs12_password/);
    expect(await api.store.clientCertificates.count(zone.id)).toBe(before);
  });

  it('revokes at once (pending_revocation, listed in the CRL), reactivates, and settles', async () => {
    const { csr } = opensslCsr('/CN=revoke-me');
    const cert = await must(
      api.call<ClientCertificate>('POST', `/zones/${zone.id}/client_certificates`, {
        body: { csr, validity_days: 10 },
      }),
    );
    const serialHex = new X509Certificate(cert.certificate).serialNumber.toUpperCase();
    expect((await currentCrlSerials()).has(serialHex)).toBe(false);

    const revoked = await must(
      api.call<ClientCertificate>('DELETE', `/zones/${zone.id}/client_certificates/${cert.id}`),
    );
    expect(revoked.status).toBe('pending_revocation');
    expect((await currentCrlSerials()).has(serialHex)).toBe(true);
    expect((await api.store.clientCertificates.revokedSerialsByCa())[caId]).toContain(serialHex);

    const reactivated = await must(
      api.call<ClientCertificate>('PATCH', `/zones/${zone.id}/client_certificates/${cert.id}`, {
        body: { reactivate: true },
      }),
    );
    expect(reactivated.status).toBe('active');
    expect((await currentCrlSerials()).has(serialHex)).toBe(false);

    await must(api.call('DELETE', `/zones/${zone.id}/client_certificates/${cert.id}`));
    expect(await settleRevocations(api.store)).toBeGreaterThanOrEqual(1);
    const settled = await must(
      api.call<ClientCertificate>('GET', `/zones/${zone.id}/client_certificates/${cert.id}`),
    );
    expect(settled.status).toBe('revoked');
    // An empty PATCH body reactivates too (the SDK's edit() may send none).
    const back = await must(
      api.call<ClientCertificate>('PATCH', `/zones/${zone.id}/client_certificates/${cert.id}`, { body: {} }),
    );
    expect(back.status).toBe('active');
    await must(api.call('DELETE', `/zones/${zone.id}/client_certificates/${cert.id}`));
    const noBody = await must(
      api.call<ClientCertificate>('PATCH', `/zones/${zone.id}/client_certificates/${cert.id}`),
    );
    expect(noBody.status).toBe('active');
  });

  it('lists by status with v4 pagination and limit/offset', async () => {
    const other = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'paging.test', account: { id: api.account.id } } }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { csr } = opensslCsr(`/CN=page-${i}`);
      ids.push(
        (
          await must(
            api.call<ClientCertificate>('POST', `/zones/${other.id}/client_certificates`, {
              body: { csr, validity_days: 5 },
            }),
          )
        ).id,
      );
    }
    await must(api.call('DELETE', `/zones/${other.id}/client_certificates/${ids[0]}`));
    const page1 = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?per_page=2&page=1`,
    );
    expect(page1.body.result).toHaveLength(2);
    expect(page1.body.result_info).toEqual({
      page: 1,
      per_page: 2,
      count: 2,
      total_count: 5,
      total_pages: 3,
    });
    const page3 = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?per_page=2&page=3`,
    );
    expect(page3.body.result).toHaveLength(1);
    const page4 = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?per_page=2&page=4`,
    );
    expect(page4.body.result).toEqual([]);
    const all = [
      ...page1.body.result,
      ...(
        await api.call<ClientCertificate[]>('GET', `/zones/${other.id}/client_certificates?per_page=2&page=2`)
      ).body.result,
      ...page3.body.result,
    ];
    expect(new Set(all.map((c) => c.id))).toEqual(new Set(ids));
    const pending = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?status=pending_revocation`,
    );
    expect(pending.body.result.map((c) => c.id)).toEqual([ids[0]]);
    const active = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?status=active`,
    );
    expect(active.body.result).toHaveLength(4);
    const offset = await api.call<ClientCertificate[]>(
      'GET',
      `/zones/${other.id}/client_certificates?limit=2&offset=3`,
    );
    expect(offset.body.result.map((c) => c.id)).toEqual(all.slice(3, 5).map((c) => c.id));
    const bad = await api.call('GET', `/zones/${other.id}/client_certificates?status=gone`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.message).toContain('query.status');
  });

  it('answers 404 for an unknown certificate or zone and 400 for a malformed id', async () => {
    const missing = await api.call('GET', `/zones/${zone.id}/client_certificates/${'0'.repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]?.message).toContain('not found');
    expect((await api.call('GET', `/zones/${'f'.repeat(32)}/client_certificates`)).status).toBe(404);
    const malformed = await api.call('GET', '/zones/not-an-id/client_certificates');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]?.message).toContain('invalid zone id');
  });
});
