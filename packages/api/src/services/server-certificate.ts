// Edge (TLS server) certificates from the local edge CA, issued by pki's issueServerCertificate.
import { issueServerCertificate as issueWithPki } from '@portcullis/pki';
import type { SigningCa } from '../context.js';

/** A new server certificate and its key. */
export interface ServerCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Issues a P-256 server certificate for `dnsNames` (the first is the CN) signed by `ca`:
 * CA:FALSE, keyUsage digitalSignature (critical), EKU serverAuth, SAN dNSName, SKI, AKI.
 * Valid from a minute before `now` for `validityDays`, never beyond the CA's own expiry.
 */
export async function issueServerCertificate(options: {
  ca: SigningCa;
  dnsNames: readonly string[];
  validityDays: number;
  now: Date;
}): Promise<ServerCertificate> {
  const { ca, dnsNames, validityDays, now } = options;
  const issued = await issueWithPki({ ca, dnsNames, keyType: 'ecdsa-p256', validityDays, now });
  return { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem };
}
