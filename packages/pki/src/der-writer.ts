// DER tag-and-length headers for splicing pre-encoded parts: the one place that writes DER framing by
// hand, so a CRL of a million entries is built in one buffer instead of a million asn1js objects
// (measured: asn1-schema needs ~12 s per 100,000 entries; see the README). Contents always come from asn1js.

/** The DER length octets for `length`. */
export function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Number of length octets DER uses for `length`. */
function lengthSize(length: number): number {
  return length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5;
}

/** Size of a TLV with a one-octet tag and `contentLength` content octets. */
export function tlvSize(contentLength: number): number {
  return 1 + lengthSize(contentLength) + contentLength;
}

/** Writes a one-octet tag and the length of `contentLength` at `offset`; returns the offset after the header. */
export function writeHeader(target: Uint8Array, offset: number, tag: number, contentLength: number): number {
  target[offset++] = tag;
  const octets = lengthSize(contentLength) - 1;
  if (octets === 0) {
    target[offset++] = contentLength;
    return offset;
  }
  target[offset++] = 0x80 | octets;
  for (let i = octets - 1; i >= 0; i--) target[offset++] = Math.floor(contentLength / 2 ** (8 * i)) & 0xff;
  return offset;
}

/** A complete TLV: tag, length, then the given contents concatenated. */
export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const contentLength = contents.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(tlvSize(contentLength));
  let offset = writeHeader(out, 0, tag, contentLength);
  for (const part of contents) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** DER tags used when splicing. */
export const tags = { integer: 0x02, bitString: 0x03, sequence: 0x30 } as const;
