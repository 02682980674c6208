// Size limits applied before any parsing, so hostile input cannot make the parser do unbounded work.

/** Limits (bytes or counts) for each kind of input; see the package README. */
export const limits = {
  /** A single certificate, PEM or DER. Real certificates are 0.5–4 KiB. */
  certificateBytes: 64 * 1024,
  /** A CSR, PEM or DER. */
  csrBytes: 64 * 1024,
  /** A private key PEM (RSA-4096 PKCS#8 is about 3.3 KiB). */
  privateKeyBytes: 32 * 1024,
  /** An uploaded CA bundle (all PEM blocks together). */
  bundleBytes: 256 * 1024,
  /** Certificates in one CA bundle. */
  bundleCertificates: 10,
  /** A CRL, PEM or DER (a CRL of one million serials is about 40 MiB). */
  crlBytes: 128 * 1024 * 1024,
  /** An envelope (sealed secret) in text form. */
  envelopeBytes: 1024 * 1024,
} as const;
