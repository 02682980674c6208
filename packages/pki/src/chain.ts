// Uploaded (BYO) CA bundles. (implementation in progress)
import { PkiError } from './errors.js';
import type { CertificateInfo } from './info.js';

/** A validated CA bundle. */
export interface CaBundle {
  readonly certificates: string[];
  readonly info: CertificateInfo;
}

/** Parses and validates an uploaded CA bundle. */
export function parseCaBundle(pem: string, options: { now?: Date } = {}): CaBundle {
  void pem;
  void options;
  throw new PkiError('PKI_INVALID_ARGUMENT', 'parseCaBundle is not implemented yet');
}
