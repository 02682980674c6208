/**
 * @module @portcullis/pki
 * Everything Portcullis does with X.509: managed CAs, CSR signing, TLS server certificates, generated
 * keys, CRLs, uploaded CA bundles, the `cf.tls_client_auth.*` values, PKCS#12 and envelope
 * encryption of CA keys.
 * Persists nothing; all signing goes through a {@link Signer}.
 */
export { PkiError, isPkiError, type PkiErrorCode } from './errors.js';
export { limits } from './limits.js';
export { createCa, type CreateCaOptions, type CreatedCa } from './ca.js';
export type { CaInput } from './ca-key.js';
export { signCsr, type SignCsrOptions, type IssuedCertificate } from './issue.js';
export {
  issueServerCertificate,
  type IssueServerCertificateOptions,
  type IssuedServerCertificate,
} from './server-certificate.js';
export { parseCsr, generateKeyAndCsr, type ParsedCsr, type GenerateKeyAndCsrOptions } from './csr.js';
export { certificateInfo, type CertificateInfo } from './info.js';
export {
  buildCrl,
  revocationReasons,
  type BuildCrlOptions,
  type CrlEntry,
  type RevocationReason,
} from './crl.js';
export { parseCrl, type ParsedCrl } from './crl-parse.js';
export { parseCaBundle, type CaBundle, type ParseCaBundleOptions } from './chain.js';
export { clientAuthFacts, type ClientAuthFacts, type ClientAuthFactsOptions } from './facts.js';
export { toPkcs12, type Pkcs12Options } from './pkcs12.js';
export { sealSecret, openSecret, masterKeyId, envelopeKeyId, type EnvelopeOptions } from './envelope.js';
export { createKeySigner, type Signer } from './signer.js';
export { keyTypes, type KeyType } from './keys.js';
export type { SignatureAlgorithmName } from './algorithms.js';
export type { SubjectFields } from './dn.js';
export { parseSlashSubject, type SubjectAttribute, type SubjectInput } from './subject.js';
export { normaliseSerialHex } from './serial.js';
export { formatOpensslTime } from './time.js';
export { decodePemBlocks, encodePem, type PemBlock } from './pem.js';
export { RFC9440_LEAF_LIMIT, RFC9440_CHAIN_LIMIT } from './rfc9440.js';
