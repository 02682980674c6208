// toPkcs12: bundles openssl (without -legacy) and Java's keytool read, with AES-256 and SHA-256 protection.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createCa } from './ca.js';
import { generateKeyAndCsr } from './csr.js';
import { signCsr } from './issue.js';
import { toPkcs12 } from './pkcs12.js';
import { openssl, opensslStatus, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('toPkcs12', () => {
  it.each(['ecdsa-p256', 'rsa-2048'] as const)(
    'builds a %s bundle openssl reads without -legacy (AES-256-CBC, PBKDF2/SHA-256, HMAC-SHA-256)',
    async (keyType) => {
      const ca = await createCa({ commonName: 'p12 zone' });
      const { csrPem, privateKeyPem } = await generateKeyAndCsr({
        subject: '/CN=device-p12/O=Acme',
        keyType,
      });
      const { certificatePem } = await signCsr({ csrPem, ca, validityDays: 30 });
      const password = 'correct horse ✓';
      const p12 = await toPkcs12({
        certificatePem,
        privateKeyPem,
        chainPems: [ca.certificatePem],
        password,
        iterations: 2048,
      });
      const file = dir.file(`${keyType}.p12`, p12);
      const passFile = dir.file('pass.txt', password);
      const info = opensslStatus(['pkcs12', '-in', file, '-info', '-noout', '-passin', `file:${passFile}`]);
      expect(info.status).toBe(0);
      expect(info.output).toContain('MAC: sha256');
      expect(info.output).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
      expect(info.output).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
      const certs = openssl(['pkcs12', '-in', file, '-nokeys', '-passin', `file:${passFile}`]);
      expect(certs).toContain('subject=CN = device-p12, O = Acme');
      expect(certs).toContain('subject=O = Portcullis, CN = p12 zone');
      expect(certs).toContain('localKeyID:');
      const key = openssl(['pkcs12', '-in', file, '-nocerts', '-nodes', '-passin', `file:${passFile}`]);
      const keyFile = dir.file(`${keyType}.key`, key.slice(key.indexOf('-----BEGIN')));
      const originalKeyFile = dir.file(`${keyType}-orig.key`, privateKeyPem);
      expect(openssl(['pkey', '-in', keyFile, '-pubout'])).toBe(
        openssl(['pkey', '-in', originalKeyFile, '-pubout']),
      );
      expect(
        opensslStatus(['pkcs12', '-in', file, '-info', '-noout', '-passin', 'pass:wrong']).status,
      ).not.toBe(0);
    },
    60_000,
  );

  it("is read by Java's keytool as a private key entry with its chain", async () => {
    const ca = await createCa({ commonName: 'java zone' });
    const { csrPem, privateKeyPem } = await generateKeyAndCsr({ subject: '/CN=java-device' });
    const { certificatePem, info } = await signCsr({ csrPem, ca, validityDays: 30 });
    const p12 = await toPkcs12({
      certificatePem,
      privateKeyPem,
      chainPems: [ca.certificatePem],
      password: 'changeit',
      friendlyName: 'device',
    });
    const file = dir.file('java.p12', p12);
    const result = spawnSync(
      'keytool',
      ['-list', '-v', '-keystore', file, '-storetype', 'PKCS12', '-storepass', 'changeit'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Entry type: PrivateKeyEntry');
    expect(result.stdout).toContain('Certificate chain length: 2');
    expect(result.stdout).toContain('Alias name: device');
    expect(result.stdout.replace(/:/g, '')).toContain(info.fingerprintSha256.toUpperCase());
  }, 180_000);

  it('refuses a key that does not match, a short password and bad PEM', async () => {
    const ca = await createCa({ commonName: 'p12 zone' });
    const a = await generateKeyAndCsr({ subject: '/CN=a' });
    const b = await generateKeyAndCsr({ subject: '/CN=b' });
    const { certificatePem } = await signCsr({ csrPem: a.csrPem, ca, validityDays: 1 });
    await expect(
      toPkcs12({ certificatePem, privateKeyPem: b.privateKeyPem, password: 'secret' }),
    ).rejects.toMatchObject({ code: 'PKI_PRIVATE_KEY_INVALID' });
    await expect(
      toPkcs12({ certificatePem, privateKeyPem: a.privateKeyPem, password: 'abc' }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await expect(
      toPkcs12({ certificatePem: 'x', privateKeyPem: a.privateKeyPem, password: 'secret' }),
    ).rejects.toMatchObject({ code: 'PKI_PEM_INVALID' });
    await expect(
      toPkcs12({ certificatePem, privateKeyPem: a.privateKeyPem, password: 'secret', iterations: 10 }),
    ).rejects.toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
  });
});
