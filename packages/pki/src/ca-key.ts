// A CA as the signing functions take it: its certificate plus a private key PEM or a Signer, checked to match.
import { parseCertificate, type ParsedCertificate } from './certificate.js';
import { PkiError } from './errors.js';
import { createKeySigner, type Signer } from './signer.js';

/** A CA given to signCsr / buildCrl: certificate PEM and either the private key PEM or a Signer (HSM). */
export type CaInput =
  | { readonly certificatePem: string; readonly privateKeyPem: string }
  | { readonly certificatePem: string; readonly signer: Signer };

/** Parses the CA certificate and makes a signer whose public key must equal the certificate's. */
export function openCa(ca: CaInput): { cert: ParsedCertificate; signer: Signer } {
  if (ca === null || typeof ca !== 'object') throw new PkiError('PKI_INVALID_ARGUMENT', 'ca is required');
  const cert = parseCertificate(ca.certificatePem, 'ca certificate');
  const signer = 'signer' in ca ? ca.signer : createKeySigner(ca.privateKeyPem);
  if (Buffer.compare(Buffer.from(signer.publicKey), Buffer.from(cert.spki)) !== 0) {
    throw new PkiError('PKI_PRIVATE_KEY_INVALID', 'ca private key does not match the ca certificate');
  }
  return { cert, signer };
}
