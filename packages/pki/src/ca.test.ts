// createCa: every key type yields a CA that openssl accepts, with the constraints and names we promise.
import { afterAll, describe, expect, it } from 'vitest';
import { createCa } from './ca.js';
import { keyTypes } from './keys.js';
import { openssl, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('createCa', () => {
  it.each(keyTypes)(
    'creates a %s CA that openssl accepts as a self-signed CA',
    async (keyType) => {
      const ca = await createCa({ commonName: 'Portcullis Managed CA for zone example.com', keyType });
      const file = dir.file(`ca-${keyType}.pem`, ca.certificatePem);
      const text = openssl(['x509', '-in', file, '-noout', '-text']);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
      expect(text).toContain('X509v3 Subject Key Identifier');
      expect(text).toContain('Subject: O = Portcullis, CN = Portcullis Managed CA for zone example.com');
      expect(openssl(['verify', '-CAfile', file, file]).trim()).toBe(`${file}: OK`);
      expect(ca.info.isCa).toBe(true);
      expect(ca.info.subject.common_name).toBe('Portcullis Managed CA for zone example.com');
      expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      const ski = openssl(['x509', '-in', file, '-noout', '-ext', 'subjectKeyIdentifier'])
        .trim()
        .split('\n')
        .pop()!
        .replace(/[: ]/g, '');
      expect(ca.info.skiHex).toBe(ski.toLowerCase());
      expect(ca.info.publicKeyAlgorithm).toBe(keyType);
    },
    60_000,
  );

  it('names the zone and caps validity', async () => {
    const now = new Date('2026-01-01T00:00:00.500Z');
    const ca = await createCa({ commonName: 'zone example.org', validityDays: 30, now });
    expect(ca.info.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(ca.info.notAfter.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    await expect(createCa({ commonName: 'x', validityDays: 0 })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
    await expect(createCa({ commonName: '' })).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(createCa({ commonName: 'x', keyType: 'rsa-1024' as never })).rejects.toMatchObject({
      code: 'PKI_INVALID_ARGUMENT',
    });
  });

  it('gives every CA a distinct key and serial', async () => {
    const [a, b] = await Promise.all([
      createCa({ commonName: 'zone a' }),
      createCa({ commonName: 'zone a' }),
    ]);
    expect(a.info.skiHex).not.toBe(b.info.skiHex);
    expect(a.info.serialHex).not.toBe(b.info.serialHex);
    expect(a.info.serialHex).toMatch(/^[0-7][0-9A-F]{39}$/);
  });
});
