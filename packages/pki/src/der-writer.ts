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

/** True when RFC 5280 wants UTCTime for this instant (years 1950–2049), else GeneralizedTime. */
function isUtcTimeYear(year: number): boolean {
  return year >= 1950 && year < 2050;
}

const UTC_TIME_FROM = Date.UTC(1950, 0, 1);
const UTC_TIME_UNTIL = Date.UTC(2050, 0, 1);

/** Size of the DER time TLV for `ms` (whole seconds): 15 octets as UTCTime, 17 as GeneralizedTime. */
export function derTimeSize(ms: number): number {
  return ms >= UTC_TIME_FROM && ms < UTC_TIME_UNTIL ? 15 : 17;
}

/**
 * Writes the DER time TLV for `ms` at `offset` (`YYMMDDHHMMSSZ` UTCTime for 1950–2049, else
 * `YYYYMMDDHHMMSSZ` GeneralizedTime, as RFC 5280 §5.1.2.4 and §4.1.2.5 prescribe) and returns the
 * offset after it. Byte-identical to asn1js's encoding (tested); used per CRL entry, where one
 * asn1js object per revocation date would dominate the cost.
 */
export function writeDerTime(target: Uint8Array, offset: number, ms: number): number {
  // Civil date from days since the epoch (H. Hinnant's algorithm): no Date object per CRL entry.
  const days = Math.floor(ms / 86_400_000);
  const secondsOfDay = Math.floor((ms - days * 86_400_000) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const utc = isUtcTimeYear(year);
  target[offset++] = utc ? 0x17 : 0x18;
  target[offset++] = utc ? 13 : 15;
  const put2 = (n: number): void => {
    target[offset++] = 0x30 + Math.floor(n / 10);
    target[offset++] = 0x30 + (n % 10);
  };
  if (!utc) put2(Math.floor(year / 100));
  put2(year % 100);
  put2(month);
  put2(day);
  put2(Math.floor(secondsOfDay / 3600));
  put2(Math.floor(secondsOfDay / 60) % 60);
  put2(secondsOfDay % 60);
  target[offset++] = 0x5a; // 'Z'
  return offset;
}
