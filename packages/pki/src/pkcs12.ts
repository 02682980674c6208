// PKCS#12 bundles. (implementation in progress)
import { PkiError } from './errors.js';

/** Options of {@link toPkcs12}. */
export interface Pkcs12Options {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly chainPems?: readonly string[];
  readonly password: string;
  readonly friendlyName?: string;
}

/** Builds a PKCS#12 file. */
export async function toPkcs12(options: Pkcs12Options): Promise<Uint8Array> {
  await Promise.resolve(options);
  throw new PkiError('PKI_INVALID_ARGUMENT', 'toPkcs12 is not implemented yet');
}
