// Key identifiers: computing a SKI (RFC 5280 §4.2.1.2 method 1) and reading SKI / AKI extensions.
import { createHash } from 'node:crypto';
import { bitStringBytes, children, decodeDer, isContext, octetStringBytes } from './asn1.js';
import { extensionOids, findExtension, type ParsedCertificate } from './certificate.js';

/** SHA-1 of the subjectPublicKey BIT STRING content, as OpenSSL's `subjectKeyIdentifier=hash`. */
export function computeSki(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

/** The certificate's SubjectKeyIdentifier, or null when absent. */
export function readSki(cert: ParsedCertificate): Uint8Array | null {
  const ext = findExtension(cert, extensionOids.subjectKeyIdentifier);
  return ext === undefined ? null : octetStringBytes(decodeDer(ext.value, 'subject key identifier'), 'subject key identifier');
}

/** The keyIdentifier of the AuthorityKeyIdentifier (= the issuer's SKI), or null when absent. */
export function readAkiKeyId(cert: ParsedCertificate): Uint8Array | null {
  const ext = findExtension(cert, extensionOids.authorityKeyIdentifier);
  if (ext === undefined) return null;
  const first = children(decodeDer(ext.value, 'authority key identifier'), 'authority key identifier')[0];
  if (first === undefined || !isContext(first, 0)) return null;
  return (first as unknown as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView;
}

/** The subjectPublicKey bits of a DER SubjectPublicKeyInfo. */
export function spkiPublicKeyBits(spki: Uint8Array): Uint8Array {
  const [, bits] = children(decodeDer(spki, 'public key'), 'public key', 2);
  return bitStringBytes(bits, 'public key');
}
