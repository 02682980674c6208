// buildCrl / parseCrl: CRLs openssl verifies and enforces, canonical DER, openssl-made CRLs read, tampering refused.
import { AsnConvert } from '@peculiar/asn1-schema';
import fc from 'fast-check';
import { CertificateList } from '@peculiar/asn1-x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type CreatedCa } from './ca.js';
import { buildCrl, type CrlEntry } from './crl.js';
import { parseCrl } from './crl-parse.js';
import { generateKeyAndCsr } from './csr.js';
import { signCsr } from './issue.js';
import { openssl, opensslStatus, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

let ca: CreatedCa;
let rsaCa: CreatedCa;
beforeAll(async () => {
  [ca, rsaCa] = await Promise.all([
    createCa({ commonName: 'crl zone' }),
    createCa({ commonName: 'crl zone rsa', keyType: 'rsa-2048' }),
  ]);
}, 60_000);

const thisUpdate = new Date('2026-05-01T00:00:00Z');
const nextUpdate = new Date('2026-05-08T00:00:00Z');

describe('buildCrl', () => {
  it('builds a v2 CRL that openssl verifies, with CRL number, dates and reasons', async () => {
    const entries: CrlEntry[] = [
      { serialHex: '0A1B2C', revokedAt: new Date('2026-04-01T10:00:00Z'), reason: 'keyCompromise' },
      { serialHex: 'ff:00:01', revokedAt: new Date('2026-04-02T10:00:00Z') },
      {
        serialHex: '7F' + 'AB'.repeat(19),
        revokedAt: new Date('2026-04-03T10:00:00Z'),
        reason: 'superseded',
      },
    ];
    const { pem, der } = await buildCrl({ ca, entries, crlNumber: 42, thisUpdate, nextUpdate });
    const caFile = dir.file('ca.pem', ca.certificatePem);
    const crlFile = dir.file('a.crl', pem);
    expect(opensslStatus(['crl', '-in', crlFile, '-noout', '-verify', '-CAfile', caFile]).output).toContain(
      'verify OK',
    );
    const text = openssl(['crl', '-in', crlFile, '-noout', '-text']);
    expect(text).toContain('Version 2 (0x1)');
    expect(text).toMatch(/X509v3 CRL Number:\s+42/);
    expect(text).toContain('Last Update: May  1 00:00:00 2026 GMT');
    expect(text).toContain('Next Update: May  8 00:00:00 2026 GMT');
    expect(text).toContain('Serial Number: 0A1B2C');
    expect(text).toContain('Serial Number: FF0001');
    expect(text).toMatch(
      /Serial Number: 0A1B2C\s+Revocation Date: Apr {2}1 10:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Key Compromise/,
    );
    expect(text).toMatch(
      /Serial Number: FF0001\s+Revocation Date: Apr {2}2 10:00:00 2026 GMT\s+Serial Number/,
    ); // unspecified: no reason extension
    expect(text).toMatch(/Superseded/);
    expect(text.toLowerCase()).toContain(ca.info.skiHex.match(/../g)!.join(':'));
    // Canonical DER: the library re-encodes it to the same bytes.
    expect(
      Buffer.from(AsnConvert.serialize(AsnConvert.parse(der, CertificateList))).equals(Buffer.from(der)),
    ).toBe(true);
  });

  it('makes openssl refuse a revoked client certificate (verify -crl_check)', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=revoked' });
    const issued = await signCsr({ csrPem, ca: rsaCa, validityDays: 10 });
    const { pem } = await buildCrl({
      ca: rsaCa,
      entries: [{ serialHex: issued.info.serialHex, revokedAt: new Date(), reason: 'cessationOfOperation' }],
      crlNumber: 1n,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 86_400_000),
    });
    const caFile = dir.file('rsa-ca.pem', rsaCa.certificatePem);
    const crlFile = dir.file('rsa.crl', pem);
    const leafFile = dir.file('revoked.pem', issued.certificatePem);
    const result = opensslStatus(['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, leafFile]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('certificate revoked');
    const empty = await buildCrl({
      ca: rsaCa,
      entries: [],
      crlNumber: 2,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 86_400_000),
    });
    expect(
      opensslStatus([
        'verify',
        '-crl_check',
        '-CAfile',
        caFile,
        '-CRLfile',
        dir.file('empty.crl', empty.pem),
        leafFile,
      ]).status,
    ).toBe(0);
  });

  it('writes dates outside 1950–2049 as GeneralizedTime, which openssl reads back', async () => {
    const entries: CrlEntry[] = [
      { serialHex: '01', revokedAt: new Date('1949-12-31T23:59:59Z') },
      { serialHex: '02', revokedAt: new Date('2050-01-01T00:00:00Z') },
    ];
    const { pem, der } = await buildCrl({
      ca,
      entries,
      crlNumber: 3,
      thisUpdate: new Date('2051-01-01T00:00:00Z'),
      nextUpdate: new Date('2051-02-01T00:00:00Z'),
    });
    const text = openssl(['crl', '-noout', '-text', '-in', dir.file('gt.crl', pem)]);
    expect(text).toContain('Revocation Date: Dec 31 23:59:59 1949 GMT');
    expect(text).toContain('Revocation Date: Jan  1 00:00:00 2050 GMT');
    expect(text).toContain('Last Update: Jan  1 00:00:00 2051 GMT');
    expect(parseCrl(der, ca.certificatePem).thisUpdate.toISOString()).toBe('2051-01-01T00:00:00.000Z');
  });

  it('refuses a duplicate serial exactly when there is one (property, however the hex is spelled)', async () => {
    const at = new Date('2026-04-01T00:00:00Z');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 40 }),
        fc.boolean(),
        async (values, padded) => {
          const entries = values.map((v) => ({
            serialHex: (padded && v % 2 ? '00' : '') + v.toString(16).padStart(v < 256 ? 2 : 4, '0'),
            revokedAt: at,
          }));
          const hasDuplicate = new Set(values).size !== values.length;
          const result = await buildCrl({ ca, entries, crlNumber: 1, thisUpdate, nextUpdate }).then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          );
          expect(result).toBe(hasDuplicate ? 'PKI_INVALID_ARGUMENT' : 'ok');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses bad entries and arguments', async () => {
    const base = { ca, crlNumber: 1, thisUpdate, nextUpdate };
    const at = new Date('2026-04-01T00:00:00Z');
    await expect(buildCrl({ ...base, entries: [{ serialHex: 'xyz', revokedAt: at }] })).rejects.toMatchObject(
      { code: 'PKI_INVALID_ARGUMENT' },
    );
    await expect(
      buildCrl({
        ...base,
        entries: [
          { serialHex: '01', revokedAt: at },
          { serialHex: '0001', revokedAt: at },
        ],
      }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      buildCrl({ ...base, entries: [{ serialHex: '01', revokedAt: new Date('x') }] }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      buildCrl({ ...base, entries: [{ serialHex: '01', revokedAt: new Date('+010000-01-01T00:00:00Z') }] }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      buildCrl({ ...base, entries: [{ serialHex: '01', revokedAt: 'yesterday' as unknown as Date }] }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      buildCrl({ ...base, entries: [{ serialHex: '01', revokedAt: at, reason: 'toString' as never }] }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      buildCrl({ ...base, entries: [{ serialHex: 'AA'.repeat(21), revokedAt: at }] }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(buildCrl({ ...base, entries: [], nextUpdate: thisUpdate })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(buildCrl({ ...base, entries: [], crlNumber: -1 })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
  });
});

describe('parseCrl', () => {
  it('round-trips and verifies against the issuer', async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => ({
      serialHex: (i + 1).toString(16),
      revokedAt: new Date(thisUpdate.getTime() - i * 1000 - 250),
      reason: i % 2 ? ('keyCompromise' as const) : undefined,
    }));
    const { pem, der } = await buildCrl({ ca, entries, crlNumber: 2n ** 70n, thisUpdate, nextUpdate });
    const parsed = parseCrl(pem, ca.certificatePem);
    expect(parsed.verified).toBe(true);
    expect(parsed.crlNumber).toBe(2n ** 70n);
    expect(parsed.thisUpdate.toISOString()).toBe(thisUpdate.toISOString());
    expect(parsed.nextUpdate?.toISOString()).toBe(nextUpdate.toISOString());
    expect(parsed.revokedSerials.size).toBe(1000);
    expect(parsed.revokedSerials.has('01')).toBe(true);
    expect(parsed.revokedSerials.has('03E8')).toBe(true);
    expect(parsed.authorityKeyId).toBe(ca.info.skiHex);
    expect(parsed.issuerDn).toBe('CN=crl zone,O=Portcullis');
    expect(parseCrl(der).verified).toBe(false);
    // Canonical DER with 1000 distinct dates (milliseconds dropped) and two reasons
    expect(
      Buffer.from(AsnConvert.serialize(AsnConvert.parse(der, CertificateList))).equals(Buffer.from(der)),
    ).toBe(true);
    const list = AsnConvert.parse(der, CertificateList);
    expect(list.tbsCertList.revokedCertificates?.[999]?.revocationDate.getTime().toISOString()).toBe(
      new Date(thisUpdate.getTime() - 999_000 - 1000).toISOString(),
    );
  });

  it('reads a CRL made by openssl ca -gencrl', () => {
    const caKey = `${dir.path}/ossl-ca.key`;
    const caCert = `${dir.path}/ossl-ca.pem`;
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-subj',
      '/CN=OpenSSL CA',
      '-days',
      '5',
    ]);
    dir.file('index.txt', 'R\t300101000000Z\t260101000000Z,keyCompromise\t1234ABCD\tunknown\t/CN=gone\n');
    dir.file('crlnumber', '05\n');
    const conf = dir.file(
      'ca.cnf',
      `[ca]\ndefault_ca = d\n[d]\ndatabase = ${dir.path}/index.txt\ncrlnumber = ${dir.path}/crlnumber\ndefault_md = sha256\ndefault_crl_days = 7\ncrl_extensions = e\n[e]\nauthorityKeyIdentifier = keyid\n`,
    );
    const crlFile = `${dir.path}/ossl.crl`;
    openssl(['ca', '-gencrl', '-config', conf, '-keyfile', caKey, '-cert', caCert, '-out', crlFile]);
    const parsed = parseCrl(openssl(['crl', '-in', crlFile]), openssl(['x509', '-in', caCert]));
    expect(parsed.verified).toBe(true);
    expect([...parsed.revokedSerials]).toEqual(['1234ABCD']);
    expect(parsed.crlNumber).toBe(5n);
  });

  it('refuses a CRL with a bad signature or from another CA', async () => {
    const { der } = await buildCrl({
      ca,
      entries: [{ serialHex: '0102', revokedAt: thisUpdate }],
      crlNumber: 1,
      thisUpdate,
      nextUpdate,
    });
    expect(() => parseCrl(der, rsaCa.certificatePem)).toThrow(
      expect.objectContaining({ code: 'PKI_CRL_SIGNATURE_INVALID' }),
    );
    const tampered = Buffer.from(der);
    const at = tampered.indexOf(Buffer.from([0x02, 0x02, 0x01, 0x02]));
    tampered[at + 3] = 0x03; // change the revoked serial
    expect(() => parseCrl(new Uint8Array(tampered), ca.certificatePem)).toThrow(
      expect.objectContaining({ code: 'PKI_CRL_SIGNATURE_INVALID' }),
    );
    const other = await createCa({ commonName: 'crl zone' }); // same name, different key
    expect(() => parseCrl(der, other.certificatePem)).toThrow(
      expect.objectContaining({ code: 'PKI_CRL_SIGNATURE_INVALID' }),
    );
  });

  it('refuses garbage and truncated CRLs with typed errors', async () => {
    const { der, pem } = await buildCrl({ ca, entries: [], crlNumber: 1, thisUpdate, nextUpdate });
    expect(() => parseCrl('garbage')).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() => parseCrl(der.subarray(0, der.length - 5))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
    expect(() => parseCrl(pem.replace('X509 CRL', 'CERTIFICATE').replace('X509 CRL', 'CERTIFICATE'))).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
    expect(() => parseCrl(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
  });
});
