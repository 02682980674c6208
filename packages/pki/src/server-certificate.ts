// Issuing TLS server certificates (the edge's own certificates): a new key, signed by a CA.
import type { CaInput } from './ca-key.js';
import { parseCertificateDer } from './certificate.js';
import { PkiError } from './errors.js';
import {
  akiExtension,
  basicConstraintsExtension,
  dnsSubjectAltNameExtension,
  keyUsageExtension,
  KeyUsageFlags,
  serverAuthEkuExtension,
  skiExtension,
} from './extensions.js';
import { infoOf, type CertificateInfo } from './info.js';
import { openIssuingCa, validityWindow } from './issue.js';
import { assertKeyType, generateKey, privateKeyToPem, spkiOf, type KeyType } from './keys.js';
import { encodePem } from './pem.js';
import { randomSerial } from './serial.js';
import { computeSki, spkiPublicKeyBits } from './ski.js';
import { encodeName } from './subject.js';
import { wholeSeconds } from './time.js';
import { buildCertificate } from './x509-build.js';

/** Options of {@link issueServerCertificate}. */
export interface IssueServerCertificateOptions {
  /** The issuing CA (e.g. the local edge CA). */
  readonly ca: CaInput;
  /** DNS names for the SAN, at least one; the first is also the subject CN. `*.` wildcards allowed. */
  readonly dnsNames: readonly string[];
  /** Key type of the new key, default 'ecdsa-p256'. */
  readonly keyType?: KeyType;
  /** Days of validity from now, default 397 (the CA/Browser Forum maximum), capped at the CA's own expiry. */
  readonly validityDays?: number;
  /** Issue time, default now. */
  readonly now?: Date;
}

/** An issued server certificate and its new key. */
export interface IssuedServerCertificate {
  readonly certificatePem: string;
  /** PKCS#8 PEM of the new key. */
  readonly privateKeyPem: string;
  readonly info: CertificateInfo;
}

const MAX_DNS_NAMES = 100;
// LDH labels of 1–63 characters (underscores tolerated, as in service names), optionally after `*.`.
const DNS_NAME =
  /^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/**
 * Generates a key and issues a TLS server certificate for `dnsNames` signed by `ca`: subject CN = the
 * first name, SAN dNSName = every name, CA:FALSE, keyUsage digitalSignature (+ keyEncipherment for
 * RSA), EKU serverAuth, SKI, AKI = the CA's SKI, a random 159-bit serial; valid from 60 s before
 * `now` for `validityDays` after `now`, never beyond the CA's expiry.
 * @throws PkiError for no or invalid DNS names, a bad key type or validity, an expired CA, a key that
 *   does not match the CA certificate, or a certificate that is not a CA.
 * @example
 * const { certificatePem, privateKeyPem } = await issueServerCertificate({ ca, dnsNames: ['app.example.com'] });
 */
export async function issueServerCertificate(
  options: IssueServerCertificateOptions,
): Promise<IssuedServerCertificate> {
  const { dnsNames } = options;
  if (!Array.isArray(dnsNames) || dnsNames.length === 0) {
    throw new PkiError('PKI_INVALID_ARGUMENT', 'a server certificate needs at least one DNS name');
  }
  if (dnsNames.length > MAX_DNS_NAMES) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `a server certificate takes at most ${MAX_DNS_NAMES} DNS names`,
    );
  }
  for (const name of dnsNames) {
    if (typeof name !== 'string' || name.length > 253 || !DNS_NAME.test(name)) {
      throw new PkiError('PKI_INVALID_ARGUMENT', `${JSON.stringify(name)} is not a DNS name`);
    }
  }
  const validityDays = options.validityDays ?? 397;
  if (!Number.isSafeInteger(validityDays) || validityDays < 1) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `validity days ${String(validityDays)} must be a positive integer`,
    );
  }
  const keyType = options.keyType ?? 'ecdsa-p256';
  assertKeyType(keyType);
  const { cert: caCert, signer, ski: caSki } = openIssuingCa(options.ca);
  const now = wholeSeconds(options.now ?? new Date());
  const { notBefore, notAfter } = validityWindow(caCert, now, validityDays, 60);
  const key = await generateKey(keyType);
  const spki = spkiOf(key);
  const isRsa = keyType.startsWith('rsa-');
  const der = await buildCertificate(
    {
      serial: randomSerial(),
      issuerDer: caCert.subjectDer,
      subjectDer: encodeName([{ type: 'CN', value: dnsNames[0] as string }]),
      notBefore,
      notAfter,
      spki,
      extensions: [
        basicConstraintsExtension(false),
        keyUsageExtension(
          isRsa
            ? [KeyUsageFlags.digitalSignature, KeyUsageFlags.keyEncipherment]
            : [KeyUsageFlags.digitalSignature],
        ),
        serverAuthEkuExtension(),
        dnsSubjectAltNameExtension(dnsNames),
        skiExtension(computeSki(spkiPublicKeyBits(spki))),
        akiExtension(caSki),
      ],
    },
    signer,
  );
  return {
    certificatePem: encodePem('CERTIFICATE', der),
    privateKeyPem: privateKeyToPem(key),
    info: infoOf(parseCertificateDer(der)),
  };
}
