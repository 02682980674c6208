// Building a signed CRL (v2) for a managed CA. (implementation in progress)
import type { CaInput } from './ca-key.js';
import { PkiError } from './errors.js';

/** RFC 5280 revocation reasons. */
export type RevocationReason =
  | 'unspecified'
  | 'keyCompromise'
  | 'cACompromise'
  | 'affiliationChanged'
  | 'superseded'
  | 'cessationOfOperation'
  | 'certificateHold'
  | 'removeFromCRL'
  | 'privilegeWithdrawn'
  | 'aACompromise';

/** One revoked certificate. */
export interface CrlEntry {
  readonly serialHex: string;
  readonly revokedAt: Date;
  readonly reason?: RevocationReason;
}

/** Options of {@link buildCrl}. */
export interface BuildCrlOptions {
  readonly ca: CaInput;
  readonly entries: readonly CrlEntry[];
  readonly crlNumber: bigint | number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

/** Builds a signed CRL. */
export async function buildCrl(options: BuildCrlOptions): Promise<{ pem: string; der: Uint8Array }> {
  await Promise.resolve(options);
  throw new PkiError('PKI_INVALID_ARGUMENT', 'buildCrl is not implemented yet');
}
