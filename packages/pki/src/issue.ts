// Issuing client certificates: sign a verified CSR with a zone's CA. Also the CA and validity checks
// every issued certificate shares (server-certificate.ts uses them too).
import { openCa, type CaInput } from './ca-key.js';
import { basicConstraints, keyUsage, parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { parseCsr } from './csr.js';
import { PkiError } from './errors.js';
import {
  akiExtension,
  basicConstraintsExtension,
  clientAuthEkuExtension,
  crlDistributionPointExtension,
  keyUsageExtension,
  KeyUsageFlags,
  skiExtension,
  type ExtensionSpec,
} from './extensions.js';
import { infoOf, type CertificateInfo } from './info.js';
import { encodePem } from './pem.js';
import { randomSerial, type RandomSource } from './serial.js';
import { computeSki, readSki, spkiPublicKeyBits } from './ski.js';
import type { Signer } from './signer.js';
import { addDays, wholeSeconds } from './time.js';
import { buildCertificate } from './x509-build.js';

/** Options of {@link signCsr}. */
export interface SignCsrOptions {
  /** The CSR, PEM. */
  readonly csrPem: string;
  /** The issuing CA (the zone's managed CA). */
  readonly ca: CaInput;
  /** Days of validity from now; any positive integer, capped at the CA's own expiry (Cloudflare accepts any). */
  readonly validityDays: number;
  /** CRL distribution point URL (http or https) to embed, when one is configured. */
  readonly crlDistributionUrl?: string;
  /** Issue time, default now. */
  readonly now?: Date;
  /** Random source for the serial, default Node's CSPRNG. */
  readonly random?: RandomSource;
  /** Seconds notBefore lies before `now` (clock skew between nodes), default 60, 0–3600. */
  readonly backdateSeconds?: number;
}

/** An issued certificate. */
export interface IssuedCertificate {
  readonly certificatePem: string;
  readonly info: CertificateInfo;
}

/**
 * Signs a CSR: verifies it, keeps its subject byte for byte (extensions the CSR requests are ignored:
 * the CA decides them), and issues a client certificate valid from 60 s before `now` (clock skew)
 * for `validityDays` after `now`, with a random 159-bit serial, CA:FALSE, keyUsage digitalSignature (+ keyEncipherment for RSA), EKU
 * clientAuth, SKI, AKI = the CA's SKI and, if given, a CRL distribution point.
 * @throws PkiError for a bad CSR (see {@link parseCsr}), an expired CA, a key that does not match
 *   the CA certificate, or validity days that are not a positive integer.
 * @example
 * const { certificatePem, info } = await signCsr({ csrPem, ca, validityDays: 3650 });
 */
export async function signCsr(options: SignCsrOptions): Promise<IssuedCertificate> {
  const { validityDays } = options;
  if (!Number.isSafeInteger(validityDays) || validityDays < 1) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `validity_days ${String(validityDays)} must be a positive integer`,
    );
  }
  const backdate = options.backdateSeconds ?? 60;
  if (!Number.isInteger(backdate) || backdate < 0 || backdate > 3600) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `backdate ${String(backdate)} seconds must be an integer from 0 to 3600`,
    );
  }
  const csr = parseCsr(options.csrPem);
  if (csr.subjectDn === '')
    throw new PkiError('PKI_INVALID_ARGUMENT', 'csr subject is empty; set at least a common name');
  const { cert: caCert, signer, ski: caSki } = openIssuingCa(options.ca);
  const now = wholeSeconds(options.now ?? new Date());
  const { notBefore, notAfter } = validityWindow(caCert, now, validityDays, backdate);
  const isRsa = csr.publicKeyAlgorithm.startsWith('rsa-');
  const extensions: ExtensionSpec[] = [
    basicConstraintsExtension(false),
    keyUsageExtension(
      isRsa
        ? [KeyUsageFlags.digitalSignature, KeyUsageFlags.keyEncipherment]
        : [KeyUsageFlags.digitalSignature],
    ),
    clientAuthEkuExtension(),
    skiExtension(computeSki(spkiPublicKeyBits(csr.publicKeySpki))),
    akiExtension(caSki),
  ];
  if (options.crlDistributionUrl !== undefined)
    extensions.push(crlDistributionPointExtension(options.crlDistributionUrl));
  const der = await buildCertificate(
    {
      serial: randomSerial(options.random),
      issuerDer: caCert.subjectDer,
      subjectDer: csr.subjectDer,
      notBefore,
      notAfter,
      spki: csr.publicKeySpki,
      extensions,
    },
    signer,
  );
  return { certificatePem: encodePem('CERTIFICATE', der), info: infoOf(parseCertificateDer(der)) };
}

/** @internal The issuing CA (see {@link openCa}), which must be a CA, with its SKI (the issued certificate's AKI). */
export function openIssuingCa(ca: CaInput): { cert: ParsedCertificate; signer: Signer; ski: Uint8Array } {
  const { cert, signer } = openCa(ca);
  if (basicConstraints(cert)?.ca !== true || keyUsage(cert)?.has('keyCertSign') === false) {
    throw new PkiError('PKI_NOT_A_CA', 'the issuing certificate is not a CA (needs CA:TRUE and keyCertSign)');
  }
  return { cert, signer, ski: readSki(cert) ?? computeSki(cert.publicKeyBits) };
}

/**
 * @internal notBefore / notAfter of a certificate issued at `now` (whole seconds) by `caCert`: from
 * `backdateSeconds` before `now` (never before the CA) for `validityDays` after `now`, capped at
 * the CA's expiry.
 * @throws PkiError PKI_EXPIRED when the CA is not valid at `now`.
 */
export function validityWindow(
  caCert: ParsedCertificate,
  now: Date,
  validityDays: number,
  backdateSeconds: number,
): { notBefore: Date; notAfter: Date } {
  if (now.getTime() >= caCert.notAfter.getTime()) {
    throw new PkiError('PKI_EXPIRED', `the ca expired on ${caCert.notAfter.toISOString()}`);
  }
  if (now.getTime() < caCert.notBefore.getTime()) {
    throw new PkiError('PKI_EXPIRED', `the ca is not valid before ${caCert.notBefore.toISOString()}`);
  }
  // Days beyond the year 9999 are meaningless; the cap to the CA's expiry applies first anyway.
  const requested = validityDays > 3_000_000 ? caCert.notAfter : addDays(now, validityDays);
  const notAfter = requested.getTime() > caCert.notAfter.getTime() ? caCert.notAfter : requested;
  // Backdated (as step-ca does) so an edge node whose clock lags the API's by a little still accepts a
  // certificate issued a moment ago; never before the CA itself is valid.
  const backdated = new Date(now.getTime() - backdateSeconds * 1000);
  const notBefore = backdated.getTime() < caCert.notBefore.getTime() ? caCert.notBefore : backdated;
  return { notBefore, notAfter };
}
