// Signature algorithm identifiers: OIDs, their Cloudflare (cfssl) names and the hash each one uses.
import * as asn1js from 'asn1js';
import { PkiError } from './errors.js';
import { children, oid, type Node } from './asn1.js';
import { registerOids } from './oid.js';

/**
 * Signature algorithm names as Cloudflare's API spells them (cfssl's `SignatureString`), e.g. the
 * `signature` field of a client certificate and the list of CLOUDFLARE.md §3.2.
 */
export type SignatureAlgorithmName =
  | 'MD5WithRSA'
  | 'SHA1WithRSA'
  | 'SHA256WithRSA'
  | 'SHA384WithRSA'
  | 'SHA512WithRSA'
  | 'SHA256WithRSAPSS'
  | 'ECDSAWithSHA1'
  | 'ECDSAWithSHA256'
  | 'ECDSAWithSHA384'
  | 'ECDSAWithSHA512'
  | 'Ed25519'
  | 'Unknown';

interface AlgorithmEntry {
  readonly name: SignatureAlgorithmName;
  /** Node's digest name for crypto.verify / crypto.sign; null for Ed25519 (no separate digest). */
  readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5' | null;
  readonly family: 'rsa' | 'ecdsa' | 'ed25519' | 'rsa-pss';
}

const byOid: ReadonlyMap<string, AlgorithmEntry> = new Map([
  ['1.2.840.113549.1.1.4', { name: 'MD5WithRSA', hash: 'md5', family: 'rsa' }],
  ['1.2.840.113549.1.1.5', { name: 'SHA1WithRSA', hash: 'sha1', family: 'rsa' }],
  ['1.2.840.113549.1.1.11', { name: 'SHA256WithRSA', hash: 'sha256', family: 'rsa' }],
  ['1.2.840.113549.1.1.12', { name: 'SHA384WithRSA', hash: 'sha384', family: 'rsa' }],
  ['1.2.840.113549.1.1.13', { name: 'SHA512WithRSA', hash: 'sha512', family: 'rsa' }],
  ['1.2.840.113549.1.1.10', { name: 'SHA256WithRSAPSS', hash: null, family: 'rsa-pss' }],
  ['1.2.840.10045.4.1', { name: 'ECDSAWithSHA1', hash: 'sha1', family: 'ecdsa' }],
  ['1.2.840.10045.4.3.2', { name: 'ECDSAWithSHA256', hash: 'sha256', family: 'ecdsa' }],
  ['1.2.840.10045.4.3.3', { name: 'ECDSAWithSHA384', hash: 'sha384', family: 'ecdsa' }],
  ['1.2.840.10045.4.3.4', { name: 'ECDSAWithSHA512', hash: 'sha512', family: 'ecdsa' }],
  ['1.3.101.112', { name: 'Ed25519', hash: null, family: 'ed25519' }],
]);

registerOids(byOid.keys());

const oidByName: ReadonlyMap<SignatureAlgorithmName, string> = new Map(
  [...byOid].map(([algorithmOid, entry]) => [entry.name, algorithmOid] as const),
);

/** The algorithms Cloudflare accepts on an uploaded CA (CLOUDFLARE.md §3.2). */
export const byoCaSignatureAlgorithms: readonly SignatureAlgorithmName[] = [
  'SHA1WithRSA',
  'SHA256WithRSA',
  'SHA384WithRSA',
  'SHA512WithRSA',
  'ECDSAWithSHA1',
  'ECDSAWithSHA256',
  'ECDSAWithSHA384',
  'ECDSAWithSHA512',
];

/** The algorithms accepted on a CSR's self-signature (SHA-1 and MD5 are refused as weak). */
export const csrSignatureAlgorithms: readonly SignatureAlgorithmName[] = [
  'SHA256WithRSA',
  'SHA384WithRSA',
  'SHA512WithRSA',
  'ECDSAWithSHA256',
  'ECDSAWithSHA384',
  'ECDSAWithSHA512',
];

/** A parsed AlgorithmIdentifier of a signature. */
export interface SignatureAlgorithm {
  readonly oid: string;
  readonly name: SignatureAlgorithmName;
  readonly hash: AlgorithmEntry['hash'];
  readonly family: AlgorithmEntry['family'] | 'unknown';
}

/** Reads a signature AlgorithmIdentifier node. Unknown OIDs yield name `Unknown` (callers decide). */
export function readSignatureAlgorithm(node: Node, what: string): SignatureAlgorithm {
  const [idNode] = children(node, what, 1);
  return signatureAlgorithmByOid(oid(idNode, `${what} algorithm`));
}

/** The signature algorithm with this dotted OID (`Unknown` when we do not know it). */
export function signatureAlgorithmByOid(algorithmOid: string): SignatureAlgorithm {
  const entry = byOid.get(algorithmOid);
  return entry
    ? { oid: algorithmOid, name: entry.name, hash: entry.hash, family: entry.family }
    : { oid: algorithmOid, name: 'Unknown', hash: null, family: 'unknown' };
}

/** DER of the AlgorithmIdentifier for `name` (RSA with NULL parameters, ECDSA without). */
export function signatureAlgorithmDer(name: SignatureAlgorithmName): Uint8Array {
  const algorithmOid = oidByName.get(name);
  if (algorithmOid === undefined || name === 'SHA256WithRSAPSS' || name === 'Unknown') {
    throw new PkiError('PKI_SIGNATURE_ALGORITHM_UNSUPPORTED', `cannot sign with ${name}`);
  }
  const parts: asn1js.AsnType[] = [new asn1js.ObjectIdentifier({ value: algorithmOid })];
  if (byOid.get(algorithmOid)?.family === 'rsa') parts.push(new asn1js.Null());
  return new Uint8Array(new asn1js.Sequence({ value: parts }).toBER());
}

/** The Node digest name for `name`, or null (Ed25519). */
export function hashOf(name: SignatureAlgorithmName): AlgorithmEntry['hash'] {
  const algorithmOid = oidByName.get(name);
  return algorithmOid === undefined ? null : (byOid.get(algorithmOid)?.hash ?? null);
}
