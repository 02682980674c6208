// DER tag-and-length reading for walking very large structures (a CRL of a million entries) without
// building an object per node: asn1js caps a parse at 10,000 nodes, and rightly so. Only framing is
// read here (strict DER: definite, minimal lengths, in bounds); contents are decoded by asn1js.
import { PkiError } from './errors.js';

/** One TLV: its one-octet tag and where it, and its contents, start and end. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** Reads the TLV at `offset`, which must end at or before `limit`. */
export function readTlv(bytes: Uint8Array, offset: number, limit: number, what: string): Tlv {
  if (offset + 2 > limit) throw new PkiError('PKI_DER_INVALID', `${what} is truncated`);
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new PkiError('PKI_DER_INVALID', `${what} uses a multi-octet tag`);
  const first = bytes[offset + 1] as number;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const octets = first & 0x7f;
    if (octets === 0) throw new PkiError('PKI_DER_INVALID', `${what} uses an indefinite length (not DER)`);
    if (octets > 4 || contentStart + octets > limit)
      throw new PkiError('PKI_DER_INVALID', `${what} has an invalid length`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (bytes[contentStart + i] as number);
    if (length < 0x80 || (octets > 1 && bytes[contentStart] === 0))
      throw new PkiError('PKI_DER_INVALID', `${what} has a non-minimal length (not DER)`);
    contentStart += octets;
  }
  const end = contentStart + length;
  if (end > limit) throw new PkiError('PKI_DER_INVALID', `${what} is truncated`);
  return { tag, start: offset, contentStart, end };
}

/** The TLVs inside a constructed TLV, in order. */
export function readChildren(bytes: Uint8Array, parent: Tlv, what: string): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readTlv(bytes, offset, parent.end, what);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** DER tags read when walking. */
export const derTags = {
  integer: 0x02,
  sequence: 0x30,
  utcTime: 0x17,
  generalizedTime: 0x18,
  context0: 0xa0,
} as const;
