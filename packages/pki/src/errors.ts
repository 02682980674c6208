// The typed error of the pki package: every refusal of bad input or failed check carries a stable code.

/** Stable codes of {@link PkiError}; callers branch on these, never on the message. */
export type PkiErrorCode =
  /** Input larger than the limit for its kind (PEM, CSR, bundle, CRL). */
  | 'PKI_TOO_LARGE'
  /** Not PEM, an unexpected PEM label, or base64 that does not decode. */
  | 'PKI_PEM_INVALID'
  /** DER/ASN.1 that does not parse as the expected structure. */
  | 'PKI_DER_INVALID'
  /** The CSR's self-signature does not verify (the CSR was altered or the key does not match). */
  | 'PKI_CSR_SIGNATURE_INVALID'
  /** A key that is too weak or of a kind we do not accept (RSA < 2048, unknown curve, …). */
  | 'PKI_KEY_UNSUPPORTED'
  /** A signature algorithm we do not accept. */
  | 'PKI_SIGNATURE_ALGORITHM_UNSUPPORTED'
  /** A private key could not be read or does not match the certificate. */
  | 'PKI_PRIVATE_KEY_INVALID'
  /** An argument outside its allowed range (validity days, subject, password, URL, …). */
  | 'PKI_INVALID_ARGUMENT'
  /** A certificate uploaded as a CA is not a CA (no CA:TRUE or no keyCertSign). */
  | 'PKI_NOT_A_CA'
  /** A CA bundle contains a private key. */
  | 'PKI_BUNDLE_HAS_PRIVATE_KEY'
  /** A CA bundle contains something other than certificates (CSR, public key, …) or nothing. */
  | 'PKI_BUNDLE_INVALID'
  /** The certificates of a bundle do not form a chain (wrong order, bad signature). */
  | 'PKI_CHAIN_INVALID'
  /** A certificate (or CA) is expired or not yet valid. */
  | 'PKI_EXPIRED'
  /** A CRL's signature does not verify or its issuer does not match. */
  | 'PKI_CRL_SIGNATURE_INVALID'
  /** An envelope that is malformed, from another key, or fails authentication. */
  | 'PKI_ENVELOPE_INVALID'
  /** The master key for an envelope has the wrong size. */
  | 'PKI_MASTER_KEY_INVALID';

/**
 * The error every pki function throws for bad input or failed checks. The message is lowercase,
 * names the offending value and never contains key material.
 */
export class PkiError extends Error {
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PkiError';
    this.code = code;
  }
}

/** True when `error` is a {@link PkiError} (by its code, so it works across module copies). */
export function isPkiError(error: unknown): error is PkiError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'PkiError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('PKI_')
  );
}
