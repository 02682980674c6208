// Request-target and host normalisation as Cloudflare applies it by default ("Cloudflare" URL
// normalisation: RFC 3986 plus backslashes to slashes and merged slashes), done once per request
// so that rules and the origin see the same path.

/** A normalised request target. */
export interface NormalisedTarget {
  /** Normalised path, always starting with `/` (`OPTIONS *` is not served). */
  readonly path: string;
  /** Query without the `?`, unchanged except for percent-encoding of unsafe bytes; '' when none. */
  readonly query: string;
  /** Whether the request carried a `?` (so `/a?` is forwarded as sent). */
  readonly hasQuery: boolean;
  /** Host from an absolute-form target (`GET https://host/path`), already normalised. */
  readonly authority: string | undefined;
}

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function isUnreserved(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 45 ||
    code === 46 ||
    code === 95 ||
    code === 126
  );
}

/** Characters allowed literally in a path: unreserved, sub-delims, ':', '@', '/'. */
function isPathSafe(code: number): boolean {
  if (isUnreserved(code)) return true;
  switch (code) {
    case 33:
    case 36:
    case 38:
    case 39:
    case 40:
    case 41:
    case 42:
    case 43:
    case 44:
    case 59:
    case 61:
    case 58:
    case 64:
    case 47:
      return true;
    default:
      return false;
  }
}

/**
 * Normalises a host (SNI, Host header, :authority or absolute-form authority): lower case, no
 * trailing dot, no port. Returns undefined when the value is not a valid host.
 */
export function normaliseHost(raw: string): string | undefined {
  let host = raw;
  if (host.length === 0 || host.length > 300) return undefined;
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    if (close < 0) return undefined;
    const rest = host.slice(close + 1);
    if (rest !== '' && !/^:\d{1,5}$/.test(rest)) return undefined;
    const literal = host.slice(0, close + 1).toLowerCase();
    return /^\[[0-9a-f:.]+\]$/.test(literal) ? literal : undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    if (!/^\d{1,5}$/.test(host.slice(colon + 1))) return undefined;
    host = host.slice(0, colon);
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return undefined;
  host = host.toLowerCase();
  return /^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?$/.test(host) && !host.includes('..') ? host : undefined;
}

/**
 * Parses and normalises a request target (origin-form or absolute-form). Returns undefined
 * for a target that cannot be served (bad percent-encoding, unsupported scheme, bad authority).
 */
export function normaliseTarget(raw: string): NormalisedTarget | undefined {
  let rest = raw;
  let authority: string | undefined;
  if (rest.charCodeAt(0) !== 47 /* / */) {
    const match = /^(https?):\/\/([^/?#]*)/i.exec(rest);
    if (!match) return undefined;
    const auth = match[2]!;
    if (auth.includes('@')) return undefined; // userinfo is not allowed in http(s) targets
    authority = normaliseHost(auth);
    if (authority === undefined) return undefined;
    rest = rest.slice(match[0].length);
    if (rest.length === 0 || rest.charCodeAt(0) === 63 /* ? */) rest = '/' + rest;
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const rawPath = q < 0 ? rest : rest.slice(0, q);
  const rawQuery = q < 0 ? '' : rest.slice(q + 1);
  const path = normalisePath(rawPath);
  if (path === undefined) return undefined;
  return { path, query: encodeUnsafe(rawQuery), hasQuery: q >= 0, authority };
}

/** Normalises a path: percent-decoding of unreserved bytes, upper-case escapes, `\` to `/`, merged slashes, dot segments removed. */
export function normalisePath(raw: string): string | undefined {
  if (raw.length === 0) return '/';
  if (isAlreadyNormal(raw)) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 37 /* % */) {
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return undefined;
      const byte = hi * 16 + lo;
      out += isUnreserved(byte) ? String.fromCharCode(byte) : '%' + HEX[hi]! + HEX[lo]!;
      i += 2;
    } else if (code === 92 /* \ */) {
      out += '/';
    } else if (isPathSafe(code)) {
      out += raw[i];
    } else if (code > 0xff) {
      return undefined;
    } else {
      out += '%' + HEX[code >> 4]! + HEX[code & 15]!;
    }
  }
  if (out.charCodeAt(0) !== 47) out = '/' + out;
  return removeDotSegments(out.replace(/\/{2,}/g, '/'));
}

function isAlreadyNormal(path: string): boolean {
  if (path.charCodeAt(0) !== 47) return false;
  let prev = 47;
  for (let i = 1; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code === 47 && prev === 47) return false;
    if (code === 46 && prev === 47) return false; // a segment starting with '.': check it properly
    if (!isPathSafe(code)) return false;
    prev = code;
  }
  return true;
}

/** RFC 3986 §5.2.4 on an absolute path. */
function removeDotSegments(path: string): string {
  const input = path.split('/');
  const output: string[] = [];
  for (let i = 1; i < input.length; i++) {
    const segment = input[i]!;
    const last = i === input.length - 1;
    if (segment === '.') {
      if (last) output.push('');
    } else if (segment === '..') {
      output.pop();
      if (last) output.push('');
    } else {
      output.push(segment);
    }
  }
  return '/' + output.join('/');
}

function encodeUnsafe(value: string): string {
  let needs = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 35 /* # */) {
      needs = true;
      break;
    }
  }
  if (!needs) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i) & 0xff;
    out += code <= 0x20 || code >= 0x7f || code === 35 ? '%' + HEX[code >> 4]! + HEX[code & 15]! : value[i];
  }
  return out;
}
