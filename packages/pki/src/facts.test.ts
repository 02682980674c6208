// clientAuthFacts: every cf.tls_client_auth.* value compared with openssl's output for the same certificate.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { clientAuthFacts, type ClientAuthFacts } from './facts.js';
import {
  afterEquals,
  openssl,
  opensslCa,
  opensslLeaf,
  tempDir,
  type OpensslCert,
} from './test-support/openssl.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

function derOf(cert: OpensslCert): Uint8Array {
  const file = `${cert.certFile}.der`;
  openssl(['x509', '-in', cert.certFile, '-outform', 'DER', '-out', file]);
  return new Uint8Array(readFileSync(file));
}

/** Every field compared with openssl's own output for the same certificate. */
function expectLikeOpenssl(facts: ClientAuthFacts, cert: OpensslCert): void {
  const x = (...args: string[]): string => openssl(['x509', '-in', cert.certFile, '-noout', ...args]);
  expect(facts.subjectDnRfc2253).toBe(afterEquals(x('-subject', '-nameopt', 'RFC2253')));
  expect(facts.issuerDnRfc2253).toBe(afterEquals(x('-issuer', '-nameopt', 'RFC2253')));
  expect(facts.subjectDn).toBe(facts.subjectDnRfc2253);
  expect(facts.issuerDn).toBe(facts.issuerDnRfc2253);
  expect(facts.subjectDnLegacy).toBe(afterEquals(x('-subject', '-nameopt', 'compat')));
  expect(facts.issuerDnLegacy).toBe(afterEquals(x('-issuer', '-nameopt', 'compat')));
  expect(facts.serial).toBe(afterEquals(x('-serial')));
  expect(facts.fingerprintSha256).toBe(
    afterEquals(x('-fingerprint', '-sha256')).replace(/:/g, '').toLowerCase(),
  );
  expect(facts.fingerprintSha1).toBe(afterEquals(x('-fingerprint', '-sha1')).replace(/:/g, '').toLowerCase());
  expect(facts.notBefore).toBe(afterEquals(x('-startdate')));
  expect(facts.notAfter).toBe(afterEquals(x('-enddate')));
  expect(facts.ski).toBe(x('-ext', 'subjectKeyIdentifier').trim().split('\n').pop()!.replace(/[: ]/g, ''));
  // The seed document's recipe: openssl x509 -noout -ext authorityKeyIdentifier | tail -n1 | tr -d ': '
  expect(facts.issuerSki).toBe(
    x('-ext', 'authorityKeyIdentifier').trim().split('\n').pop()!.replace(/[: ]/g, ''),
  );
  expect(facts.rfc9440).toBe(`:${Buffer.from(derOf(cert)).toString('base64')}:`);
}

describe('clientAuthFacts', () => {
  const ca = opensslCa(dir, 'ca', '/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA');

  it('matches the Cloudflare example shapes', () => {
    const leaf = opensslLeaf(
      dir,
      'james',
      ca,
      '/C=US/ST=Texas/L=Austin/O=Access/OU=Access Admins/CN=James Royal',
    );
    const facts = clientAuthFacts(derOf(leaf));
    expect(facts.issuerDn).toBe('CN=Access Testing CA,OU=TX,O=Access Testing,L=Austin,ST=Texas,C=US');
    expect(facts.subjectDn).toBe('CN=James Royal,OU=Access Admins,O=Access,L=Austin,ST=Texas,C=US');
    expect(facts.issuerDnLegacy).toBe('/C=US/ST=Texas/L=Austin/O=Access Testing/OU=TX/CN=Access Testing CA');
    expect(facts.subjectDnLegacy).toBe('/C=US/ST=Texas/L=Austin/O=Access/OU=Access Admins/CN=James Royal');
    expect(facts.serial).toMatch(/^[0-9A-F]+$/);
    expect(facts.ski).toMatch(/^[0-9A-F]{40}$/);
    expect(facts.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.notBefore).toMatch(/^[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d \d{4} GMT$/);
    expect(facts.isCa).toBe(false);
    expectLikeOpenssl(facts, leaf);
  });

  const tricky: [string, string, string[]][] = [
    [
      'commas, plus, quotes, leading #, Zürich (UTF8String)',
      '/C=CH/L=Zürich/O=Acme\\, Inc. \\+ "Partners"/OU=#hash;semi<less>more\\\\back/CN=José Müller',
      [],
    ],
    ['multi-valued RDN', '/C=US/O=Acme/CN=device-7+serialNumber=42', []],
    [
      'Latin-1 as T61String and CJK as BMPString',
      '/C=JP/O=Zürich AG/CN=東京デバイス',
      [
        '-config',
        dir.file('default-mask.cnf', '[req]\ndistinguished_name = dn\nstring_mask = default\n[dn]\n'),
      ],
    ],
    ['leading and trailing spaces, equals, slash', '/O=a=b\\/c/CN= spaced ', []],
    ['control characters (CR LF) and DEL', '/O=evil\r\nX-Injected: 1/CN=tab\there\u007f', []],
    ['email and domain components', '/DC=com/DC=example/emailAddress=ops@example.com/UID=u123/CN=svc', []],
  ];
  it.each(tricky)('formats %s exactly as openssl', (_label, subject, reqArgs) => {
    const issuer = opensslCa(dir, `ca-${_label.length}`, subject, reqArgs);
    const leaf = opensslLeaf(dir, `leaf-${_label.length}`, issuer, subject, { reqArgs });
    expectLikeOpenssl(clientAuthFacts(derOf(leaf)), leaf);
    expectLikeOpenssl(clientAuthFacts(derOf(issuer)), issuer);
  });

  it('escapes as documented (hand-checked values)', () => {
    const issuer = opensslCa(dir, 'hand', '/C=CH/L=Zürich/O=Acme\\, Inc. \\+ "P"/OU=#h/CN=x ');
    const facts = clientAuthFacts(derOf(issuer));
    expect(facts.subjectDn).toBe('CN=x\\ ,OU=\\#h,O=Acme\\, Inc. \\+ \\"P\\",L=Z\\C3\\BCrich,C=CH');
    expect(facts.subjectDnLegacy).toBe('/C=CH/L=Z\\xC3\\xBCrich/O=Acme, Inc. \\+ "P"/OU=#h/CN=x ');
  });

  it('finds the issuer serial in the chain and encodes the chain per RFC 9440', () => {
    const root = opensslCa(dir, 'root', '/CN=Root');
    const intermediate = opensslLeaf(dir, 'intermediate', root, '/CN=Intermediate', {
      extensions:
        'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
    });
    const leaf = opensslLeaf(dir, 'chained', intermediate, '/CN=device');
    const interDer = derOf(intermediate);
    const rootDer = derOf(root);
    const facts = clientAuthFacts(derOf(leaf), [interDer, rootDer]);
    expect(facts.issuerSerial).toBe(
      afterEquals(openssl(['x509', '-in', intermediate.certFile, '-noout', '-serial'])),
    );
    expect(facts.chainRfc9440).toBe(`:${Buffer.from(interDer).toString('base64')}:`);
    expect(facts.chainRfc9440TooLarge).toBe(false);
    const two = clientAuthFacts(derOf(leaf), [interDer, derOf(ca)]);
    expect(two.chainRfc9440.split(', ')).toHaveLength(1); // the self-issued root is left out
    expect(clientAuthFacts(derOf(leaf)).issuerSerial).toBe('');
    expect(clientAuthFacts(derOf(leaf), [], { issuerDer: interDer }).issuerSerial).toBe(facts.issuerSerial);
    expect(clientAuthFacts(derOf(leaf)).chainRfc9440).toBe('');
  });

  it('takes cert_issuer_ski from the validated issuer, not from the leaf AKI claim (THREATS T8)', () => {
    const real = opensslCa(dir, 'real-issuer', '/CN=Shared Name CA');
    const other = opensslCa(dir, 'other-issuer', '/CN=Shared Name CA');
    const leaf = opensslLeaf(dir, 't8', real, '/CN=t8');
    const realSki = openssl(['x509', '-in', real.certFile, '-noout', '-ext', 'subjectKeyIdentifier'])
      .trim()
      .split('\n')
      .pop()!
      .replace(/[: ]/g, '');
    expect(clientAuthFacts(derOf(leaf)).issuerSki).toBe(realSki); // from the AKI
    expect(clientAuthFacts(derOf(leaf), [], { issuerDer: derOf(real) }).issuerSki).toBe(realSki);
    // A caller that validated against a different CA with the same name gets that CA's SKI, not the claim.
    const otherSki = openssl(['x509', '-in', other.certFile, '-noout', '-ext', 'subjectKeyIdentifier'])
      .trim()
      .split('\n')
      .pop()!
      .replace(/[: ]/g, '');
    expect(clientAuthFacts(derOf(leaf), [], { issuerDer: derOf(other) }).issuerSki).toBe(otherSki);
  });

  it('applies the 10 KiB and 16 KiB RFC 9440 limits', () => {
    const names = Array.from(
      { length: 400 },
      (_, i) => `DNS:host-${i}.a-rather-long-domain-name.example.com`,
    ).join(',');
    const big = opensslLeaf(dir, 'big', ca, '/CN=big', {
      extensions: `basicConstraints=critical,CA:FALSE\nsubjectAltName=${names}\n`,
    });
    const bigDer = derOf(big);
    expect(bigDer.length).toBeGreaterThan(10 * 1024);
    const facts = clientAuthFacts(bigDer, [bigDer, derOf(opensslLeaf(dir, 'small', ca, '/CN=small'))]);
    expect(facts.rfc9440).toBe('');
    expect(facts.rfc9440TooLarge).toBe(true);
    const small = derOf(opensslLeaf(dir, 'small2', ca, '/CN=small2'));
    const chainFacts = clientAuthFacts(small, [bigDer, bigDer.slice()]);
    expect(chainFacts.rfc9440TooLarge).toBe(false);
    expect(chainFacts.chainRfc9440).toBe('');
    expect(chainFacts.chainRfc9440TooLarge).toBe(true);
  });

  it('computes lazily and caches', () => {
    const leaf = opensslLeaf(dir, 'lazy', ca, '/CN=lazy');
    const facts = clientAuthFacts(derOf(leaf));
    expect(facts.subjectDn).toBe(facts.subjectDn);
    expect(Object.is(facts.subjectDnLegacy, facts.subjectDnLegacy)).toBe(true);
  });

  it('refuses a leaf that is not a certificate with a typed error', () => {
    expect(() => clientAuthFacts(new Uint8Array([1, 2, 3]))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
    const leaf = derOf(opensslLeaf(dir, 'trunc', ca, '/CN=t'));
    expect(() => clientAuthFacts(leaf.subarray(0, leaf.length - 10))).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
    expect(() => clientAuthFacts(new Uint8Array(70 * 1024))).toThrow(
      expect.objectContaining({ code: 'PKI_TOO_LARGE' }),
    );
  });
});
