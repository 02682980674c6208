// signCsr: client certificates openssl verifies for client auth, with the extensions, serials and validity we promise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type CreatedCa } from './ca.js';
import { generateKeyAndCsr, parseCsr } from './csr.js';
import { parseCertificate } from './certificate.js';
import { signCsr } from './issue.js';
import { createKeySigner } from './signer.js';
import { openssl, opensslStatus, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

let ecCa: CreatedCa;
let rsaCa: CreatedCa;
beforeAll(async () => {
  [ecCa, rsaCa] = await Promise.all([
    createCa({ commonName: 'Portcullis Managed CA for zone a.example' }),
    createCa({ commonName: 'Portcullis Managed CA for zone b.example', keyType: 'rsa-2048' }),
  ]);
}, 60_000);

describe('signCsr', () => {
  it.each([
    ['ecdsa-p256', 'ecdsa-p256 CA'],
    ['rsa-2048', 'ecdsa-p256 CA'],
    ['ecdsa-p384', 'rsa-2048 CA'],
  ] as const)(
    'issues a %s client certificate (%s) that openssl verifies for client auth',
    async (keyType, caLabel) => {
      const ca = caLabel.startsWith('rsa') ? rsaCa : ecCa;
      const { csrPem } = await generateKeyAndCsr({ subject: '/C=US/O=Acme/CN=device-1', keyType });
      const { certificatePem, info } = await signCsr({
        csrPem,
        ca,
        validityDays: 365,
        crlDistributionUrl: 'http://crl.example/zone.crl',
      });
      const caFile = dir.file(`ca-${keyType}.pem`, ca.certificatePem);
      const certFile = dir.file(`leaf-${keyType}.pem`, certificatePem);
      expect(openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile]).trim()).toBe(
        `${certFile}: OK`,
      );
      // Not usable as a server certificate or a CA
      expect(opensslStatus(['verify', '-purpose', 'sslserver', '-CAfile', caFile, certFile]).status).not.toBe(
        0,
      );
      const text = openssl(['x509', '-in', certFile, '-noout', '-text']);
      expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
      expect(text).toMatch(
        keyType.startsWith('rsa')
          ? /Key Usage: critical\s+Digital Signature, Key Encipherment\n/
          : /Key Usage: critical\s+Digital Signature\n/,
      );
      expect(text).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/);
      expect(text).toContain('URI:http://crl.example/zone.crl');
      expect(text).toContain('Subject: C = US, O = Acme, CN = device-1');
      expect(text).toContain(
        caLabel.startsWith('rsa')
          ? 'Signature Algorithm: sha256WithRSAEncryption'
          : 'Signature Algorithm: ecdsa-with-SHA256',
      );
      const aki = openssl(['x509', '-in', certFile, '-noout', '-ext', 'authorityKeyIdentifier'])
        .trim()
        .split('\n')
        .pop()!
        .replace(/[: ]/g, '');
      expect(aki.toLowerCase()).toBe(ca.info.skiHex);
      expect(info.akiHex).toBe(ca.info.skiHex);
      const ski = openssl(['x509', '-in', certFile, '-noout', '-ext', 'subjectKeyIdentifier'])
        .trim()
        .split('\n')
        .pop()!
        .replace(/[: ]/g, '');
      expect(info.skiHex).toBe(ski.toLowerCase());
      expect(info.serialHex).toBe(
        openssl(['x509', '-in', certFile, '-noout', '-serial']).trim().slice('serial='.length),
      );
      expect(BigInt('0x' + info.serialHex).toString()).toBe(info.serialDecimal);
      expect(info.serialHex.length).toBe(40);
      expect(info.subject.common_name).toBe('device-1');
      expect(info.signatureAlgorithm).toBe(caLabel.startsWith('rsa') ? 'SHA256WithRSA' : 'ECDSAWithSHA256');
    },
    60_000,
  );

  it('keeps the CSR subject byte for byte (escaped and non-ASCII values)', async () => {
    const subject = '/C=CH/L=Zürich/O=Acme\\, Inc. \\+ "Q"/OU=#ops/CN=José';
    const keyFile = `${dir.path}/s.key`;
    const csrFile = `${dir.path}/s.csr`;
    openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csrFile,
      '-subj',
      subject,
      '-utf8',
    ]);
    const csrPem = openssl(['req', '-in', csrFile]);
    const { certificatePem } = await signCsr({ csrPem, ca: ecCa, validityDays: 30 });
    const certFile = dir.file('s.pem', certificatePem);
    const fromCert = openssl(['x509', '-in', certFile, '-noout', '-subject', '-nameopt', 'RFC2253']);
    const fromCsr = openssl(['req', '-in', csrFile, '-noout', '-subject', '-nameopt', 'RFC2253']);
    expect(fromCert).toBe(fromCsr);
    const leaf = parseCertificate(certificatePem);
    expect(Buffer.from(leaf.subjectDer).equals(Buffer.from(parseCsr(csrPem).subjectDer))).toBe(true);
  });

  it('caps validity at the CA expiry and accepts any positive number of days', async () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const shortCa = await createCa({ commonName: 'short', validityDays: 10, now });
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=x' });
    const capped = await signCsr({
      csrPem,
      ca: shortCa,
      validityDays: 3650,
      now: new Date('2026-03-02T00:00:00Z'),
    });
    expect(capped.info.notAfter.toISOString()).toBe(shortCa.info.notAfter.toISOString());
    const one = await signCsr({
      csrPem,
      ca: shortCa,
      validityDays: 1,
      now: new Date('2026-03-02T00:00:00.700Z'),
    });
    expect(one.info.notBefore.toISOString()).toBe('2026-03-01T23:59:00.000Z'); // backdated 60 s for clock skew
    expect(one.info.notAfter.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    const exact = await signCsr({
      csrPem,
      ca: shortCa,
      validityDays: 1,
      backdateSeconds: 0,
      now: new Date('2026-03-02T00:00:00Z'),
    });
    expect(exact.info.notBefore.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    const early = await signCsr({
      csrPem,
      ca: shortCa,
      validityDays: 1,
      now: new Date('2026-03-01T12:00:30Z'),
    });
    expect(early.info.notBefore.toISOString()).toBe(shortCa.info.notBefore.toISOString()); // never before the CA
    await expect(
      signCsr({ csrPem, ca: shortCa, validityDays: 1, backdateSeconds: -1 }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    const huge = await signCsr({
      csrPem,
      ca: shortCa,
      validityDays: Number.MAX_SAFE_INTEGER,
      now: new Date('2026-03-02T00:00:00Z'),
    });
    expect(huge.info.notAfter.toISOString()).toBe(shortCa.info.notAfter.toISOString());
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(signCsr({ csrPem, ca: shortCa, validityDays: bad })).rejects.toMatchObject({
        code: 'PKI_INVALID_ARGUMENT',
      });
    }
  });

  it('refuses to sign with an expired CA or a mismatched key', async () => {
    const old = await createCa({ commonName: 'old', validityDays: 1, now: new Date('2020-01-01T00:00:00Z') });
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=x' });
    await expect(signCsr({ csrPem, ca: old, validityDays: 1 })).rejects.toMatchObject({
      code: 'PKI_EXPIRED',
    });
    await expect(
      signCsr({
        csrPem,
        ca: { certificatePem: ecCa.certificatePem, privateKeyPem: rsaCa.privateKeyPem },
        validityDays: 1,
      }),
    ).rejects.toMatchObject({ code: 'PKI_PRIVATE_KEY_INVALID' });
    await expect(
      signCsr({
        csrPem,
        ca: { certificatePem: ecCa.certificatePem, privateKeyPem: 'nope' },
        validityDays: 1,
      }),
    ).rejects.toMatchObject({
      code: 'PKI_PRIVATE_KEY_INVALID',
    });
  });

  it('refuses a CSR with an empty subject', async () => {
    const keyFile = `${dir.path}/empty.key`;
    const csrFile = `${dir.path}/empty.csr`;
    openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csrFile,
      '-subj',
      '/',
    ]);
    await expect(
      signCsr({ csrPem: openssl(['req', '-in', csrFile]), ca: ecCa, validityDays: 1 }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
  });

  it('refuses to sign with a certificate that is not a CA', async () => {
    const { csrPem, privateKeyPem } = await generateKeyAndCsr({ subject: '/CN=leaf' });
    const leaf = await signCsr({ csrPem, ca: ecCa, validityDays: 1 });
    await expect(
      signCsr({ csrPem, ca: { certificatePem: leaf.certificatePem, privateKeyPem }, validityDays: 1 }),
    ).rejects.toMatchObject({ code: 'PKI_NOT_A_CA' });
  });

  it('signs through any Signer (the HSM seam) and rejects a bad CRL URL', async () => {
    const signer = createKeySigner(ecCa.privateKeyPem);
    let calls = 0;
    const counting = { ...signer, sign: (data: Uint8Array) => (calls++, signer.sign(data)) };
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=hsm' });
    const issued = await signCsr({
      csrPem,
      ca: { certificatePem: ecCa.certificatePem, signer: counting },
      validityDays: 1,
    });
    expect(calls).toBe(1);
    const caFile = dir.file('hsm-ca.pem', ecCa.certificatePem);
    expect(openssl(['verify', '-CAfile', caFile, dir.file('hsm.pem', issued.certificatePem)])).toContain(
      'OK',
    );
    await expect(
      signCsr({ csrPem, ca: ecCa, validityDays: 1, crlDistributionUrl: 'ftp://x' }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
  });

  it('issues distinct random serials', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=x' });
    const serials = new Set<string>();
    for (let i = 0; i < 20; i++)
      serials.add((await signCsr({ csrPem, ca: ecCa, validityDays: 1 })).info.serialHex);
    expect(serials.size).toBe(20);
  });
});
