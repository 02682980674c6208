// CertificateInfo: what the API stores and returns about a certificate, in Cloudflare's API formats.
import type { SignatureAlgorithmName } from './algorithms.js';
import { basicConstraints, parseCertificate, type ParsedCertificate } from './certificate.js';
import { formatRfc2253, readName, subjectFields, type SubjectFields } from './dn.js';
import { fingerprintSha1, fingerprintSha256 } from './fingerprint.js';
import { hexLower } from './hex.js';
import { describeSpki } from './keys.js';
import { serialToDecimal, serialToHex } from './serial.js';
import { readAkiKeyId, readSki, computeSki } from './ski.js';
import { encodePem } from './pem.js';

/** Facts about a certificate in the API's formats (CLOUDFLARE.md §1.2). */
export interface CertificateInfo {
  /** PEM of the certificate. */
  readonly certificatePem: string;
  /** Serial, uppercase hex (as `cert_serial`). */
  readonly serialHex: string;
  /** Serial in decimal (as the API's `serial_number`). */
  readonly serialDecimal: string;
  /** SubjectKeyIdentifier, lowercase hex (as the API's `ski`); computed from the key when the extension is absent. */
  readonly skiHex: string;
  /** AuthorityKeyIdentifier keyIdentifier, lowercase hex, or null. */
  readonly akiHex: string | null;
  readonly fingerprintSha256: string;
  readonly fingerprintSha1: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Cloudflare's subject fields ('' when absent). */
  readonly subject: SubjectFields;
  /** Issuer DN, RFC 2253 (OpenSSL's `-nameopt RFC2253`). */
  readonly issuerDn: string;
  /** Subject DN, RFC 2253. */
  readonly subjectDn: string;
  /** Signature algorithm in Cloudflare's spelling, e.g. 'ECDSAWithSHA256', 'SHA256WithRSA'. */
  readonly signatureAlgorithm: SignatureAlgorithmName;
  /** Public key, e.g. 'ecdsa-p256', 'rsa-2048' ('unknown' if unsupported). */
  readonly publicKeyAlgorithm: string;
  /** basicConstraints CA:TRUE. */
  readonly isCa: boolean;
  /** True when subject and issuer are the same name. */
  readonly selfIssued: boolean;
}

/** {@link CertificateInfo} of a parsed certificate. */
export function infoOf(cert: ParsedCertificate): CertificateInfo {
  const subjectAttributes = readName(cert.subjectDer, 'subject');
  const ski = readSki(cert) ?? computeSki(cert.publicKeyBits);
  const aki = readAkiKeyId(cert);
  let publicKeyAlgorithm = 'unknown';
  try {
    publicKeyAlgorithm = describeSpki(cert.spki).label;
  } catch {
    // An unsupported key is reported as 'unknown'; policy checks happen elsewhere.
  }
  return {
    certificatePem: encodePem('CERTIFICATE', cert.der),
    serialHex: serialToHex(cert.serial),
    serialDecimal: serialToDecimal(cert.serial),
    skiHex: hexLower(ski),
    akiHex: aki === null ? null : hexLower(aki),
    fingerprintSha256: fingerprintSha256(cert.der),
    fingerprintSha1: fingerprintSha1(cert.der),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    subject: subjectFields(subjectAttributes),
    issuerDn: formatRfc2253(readName(cert.issuerDer, 'issuer')),
    subjectDn: formatRfc2253(subjectAttributes),
    signatureAlgorithm: cert.signatureAlgorithm.name,
    publicKeyAlgorithm,
    isCa: basicConstraints(cert)?.ca === true,
    selfIssued: Buffer.compare(cert.issuerDer, cert.subjectDer) === 0,
  };
}

/**
 * Facts about a certificate (PEM or DER) in the API's formats.
 * @throws PkiError `PKI_PEM_INVALID`, `PKI_DER_INVALID`, `PKI_TOO_LARGE`
 * @example
 * const info = certificateInfo(pem);
 * info.serialDecimal; // '133270673305904147240315902291726509220894288063'
 */
export function certificateInfo(pemOrDer: string | Uint8Array): CertificateInfo {
  return infoOf(parseCertificate(pemOrDer));
}
