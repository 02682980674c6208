// IP addresses: strict IPv4/IPv6 text parsing, canonical printing, comparison and CIDR ranges.
import type { IpValue } from '../functions/types.js';

/** Parses standard dotted-quad IPv4 (no leading zeros) or IPv6 text; undefined when invalid. */
export function parseIp(text: string): IpValue | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4Into(text: string, out: Uint8Array, offset: number): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    const p = parts[k] ?? '';
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p.charCodeAt(0) === 48)) return false;
    let v = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      v = v * 10 + (c - 48);
    }
    if (v > 255) return false;
    out[offset + k] = v;
  }
  return true;
}

/** Parses dotted-quad IPv4. */
export function parseIpv4(text: string): IpValue | undefined {
  const bytes = new Uint8Array(4);
  return parseIpv4Into(text, bytes, 0) ? { family: 4, bytes } : undefined;
}

/** Parses IPv6 text: 8 groups, `::` compression, optional trailing dotted quad. */
export function parseIpv6(text: string): IpValue | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const bytes = new Uint8Array(16);
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return undefined;
  const parseGroups = (s: string, allowV4Tail: boolean): number[] | undefined => {
    if (s.length === 0) return [];
    const groups = s.split(':');
    const out: number[] = [];
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k] ?? '';
      if (k === groups.length - 1 && allowV4Tail && g.includes('.')) {
        const v4 = new Uint8Array(4);
        if (!parseIpv4Into(g, v4, 0)) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const head = parseGroups(text.slice(0, dbl), false);
    const tail = parseGroups(text.slice(dbl + 2), true);
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(text, true);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  }
  for (let k = 0; k < 8; k++) {
    const g = groups[k] ?? 0;
    bytes[2 * k] = g >> 8;
    bytes[2 * k + 1] = g & 255;
  }
  return { family: 6, bytes };
}

/** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
export function formatIp(ip: IpValue): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: number[] = [];
  for (let k = 0; k < 8; k++) groups.push(((b[2 * k] ?? 0) << 8) | (b[2 * k + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let k = 0; k < 8;) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < 8 && groups[j] === 0) j++;
    if (j - k > bestLen && j - k >= 2) {
      bestStart = k;
      bestLen = j - k;
    }
    k = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Compares two addresses of the same family byte by byte (-1, 0, 1). */
export function compareIpBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Whether two addresses are equal (same family and bytes). */
export function ipEquals(a: IpValue, b: IpValue): boolean {
  return a.family === b.family && compareIpBytes(a.bytes, b.bytes) === 0;
}

/** The first and last address of a CIDR block, or undefined when host bits are set. */
export function cidrRange(ip: IpValue, prefix: number): { from: IpValue; to: IpValue } | undefined {
  const bits = ip.bytes.length * 8;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const from = new Uint8Array(ip.bytes);
  const to = new Uint8Array(ip.bytes);
  for (let i = 0; i < ip.bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    if (((ip.bytes[i] ?? 0) & ~mask & 0xff) !== 0) return undefined;
    from[i] = (ip.bytes[i] ?? 0) & mask;
    to[i] = ((ip.bytes[i] ?? 0) & mask) | (~mask & 0xff);
  }
  return { from: { family: ip.family, bytes: from }, to: { family: ip.family, bytes: to } };
}

/** An IPv4 address as an unsigned 32-bit number. */
export function ipv4ToNumber(bytes: Uint8Array): number {
  return (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
}
