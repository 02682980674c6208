// Header work for proxying: the request headers sent to the origin (hop-by-hop removed,
// spoofable client-certificate headers stripped in any spelling, forwarded headers set) and the
// response headers sent back (THREATS T4, T5, T11).

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus those a proxy must never pass on. */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
  'http2-settings',
  'expect',
  'host',
]);

/** Headers the edge owns or that other proxies use to assert a client certificate or identity. */
const OWNED_EXACT: ReadonlySet<string> = new Set([
  'client-cert',
  'client-cert-chain',
  'x-forwarded-client-cert',
  'x-forwarded-proto',
  'x-real-ip',
  'true-client-ip',
  'x-client-verify',
  'x-client-dn',
  'x-client-i-dn',
  'x-client-s-dn',
  'ssl-client-cert',
  'x-arr-clientcert',
  'x-client-certificate',
]);
const OWNED_PREFIXES: readonly string[] = [
  'cf-',
  'x-ssl-',
  'ssl-client-',
  'x-client-cert',
  'x-forwarded-client-cert',
  'x-forwarded-tls-client-cert',
  'x-tls-client-',
  'x-client-ssl-',
  'x-amzn-mtls-',
];

/** Whether a request header name (any case, `_` or `-`) belongs to the edge and must not come from a client. */
export function isOwnedHeader(lowerName: string): boolean {
  const name = lowerName.includes('_') ? lowerName.replace(/_/g, '-') : lowerName;
  if (OWNED_EXACT.has(name)) return true;
  for (const prefix of OWNED_PREFIXES) if (name.startsWith(prefix)) return true;
  return false;
}

function connectionTokens(rawHeaders: readonly string[]): Set<string> | undefined {
  let tokens: Set<string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.length === 10 && rawHeaders[i]!.toLowerCase() === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) {
        const t = token.trim().toLowerCase();
        if (t !== '') (tokens ??= new Set()).add(t);
      }
    }
  }
  return tokens;
}

/** What the edge adds to every proxied request. */
export interface ForwardedValues {
  readonly host: string;
  readonly clientIp: string;
  readonly rayId: string;
  /** Client-certificate headers to add (already sanitised), or undefined when forwarding is off. */
  readonly clientCert: readonly (readonly [string, string])[] | undefined;
}

/**
 * Builds the origin request headers as a flat [name, value, …] list from the client's raw
 * headers: hop-by-hop and owned headers dropped, X-Forwarded-For appended, the rest set by us.
 */
export function originRequestHeaders(rawHeaders: readonly string[], forwarded: ForwardedValues): string[] {
  const listed = connectionTokens(rawHeaders);
  const out: string[] = [];
  let xff: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.charCodeAt(0) === 58 /* : */) continue; // HTTP/2 pseudo-headers
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed?.has(lower) || isOwnedHeader(lower)) continue;
    if (lower === 'x-forwarded-for') {
      xff = xff === undefined ? rawHeaders[i + 1]! : `${xff}, ${rawHeaders[i + 1]!}`;
      continue;
    }
    out.push(name, rawHeaders[i + 1]!);
  }
  out.push('host', forwarded.host);
  out.push('x-forwarded-for', xff === undefined ? forwarded.clientIp : `${xff}, ${forwarded.clientIp}`);
  out.push('x-forwarded-proto', 'https');
  out.push('cf-connecting-ip', forwarded.clientIp);
  out.push('cf-ray', forwarded.rayId);
  if (forwarded.clientCert) for (const [n, v] of forwarded.clientCert) out.push(n, v);
  return out;
}

/** Headers never returned to the client from an origin response. */
const RESPONSE_DROP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/** Filters origin response headers (undici's lower-cased object form) for the client. */
export function clientResponseHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  let listed: Set<string> | undefined;
  const connection = headers['connection'];
  if (connection !== undefined) {
    listed = new Set(
      (Array.isArray(connection) ? connection.join(',') : connection)
        .split(',')
        .map((t) => t.trim().toLowerCase()),
    );
  }
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || RESPONSE_DROP.has(name) || listed?.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Makes a certificate-derived string safe as a header value: control characters, DEL and
 * non-ASCII become `\XX` escapes (RFC 4514 style), so nothing in a certificate can inject a
 * header (THREATS T5).
 */
export function sanitiseHeaderValue(value: string): string {
  let safe = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      safe = false;
      break;
    }
  }
  if (safe) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out +=
      byte < 0x20 || byte > 0x7e
        ? '\\' + byte.toString(16).toUpperCase().padStart(2, '0')
        : String.fromCharCode(byte);
  }
  return out;
}
