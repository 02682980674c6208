// Certificate signing requests: parse and verify a CSR (PKCS#10), and generate a key with a CSR.
import * as asn1js from 'asn1js';
import { csrSignatureAlgorithms, signatureAlgorithmDer, type SignatureAlgorithmName } from './algorithms.js';
import { algorithm as algorithmOf, bitString, expectTag } from './certificate.js';
import { derTags, readChildren, readTlv } from './der-reader.js';
import { formatRfc2253, readName, subjectFields, type SubjectFields } from './dn.js';
import { PkiError } from './errors.js';
import {
  assertAcceptableKey,
  assertKeyType,
  describeSpki,
  generateKey,
  privateKeyToPem,
  spkiOf,
  type KeyType,
} from './keys.js';
import { limits } from './limits.js';
import { tags, tlv } from './der-writer.js';
import { encodePem, toDer } from './pem.js';
import { createKeySigner } from './signer.js';
import { encodeName, subjectAttributes, type SubjectInput } from './subject.js';
import { publicKeyFromSpki, verifySignature } from './verify.js';

/** A verified CSR. */
export interface ParsedCsr {
  /** Cloudflare's subject fields ('' when absent). */
  readonly subject: SubjectFields;
  /** Subject DN, RFC 2253. */
  readonly subjectDn: string;
  /** DER of the subject Name, kept byte for byte in the issued certificate. */
  readonly subjectDer: Uint8Array;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKeySpki: Uint8Array;
  /** e.g. 'ecdsa-p256', 'rsa-2048'. */
  readonly publicKeyAlgorithm: string;
  /** The CSR's self-signature algorithm. */
  readonly signatureAlgorithm: SignatureAlgorithmName;
  /** The CSR re-encoded as PEM (canonical form of the input). */
  readonly csrPem: string;
}

/**
 * Parses a PEM (or DER) CSR, verifies its self-signature and checks its key: RSA of at least 2048
 * bits or ECDSA on P-256/P-384/P-521, signed with SHA-256 or stronger.
 * @throws PkiError `PKI_TOO_LARGE` (over 64 KiB), `PKI_PEM_INVALID`, `PKI_DER_INVALID`,
 *   `PKI_CSR_SIGNATURE_INVALID`, `PKI_KEY_UNSUPPORTED`, `PKI_SIGNATURE_ALGORITHM_UNSUPPORTED`
 */
export function parseCsr(pemOrDer: string | Uint8Array): ParsedCsr {
  const der = toDer(pemOrDer, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], limits.csrBytes, 'csr');
  // Framing walked with der-reader (no object per node); names and key read from the raw slices.
  const root = readTlv(der, 0, der.length, 'csr');
  if (root.tag !== derTags.sequence || root.end !== der.length)
    throw new PkiError('PKI_DER_INVALID', 'csr is not a single DER sequence');
  const [infoTlv, algTlv, sigTlv, ...extra] = readChildren(der, root, 'csr');
  if (extra.length > 0) throw new PkiError('PKI_DER_INVALID', 'csr has trailing elements');
  const info = expectTag(infoTlv, derTags.sequence, 'csr request info');
  const [versionTlv, subjectTlv, spkiTlv, attributesTlv] = readChildren(der, info, 'csr request info');
  const version = expectTag(versionTlv, derTags.integer, 'csr version');
  if (version.end - version.contentStart !== 1 || der[version.contentStart] !== 0)
    throw new PkiError('PKI_DER_INVALID', 'csr version must be 1 (0)');
  const subjectNode = expectTag(subjectTlv, derTags.sequence, 'csr subject');
  const spkiNode = expectTag(spkiTlv, derTags.sequence, 'csr public key');
  // PKCS#10 requires the [0] attributes (often empty); a few generators omit it, which we tolerate.
  if (attributesTlv !== undefined) expectTag(attributesTlv, derTags.context0, 'csr attributes');
  const subjectDer = der.subarray(subjectNode.start, subjectNode.end);
  const attributes = readName(subjectDer, 'csr subject');
  const spki = der.subarray(spkiNode.start, spkiNode.end);
  const key = describeSpki(spki); // policy first, from the structure: no OpenSSL decode for refused keys
  assertAcceptableKey(key, 'csr');
  const publicKey = publicKeyFromSpki(spki);
  if (publicKey === null) throw new PkiError('PKI_KEY_UNSUPPORTED', 'csr public key is malformed');
  const algorithm = algorithmOf(der, algTlv, 'csr signature algorithm');
  if (!csrSignatureAlgorithms.includes(algorithm.name)) {
    throw new PkiError(
      'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED',
      `csr is signed with ${algorithm.name === 'Unknown' ? algorithm.oid : algorithm.name}; use SHA-256 or stronger with RSA or ECDSA`,
    );
  }
  if (
    !verifySignature(
      algorithm,
      der.subarray(info.start, info.end),
      bitString(der, sigTlv, 'csr signature'),
      publicKey,
    )
  ) {
    throw new PkiError(
      'PKI_CSR_SIGNATURE_INVALID',
      'csr signature does not verify with its public key (the csr was altered or signed by another key)',
    );
  }
  return {
    subject: subjectFields(attributes),
    subjectDn: formatRfc2253(attributes),
    subjectDer,
    publicKeySpki: spki,
    publicKeyAlgorithm: key.label,
    signatureAlgorithm: algorithm.name,
    csrPem: encodePem('CERTIFICATE REQUEST', der),
  };
}

/** Options of {@link generateKeyAndCsr}. */
export interface GenerateKeyAndCsrOptions {
  /** Subject: Cloudflare's fields, a `/CN=…/O=…` string, or attributes in order. */
  readonly subject: SubjectInput;
  /** Key type, default 'ecdsa-p256'. */
  readonly keyType?: KeyType;
}

/**
 * Generates a private key and a CSR for it (the dashboard's "generate for me"). The private key is
 * returned once; nothing is kept.
 * @example
 * const { privateKeyPem, csrPem } = await generateKeyAndCsr({ subject: { common_name: 'device-1' } });
 */
export async function generateKeyAndCsr(
  options: GenerateKeyAndCsrOptions,
): Promise<{ privateKeyPem: string; csrPem: string }> {
  const keyType = options.keyType ?? 'ecdsa-p256';
  assertKeyType(keyType);
  const subjectDer = encodeName(subjectAttributes(options.subject));
  const key = await generateKey(keyType);
  const signer = createKeySigner(key);
  const toBytes = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER());
  const infoDer = tlv(
    tags.sequence,
    toBytes(new asn1js.Integer({ value: 0 })),
    subjectDer,
    spkiOf(key),
    toBytes(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [] })),
  );
  const signature = await signer.sign(infoDer);
  const csr = tlv(
    tags.sequence,
    infoDer,
    signatureAlgorithmDer(signer.algorithm),
    toBytes(new asn1js.BitString({ valueHex: signature })),
  );
  return { privateKeyPem: privateKeyToPem(key), csrPem: encodePem('CERTIFICATE REQUEST', csr) };
}
