// Text form of an IP value: dotted quad for IPv4, RFC 5952 for IPv6 (IPv4-mapped as ::ffff:a.b.c.d).
import type { IpValue } from './types.js';

function dottedQuad(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/** Formats an IP value the way Cloudflare's (Rust) engine displays it. */
export function formatIp(ip: IpValue): string {
  const b = ip.bytes;
  if (ip.family === 4) return dottedQuad(b, 0);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${dottedQuad(b, 12)}`;
  // The longest run of two or more zero groups is shortened to "::" (the first one on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
