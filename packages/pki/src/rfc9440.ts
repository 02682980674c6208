// RFC 9440 Client-Cert / Client-Cert-Chain values (structured-field byte sequences), with
// Cloudflare's size rules: "" and a too-large flag above 10 KiB (leaf) or 16 KiB (chain).

/** Cloudflare's limit on the leaf's encoded `Client-Cert` value, in bytes. */
export const RFC9440_LEAF_LIMIT = 10 * 1024;
/** Cloudflare's limit on the encoded `Client-Cert-Chain` list, in bytes. */
export const RFC9440_CHAIN_LIMIT = 16 * 1024;

/** `:base64(DER):`, an RFC 8941 byte sequence. */
export function rfc9440Item(der: Uint8Array): string {
  return `:${Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64')}:`;
}

/** The leaf as Cloudflare's `cert_rfc9440`: `{ value: '', tooLarge: true }` when the encoding exceeds 10 KiB. */
export function rfc9440Leaf(der: Uint8Array): { value: string; tooLarge: boolean } {
  const value = rfc9440Item(der);
  return value.length > RFC9440_LEAF_LIMIT ? { value: '', tooLarge: true } : { value, tooLarge: false };
}

/** The chain as Cloudflare's `cert_chain_rfc9440` (items joined by `, `); '' when empty or over 16 KiB. */
export function rfc9440Chain(ders: readonly Uint8Array[]): { value: string; tooLarge: boolean } {
  const value = ders.map(rfc9440Item).join(', ');
  return value.length > RFC9440_CHAIN_LIMIT ? { value: '', tooLarge: true } : { value, tooLarge: false };
}
