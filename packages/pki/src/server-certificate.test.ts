// issueServerCertificate: TLS server certificates that openssl verifies for sslserver and node:tls accepts in a real handshake.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { checkServerIdentity, connect, createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, type CreatedCa } from './ca.js';
import { signCsr } from './issue.js';
import { generateKeyAndCsr } from './csr.js';
import { issueServerCertificate } from './server-certificate.js';
import { openssl, opensslStatus, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

let ecCa: CreatedCa;
let rsaCa: CreatedCa;
beforeAll(async () => {
  [ecCa, rsaCa] = await Promise.all([
    createCa({ commonName: 'Portcullis Local Edge CA' }),
    createCa({ commonName: 'Portcullis Local Edge CA (RSA)', keyType: 'rsa-2048' }),
  ]);
}, 60_000);

const lastLineHex = (text: string): string =>
  text.trim().split('\n').pop()!.replace(/[: ]/g, '').toLowerCase();

describe('issueServerCertificate', () => {
  it.each([
    ['ecdsa-p256', 'ecdsa-p256 CA'],
    ['rsa-2048', 'ecdsa-p256 CA'],
    ['ecdsa-p384', 'rsa-2048 CA'],
  ] as const)(
    'issues a %s server certificate (%s) that openssl verifies for sslserver',
    async (keyType, caLabel) => {
      const ca = caLabel.startsWith('rsa') ? rsaCa : ecCa;
      const { certificatePem, privateKeyPem, info } = await issueServerCertificate({
        ca,
        dnsNames: ['app.example.test', '*.api.example.test'],
        keyType,
      });
      const caFile = dir.file(`ca-${keyType}.pem`, ca.certificatePem);
      const certFile = dir.file(`server-${keyType}.pem`, certificatePem);
      expect(openssl(['verify', '-purpose', 'sslserver', '-CAfile', caFile, certFile]).trim()).toBe(
        `${certFile}: OK`,
      );
      // Not a client certificate
      expect(opensslStatus(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile]).status).not.toBe(
        0,
      );
      const text = openssl(['x509', '-in', certFile, '-noout', '-text']);
      expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
      expect(text).toMatch(
        keyType.startsWith('rsa')
          ? /Key Usage: critical\s+Digital Signature, Key Encipherment\n/
          : /Key Usage: critical\s+Digital Signature\n/,
      );
      expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/);
      expect(text).toMatch(
        /Subject Alternative Name:\s+DNS:app\.example\.test, DNS:\*\.api\.example\.test\n/,
      );
      expect(text).toContain('Subject: CN = app.example.test');
      expect(
        lastLineHex(openssl(['x509', '-in', certFile, '-noout', '-ext', 'authorityKeyIdentifier'])),
      ).toBe(ca.info.skiHex);
      expect(info.akiHex).toBe(ca.info.skiHex);
      expect(info.skiHex).toBe(
        lastLineHex(openssl(['x509', '-in', certFile, '-noout', '-ext', 'subjectKeyIdentifier'])),
      );
      expect(info.serialHex).toBe(
        openssl(['x509', '-in', certFile, '-noout', '-serial']).trim().slice('serial='.length),
      );
      expect(BigInt('0x' + info.serialHex) >= 1n << 64n).toBe(true);
      expect(info.isCa).toBe(false);
      expect(info.publicKeyAlgorithm).toBe(keyType);
      // The key is the certificate's.
      const keyFile = dir.file(`server-${keyType}.key`, privateKeyPem);
      expect(openssl(['pkey', '-in', keyFile, '-pubout'])).toBe(
        openssl(['x509', '-in', certFile, '-noout', '-pubkey']),
      );
    },
    60_000,
  );

  it('serves a real TLS handshake that node:tls verifies, with checkServerIdentity', async () => {
    const { certificatePem, privateKeyPem } = await issueServerCertificate({
      ca: ecCa,
      dnsNames: ['edge.example.test', '*.apps.example.test'],
    });
    const server = createServer({ cert: certificatePem, key: privateKeyPem }, (socket) =>
      socket.end('hello'),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const handshake = async (servername: string): Promise<string> => {
      const socket: TLSSocket = connect({
        host: '127.0.0.1',
        port,
        servername,
        ca: ecCa.certificatePem,
        checkServerIdentity,
      });
      try {
        await once(socket, 'secureConnect');
        let data = '';
        for await (const chunk of socket) data += String(chunk);
        return data;
      } finally {
        socket.destroy();
      }
    };
    try {
      expect(await handshake('edge.example.test')).toBe('hello');
      expect(await handshake('x.apps.example.test')).toBe('hello');
      await expect(handshake('other.example.test')).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
      // A client that does not trust the CA refuses the certificate.
      const untrusted = connect({
        host: '127.0.0.1',
        port,
        servername: 'edge.example.test',
        ca: rsaCa.certificatePem,
      });
      await expect(once(untrusted, 'secureConnect')).rejects.toMatchObject({
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      });
      untrusted.destroy();
    } finally {
      server.close();
    }
  }, 60_000);

  it('defaults to 397 days, backdates 60 s and caps validity at the CA expiry', async () => {
    const now = new Date('2030-01-01T00:00:00.500Z');
    const ca = await createCa({
      commonName: 'Short CA',
      validityDays: 30,
      now: new Date('2029-12-31T00:00:00Z'),
    });
    const capped = await issueServerCertificate({ ca, dnsNames: ['a.example.test'], now });
    expect(capped.info.notBefore.toISOString()).toBe('2029-12-31T23:59:00.000Z');
    expect(capped.info.notAfter.getTime()).toBe(ca.info.notAfter.getTime());
    const later = new Date(ecCa.info.notBefore.getTime() + 86_400_000);
    const { info } = await issueServerCertificate({ ca: ecCa, dnsNames: ['a.example.test'], now: later });
    expect(Math.round((info.notAfter.getTime() - info.notBefore.getTime()) / 1000)).toBe(397 * 86_400 + 60);
    const short = await issueServerCertificate({
      ca: ecCa,
      dnsNames: ['a.example.test'],
      validityDays: 2,
      now: later,
    });
    expect(Math.round((short.info.notAfter.getTime() - short.info.notBefore.getTime()) / 1000)).toBe(
      2 * 86_400 + 60,
    );
  });

  it('issues distinct random serials', async () => {
    const serials = await Promise.all(
      [1, 2, 3].map(
        async () => (await issueServerCertificate({ ca: ecCa, dnsNames: ['s.example.test'] })).info.serialHex,
      ),
    );
    expect(new Set(serials).size).toBe(3);
  });

  it('refuses no names, bad names, bad validity, bad key types, an expired CA and a non-CA', async () => {
    const reject = (options: Partial<Parameters<typeof issueServerCertificate>[0]>) =>
      expect(
        issueServerCertificate({ ca: ecCa, dnsNames: ['ok.example.test'], ...options } as Parameters<
          typeof issueServerCertificate
        >[0]),
      ).rejects;
    await reject({ dnsNames: [] }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ dnsNames: ['bad name.example'] }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ dnsNames: ['a..example'] }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ dnsNames: ['x.*.example'] }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ validityDays: 0 }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ validityDays: 1.5 }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ keyType: 'dsa-1024' as never }).toMatchObject({ code: 'PKI_INVALID_ARGUMENT' });
    await reject({ now: new Date(ecCa.info.notAfter.getTime() + 1000) }).toMatchObject({
      code: 'PKI_EXPIRED',
    });
    const { csrPem, privateKeyPem } = await generateKeyAndCsr({ subject: '/CN=leaf' });
    const leaf = await signCsr({ csrPem, ca: ecCa, validityDays: 1 });
    await reject({ ca: { certificatePem: leaf.certificatePem, privateKeyPem } }).toMatchObject({
      code: 'PKI_NOT_A_CA',
    });
    await reject({
      ca: { certificatePem: ecCa.certificatePem, privateKeyPem: rsaCa.privateKeyPem },
    }).toMatchObject({ code: 'PKI_PRIVATE_KEY_INVALID' });
  }, 60_000);
});
