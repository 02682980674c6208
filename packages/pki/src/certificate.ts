// A parsed X.509 certificate: the fields we need, with the raw bytes (TBS, names, key) kept for
// signature checks and exact DN formatting. The edge parses one per TLS connection, so the framing
// is walked with der-reader (no object per node) and only small primitives go through asn1js.
import * as asn1js from 'asn1js';
import { signatureAlgorithmByOid, type SignatureAlgorithm } from './algorithms.js';
import { children, decodeDer } from './asn1.js';
import { derTags, readChildren, readTlv, type Tlv } from './der-reader.js';
import { PkiError } from './errors.js';
import { limits } from './limits.js';
import { oidFromTlv, registerOids } from './oid.js';
import { toDer } from './pem.js';
import { parseDerTime } from './time.js';

/** One extension: OID, criticality, and the DER inside its OCTET STRING. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** The parts of a certificate Portcullis reads. All byte arrays are views into `der`. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** Raw TBSCertificate, the signed bytes. */
  readonly tbs: Uint8Array;
  /** 1, 2 or 3. */
  readonly version: number;
  /** INTEGER content octets of the serial (two's complement). */
  readonly serial: Uint8Array;
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo. */
  readonly spki: Uint8Array;
  /** The subjectPublicKey BIT STRING content (input of the RFC 5280 method-1 SKI). */
  readonly publicKeyBits: Uint8Array;
  readonly extensions: readonly RawExtension[];
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly signature: Uint8Array;
}

/** OIDs of the extensions we read. */
export const extensionOids = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
} as const;
registerOids(Object.values(extensionOids));

/** Parses a certificate from PEM text or DER bytes. */
export function parseCertificate(input: string | Uint8Array, what = 'certificate'): ParsedCertificate {
  const der = toDer(input, ['CERTIFICATE'], limits.certificateBytes, what);
  return parseCertificateDer(der, what);
}

/** @internal The TLV, which must exist and carry `tag`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined || tlv.tag !== tag)
    throw new PkiError('PKI_DER_INVALID', `${what} is missing or malformed`);
  return tlv;
}

/** @internal The bytes of a BIT STRING TLV with no unused bits. */
export function bitString(der: Uint8Array, tlv: Tlv | undefined, what: string): Uint8Array {
  const bits = expectTag(tlv, 0x03, what);
  if (bits.contentStart === bits.end || der[bits.contentStart] !== 0)
    throw new PkiError('PKI_DER_INVALID', `${what} has unused bits`);
  return der.subarray(bits.contentStart + 1, bits.end);
}

/** @internal The signature AlgorithmIdentifier in `tlv`. */
export function algorithm(der: Uint8Array, tlv: Tlv | undefined, what: string): SignatureAlgorithm {
  const seq = expectTag(tlv, derTags.sequence, what);
  const id = expectTag(readChildren(der, seq, what)[0], 0x06, `${what} id`);
  return signatureAlgorithmByOid(oidFromTlv(der.subarray(id.start, id.end), what));
}

/** Parses certificate DER (no size check; the caller bounded it). */
export function parseCertificateDer(der: Uint8Array, what = 'certificate'): ParsedCertificate {
  const root = readTlv(der, 0, der.length, what);
  if (root.tag !== derTags.sequence || root.end !== der.length)
    throw new PkiError('PKI_DER_INVALID', `${what} is not a single DER sequence`);
  const [tbsTlv, algTlv, sigTlv, ...rest] = readChildren(der, root, what);
  if (rest.length > 0) throw new PkiError('PKI_DER_INVALID', `${what} has trailing elements`);
  const tbs = expectTag(tbsTlv, derTags.sequence, `${what} TBSCertificate`);
  const parts = readChildren(der, tbs, `${what} TBSCertificate`);
  let index = 0;
  let version = 1;
  if (parts[0]?.tag === derTags.context0) {
    const inner = expectTag(
      readChildren(der, parts[0], `${what} version`)[0],
      derTags.integer,
      `${what} version`,
    );
    version = inner.end - inner.contentStart === 1 ? (der[inner.contentStart] as number) + 1 : 0;
    index = 1;
  }
  if (version < 1 || version > 3) throw new PkiError('PKI_DER_INVALID', `${what} has an unknown version`);
  const serialTlv = expectTag(parts[index], derTags.integer, `${what} serial number`);
  if (serialTlv.end === serialTlv.contentStart)
    throw new PkiError('PKI_DER_INVALID', `${what} serial number is empty`);
  const innerAlg = algorithm(der, parts[index + 1], `${what} TBS signature algorithm`);
  const issuer = expectTag(parts[index + 2], derTags.sequence, `${what} issuer`);
  const validity = readChildren(
    der,
    expectTag(parts[index + 3], derTags.sequence, `${what} validity`),
    `${what} validity`,
  );
  const subject = expectTag(parts[index + 4], derTags.sequence, `${what} subject`);
  const spki = expectTag(parts[index + 5], derTags.sequence, `${what} subject public key info`);
  const [spkiAlg, spkiBits] = readChildren(der, spki, `${what} subject public key info`);
  expectTag(spkiAlg, derTags.sequence, `${what} public key algorithm`);
  const dateOf = (tlv: Tlv | undefined, label: string): Date => {
    if (tlv === undefined || (tlv.tag !== derTags.utcTime && tlv.tag !== derTags.generalizedTime))
      throw new PkiError('PKI_DER_INVALID', `${what} ${label} is not a time`);
    const date = parseDerTime(tlv.tag, der.subarray(tlv.contentStart, tlv.end));
    if (date === null) throw new PkiError('PKI_DER_INVALID', `${what} ${label} is not a valid time`);
    return date;
  };
  const extensions: RawExtension[] = [];
  for (const extra of parts.slice(index + 6)) {
    if (extra.tag !== 0xa3) continue; // issuer/subject unique IDs ([1], [2]) are ignored
    const list = expectTag(
      readChildren(der, extra, `${what} extensions`)[0],
      derTags.sequence,
      `${what} extensions`,
    );
    for (const ext of readChildren(der, list, `${what} extensions`)) {
      const fields = readChildren(
        der,
        expectTag(ext, derTags.sequence, `${what} extension`),
        `${what} extension`,
      );
      const id = expectTag(fields[0], 0x06, `${what} extension id`);
      let critical = false;
      if (fields.length === 3) {
        const flag = expectTag(fields[1], 0x01, `${what} extension critical flag`);
        critical = flag.end - flag.contentStart === 1 && der[flag.contentStart] !== 0;
      } else if (fields.length !== 2) throw new PkiError('PKI_DER_INVALID', `${what} extension is malformed`);
      const value = expectTag(fields[fields.length - 1], 0x04, `${what} extension value`);
      extensions.push({
        oid: oidFromTlv(der.subarray(id.start, id.end), `${what} extension id`),
        critical,
        value: der.subarray(value.contentStart, value.end),
      });
    }
  }
  const signatureAlgorithm = algorithm(der, algTlv, `${what} signature algorithm`);
  if (innerAlg.oid !== signatureAlgorithm.oid)
    throw new PkiError('PKI_DER_INVALID', `${what} has mismatched inner and outer signature algorithms`);
  return {
    der,
    tbs: der.subarray(tbs.start, tbs.end),
    version,
    serial: der.subarray(serialTlv.contentStart, serialTlv.end),
    issuerDer: der.subarray(issuer.start, issuer.end),
    subjectDer: der.subarray(subject.start, subject.end),
    notBefore: dateOf(validity[0], 'notBefore'),
    notAfter: dateOf(validity[1], 'notAfter'),
    spki: der.subarray(spki.start, spki.end),
    publicKeyBits: bitString(der, spkiBits, `${what} public key`),
    extensions,
    signatureAlgorithm,
    signature: bitString(der, sigTlv, `${what} signature`),
  };
}

/** The extension with `extensionOid`, if present. */
export function findExtension(
  cert: { extensions: readonly RawExtension[] },
  extensionOid: string,
): RawExtension | undefined {
  return cert.extensions.find((ext) => ext.oid === extensionOid);
}

/** Basic constraints of a certificate: `{ ca, pathLen }`, or null when the extension is absent. */
export function basicConstraints(cert: ParsedCertificate): { ca: boolean; pathLen?: number } | null {
  const ext = findExtension(cert, extensionOids.basicConstraints);
  if (ext === undefined) return null;
  const parts = children(decodeDer(ext.value, 'basic constraints'), 'basic constraints');
  let ca = false;
  let pathLen: number | undefined;
  for (const part of parts) {
    if (part instanceof asn1js.Boolean) ca = part.valueBlock.value;
    else if (part instanceof asn1js.Integer) pathLen = Number(part.toBigInt());
  }
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

/** Key usage bits by name (RFC 5280 order), or null when the extension is absent. */
export function keyUsage(cert: ParsedCertificate): ReadonlySet<KeyUsageName> | null {
  const ext = findExtension(cert, extensionOids.keyUsage);
  if (ext === undefined) return null;
  const node = decodeDer(ext.value, 'key usage');
  if (!(node instanceof asn1js.BitString))
    throw new PkiError('PKI_DER_INVALID', 'key usage is not a bit string');
  const bytes = node.valueBlock.valueHexView;
  const used = new Set<KeyUsageName>();
  keyUsageNames.forEach((name, bit) => {
    const byte = bytes[bit >> 3] ?? 0;
    if (byte & (0x80 >> (bit & 7))) used.add(name);
  });
  return used;
}

/** Key usage names in bit order. */
export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** A key usage name. */
export type KeyUsageName = (typeof keyUsageNames)[number];
