// Parsing a CRL (uploaded, or fetched for an uploaded CA) and verifying it against its issuer.
import * as asn1js from 'asn1js';
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
  rawBytes,
  time,
  type Node,
} from './asn1.js';
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
const understood = new Set<string>([extensionOids.authorityKeyIdentifier, extensionOids.cRLNumber, '2.5.29.18', '2.5.29.46']);

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
  const [tbsNode, algNode, sigNode] = children(decodeDer(der, 'crl'), 'crl', 3);
  const parts = children(tbsNode, 'crl TBSCertList', 3);
  let i = 0;
  if (parts[0] instanceof asn1js.Integer) {
    const version = integerValue(integerBytes(parts[0], 'crl version'));
    if (version !== 1n) throw new PkiError('PKI_DER_INVALID', `crl version ${version + 1n} is not supported`);
    i = 1;
  }
  const innerAlg = readSignatureAlgorithm(parts[i] as Node, 'crl signature algorithm');
  const issuerNode = parts[i + 1] as Node;
  const issuerDer = rawBytes(issuerNode);
  const thisUpdate = time(parts[i + 2], 'crl thisUpdate');
  let j = i + 3;
  let nextUpdate: Date | null = null;
  if (parts[j] instanceof asn1js.UTCTime || parts[j] instanceof asn1js.GeneralizedTime) nextUpdate = time(parts[j++], 'crl nextUpdate');
  const revokedSerials = new Set<string>();
  if (parts[j] instanceof asn1js.Sequence) {
    for (const entry of children(parts[j++], 'crl revoked certificates')) {
      const [serialNode] = children(entry, 'crl entry', 2);
      revokedSerials.add(serialToHex(integerBytes(serialNode, 'crl entry serial')));
    }
  }
  let crlNumber: bigint | null = null;
  let authorityKeyId: string | null = null;
  if (isContext(parts[j], 0)) {
    for (const ext of children(explicitInner(parts[j] as Node, 'crl extensions'), 'crl extensions')) {
      const fields = children(ext, 'crl extension', 2);
      const extOid = oid(fields[0], 'crl extension id');
      const critical = fields.length === 3 && isTrue(fields[1]);
      const value = octetStringBytes(fields[fields.length - 1], 'crl extension value');
      if (extOid === '2.5.29.27') throw new PkiError('PKI_DER_INVALID', 'delta crls are not supported; upload the full crl');
      if (extOid === '2.5.29.28') throw new PkiError('PKI_DER_INVALID', 'partitioned crls (issuingDistributionPoint) are not supported; upload the full crl');
      if (critical && !understood.has(extOid)) throw new PkiError('PKI_DER_INVALID', `crl has an unsupported critical extension ${extOid}`);
      if (extOid === extensionOids.cRLNumber) crlNumber = integerValue(integerBytes(decodeDer(value, 'crl number'), 'crl number'));
      if (extOid === extensionOids.authorityKeyIdentifier) {
        const first = children(decodeDer(value, 'crl authority key identifier'), 'crl authority key identifier')[0];
        if (first !== undefined && isContext(first, 0)) authorityKeyId = hexLower((first as unknown as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView);
      }
    }
  }
  const outerAlg = readSignatureAlgorithm(algNode as Node, 'crl signature algorithm');
  if (outerAlg.oid !== innerAlg.oid) throw new PkiError('PKI_DER_INVALID', 'crl has mismatched inner and outer signature algorithms');
  let verified = false;
  if (issuerCertificatePem !== undefined) {
    if (!byoCaSignatureAlgorithms.includes(outerAlg.name)) {
      throw new PkiError('PKI_SIGNATURE_ALGORITHM_UNSUPPORTED', `crl is signed with ${outerAlg.name === 'Unknown' ? outerAlg.oid : outerAlg.name}, which is not accepted`);
    }
    const issuer = parseCertificate(issuerCertificatePem, 'crl issuer certificate');
    if (Buffer.compare(issuer.subjectDer, issuerDer) !== 0) {
      throw new PkiError('PKI_CRL_SIGNATURE_INVALID', `crl was issued by "${formatRfc2253(readName(issuerDer))}", not by the given ca`);
    }
    if (keyUsage(issuer)?.has('cRLSign') === false) throw new PkiError('PKI_CRL_SIGNATURE_INVALID', 'the ca certificate may not sign crls (no cRLSign)');
    if (!verifySignature(outerAlg, rawBytes(tbsNode as Node), bitStringBytes(sigNode, 'crl signature'), issuer.spki)) {
      throw new PkiError('PKI_CRL_SIGNATURE_INVALID', 'crl signature does not verify with the ca public key');
    }
    verified = true;
  }
  return { issuerDn: formatRfc2253(readName(issuerDer, 'crl issuer')), thisUpdate, nextUpdate, crlNumber, authorityKeyId, revokedSerials, verified };
}
