// generateKeyAndCsr / parseCsr: CSRs openssl verifies; weak keys, unknown curves, bad signatures and junk refused.
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyAndCsr, parseCsr } from './csr.js';
import { keyTypes } from './keys.js';
import { openssl, opensslStatus, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

function opensslCsr(name: string, newkey: string[], subject: string, extra: string[] = []): string {
  const key = `${dir.path}/${name}.key`;
  const csr = `${dir.path}/${name}.csr`;
  openssl([
    'req',
    '-new',
    ...newkey,
    '-nodes',
    '-keyout',
    key,
    '-out',
    csr,
    '-subj',
    subject,
    '-utf8',
    ...extra,
  ]);
  return openssl(['req', '-in', csr]);
}

describe('generateKeyAndCsr', () => {
  it.each(keyTypes)(
    'makes a %s key and a CSR that openssl verifies',
    async (keyType) => {
      const { privateKeyPem, csrPem } = await generateKeyAndCsr({
        subject: '/CN=device-1/O=Acme/C=US',
        keyType,
      });
      const file = dir.file(`gen-${keyType}.csr`, csrPem);
      const out = openssl(
        ['req', '-in', file, '-noout', '-verify', '-subject', '-nameopt', 'RFC2253'],
        undefined,
      );
      expect(out).toContain('subject=C=US,O=Acme,CN=device-1');
      const keyFile = dir.file(`gen-${keyType}.key`, privateKeyPem);
      const fromKey = openssl(['pkey', '-in', keyFile, '-pubout']);
      const fromCsr = openssl(['req', '-in', file, '-noout', '-pubkey']);
      expect(fromCsr).toBe(fromKey);
      const parsed = parseCsr(csrPem);
      expect(parsed.publicKeyAlgorithm).toBe(keyType);
      expect(parsed.subject).toEqual({
        common_name: 'device-1',
        organization: 'Acme',
        organizational_unit: '',
        country: 'US',
        state: '',
        location: '',
      });
    },
    60_000,
  );

  it('accepts Cloudflare subject fields and refuses bad subjects', async () => {
    const { csrPem } = await generateKeyAndCsr({
      subject: { common_name: 'Zürich device', organization: 'Acme, Inc.', country: 'CH' },
    });
    expect(parseCsr(csrPem).subjectDn).toBe('CN=Z\\C3\\BCrich device,O=Acme\\, Inc.,C=CH');
    await expect(generateKeyAndCsr({ subject: '/CN=a/C=USA' })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(generateKeyAndCsr({ subject: 'CN=a' })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(generateKeyAndCsr({ subject: '/XX=a' })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(generateKeyAndCsr({ subject: '/CN=a\nb' })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(generateKeyAndCsr({ subject: {} })).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(generateKeyAndCsr({ subject: '/CN=a', keyType: 'rsa-1024' as never })).rejects.toMatchObject(
      { code: 'PKI_INVALID_ARGUMENT' },
    );
  });
});

describe('parseCsr', () => {
  it('reads an openssl CSR (the Cloudflare docs example) and keeps its subject', () => {
    const pem = opensslCsr(
      'cf',
      ['-newkey', 'rsa:2048'],
      '/C=GB/ST=London/L=London/O=Organization/CN=CommonName',
    );
    const csr = parseCsr(pem);
    expect(csr.subject).toEqual({
      common_name: 'CommonName',
      organization: 'Organization',
      organizational_unit: '',
      country: 'GB',
      state: 'London',
      location: 'London',
    });
    expect(csr.subjectDn).toBe('CN=CommonName,O=Organization,L=London,ST=London,C=GB');
    expect(csr.publicKeyAlgorithm).toBe('rsa-2048');
    expect(csr.signatureAlgorithm).toBe('SHA256WithRSA');
  });

  it('accepts P-384 and P-521 keys', () => {
    expect(
      parseCsr(opensslCsr('p384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], '/CN=x'))
        .publicKeyAlgorithm,
    ).toBe('ecdsa-p384');
    expect(
      parseCsr(opensslCsr('p521', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521'], '/CN=x'))
        .publicKeyAlgorithm,
    ).toBe('ecdsa-p521');
  });

  it('refuses an RSA-1024 key', () => {
    const pem = opensslCsr('rsa1024', ['-newkey', 'rsa:1024'], '/CN=weak');
    expect(() => parseCsr(pem)).toThrow(
      expect.objectContaining({ code: 'PKI_KEY_UNSUPPORTED', message: expect.stringContaining('1024 bits') }),
    );
  });

  it('refuses an unknown curve (secp256k1) and Ed25519', () => {
    const k1 = opensslCsr('k1', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1'], '/CN=k1');
    expect(() => parseCsr(k1)).toThrow(
      expect.objectContaining({ code: 'PKI_KEY_UNSUPPORTED', message: expect.stringContaining('secp256k1') }),
    );
    const ed = opensslCsr('ed', ['-newkey', 'ed25519'], '/CN=ed');
    expect(() => parseCsr(ed)).toThrow(expect.objectContaining({ code: 'PKI_KEY_UNSUPPORTED' }));
  });

  it('refuses a SHA-1 signed CSR', () => {
    const pem = opensslCsr('sha1', ['-newkey', 'rsa:2048', '-sha1'], '/CN=old');
    expect(() => parseCsr(pem)).toThrow(
      expect.objectContaining({ code: 'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED' }),
    );
  });

  it('refuses a CSR whose signature does not match (altered subject)', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=alice' });
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('alice'));
    der.write('mallo', at, 'latin1');
    const altered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(() => parseCsr(altered)).toThrow(expect.objectContaining({ code: 'PKI_CSR_SIGNATURE_INVALID' }));
    // openssl agrees the altered request does not verify
    const file = dir.file('altered.csr', altered);
    // (OpenSSL 3.0 exits 0 here but reports the failure)
    expect(opensslStatus(['req', '-in', file, '-noout', '-verify']).output).toContain('verify failure');
  });

  it('refuses a CSR with another key signature spliced in', async () => {
    const a = await generateKeyAndCsr({ subject: '/CN=a' });
    const b = await generateKeyAndCsr({ subject: '/CN=a' });
    const derA = Buffer.from(a.csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const derB = Buffer.from(b.csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    // Same layout (same subject, same key type): keep A's request info, take B's signature.
    const sigB = derB.subarray(derB.length - 72);
    expect(() => parseCsr(new Uint8Array(Buffer.concat([derA.subarray(0, derA.length - 72), sigB])))).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^PKI_(CSR_SIGNATURE_INVALID|DER_INVALID)$/) }),
    );
  });

  it('refuses garbage, truncated and oversized input with typed errors', async () => {
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=x' });
    expect(() => parseCsr('hello')).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() => parseCsr(csrPem.slice(0, 150))).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
    const lines = csrPem.trim().split('\n');
    const truncated = [...lines.slice(0, 2), lines.at(-1)].join('\n');
    expect(() => parseCsr(truncated)).toThrow(expect.objectContaining({ code: 'PKI_DER_INVALID' }));
    expect(() =>
      parseCsr('-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----'),
    ).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() => parseCsr(new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
    expect(() => parseCsr(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'PKI_DER_INVALID' }));
    expect(() => parseCsr(new Uint8Array([0x04, 0x01, 0x00]))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
    const huge = `-----BEGIN CERTIFICATE REQUEST-----\n${'A'.repeat(1024 * 1024)}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(() => parseCsr(huge)).toThrow(expect.objectContaining({ code: 'PKI_TOO_LARGE' }));
    expect(() => parseCsr(csrPem.replace(/CERTIFICATE REQUEST/g, 'CERTIFICATE'))).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
  });

  it('never throws anything but PkiError on random bytes', () => {
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(Math.floor(Math.random() * 200));
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(Math.random() * 256);
      if (i % 2 === 0 && bytes.length > 2) bytes[0] = 0x30;
      try {
        parseCsr(bytes);
      } catch (error) {
        expect((error as { code?: string }).code).toMatch(/^PKI_/);
      }
    }
  });
});
