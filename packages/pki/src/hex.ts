// Hex encoding of bytes in the two cases the Cloudflare formats use.

/** Lowercase hex without separators. */
export function hexLower(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Uppercase hex without separators. */
export function hexUpper(bytes: Uint8Array): string {
  return hexLower(bytes).toUpperCase();
}
