// Key generation and key inspection with Node's crypto: key types, sizes, curves, and what we accept.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { PkiError } from './errors.js';
import { readChildren, readTlv } from './der-reader.js';
import { limits } from './limits.js';
import { oidFromTlv, registerOids } from './oid.js';

/** Key types Portcullis generates (CA keys and "generate for me" client keys). */
export type KeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096';

/** Every {@link KeyType}, default first. */
export const keyTypes: readonly KeyType[] = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'];

/** What a public key is, as reported to users and checked against policy. */
export interface PublicKeyDescription {
  /** 'rsa' or 'ec'. */
  readonly kind: 'rsa' | 'ec';
  /** RSA modulus size or EC field size in bits. */
  readonly bits: number;
  /** EC curve (NIST name, e.g. 'P-256'); undefined for RSA. */
  readonly curve?: 'P-256' | 'P-384' | 'P-521';
  /** A short label such as 'rsa-2048' or 'ecdsa-p256'. */
  readonly label: string;
}

const curves = {
  prime256v1: { curve: 'P-256', bits: 256 },
  secp384r1: { curve: 'P-384', bits: 384 },
  secp521r1: { curve: 'P-521', bits: 521 },
} as const;

/** Checks that `keyType` is one of {@link keyTypes}. */
export function assertKeyType(keyType: unknown): asserts keyType is KeyType {
  if (!keyTypes.includes(keyType as KeyType)) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `unknown key type ${JSON.stringify(keyType)}; use one of ${keyTypes.join(', ')}`,
    );
  }
}

/** Generates a key pair of `keyType` (off the main thread) and returns its private key object. */
export async function generateKey(keyType: KeyType): Promise<KeyObject> {
  assertKeyType(keyType);
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, _publicKey: KeyObject, privateKey: KeyObject): void => {
      if (error) reject(error);
      else resolve(privateKey);
    };
    if (keyType.startsWith('ecdsa-')) {
      generateKeyPair('ec', { namedCurve: keyType === 'ecdsa-p256' ? 'P-256' : 'P-384' }, done);
    } else {
      generateKeyPair('rsa', { modulusLength: Number(keyType.slice(4)), publicExponent: 0x10001 }, done);
    }
  });
}

/** PKCS#8 PEM of a private key. */
export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** DER SubjectPublicKeyInfo of the public half of a key (private or public). */
export function spkiOf(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}

/** Reads a PEM private key (PKCS#8, or traditional RSA/EC). Encrypted keys are refused. */
export function readPrivateKey(pem: string | KeyObject): KeyObject {
  if (typeof pem !== 'string') {
    if (pem.type !== 'private') throw new PkiError('PKI_PRIVATE_KEY_INVALID', 'expected a private key');
    return pem;
  }
  if (pem.length > limits.privateKeyBytes) {
    throw new PkiError(
      'PKI_TOO_LARGE',
      `private key is ${pem.length} bytes, over the limit of ${limits.privateKeyBytes}`,
    );
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(pem)) {
    throw new PkiError(
      'PKI_PRIVATE_KEY_INVALID',
      'private key must be an unencrypted PEM "PRIVATE KEY" block',
    );
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    // The cause from OpenSSL names the parse failure only, never key bytes.
    throw new PkiError('PKI_PRIVATE_KEY_INVALID', 'private key could not be read (corrupted PEM)', { cause });
  }
}

/** Describes a DER SubjectPublicKeyInfo; unsupported algorithms throw `PKI_KEY_UNSUPPORTED`. */
export function describePublicKey(spki: Uint8Array): PublicKeyDescription {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new PkiError(
      'PKI_KEY_UNSUPPORTED',
      'public key is malformed or uses an unknown algorithm or curve',
      { cause },
    );
  }
  return describeKeyObject(key);
}

/** Describes a key object (public or private). */
export function describeKeyObject(key: KeyObject): PublicKeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return { kind: 'rsa', bits, label: `rsa-${bits}` };
  }
  if (key.asymmetricKeyType === 'ec') {
    const named = curves[(details.namedCurve ?? '') as keyof typeof curves];
    if (named === undefined) {
      throw new PkiError(
        'PKI_KEY_UNSUPPORTED',
        `elliptic curve ${details.namedCurve ?? '(explicit parameters)'} is not supported; use P-256, P-384 or P-521`,
      );
    }
    return {
      kind: 'ec',
      bits: named.bits,
      curve: named.curve,
      label: `ecdsa-${named.curve.toLowerCase().replace('-', '')}`,
    };
  }
  throw new PkiError(
    'PKI_KEY_UNSUPPORTED',
    `public key algorithm ${key.asymmetricKeyType ?? 'unknown'} is not supported; use RSA (2048 bits or more) or ECDSA`,
  );
}

/** Refuses keys too weak for a client or CA certificate: RSA below 2048 or above 16384 bits. */
export function assertAcceptableKey(description: PublicKeyDescription, what: string): void {
  if (description.kind === 'rsa' && (description.bits < 2048 || description.bits > 16384)) {
    throw new PkiError(
      'PKI_KEY_UNSUPPORTED',
      `${what} has an RSA key of ${description.bits} bits; at least 2048 (and at most 16384) are required`,
    );
  }
}

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const namedCurveOids: Readonly<Record<string, { curve: 'P-256' | 'P-384' | 'P-521'; bits: number }>> = {
  '1.2.840.10045.3.1.7': { curve: 'P-256', bits: 256 },
  '1.3.132.0.34': { curve: 'P-384', bits: 384 },
  '1.3.132.0.35': { curve: 'P-521', bits: 521 },
};
// Names for the refusal message only.
const otherCurveNames: Readonly<Record<string, string>> = {
  '1.3.132.0.10': 'secp256k1',
  '1.2.840.10045.3.1.1': 'P-192',
  '1.3.132.0.33': 'P-224',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
};
const otherKeyNames: Readonly<Record<string, string>> = {
  '1.3.101.112': 'ed25519',
  '1.3.101.113': 'ed448',
  '1.2.840.113549.1.1.10': 'rsa-pss',
  '1.2.840.10040.4.1': 'dsa',
};
registerOids([
  RSA_ENCRYPTION,
  EC_PUBLIC_KEY,
  ...Object.keys(namedCurveOids),
  ...Object.keys(otherCurveNames),
  ...Object.keys(otherKeyNames),
]);

/**
 * Describes a DER SubjectPublicKeyInfo from its structure alone (algorithm, curve, modulus size),
 * without asking OpenSSL to decode the key (slow in OpenSSL 3). For reporting; anything that must
 * trust the key (verifying a signature) goes through Node's crypto.
 */
export function describeSpki(spki: Uint8Array): PublicKeyDescription {
  const root = readTlv(spki, 0, spki.length, 'public key');
  const [alg, bits] = readChildren(spki, root, 'public key');
  if (root.tag !== 0x30 || alg?.tag !== 0x30 || bits?.tag !== 0x03)
    throw new PkiError('PKI_KEY_UNSUPPORTED', 'public key is malformed');
  const [id, params] = readChildren(spki, alg, 'public key algorithm');
  if (id?.tag !== 0x06) throw new PkiError('PKI_KEY_UNSUPPORTED', 'public key is malformed');
  const algorithmOid = oidFromTlv(spki.subarray(id.start, id.end), 'public key algorithm');
  if (algorithmOid === RSA_ENCRYPTION) {
    // subjectPublicKey = RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
    const inner = spki.subarray(bits.contentStart + 1, bits.end);
    const seq = readTlv(inner, 0, inner.length, 'rsa public key');
    const modulus = readChildren(inner, seq, 'rsa public key')[0];
    if (modulus?.tag !== 0x02) throw new PkiError('PKI_KEY_UNSUPPORTED', 'rsa public key is malformed');
    let start = modulus.contentStart;
    while (start < modulus.end && inner[start] === 0) start++;
    const first = inner[start] ?? 0;
    const size = (modulus.end - start) * 8 - (first === 0 ? 8 : Math.clz32(first) - 24);
    return { kind: 'rsa', bits: size, label: `rsa-${size}` };
  }
  if (algorithmOid === EC_PUBLIC_KEY) {
    const curveOid =
      params?.tag === 0x06
        ? oidFromTlv(spki.subarray(params.start, params.end), 'curve')
        : '(explicit parameters)';
    const named = namedCurveOids[curveOid];
    if (named)
      return {
        kind: 'ec',
        bits: named.bits,
        curve: named.curve,
        label: `ecdsa-${named.curve.toLowerCase().replace('-', '')}`,
      };
    throw new PkiError(
      'PKI_KEY_UNSUPPORTED',
      `elliptic curve ${otherCurveNames[curveOid] ?? curveOid} is not supported; use P-256, P-384 or P-521`,
    );
  }
  const name = otherKeyNames[algorithmOid];
  throw new PkiError(
    'PKI_KEY_UNSUPPORTED',
    `public key algorithm ${name ?? algorithmOid} is not supported; use RSA (2048 bits or more) or ECDSA`,
  );
}
