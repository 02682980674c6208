// A zone's managed CA: a self-signed CA:TRUE, pathlen 0 certificate with keyCertSign and cRLSign.
import { parseCertificateDer } from './certificate.js';
import { PkiError } from './errors.js';
import {
  akiExtension,
  basicConstraintsExtension,
  keyUsageExtension,
  KeyUsageFlags,
  skiExtension,
} from './extensions.js';
import { infoOf, type CertificateInfo } from './info.js';
import { assertKeyType, generateKey, privateKeyToPem, spkiOf, type KeyType } from './keys.js';
import { encodePem } from './pem.js';
import { randomSerial, type RandomSource } from './serial.js';
import { createKeySigner } from './signer.js';
import { computeSki, spkiPublicKeyBits } from './ski.js';
import { encodeName, subjectAttributes, type SubjectAttribute } from './subject.js';
import { addDays, wholeSeconds } from './time.js';
import { buildCertificate } from './x509-build.js';

/** Options of {@link createCa}. */
export interface CreateCaOptions {
  /** The CA's common name; name the zone, e.g. `Portcullis Managed CA for zone example.com`. */
  readonly commonName: string;
  /** Organisation (O) of the CA subject; default `Portcullis`. */
  readonly organization?: string;
  /** Key type, default 'ecdsa-p256'. */
  readonly keyType?: KeyType;
  /** Validity in days, default 7305 (20 years) so 10-year client certificates fit; 1–36525. */
  readonly validityDays?: number;
  /** Issue time, default now. */
  readonly now?: Date;
  /** Random source for the serial, default Node's CSPRNG. */
  readonly random?: RandomSource;
}

/** A new CA: its certificate, its private key (PKCS#8 PEM; seal it before storing) and its facts. */
export interface CreatedCa {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly info: CertificateInfo;
}

/**
 * Creates a managed CA: self-signed, basicConstraints CA:TRUE pathlen:0 (critical), keyUsage
 * keyCertSign + cRLSign (critical), SKI and AKI. One per zone, so a certificate of another zone's
 * CA never verifies here.
 * @example
 * const ca = await createCa({ commonName: 'Portcullis Managed CA for zone example.com' });
 * const sealed = sealSecret(masterKey, ca.privateKeyPem);
 */
export async function createCa(options: CreateCaOptions): Promise<CreatedCa> {
  const keyType = options.keyType ?? 'ecdsa-p256';
  assertKeyType(keyType);
  const validityDays = options.validityDays ?? 7305;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 36525) {
    throw new PkiError(
      'PKI_INVALID_ARGUMENT',
      `ca validity ${String(validityDays)} days must be an integer from 1 to 36525`,
    );
  }
  if (typeof options.commonName !== 'string' || options.commonName.trim() === '') {
    throw new PkiError('PKI_INVALID_ARGUMENT', 'ca common name is required');
  }
  const attributes: SubjectAttribute[] = [
    { type: 'O', value: options.organization ?? 'Portcullis' },
    { type: 'CN', value: options.commonName },
  ];
  const subjectDer = encodeName(subjectAttributes(attributes));
  const key = await generateKey(keyType);
  const signer = createKeySigner(key);
  const spki = spkiOf(key);
  const ski = computeSki(spkiPublicKeyBits(spki));
  const notBefore = wholeSeconds(options.now ?? new Date());
  const der = await buildCertificate(
    {
      serial: randomSerial(options.random),
      issuerDer: subjectDer,
      subjectDer,
      notBefore,
      notAfter: addDays(notBefore, validityDays),
      spki,
      extensions: [
        basicConstraintsExtension(true, 0),
        keyUsageExtension([KeyUsageFlags.keyCertSign, KeyUsageFlags.cRLSign]),
        skiExtension(ski),
        akiExtension(ski),
      ],
    },
    signer,
  );
  const certificatePem = encodePem('CERTIFICATE', der);
  return { certificatePem, privateKeyPem: privateKeyToPem(key), info: infoOf(parseCertificateDer(der)) };
}
