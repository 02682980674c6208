// Base64 (RFC 4648) over binary strings: the standard and URL-safe alphabets, with or without padding.

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodeTable(alphabet: string): Int16Array {
  const table = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const STANDARD_TABLE = decodeTable(STANDARD);
const URL_SAFE_TABLE = decodeTable(URL_SAFE);

/** Encodes a binary string; `urlSafe` picks the RFC 4648 §5 alphabet, `pad` adds `=`. */
export function encodeBase64(input: string, urlSafe: boolean, pad: boolean): string {
  const alphabet = urlSafe ? URL_SAFE : STANDARD;
  let out = '';
  let i = 0;
  for (; i + 3 <= input.length; i += 3) {
    const n =
      ((input.charCodeAt(i) & 0xff) << 16) |
      ((input.charCodeAt(i + 1) & 0xff) << 8) |
      (input.charCodeAt(i + 2) & 0xff);
    out +=
      alphabet.charAt(n >> 18) +
      alphabet.charAt((n >> 12) & 63) +
      alphabet.charAt((n >> 6) & 63) +
      alphabet.charAt(n & 63);
  }
  const rest = input.length - i;
  if (rest === 1) {
    const n = (input.charCodeAt(i) & 0xff) << 16;
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
    if (pad) out += '==';
  } else if (rest === 2) {
    const n = ((input.charCodeAt(i) & 0xff) << 16) | ((input.charCodeAt(i + 1) & 0xff) << 8);
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63) + alphabet.charAt((n >> 6) & 63);
    if (pad) out += '=';
  }
  return out;
}

/**
 * Decodes Base64 text to a binary string, or undefined when it is not Base64 of the given alphabet.
 * Padding is optional but, when present, must complete the last quantum; no whitespace is allowed.
 */
export function decodeBase64(input: string, urlSafe: boolean): string | undefined {
  const table = urlSafe ? URL_SAFE_TABLE : STANDARD_TABLE;
  let end = input.length;
  if (end % 4 === 0 && end > 0 && input.charCodeAt(end - 1) === 0x3d) {
    end--;
    if (input.charCodeAt(end - 1) === 0x3d) end--;
  }
  if (end % 4 === 1) return undefined;
  let out = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const code = input.charCodeAt(i);
    const value = code < 256 ? (table[code] as number) : -1;
    if (value < 0) return undefined;
    acc = ((acc << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}
