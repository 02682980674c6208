// Parsing and verifying a CRL. (implementation in progress)
import { PkiError } from './errors.js';

/** A parsed CRL. */
export interface ParsedCrl {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly crlNumber: bigint | null;
  readonly revokedSerials: Set<string>;
  readonly verified: boolean;
}

/** Parses a CRL and verifies it against its issuer when given. */
export function parseCrl(pemOrDer: string | Uint8Array, issuerCertificatePem?: string): ParsedCrl {
  void pemOrDer;
  void issuerCertificatePem;
  throw new PkiError('PKI_INVALID_ARGUMENT', 'parseCrl is not implemented yet');
}
