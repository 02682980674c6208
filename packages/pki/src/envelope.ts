// Envelope encryption of secrets at rest (CA private keys): AES-256-GCM under a 32-byte master key,
// in a versioned text form that names the key it was sealed with, so keys can be rotated.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { PkiError } from './errors.js';
import { limits } from './limits.js';
import type { RandomSource } from './serial.js';

const PREFIX = 'pcenv1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkKey(masterKey: Uint8Array): void {
  if (!(masterKey instanceof Uint8Array) || masterKey.byteLength !== 32) {
    throw new PkiError(
      'PKI_MASTER_KEY_INVALID',
      `master key must be 32 bytes, got ${masterKey instanceof Uint8Array ? masterKey.byteLength : typeof masterKey}`,
    );
  }
}

/**
 * The identifier of a master key as written in envelopes: the first 8 bytes (16 hex digits) of
 * SHA-256("portcullis envelope key id" ‖ key). It reveals nothing useful about the key.
 */
export function masterKeyId(masterKey: Uint8Array): string {
  checkKey(masterKey);
  return createHash('sha256')
    .update('portcullis envelope key id\0')
    .update(masterKey)
    .digest('hex')
    .slice(0, 16);
}

/** The key id an envelope was sealed with (to pick the right key during rotation), or null if not an envelope. */
export function envelopeKeyId(envelope: string): string | null {
  const parts = typeof envelope === 'string' ? envelope.split('.') : [];
  return parts.length === 5 && parts[0] === PREFIX && /^[0-9a-f]{16}$/.test(parts[1] ?? '')
    ? (parts[1] as string)
    : null;
}

/** Options of {@link sealSecret} and {@link openSecret}. */
export interface EnvelopeOptions {
  /**
   * What the secret belongs to (e.g. `managed-ca:<zone id>`): authenticated but not stored, so an
   * envelope copied to another record fails to open there. Give the same value to open it.
   */
  readonly context?: string;
}

function associatedData(keyId: string, context: string | undefined): Buffer {
  return Buffer.from(context === undefined ? `${PREFIX}.${keyId}` : `${PREFIX}.${keyId}\0${context}`);
}

/**
 * Seals `plaintext` under `masterKey`: `pcenv1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 * The version and key id are authenticated as associated data; a fresh 96-bit IV is drawn each time.
 * @example
 * const sealed = sealSecret(masterKey, ca.privateKeyPem); // store `sealed`, never the PEM
 */
export function sealSecret(
  masterKey: Uint8Array,
  plaintext: string,
  options: EnvelopeOptions & { random?: RandomSource } = {},
): string {
  checkKey(masterKey);
  if (typeof plaintext !== 'string') throw new PkiError('PKI_INVALID_ARGUMENT', 'plaintext must be a string');
  const keyId = masterKeyId(masterKey);
  const iv = options.random ? options.random(IV_BYTES) : new Uint8Array(randomBytes(IV_BYTES));
  if (iv.byteLength !== IV_BYTES)
    throw new PkiError('PKI_INVALID_ARGUMENT', 'random source returned the wrong number of bytes');
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, options.context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
  return [PREFIX, keyId, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
}

/**
 * Opens an envelope made by {@link sealSecret}. During key rotation pass every key still in use:
 * the one whose id the envelope names is used.
 * @throws PkiError `PKI_ENVELOPE_INVALID` when it is malformed, sealed under another key, sealed for
 *   another context, or altered.
 */
export function openSecret(
  masterKeys: Uint8Array | readonly Uint8Array[],
  envelope: string,
  options: EnvelopeOptions = {},
): string {
  const candidates = masterKeys instanceof Uint8Array ? [masterKeys] : masterKeys;
  if (candidates.length === 0) throw new PkiError('PKI_MASTER_KEY_INVALID', 'no master key given');
  candidates.forEach(checkKey);
  if (typeof envelope !== 'string' || envelope.length > limits.envelopeBytes) {
    throw new PkiError('PKI_ENVELOPE_INVALID', 'envelope is not a string of acceptable size');
  }
  const parts = envelope.trim().split('.');
  if (
    parts.length !== 5 ||
    parts[0] !== PREFIX ||
    parts.slice(1).some((part) => !/^[A-Za-z0-9_-]*$/.test(part))
  ) {
    throw new PkiError('PKI_ENVELOPE_INVALID', `envelope is not in the ${PREFIX} format`);
  }
  const [, keyId = '', ivText = '', ciphertextText = '', tagText = ''] = parts;
  const actual = Buffer.from(keyId);
  const masterKey = candidates.find((candidate) => {
    const expected = Buffer.from(masterKeyId(candidate));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
  if (masterKey === undefined) {
    throw new PkiError(
      'PKI_ENVELOPE_INVALID',
      `envelope was sealed with master key ${keyId}, not with a key given`,
    );
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
    throw new PkiError('PKI_ENVELOPE_INVALID', 'envelope has a malformed iv or tag');
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, options.context));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (cause) {
    throw new PkiError(
      'PKI_ENVELOPE_INVALID',
      'envelope failed authentication (altered, or sealed for another context)',
      { cause },
    );
  }
}
