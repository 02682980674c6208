// Key identifiers: computing a SKI (RFC 5280 §4.2.1.2 method 1) and reading SKI / AKI extensions.
import { createHash } from 'node:crypto';
import { bitStringBytes, children, decodeDer } from './asn1.js';
import { derTags, readChildren, readTlv } from './der-reader.js';
import { PkiError } from './errors.js';
import { extensionOids, findExtension, type ParsedCertificate } from './certificate.js';

/** SHA-1 of the subjectPublicKey BIT STRING content, as OpenSSL's `subjectKeyIdentifier=hash`. */
export function computeSki(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

/** The certificate's SubjectKeyIdentifier (KeyIdentifier ::= OCTET STRING), or null when absent. */
export function readSki(cert: ParsedCertificate): Uint8Array | null {
  const ext = findExtension(cert, extensionOids.subjectKeyIdentifier);
  if (ext === undefined) return null;
  const octets = readTlv(ext.value, 0, ext.value.length, 'subject key identifier');
  if (octets.tag !== 0x04 || octets.end !== ext.value.length)
    throw new PkiError('PKI_DER_INVALID', 'subject key identifier is not an octet string');
  return ext.value.subarray(octets.contentStart, octets.end);
}

/** The keyIdentifier (`[0] IMPLICIT OCTET STRING`) of the AuthorityKeyIdentifier (= the issuer's SKI), or null. */
export function readAkiKeyId(cert: ParsedCertificate): Uint8Array | null {
  const ext = findExtension(cert, extensionOids.authorityKeyIdentifier);
  if (ext === undefined) return null;
  const seq = readTlv(ext.value, 0, ext.value.length, 'authority key identifier');
  if (seq.tag !== derTags.sequence || seq.end !== ext.value.length)
    throw new PkiError('PKI_DER_INVALID', 'authority key identifier is not a sequence');
  const first = readChildren(ext.value, seq, 'authority key identifier')[0];
  return first !== undefined && first.tag === 0x80 ? ext.value.subarray(first.contentStart, first.end) : null;
}

/** The subjectPublicKey bits of a DER SubjectPublicKeyInfo. */
export function spkiPublicKeyBits(spki: Uint8Array): Uint8Array {
  const [, bits] = children(decodeDer(spki, 'public key'), 'public key', 2);
  return bitStringBytes(bits, 'public key');
}
