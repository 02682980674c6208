// parseCaBundle: openssl-made roots and chains accepted; leaves, keys, expired, weak and misordered bundles refused.
import { afterAll, describe, expect, it } from 'vitest';
import { createCa } from './ca.js';
import { parseCaBundle } from './chain.js';
import { generateKeyAndCsr } from './csr.js';
import { signCsr } from './issue.js';
import { afterEquals, openssl, opensslCa, opensslLeaf, tempDir } from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const root = opensslCa(dir, 'root', '/C=US/O=Example/CN=Example Root');
const intermediate = opensslLeaf(dir, 'inter', root, '/C=US/O=Example/CN=Example Issuing CA', {
  extensions:
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
});

describe('parseCaBundle', () => {
  it('accepts a self-signed root and reports issuer, serial, expiry and SKI like openssl', () => {
    const bundle = parseCaBundle(root.pem);
    expect(bundle.certificates).toHaveLength(1);
    const x = (...args: string[]): string => openssl(['x509', '-in', root.certFile, '-noout', ...args]);
    expect(bundle.info.issuerDn).toBe(afterEquals(x('-issuer', '-nameopt', 'RFC2253')));
    expect(bundle.info.serialHex).toBe(afterEquals(x('-serial')));
    expect(bundle.info.notAfter.getTime()).toBe(new Date(afterEquals(x('-enddate'))).getTime());
    expect(bundle.info.skiHex).toBe(
      x('-ext', 'subjectKeyIdentifier').trim().split('\n').pop()!.replace(/[: ]/g, '').toLowerCase(),
    );
    expect(bundle.info.signatureAlgorithm).toBe('ECDSAWithSHA256');
  });

  it('accepts an intermediate followed by its root, with text around the blocks', () => {
    const bundle = parseCaBundle(`intermediate:\n${intermediate.pem}\nroot:\n${root.pem}`);
    expect(bundle.chain.map((c) => c.subject.common_name)).toEqual(['Example Issuing CA', 'Example Root']);
    expect(bundle.info.issuerDn).toBe('CN=Example Root,O=Example,C=US');
    expect(parseCaBundle(intermediate.pem).info.subject.common_name).toBe('Example Issuing CA'); // root may be left out
  });

  it('refuses a leaf uploaded as a CA, with the reason', async () => {
    const leaf = opensslLeaf(dir, 'leaf', root, '/CN=client');
    expect(() => parseCaBundle(leaf.pem)).toThrow(
      expect.objectContaining({ code: 'PKI_NOT_A_CA', message: expect.stringContaining('not a CA') }),
    );
    const ca = await createCa({ commonName: 'z' });
    const { csrPem } = await generateKeyAndCsr({ subject: '/CN=ours' });
    const ours = await signCsr({ csrPem, ca, validityDays: 5 });
    expect(() => parseCaBundle(ours.certificatePem)).toThrow(
      expect.objectContaining({ code: 'PKI_NOT_A_CA' }),
    );
  });

  it('refuses a bundle holding a private key, a CSR or a public key', () => {
    const key = openssl(['pkey', '-in', root.keyFile]);
    expect(() => parseCaBundle(root.pem + key)).toThrow(
      expect.objectContaining({ code: 'PKI_BUNDLE_HAS_PRIVATE_KEY' }),
    );
    const rsaKey = `${dir.path}/trad.key`;
    openssl(['genrsa', '-traditional', '-out', rsaKey, '2048']);
    expect(() => parseCaBundle(openssl(['rsa', '-in', rsaKey, '-traditional']) + root.pem)).toThrow(
      expect.objectContaining({ code: 'PKI_BUNDLE_HAS_PRIVATE_KEY' }),
    );
    const csr = openssl(['req', '-new', '-key', root.keyFile, '-subj', '/CN=x']);
    expect(() => parseCaBundle(root.pem + csr)).toThrow(
      expect.objectContaining({ code: 'PKI_BUNDLE_INVALID' }),
    );
    expect(() => parseCaBundle(openssl(['pkey', '-in', root.keyFile, '-pubout']))).toThrow(
      expect.objectContaining({ code: 'PKI_BUNDLE_INVALID' }),
    );
  });

  it('refuses an expired CA and a not-yet-valid one', async () => {
    const expired = await createCa({
      commonName: 'expired',
      validityDays: 1,
      now: new Date('2020-01-01T00:00:00Z'),
    });
    expect(() => parseCaBundle(expired.certificatePem)).toThrow(
      expect.objectContaining({
        code: 'PKI_EXPIRED',
        message: expect.stringContaining('expired on 2020-01-02'),
      }),
    );
    expect(() => parseCaBundle(root.pem, { now: new Date('2000-01-01T00:00:00Z') })).toThrow(
      expect.objectContaining({ code: 'PKI_EXPIRED' }),
    );
  });

  it('refuses a chain in the wrong order or with a stranger', async () => {
    expect(() => parseCaBundle(root.pem + intermediate.pem)).toThrow(
      expect.objectContaining({ code: 'PKI_CHAIN_INVALID' }),
    );
    const stranger = await createCa({ commonName: 'stranger' });
    expect(() => parseCaBundle(intermediate.pem + stranger.certificatePem)).toThrow(
      expect.objectContaining({ code: 'PKI_CHAIN_INVALID' }),
    );
    expect(() => parseCaBundle(root.pem + root.pem)).toThrow(
      expect.objectContaining({ code: 'PKI_BUNDLE_INVALID' }),
    );
  });

  it('honours pathlen: a pathlen:0 intermediate cannot have a CA below it', () => {
    const sub = opensslLeaf(dir, 'sub', intermediate, '/CN=Sub CA', {
      extensions:
        'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n',
    });
    expect(() => parseCaBundle(sub.pem + intermediate.pem + root.pem)).toThrow(
      expect.objectContaining({ code: 'PKI_CHAIN_INVALID', message: expect.stringContaining('pathlen 0') }),
    );
  });

  it("refuses RSA-1024 and signature algorithms outside Cloudflare's list", () => {
    const weak = `${dir.path}/weak`;
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:1024',
      '-nodes',
      '-keyout',
      `${weak}.key`,
      '-out',
      `${weak}.pem`,
      '-subj',
      '/CN=weak',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]);
    expect(() => parseCaBundle(openssl(['x509', '-in', `${weak}.pem`]))).toThrow(
      expect.objectContaining({ code: 'PKI_KEY_UNSUPPORTED', message: expect.stringContaining('1024') }),
    );
    const pss = `${dir.path}/pss`;
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa-pss',
      '-pkeyopt',
      'rsa_keygen_bits:2048',
      '-nodes',
      '-keyout',
      `${pss}.key`,
      '-out',
      `${pss}.pem`,
      '-subj',
      '/CN=pss',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]);
    expect(() => parseCaBundle(openssl(['x509', '-in', `${pss}.pem`]))).toThrow(
      expect.objectContaining({ code: 'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED' }),
    );
    const ed = `${dir.path}/ed`;
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ed25519',
      '-nodes',
      '-keyout',
      `${ed}.key`,
      '-out',
      `${ed}.pem`,
      '-subj',
      '/CN=ed',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]);
    expect(() => parseCaBundle(openssl(['x509', '-in', `${ed}.pem`]))).toThrow(
      expect.objectContaining({ code: 'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED' }),
    );
  });

  it('refuses garbage, truncated, empty and oversized bundles with typed errors', () => {
    expect(() => parseCaBundle('')).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() => parseCaBundle('not a certificate')).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
    expect(() => parseCaBundle(root.pem.slice(0, root.pem.length - 40))).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
    const lines = root.pem.trim().split('\n');
    expect(() => parseCaBundle([lines[0], ...lines.slice(2)].join('\n'))).toThrow(
      expect.objectContaining({ code: expect.stringMatching(/^PKI_(DER|PEM)_INVALID$/) }),
    );
    expect(() => parseCaBundle(root.pem.repeat(11))).toThrow(
      expect.objectContaining({ code: 'PKI_TOO_LARGE' }),
    );
    expect(() => parseCaBundle('x'.repeat(300 * 1024))).toThrow(
      expect.objectContaining({ code: 'PKI_TOO_LARGE' }),
    );
  });
});
