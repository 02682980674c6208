// Parsing a CRL (uploaded, or fetched for an uploaded CA) and verifying it against its issuer.
import { byoCaSignatureAlgorithms, readSignatureAlgorithm } from './algorithms.js';
import {
  bitStringBytes,
  children,
  decodeDer,
  explicitInner,
  integerBytes,
  isContext,
  isTrue,
  octetStringBytes,
  oid,
  time,
  type Node,
} from './asn1.js';
import { derTags, readChildren, readTlv, type Tlv } from './der-reader.js';
import { extensionOids, keyUsage, parseCertificate } from './certificate.js';
import { formatRfc2253, readName } from './dn.js';
import { PkiError } from './errors.js';
import { hexLower } from './hex.js';
import { limits } from './limits.js';
import { toDer } from './pem.js';
import { integerValue, serialToHex } from './serial.js';
import { verifySignature } from './verify.js';

/** A parsed CRL. */
export interface ParsedCrl {
  /** Issuer DN, RFC 2253. */
  readonly issuerDn: string;
  readonly thisUpdate: Date;
  /** null when the CRL has no nextUpdate (RFC 5280 requires one; some CAs omit it). */
  readonly nextUpdate: Date | null;
  /** The cRLNumber extension, or null. */
  readonly crlNumber: bigint | null;
  /** The AKI keyIdentifier (lowercase hex), or null. */
  readonly authorityKeyId: string | null;
  /** Revoked serials in uppercase hex (as `cert_serial`). */
  readonly revokedSerials: Set<string>;
  /** True when the signature was verified against the issuer certificate given. */
  readonly verified: boolean;
}

// CRL extensions we understand; any other critical one makes the CRL unusable (RFC 5280 §5.2).
const understood = new Set<string>([
  extensionOids.authorityKeyIdentifier,
  extensionOids.cRLNumber,
  '2.5.29.18',
  '2.5.29.46',
]);

/**
 * Parses a CRL (PEM `X509 CRL` or DER). With `issuerCertificatePem` it also checks that the CRL's
 * issuer is that certificate's subject, that the certificate may sign CRLs, and that the signature
 * verifies; any failure throws, so `verified` is true exactly when an issuer was given.
 * Delta CRLs and CRLs with an issuingDistributionPoint (partial CRLs) are refused.
 * @throws PkiError `PKI_TOO_LARGE`, `PKI_PEM_INVALID`, `PKI_DER_INVALID`, `PKI_CRL_SIGNATURE_INVALID`,
 *   `PKI_SIGNATURE_ALGORITHM_UNSUPPORTED`
 */
export function parseCrl(pemOrDer: string | Uint8Array, issuerCertificatePem?: string): ParsedCrl {
  const der = toDer(pemOrDer, ['X509 CRL'], limits.crlBytes, 'crl');
  // Framing is walked by der-reader (a big CRL has millions of nodes); each small part is decoded by asn1js.
  const root = readTlv(der, 0, der.length, 'crl');
  if (root.tag !== derTags.sequence || root.end !== der.length)
    throw new PkiError('PKI_DER_INVALID', 'crl is not a single DER sequence');
  const [tbs, algTlv, sigTlv, ...extra] = readChildren(der, root, 'crl');
  if (
    tbs === undefined ||
    algTlv === undefined ||
    sigTlv === undefined ||
    extra.length > 0 ||
    tbs.tag !== derTags.sequence
  ) {
    throw new PkiError('PKI_DER_INVALID', 'crl must hold a TBSCertList, an algorithm and a signature');
  }
  const decode = (tlv: Tlv, what: string): Node => decodeDer(der.subarray(tlv.start, tlv.end), what);
  const parts = readChildren(der, tbs, 'crl TBSCertList');
  let i = 0;
  if (parts[0]?.tag === derTags.integer) {
    const version = integerValue(integerBytes(decode(parts[0], 'crl version'), 'crl version'));
    if (version !== 1n) throw new PkiError('PKI_DER_INVALID', `crl version ${version + 1n} is not supported`);
    i = 1;
  }
  const [algPart, issuerPart, thisPart] = [parts[i], parts[i + 1], parts[i + 2]];
  if (algPart === undefined || issuerPart === undefined || thisPart === undefined)
    throw new PkiError('PKI_DER_INVALID', 'crl TBSCertList is incomplete');
  const innerAlg = readSignatureAlgorithm(
    decode(algPart, 'crl signature algorithm'),
    'crl signature algorithm',
  );
  const issuerDer = der.subarray(issuerPart.start, issuerPart.end);
  const thisUpdate = time(decode(thisPart, 'crl thisUpdate'), 'crl thisUpdate');
  let j = i + 3;
  let nextUpdate: Date | null = null;
  const isTime = (tlv: Tlv | undefined): tlv is Tlv =>
    tlv?.tag === derTags.utcTime || tlv?.tag === derTags.generalizedTime;
  const maybeNext = parts[j];
  if (isTime(maybeNext)) {
    nextUpdate = time(decode(maybeNext, 'crl nextUpdate'), 'crl nextUpdate');
    j++;
  }
  const revokedSerials = new Set<string>();
  const revokedPart = parts[j];
  if (revokedPart?.tag === derTags.sequence) {
    for (let offset = revokedPart.contentStart; offset < revokedPart.end;) {
      const entry = readTlv(der, offset, revokedPart.end, 'crl entry');
      const serial = readTlv(der, entry.contentStart, entry.end, 'crl entry serial');
      if (
        entry.tag !== derTags.sequence ||
        serial.tag !== derTags.integer ||
        serial.end === serial.contentStart
      ) {
        throw new PkiError('PKI_DER_INVALID', 'crl entry must start with a serial number');
      }
      const date = readTlv(der, serial.end, entry.end, 'crl entry revocation date');
      if (!isTime(date)) throw new PkiError('PKI_DER_INVALID', 'crl entry has no revocation date');
      revokedSerials.add(serialToHex(der.subarray(serial.contentStart, serial.end)));
      offset = entry.end;
    }
    j++;
  }
  const extensionsPart = parts[j];
  if (extensionsPart !== undefined && extensionsPart.tag !== derTags.context0)
    throw new PkiError('PKI_DER_INVALID', 'crl TBSCertList has unexpected elements');
  if (parts.length > j + 1)
    throw new PkiError('PKI_DER_INVALID', 'crl TBSCertList has unexpected trailing elements');
  let crlNumber: bigint | null = null;
  let authorityKeyId: string | null = null;
  if (extensionsPart !== undefined) {
    for (const ext of children(
      explicitInner(decode(extensionsPart, 'crl extensions'), 'crl extensions'),
      'crl extensions',
    )) {
      const fields = children(ext, 'crl extension', 2);
      const extOid = oid(fields[0], 'crl extension id');
      const critical = fields.length === 3 && isTrue(fields[1]);
      const value = octetStringBytes(fields[fields.length - 1], 'crl extension value');
      if (extOid === '2.5.29.27')
        throw new PkiError('PKI_DER_INVALID', 'delta crls are not supported; upload the full crl');
      if (extOid === '2.5.29.28')
        throw new PkiError(
          'PKI_DER_INVALID',
          'partitioned crls (issuingDistributionPoint) are not supported; upload the full crl',
        );
      if (critical && !understood.has(extOid))
        throw new PkiError('PKI_DER_INVALID', `crl has an unsupported critical extension ${extOid}`);
      if (extOid === extensionOids.cRLNumber)
        crlNumber = integerValue(integerBytes(decodeDer(value, 'crl number'), 'crl number'));
      if (extOid === extensionOids.authorityKeyIdentifier) {
        const first = children(
          decodeDer(value, 'crl authority key identifier'),
          'crl authority key identifier',
        )[0];
        if (first !== undefined && isContext(first, 0))
          authorityKeyId = hexLower(
            (first as unknown as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView,
          );
      }
    }
  }
  const outerAlg = readSignatureAlgorithm(
    decode(algTlv, 'crl signature algorithm'),
    'crl signature algorithm',
  );
  if (outerAlg.oid !== innerAlg.oid)
    throw new PkiError('PKI_DER_INVALID', 'crl has mismatched inner and outer signature algorithms');
  let verified = false;
  if (issuerCertificatePem !== undefined) {
    if (!byoCaSignatureAlgorithms.includes(outerAlg.name)) {
      throw new PkiError(
        'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED',
        `crl is signed with ${outerAlg.name === 'Unknown' ? outerAlg.oid : outerAlg.name}, which is not accepted`,
      );
    }
    const issuer = parseCertificate(issuerCertificatePem, 'crl issuer certificate');
    if (Buffer.compare(issuer.subjectDer, issuerDer) !== 0) {
      throw new PkiError(
        'PKI_CRL_SIGNATURE_INVALID',
        `crl was issued by "${formatRfc2253(readName(issuerDer))}", not by the given ca`,
      );
    }
    if (keyUsage(issuer)?.has('cRLSign') === false)
      throw new PkiError('PKI_CRL_SIGNATURE_INVALID', 'the ca certificate may not sign crls (no cRLSign)');
    if (
      !verifySignature(
        outerAlg,
        der.subarray(tbs.start, tbs.end),
        bitStringBytes(decode(sigTlv, 'crl signature'), 'crl signature'),
        issuer.spki,
      )
    ) {
      throw new PkiError('PKI_CRL_SIGNATURE_INVALID', 'crl signature does not verify with the ca public key');
    }
    verified = true;
  }
  return {
    issuerDn: formatRfc2253(readName(issuerDer, 'crl issuer')),
    thisUpdate,
    nextUpdate,
    crlNumber,
    authorityKeyId,
    revokedSerials,
    verified,
  };
}
