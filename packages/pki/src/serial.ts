// Certificate serial numbers: random generation and the two text forms (uppercase hex, decimal).
import { randomBytes } from 'node:crypto';

/** A source of random bytes; injectable for tests, defaults to Node's CSPRNG. */
export type RandomSource = (size: number) => Uint8Array;

/** Node's CSPRNG. */
export const defaultRandom: RandomSource = (size) => new Uint8Array(randomBytes(size));

/**
 * A random positive serial of 20 octets (159 random bits, RFC 5280's maximum length): the first
 * octet is 0x01–0x7F, so the INTEGER is positive, needs no padding octet and prints as 40 hex digits.
 */
export function randomSerial(random: RandomSource = defaultRandom): Uint8Array {
  const bytes = random(20);
  if (bytes.length !== 20) throw new Error('random source returned the wrong number of bytes');
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01;
  return bytes;
}

/** The value of an INTEGER's two's-complement content octets. */
export function integerValue(content: Uint8Array): bigint {
  if (content.length === 0) return 0n;
  let value = BigInt('0x' + Buffer.from(content).toString('hex'));
  if ((content[0] ?? 0) & 0x80) value -= 1n << BigInt(content.length * 8);
  return value;
}

/**
 * A serial as OpenSSL prints it (`openssl x509 -serial`) and Cloudflare's `cert_serial` shows it:
 * uppercase hex of the magnitude, an even number of digits, `-` first when negative.
 */
export function serialToHex(content: Uint8Array): string {
  const first = content[0] ?? 0;
  if (content.length > 0 && (first & 0x80) === 0) {
    // Positive (the common case, fast): drop the sign-padding zero octets, keep at least one octet.
    let start = 0;
    while (start < content.length - 1 && content[start] === 0) start++;
    return Buffer.from(content.buffer, content.byteOffset + start, content.length - start)
      .toString('hex')
      .toUpperCase();
  }
  const value = integerValue(content);
  const magnitude = value < 0n ? -value : value;
  let hex = magnitude.toString(16).toUpperCase();
  if (hex.length % 2 === 1) hex = '0' + hex;
  return (value < 0n ? '-' : '') + hex;
}

/** A serial in decimal, as Cloudflare's API returns `serial_number`. */
export function serialToDecimal(content: Uint8Array): string {
  return integerValue(content).toString(10);
}

/** Normalises a user-supplied hex serial (`0A:1b`, `0x0a1b`, …) to uppercase even-length hex; null if not hex. */
export function normaliseSerialHex(text: string): string | null {
  const compact = text.trim().replace(/^0x/i, '').replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{1,64}$/.test(compact)) return null;
  const stripped = compact.replace(/^0+(?=.)/, '').toUpperCase();
  return stripped.length % 2 === 1 ? '0' + stripped : stripped;
}
