// Bytes as binary strings (one UTF-16 unit per byte): UTF-8 conversion, escaping, ASCII folding.

/** Encodes text as UTF-8 and returns it as a binary string. ASCII text is returned unchanged. */
export function utf8ToBinary(text: string): string {
  let i = 0;
  const n = text.length;
  while (i < n && text.charCodeAt(i) < 0x80) i++;
  if (i === n) return text;
  let out = text.slice(0, i);
  for (; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out += text[i];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000)
      out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out += String.fromCharCode(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 63),
        0x80 | ((c >> 6) & 63),
        0x80 | (c & 63),
      );
  }
  return out;
}

/** Decodes a binary string as UTF-8; returns undefined if it is not valid UTF-8. */
export function binaryToUtf8(bytes: string): string | undefined {
  let i = 0;
  const n = bytes.length;
  while (i < n && bytes.charCodeAt(i) < 0x80) i++;
  if (i === n) return bytes;
  let out = bytes.slice(0, i);
  while (i < n) {
    const b = bytes.charCodeAt(i);
    if (b > 0xff) return undefined;
    if (b < 0x80) {
      out += bytes[i];
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, cp, min] = [3, b & 0x07, 0x10000];
    else return undefined;
    if (i + need >= n) return undefined;
    for (let k = 1; k <= need; k++) {
      const c = bytes.charCodeAt(i + k);
      if (Number.isNaN(c) || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Lower-cases ASCII A-Z only (other bytes untouched), without allocating when nothing changes. */
export function asciiLower(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

/** Upper-cases ASCII a-z only. */
export function asciiUpper(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : s[i];
  }
  return out;
}

/** Whether every unit of `s` is a byte (0-255). */
export function isBinaryString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * Prints bytes as a quoted Rules string literal that parses back to the same bytes: valid UTF-8
 * printable text stays readable, `"` and `\` are escaped, other bytes become `\xHH`.
 */
export function quoteBytes(bytes: string): string {
  const text = binaryToUtf8(bytes);
  let out = '"';
  if (text !== undefined) {
    for (const ch of text) {
      const c = ch.codePointAt(0) ?? 0;
      if (ch === '"' || ch === '\\') out += '\\' + ch;
      else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029) {
        for (const b of utf8ToBinary(ch)) out += '\\x' + b.charCodeAt(0).toString(16).padStart(2, '0');
      } else out += ch;
    }
  } else {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes.charCodeAt(i);
      if (c === 0x22 || c === 0x5c) out += '\\' + bytes[i];
      else if (c >= 0x20 && c < 0x7f) out += bytes[i];
      else out += '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}
