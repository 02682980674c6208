// Certificate parsing: odd layouts (v1, GeneralizedTime), every truncation and random mutations give only PkiErrors.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type CreatedCa } from './ca.js';
import { parseCertificate, parseCertificateDer } from './certificate.js';
import { clientAuthFacts } from './facts.js';
import { certificateInfo } from './info.js';
import { openssl, opensslCa, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
let ca: CreatedCa;
let der: Uint8Array;
beforeAll(async () => {
  ca = await createCa({ commonName: 'parse zone' });
  der = parseCertificate(ca.certificatePem).der;
});

describe('parseCertificate', () => {
  it('reads an openssl certificate with a v1 layout and no extensions', () => {
    const file = `${dir.path}/v1.pem`;
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${dir.path}/v1.key`,
      '-out',
      `${dir.path}/v1.csr.pem`,
      '-subj',
      '/CN=v1',
      '-days',
      '2',
    ]);
    openssl([
      'x509',
      '-in',
      `${dir.path}/v1.csr.pem`,
      '-x509toreq',
      '-signkey',
      `${dir.path}/v1.key`,
      '-out',
      `${dir.path}/v1.req`,
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      `${dir.path}/v1.req`,
      '-signkey',
      `${dir.path}/v1.key`,
      '-out',
      file,
      '-days',
      '2',
    ]);
    const info = certificateInfo(openssl(['x509', '-in', file]));
    expect(info.isCa).toBe(false);
    expect(info.subject.common_name).toBe('v1');
    expect(info.publicKeyAlgorithm).toBe('rsa-2048');
    expect(info.akiHex).toBeNull();
  });

  it('reads a GeneralizedTime notAfter (after 2049)', () => {
    const cert = opensslCa(dir, 'far', '/CN=far', ['-days', '10000']);
    const info = certificateInfo(cert.pem);
    expect(info.notAfter.getUTCFullYear()).toBeGreaterThanOrEqual(2050);
    expect(clientAuthFacts(parseCertificate(cert.pem).der).notAfter).toBe(
      openssl(['x509', '-in', cert.certFile, '-noout', '-enddate']).trim().slice('notAfter='.length),
    );
  });

  it('refuses every truncation of a certificate with PKI_DER_INVALID', () => {
    for (let cut = 0; cut < der.length; cut++) {
      expect(() => parseCertificateDer(der.subarray(0, cut))).toThrow(
        expect.objectContaining({ code: 'PKI_DER_INVALID' }),
      );
    }
  });

  it('never throws anything but PkiError on mutated certificates (property)', () => {
    fc.assert(
      fc.property(fc.nat(der.length - 1), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const mutated = der.slice();
        mutated[at] = value;
        let facts: ReturnType<typeof clientAuthFacts> | undefined;
        try {
          facts = clientAuthFacts(mutated);
          certificateInfo(mutated);
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^PKI_/);
        }
        // Once constructed, no getter throws, whatever the bytes.
        if (facts) {
          for (const key of [
            'subjectDn',
            'issuerDnLegacy',
            'serial',
            'issuerSerial',
            'ski',
            'issuerSki',
            'notBefore',
            'fingerprintSha1',
            'rfc9440',
            'chainRfc9440',
            'isCa',
          ] as const) {
            expect(() => facts[key]).not.toThrow();
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses trailing bytes after the certificate', () => {
    const extra = new Uint8Array(der.length + 1);
    extra.set(der);
    expect(() => parseCertificateDer(extra)).toThrow(expect.objectContaining({ code: 'PKI_DER_INVALID' }));
  });
});
