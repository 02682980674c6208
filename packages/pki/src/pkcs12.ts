// PKCS#12 bundles for browsers, keychains and Java: key and certificates under PBES2
// (PBKDF2-HMAC-SHA-256 + AES-256-CBC) with an HMAC-SHA-256 MAC, built by pkijs.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseCertificate } from './certificate.js';
import { PkiError } from './errors.js';
import { readPrivateKey, spkiOf } from './keys.js';

/** Options of {@link toPkcs12}. */
export interface Pkcs12Options {
  /** The client certificate, PEM. */
  readonly certificatePem: string;
  /** Its private key, PEM (must match the certificate). */
  readonly privateKeyPem: string;
  /** CA certificates to include (issuer first), PEM. */
  readonly chainPems?: readonly string[];
  /** Protects the key and the certificates and keys the MAC; 4 to 1024 characters. */
  readonly password: string;
  /** Friendly name shown by keychains; default the certificate's serial. */
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iteration count, default 100,000 (OpenSSL's default is 2048). */
  readonly iterations?: number;
  /** WebCrypto implementation, default Node's `webcrypto`. */
  readonly crypto?: webcrypto.Crypto;
}

const OID = {
  keyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
} as const;

const arrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * Builds a PKCS#12 (.p12/.pfx) file holding a private key, its certificate and optionally the CA
 * chain, readable by `openssl pkcs12` (3.x, without -legacy), browsers, macOS/Windows keychains and
 * Java's keytool. The pkijs crypto engine is created per call from the given WebCrypto; nothing
 * global is set.
 * @example
 * const p12 = await toPkcs12({ certificatePem, privateKeyPem, chainPems: [caPem], password });
 */
export async function toPkcs12(options: Pkcs12Options): Promise<Uint8Array> {
  const { password } = options;
  if (typeof password !== 'string' || password.length < 4 || password.length > 1024) {
    throw new PkiError('PKI_INVALID_ARGUMENT', 'pkcs12 password must be 4 to 1024 characters');
  }
  const iterations = options.iterations ?? 100_000;
  if (!Number.isInteger(iterations) || iterations < 1000 || iterations > 10_000_000) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `pkcs12 iterations ${String(iterations)} must be from 1000 to 10000000`,
    );
  }
  const leaf = parseCertificate(options.certificatePem, 'certificate');
  const key = readPrivateKey(options.privateKeyPem);
  if (Buffer.compare(Buffer.from(spkiOf(key)), Buffer.from(leaf.spki)) !== 0) {
    throw new PkiError('PKI_PRIVATE_KEY_INVALID', 'private key does not match the certificate');
  }
  const chain = (options.chainPems ?? []).map((pem, i) =>
    parseCertificate(pem, `chain certificate ${i + 1}`),
  );
  const engine = new pkijs.CryptoEngine({
    name: 'portcullis',
    crypto: (options.crypto ?? webcrypto) as unknown as ConstructorParameters<
      typeof pkijs.CryptoEngine
    >[0]['crypto'],
  });
  const passwordBytes = arrayBuffer(new TextEncoder().encode(password));
  const localKeyId = new Uint8Array(createHash('sha1').update(leaf.der).digest());
  const friendlyName = options.friendlyName ?? Buffer.from(leaf.serial).toString('hex').toUpperCase();
  const bagAttributes = [
    new pkijs.Attribute({ type: OID.friendlyName, values: [new asn1js.BmpString({ value: friendlyName })] }),
    new pkijs.Attribute({
      type: OID.localKeyId,
      values: [new asn1js.OctetString({ valueHex: arrayBuffer(localKeyId) })],
    }),
  ];
  const encryption = {
    password: passwordBytes,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: iterations,
  };

  const pkcs8 = new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }));
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({
    parsedValue: pkijs.PrivateKeyInfo.fromBER(arrayBuffer(pkcs8)),
  });
  await keyBag.makeInternalValues(encryption, engine);

  const certBag = (cert: Uint8Array, attributes?: pkijs.Attribute[]): pkijs.SafeBag =>
    new pkijs.SafeBag({
      bagId: OID.certBag,
      bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(arrayBuffer(cert)) }),
      ...(attributes ? { bagAttributes: attributes } : {}),
    });

  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        {
          privacyMode: 0,
          value: new pkijs.SafeContents({
            safeBags: [new pkijs.SafeBag({ bagId: OID.keyBag, bagValue: keyBag, bagAttributes })],
          }),
        },
        {
          privacyMode: 1,
          value: new pkijs.SafeContents({
            safeBags: [certBag(leaf.der, bagAttributes), ...chain.map((c) => certBag(c.der))],
          }),
        },
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({ safeContents: [{}, encryption] }, engine);

  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues(
    {
      password: passwordBytes,
      iterations,
      pbkdf2HashAlgorithm: { name: 'SHA-256' },
      hmacHashAlgorithm: 'SHA-256',
    },
    engine,
  );
  return new Uint8Array(pfx.toSchema().toBER(false));
}
