// Signature verification with Node's crypto: a signature algorithm, signed bytes and a public key.
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from './algorithms.js';

/** A public key object from DER SPKI, or null when Node cannot read it. */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject | null {
  try {
    return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/**
 * True when `signature` over `data` verifies under `spki` with `algorithm`. Never throws: an
 * algorithm and key that do not go together, or a malformed signature, is simply `false`.
 */
export function verifySignature(
  algorithm: SignatureAlgorithm,
  data: Uint8Array,
  signature: Uint8Array,
  spki: Uint8Array | KeyObject,
): boolean {
  const key = spki instanceof Uint8Array ? publicKeyFromSpki(spki) : spki;
  if (key === null) return false;
  const kind = key.asymmetricKeyType;
  const matches =
    (algorithm.family === 'rsa' && kind === 'rsa') ||
    (algorithm.family === 'ecdsa' && kind === 'ec') ||
    (algorithm.family === 'ed25519' && kind === 'ed25519');
  if (!matches) return false;
  try {
    return nodeVerify(algorithm.hash, data, kind === 'ec' ? { key, dsaEncoding: 'der' } : key, signature);
  } catch {
    return false;
  }
}
