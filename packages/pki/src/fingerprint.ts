// Certificate fingerprints: the hash of the whole DER, lowercase hex, as cert_fingerprint_sha256/sha1.
import { createHash } from 'node:crypto';
import { hexLower } from './hex.js';

/** SHA-256 fingerprint of DER, lowercase hex without colons. */
export function fingerprintSha256(der: Uint8Array): string {
  return hexLower(createHash('sha256').update(der).digest());
}

/** SHA-1 fingerprint of DER, lowercase hex without colons. */
export function fingerprintSha1(der: Uint8Array): string {
  return hexLower(createHash('sha1').update(der).digest());
}
