// A parsed X.509 certificate: the fields we need, with the raw bytes (TBS, names, key) kept for
// signature checks and exact DN formatting. Parsing is done once by asn1js; extensions on demand.
import * as asn1js from 'asn1js';
import { readSignatureAlgorithm, type SignatureAlgorithm } from './algorithms.js';
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
  smallInteger,
  time,
  type Node,
} from './asn1.js';
import { PkiError } from './errors.js';
import { limits } from './limits.js';
import { toDer } from './pem.js';

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
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
} as const;

/** Parses a certificate from PEM text or DER bytes. */
export function parseCertificate(input: string | Uint8Array, what = 'certificate'): ParsedCertificate {
  const der = toDer(input, ['CERTIFICATE'], limits.certificateBytes, what);
  return parseCertificateDer(der, what);
}

/** Parses certificate DER (no size check; the caller bounded it). */
export function parseCertificateDer(der: Uint8Array, what = 'certificate'): ParsedCertificate {
  const root = decodeDer(der, what);
  const [tbsNode, algNode, sigNode] = children(root, what, 3);
  const tbsParts = children(tbsNode, `${what} TBSCertificate`, 6);
  let index = 0;
  let version = 1;
  if (isContext(tbsParts[0], 0)) {
    version = smallInteger(explicitInner(tbsParts[0] as Node, `${what} version`), `${what} version`) + 1;
    index = 1;
  }
  if (version < 1 || version > 3) throw new PkiError('PKI_DER_INVALID', `${what} has unknown version ${version}`);
  const serial = integerBytes(tbsParts[index], `${what} serial number`);
  const innerAlg = tbsParts[index + 1];
  const issuer = tbsParts[index + 2];
  const validity = children(tbsParts[index + 3], `${what} validity`, 2);
  const subject = tbsParts[index + 4];
  const spkiNode = tbsParts[index + 5];
  if (innerAlg === undefined || issuer === undefined || subject === undefined || spkiNode === undefined) {
    throw new PkiError('PKI_DER_INVALID', `${what} TBSCertificate is incomplete`);
  }
  children(issuer, `${what} issuer`);
  children(subject, `${what} subject`);
  const [, keyBits] = children(spkiNode, `${what} subject public key info`, 2);
  const extensions: RawExtension[] = [];
  for (const extra of tbsParts.slice(index + 6)) {
    if (!isContext(extra, 3)) continue; // issuer/subject unique IDs ([1], [2]) are ignored
    for (const ext of children(explicitInner(extra, `${what} extensions`), `${what} extensions`)) {
      const parts = children(ext, `${what} extension`, 2);
      const critical = parts.length === 3 && isTrue(parts[1]);
      if (parts.length === 3 && !(parts[1] instanceof asn1js.Boolean)) {
        throw new PkiError('PKI_DER_INVALID', `${what} extension has a malformed critical flag`);
      }
      extensions.push({
        oid: oid(parts[0], `${what} extension id`),
        critical,
        value: octetStringBytes(parts[parts.length - 1], `${what} extension value`),
      });
    }
  }
  const signatureAlgorithm = readSignatureAlgorithm(algNode as Node, `${what} signature algorithm`);
  const inner = readSignatureAlgorithm(innerAlg, `${what} TBS signature algorithm`);
  if (inner.oid !== signatureAlgorithm.oid) {
    throw new PkiError('PKI_DER_INVALID', `${what} has mismatched inner and outer signature algorithms`);
  }
  return {
    der,
    tbs: rawBytes(tbsNode as Node),
    version,
    serial,
    issuerDer: rawBytes(issuer),
    subjectDer: rawBytes(subject),
    notBefore: time(validity[0], `${what} notBefore`),
    notAfter: time(validity[1], `${what} notAfter`),
    spki: rawBytes(spkiNode),
    publicKeyBits: bitStringBytes(keyBits, `${what} public key`),
    extensions,
    signatureAlgorithm,
    signature: bitStringBytes(sigNode, `${what} signature`),
  };
}

/** The extension with `extensionOid`, if present. */
export function findExtension(cert: { extensions: readonly RawExtension[] }, extensionOid: string): RawExtension | undefined {
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
  if (!(node instanceof asn1js.BitString)) throw new PkiError('PKI_DER_INVALID', 'key usage is not a bit string');
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
