// The Signer interface: everything that signs (certificates, CRLs, CSRs) goes through it, so a key
// file today can be an HSM or a cloud KMS later.
import { createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithmName } from './algorithms.js';
import { hashOf } from './algorithms.js';
import { PkiError } from './errors.js';
import { assertAcceptableKey, describeKeyObject, readPrivateKey, spkiOf } from './keys.js';

/**
 * Something that signs with a CA (or CSR) key. Implementations: {@link createKeySigner} for a key in
 * memory; an HSM adapter implements the same three members.
 */
export interface Signer {
  /** The signature algorithm this signer produces. */
  readonly algorithm: SignatureAlgorithmName;
  /** DER SubjectPublicKeyInfo of the signing key (checked against the CA certificate). */
  readonly publicKey: Uint8Array;
  /** Signs `data`; ECDSA signatures are DER `Ecdsa-Sig-Value`, as X.509 wants them. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A {@link Signer} over a private key held in memory (PEM or KeyObject): ECDSA P-256 signs with
 * SHA-256, P-384 with SHA-384, P-521 with SHA-512, RSA with SHA-256 (PKCS#1 v1.5). Signing runs
 * on libuv's thread pool.
 */
export function createKeySigner(privateKey: string | KeyObject): Signer {
  const key = readPrivateKey(privateKey);
  const description = describeKeyObject(key);
  assertAcceptableKey(description, 'signing key');
  const algorithm: SignatureAlgorithmName =
    description.kind === 'rsa'
      ? 'SHA256WithRSA'
      : description.curve === 'P-384'
        ? 'ECDSAWithSHA384'
        : description.curve === 'P-521'
          ? 'ECDSAWithSHA512'
          : 'ECDSAWithSHA256';
  const hash = hashOf(algorithm) ?? 'sha256';
  const publicKey = spkiOf(createPublicKey(key));
  return {
    algorithm,
    publicKey,
    sign: (data) =>
      new Promise((resolve, reject) => {
        nodeSign(hash, data, { key, dsaEncoding: 'der' }, (error, signature) => {
          if (error) reject(new PkiError('PKI_PRIVATE_KEY_INVALID', 'signing failed', { cause: error }));
          else resolve(new Uint8Array(signature));
        });
      }),
  };
}
