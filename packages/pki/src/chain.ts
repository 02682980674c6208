// Uploaded (BYO) CA bundles: only CA certificates, allowed signature algorithms, a consistent and
// unexpired chain (issuing CA first), as Cloudflare requires (CLOUDFLARE.md §3.2).
import { X509Certificate } from 'node:crypto';
import { byoCaSignatureAlgorithms } from './algorithms.js';
import { basicConstraints, keyUsage, parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { formatRfc2253, readName } from './dn.js';
import { PkiError } from './errors.js';
import { infoOf, type CertificateInfo } from './info.js';
import { assertAcceptableKey, describePublicKey } from './keys.js';
import { limits } from './limits.js';
import { decodePemBlocks, encodePem } from './pem.js';
import { verifySignature } from './verify.js';

/** A validated CA bundle. */
export interface CaBundle {
  /** The certificates as normalised PEM, issuing CA first. */
  readonly certificates: string[];
  /** Facts of the first (issuing) CA: issuer, serial, expiry, SKI. */
  readonly info: CertificateInfo;
  /** Facts of every certificate, in bundle order. */
  readonly chain: CertificateInfo[];
}

/** Options of {@link parseCaBundle}. */
export interface ParseCaBundleOptions {
  /** The time to check validity at, default now. */
  readonly now?: Date;
}

function describe(cert: ParsedCertificate, index: number): string {
  let name = '';
  try {
    name = formatRfc2253(readName(cert.subjectDer));
  } catch {
    name = '(unreadable subject)';
  }
  return `certificate ${index + 1} (${name})`;
}

/**
 * Parses and validates an uploaded CA bundle: PEM certificates, the issuing CA first, then its
 * issuers (a root may end the chain or be left out). Each must be CA:TRUE (with keyCertSign when
 * keyUsage is present), signed with an algorithm of CLOUDFLARE.md §3.2, use an acceptable key, be
 * valid now, and be signed by the next one; path length constraints are honoured.
 * @throws PkiError `PKI_BUNDLE_HAS_PRIVATE_KEY`, `PKI_BUNDLE_INVALID`, `PKI_NOT_A_CA` (a leaf),
 *   `PKI_SIGNATURE_ALGORITHM_UNSUPPORTED`, `PKI_KEY_UNSUPPORTED`, `PKI_EXPIRED`, `PKI_CHAIN_INVALID`,
 *   `PKI_TOO_LARGE`, `PKI_PEM_INVALID`, `PKI_DER_INVALID`
 */
export function parseCaBundle(pem: string, options: ParseCaBundleOptions = {}): CaBundle {
  const now = options.now ?? new Date();
  const blocks = decodePemBlocks(pem, limits.bundleBytes, 'ca bundle');
  for (const block of blocks) {
    if (block.label.includes('PRIVATE KEY')) {
      throw new PkiError(
        'PKI_BUNDLE_HAS_PRIVATE_KEY',
        `ca bundle contains a private key (${block.label}); upload only certificates, and consider that key exposed`,
      );
    }
    if (block.label !== 'CERTIFICATE') {
      throw new PkiError(
        'PKI_BUNDLE_INVALID',
        `ca bundle contains a ${block.label}; only CERTIFICATE blocks are accepted`,
      );
    }
  }
  if (blocks.length > limits.bundleCertificates) {
    throw new PkiError(
      'PKI_TOO_LARGE',
      `ca bundle has ${blocks.length} certificates, over the limit of ${limits.bundleCertificates}`,
    );
  }
  const certs = blocks.map((block, i) => {
    const cert = parseCertificateDer(block.der, `certificate ${i + 1}`);
    // The edge trusts these through OpenSSL: a certificate it cannot load must be refused here, not there.
    try {
      new X509Certificate(block.der);
    } catch (cause) {
      throw new PkiError('PKI_DER_INVALID', `certificate ${i + 1} is not accepted by OpenSSL`, { cause });
    }
    return cert;
  });
  const seen = new Set<string>();
  certs.forEach((cert, i) => {
    const label = describe(cert, i);
    const fingerprint = Buffer.from(cert.der).toString('base64');
    if (seen.has(fingerprint))
      throw new PkiError('PKI_BUNDLE_INVALID', `${label} appears twice in the bundle`);
    seen.add(fingerprint);
    if (basicConstraints(cert)?.ca !== true) {
      throw new PkiError(
        'PKI_NOT_A_CA',
        `${label} is not a CA (basicConstraints CA:TRUE is missing); upload the issuing CA, not a client or server certificate`,
      );
    }
    if (keyUsage(cert)?.has('keyCertSign') === false)
      throw new PkiError('PKI_NOT_A_CA', `${label} may not sign certificates (keyUsage lacks keyCertSign)`);
    if (!byoCaSignatureAlgorithms.includes(cert.signatureAlgorithm.name)) {
      const name =
        cert.signatureAlgorithm.name === 'Unknown'
          ? cert.signatureAlgorithm.oid
          : cert.signatureAlgorithm.name;
      throw new PkiError(
        'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED',
        `${label} is signed with ${name}; allowed: ${byoCaSignatureAlgorithms.join(', ')}`,
      );
    }
    assertAcceptableKey(describePublicKey(cert.spki), label);
    if (now.getTime() > cert.notAfter.getTime())
      throw new PkiError('PKI_EXPIRED', `${label} expired on ${cert.notAfter.toISOString()}`);
    if (now.getTime() < cert.notBefore.getTime())
      throw new PkiError('PKI_EXPIRED', `${label} is not valid before ${cert.notBefore.toISOString()}`);
  });
  certs.forEach((cert, i) => {
    const label = describe(cert, i);
    const issuer = certs[i + 1];
    if (issuer !== undefined) {
      if (
        Buffer.compare(cert.issuerDer, issuer.subjectDer) !== 0 ||
        !verifySignature(cert.signatureAlgorithm, cert.tbs, cert.signature, issuer.spki)
      ) {
        throw new PkiError(
          'PKI_CHAIN_INVALID',
          `${label} is not issued by ${describe(issuer, i + 1)}; order the bundle issuing CA first, then each issuer`,
        );
      }
      const pathLen = basicConstraints(issuer)?.pathLen;
      if (pathLen !== undefined && pathLen < i + 1) {
        throw new PkiError(
          'PKI_CHAIN_INVALID',
          `${describe(issuer, i + 1)} has pathlen ${pathLen} and cannot have ${i + 1} CA certificates below it`,
        );
      }
    } else if (
      Buffer.compare(cert.issuerDer, cert.subjectDer) === 0 &&
      !verifySignature(cert.signatureAlgorithm, cert.tbs, cert.signature, cert.spki)
    ) {
      throw new PkiError('PKI_CHAIN_INVALID', `${label} is self-issued but its signature does not verify`);
    }
  });
  const chain = certs.map(infoOf);
  return {
    certificates: certs.map((cert) => encodePem('CERTIFICATE', cert.der)),
    info: chain[0] as CertificateInfo,
    chain,
  };
}
