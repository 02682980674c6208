// Request + connection → rules context. Each field has one provider; a zone's plan lists only the
// providers of the fields its rules reference, built once per compiled zone. Certificate fields
// are lazy (computed on first read), revocation is read from the request's snapshot.
import { createHash } from 'node:crypto';
import type { Context } from '@portcullis/rules';
import type { ClientHelloInfo } from './client-hello.js';
import type { ConnectionClientAuth } from './client-auth.js';
import type { NormalisedTarget } from './normalise-url.js';
import type { CompiledZone } from './ruleset.js';
import type { EdgeSnapshot } from './snapshot.js';

/** What the edge knows about one request, after host and target normalisation. */
export interface RequestView {
  readonly method: string;
  readonly version: string;
  readonly host: string;
  readonly target: NormalisedTarget;
  readonly rawTarget: string;
  /** Flat [name, value, …] as received (names in received case; HTTP/2 pseudo-headers skipped). */
  readonly rawHeaders: readonly string[];
  readonly clientIp: string;
  readonly rayId: string;
  readonly timeMs: number;
}

/** What the edge knows about the request's connection. */
export interface ConnectionInfo {
  readonly clientAuth: ConnectionClientAuth;
  readonly tlsVersion: () => string;
  readonly tlsCipher: () => string;
  readonly hello: ClientHelloInfo;
  readonly serverIp: string;
  readonly serverPort: number;
}

type Provider = (ctx: Context, r: RequestView, c: ConnectionInfo, s: EdgeSnapshot) => void;

const CERT = 'cf.tls_client_auth.';

function certString(name: string, read: (c: ConnectionInfo) => string | undefined): [string, Provider] {
  const field = CERT + name;
  return [
    field,
    (ctx, _r, c) => {
      if (!c.clientAuth.presented) ctx.set(field, '');
      else ctx.setLazy(field, () => read(c) ?? '');
    },
  ];
}

function headerValues(r: RequestView, lower: string): string[] {
  const values: string[] = [];
  const h = r.rawHeaders;
  for (let i = 0; i < h.length; i += 2)
    if (h[i]!.length === lower.length && h[i]!.toLowerCase() === lower) values.push(h[i + 1]!);
  return values;
}

function headerMap(r: RequestView): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const h = r.rawHeaders;
  for (let i = 0; i < h.length; i += 2) {
    const name = h[i]!.toLowerCase();
    const list = map.get(name);
    if (list) list.push(h[i + 1]!);
    else map.set(name, [h[i + 1]!]);
  }
  return map;
}

function decodeComponent(s: string): string {
  // Percent-decoding to bytes (a binary string); '+' is kept, as Cloudflare does.
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function argsMap(query: string, decode: boolean): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (query === '') return map;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = decode ? decodeComponent(rawName) : rawName;
    const value = decode ? decodeComponent(rawValue) : rawValue;
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
  }
  return map;
}

function cookieMap(r: RequestView): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const header of headerValues(r, 'cookie')) {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const name = part.slice(0, eq).trim();
      const value = part.slice(eq + 1).trim();
      const list = map.get(name);
      if (list) list.push(value);
      else map.set(name, [value]);
    }
  }
  return map;
}

function uri(r: RequestView): string {
  return r.target.hasQuery ? `${r.target.path}?${r.target.query}` : r.target.path;
}

function rawPathQuery(r: RequestView): { path: string; query: string; hasQuery: boolean } {
  let raw = r.rawTarget;
  if (raw.charCodeAt(0) !== 47 && raw !== '*') {
    const m = /^[a-z]+:\/\/[^/?#]*/i.exec(raw);
    raw = m ? raw.slice(m[0].length) || '/' : raw;
  }
  const q = raw.indexOf('?');
  return q < 0
    ? { path: raw, query: '', hasQuery: false }
    : { path: raw.slice(0, q), query: raw.slice(q + 1), hasQuery: true };
}

function extension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

function sha1Base64(data: Buffer): string {
  return createHash('sha1').update(data).digest('base64');
}

function extensionBytes(types: readonly number[], littleEndian: boolean): Buffer {
  const out = Buffer.alloc(types.length * 2);
  types.forEach((t, i) => (littleEndian ? out.writeUInt16LE(t, i * 2) : out.writeUInt16BE(t, i * 2)));
  return out;
}

/** One provider per field the edge fills; fields not listed stay missing. */
const PROVIDERS: ReadonlyMap<string, Provider> = new Map<string, Provider>([
  [CERT + 'cert_presented', (ctx, _r, c) => void ctx.set(CERT + 'cert_presented', c.clientAuth.presented)],
  [CERT + 'cert_verified', (ctx, _r, c) => void ctx.set(CERT + 'cert_verified', c.clientAuth.verified)],
  [
    CERT + 'cert_revoked',
    (ctx, _r, c, s) => void ctx.setLazy(CERT + 'cert_revoked', () => c.clientAuth.revoked(s)),
  ],
  certString('cert_issuer_dn', (c) => c.clientAuth.facts?.issuerDn),
  certString('cert_subject_dn', (c) => c.clientAuth.facts?.subjectDn),
  certString('cert_issuer_dn_rfc2253', (c) => c.clientAuth.facts?.issuerDnRfc2253),
  certString('cert_subject_dn_rfc2253', (c) => c.clientAuth.facts?.subjectDnRfc2253),
  certString('cert_issuer_dn_legacy', (c) => c.clientAuth.facts?.issuerDnLegacy),
  certString('cert_subject_dn_legacy', (c) => c.clientAuth.facts?.subjectDnLegacy),
  certString('cert_serial', (c) => c.clientAuth.facts?.serial),
  certString('cert_issuer_serial', (c) => c.clientAuth.issuerSerial),
  certString('cert_fingerprint_sha256', (c) => c.clientAuth.facts?.fingerprintSha256),
  certString('cert_fingerprint_sha1', (c) => c.clientAuth.facts?.fingerprintSha1),
  certString('cert_not_before', (c) => c.clientAuth.facts?.notBefore),
  certString('cert_not_after', (c) => c.clientAuth.facts?.notAfter),
  certString('cert_ski', (c) => c.clientAuth.facts?.ski),
  certString('cert_issuer_ski', (c) => c.clientAuth.issuerSki),
  certString('cert_rfc9440', (c) => c.clientAuth.rfc9440.value),
  [
    CERT + 'cert_rfc9440_too_large',
    (ctx, _r, c) => void ctx.setLazy(CERT + 'cert_rfc9440_too_large', () => c.clientAuth.rfc9440.tooLarge),
  ],
  certString('cert_chain_rfc9440', (c) => c.clientAuth.chainRfc9440.value),
  [
    CERT + 'cert_chain_rfc9440_too_large',
    (ctx, _r, c) =>
      void ctx.setLazy(CERT + 'cert_chain_rfc9440_too_large', () => c.clientAuth.chainRfc9440.tooLarge),
  ],
  ['ssl', (ctx) => void ctx.set('ssl', true)],
  ['cf.tls_version', (ctx, _r, c) => void ctx.setLazy('cf.tls_version', c.tlsVersion)],
  ['cf.tls_cipher', (ctx, _r, c) => void ctx.setLazy('cf.tls_cipher', c.tlsCipher)],
  ['cf.tls_client_hello_length', (ctx, _r, c) => void ctx.set('cf.tls_client_hello_length', c.hello.length)],
  [
    'cf.tls_client_random',
    (ctx, _r, c) => void ctx.set('cf.tls_client_random', c.hello.random.toString('base64')),
  ],
  [
    'cf.tls_ciphers_sha1',
    (ctx, _r, c) => void ctx.setLazy('cf.tls_ciphers_sha1', () => sha1Base64(c.hello.cipherSuites)),
  ],
  [
    'cf.tls_client_extensions_sha1',
    (ctx, _r, c) =>
      void ctx.setLazy('cf.tls_client_extensions_sha1', () =>
        sha1Base64(extensionBytes(c.hello.extensionTypes, false)),
      ),
  ],
  [
    'cf.tls_client_extensions_sha1_le',
    (ctx, _r, c) =>
      void ctx.setLazy('cf.tls_client_extensions_sha1_le', () =>
        sha1Base64(extensionBytes(c.hello.extensionTypes, true)),
      ),
  ],
  ['http.host', (ctx, r) => void ctx.setBinary('http.host', r.host)],
  ['http.request.uri', (ctx, r) => void ctx.setBinary('http.request.uri', uri(r))],
  ['http.request.uri.path', (ctx, r) => void ctx.setBinary('http.request.uri.path', r.target.path)],
  [
    'http.request.uri.path.extension',
    (ctx, r) => void ctx.setBinary('http.request.uri.path.extension', extension(r.target.path)),
  ],
  ['http.request.uri.query', (ctx, r) => void ctx.setBinary('http.request.uri.query', r.target.query)],
  [
    'http.request.full_uri',
    (ctx, r) => void ctx.setBinary('http.request.full_uri', `https://${r.host}${uri(r)}`),
  ],
  ['http.request.method', (ctx, r) => void ctx.setBinary('http.request.method', r.method)],
  ['http.request.version', (ctx, r) => void ctx.setBinary('http.request.version', r.version)],
  [
    'http.user_agent',
    (ctx, r) => void ctx.setBinary('http.user_agent', headerValues(r, 'user-agent')[0] ?? ''),
  ],
  ['http.referer', (ctx, r) => void ctx.setBinary('http.referer', headerValues(r, 'referer')[0] ?? '')],
  ['http.cookie', (ctx, r) => void ctx.setBinary('http.cookie', headerValues(r, 'cookie').join('; '))],
  [
    'http.x_forwarded_for',
    (ctx, r) => void ctx.setBinary('http.x_forwarded_for', headerValues(r, 'x-forwarded-for').join(', ')),
  ],
  ['http.request.headers', (ctx, r) => void ctx.setLazyBinary('http.request.headers', () => headerMap(r))],
  [
    'http.request.headers.names',
    (ctx, r) =>
      void ctx.setLazyBinary('http.request.headers.names', () =>
        r.rawHeaders.filter((_v, i) => i % 2 === 0).map((n) => n.toLowerCase()),
      ),
  ],
  [
    'http.request.headers.values',
    (ctx, r) =>
      void ctx.setLazyBinary('http.request.headers.values', () =>
        r.rawHeaders.filter((_v, i) => i % 2 === 1),
      ),
  ],
  ['http.request.headers.truncated', (ctx) => void ctx.set('http.request.headers.truncated', false)],
  [
    'http.request.uri.args',
    (ctx, r) => void ctx.setLazyBinary('http.request.uri.args', () => argsMap(r.target.query, true)),
  ],
  [
    'http.request.uri.args.names',
    (ctx, r) =>
      void ctx.setLazyBinary('http.request.uri.args.names', () => [...argsMap(r.target.query, true).keys()]),
  ],
  [
    'http.request.uri.args.values',
    (ctx, r) =>
      void ctx.setLazyBinary('http.request.uri.args.values', () =>
        [...argsMap(r.target.query, true).values()].flat(),
      ),
  ],
  ['http.request.cookies', (ctx, r) => void ctx.setLazyBinary('http.request.cookies', () => cookieMap(r))],
  [
    'http.request.timestamp.sec',
    (ctx, r) => void ctx.set('http.request.timestamp.sec', Math.floor(r.timeMs / 1000)),
  ],
  ['http.request.timestamp.msec', (ctx, r) => void ctx.set('http.request.timestamp.msec', r.timeMs)],
  [
    'raw.http.request.uri',
    (ctx, r) =>
      void ctx.setLazyBinary('raw.http.request.uri', () => {
        const p = rawPathQuery(r);
        return p.hasQuery ? `${p.path}?${p.query}` : p.path;
      }),
  ],
  [
    'raw.http.request.uri.path',
    (ctx, r) => void ctx.setLazyBinary('raw.http.request.uri.path', () => rawPathQuery(r).path),
  ],
  [
    'raw.http.request.uri.query',
    (ctx, r) => void ctx.setLazyBinary('raw.http.request.uri.query', () => rawPathQuery(r).query),
  ],
  [
    'raw.http.request.full_uri',
    (ctx, r) =>
      void ctx.setLazyBinary('raw.http.request.full_uri', () => {
        const p = rawPathQuery(r);
        return `https://${r.host}${p.hasQuery ? `${p.path}?${p.query}` : p.path}`;
      }),
  ],
  [
    'raw.http.request.uri.args',
    (ctx, r) =>
      void ctx.setLazyBinary('raw.http.request.uri.args', () => argsMap(rawPathQuery(r).query, false)),
  ],
  [
    'raw.http.request.uri.args.names',
    (ctx, r) =>
      void ctx.setLazyBinary('raw.http.request.uri.args.names', () => [
        ...argsMap(rawPathQuery(r).query, false).keys(),
      ]),
  ],
  [
    'raw.http.request.uri.args.values',
    (ctx, r) =>
      void ctx.setLazyBinary('raw.http.request.uri.args.values', () =>
        [...argsMap(rawPathQuery(r).query, false).values()].flat(),
      ),
  ],
  ['ip.src', (ctx, r) => void (r.clientIp !== '' && ctx.set('ip.src', r.clientIp))],
  ['cf.edge.server_ip', (ctx, _r, c) => void (c.serverIp !== '' && ctx.set('cf.edge.server_ip', c.serverIp))],
  ['cf.edge.server_port', (ctx, _r, c) => void ctx.set('cf.edge.server_port', c.serverPort)],
  ['cf.ray_id', (ctx, r) => void ctx.setBinary('cf.ray_id', r.rayId)],
]);

/** The fields a zone's rules read that the edge cannot fill (they stay missing); reported at build time. */
export function unsupportedFields(zone: CompiledZone): string[] {
  return [...zone.referencedFields].filter((f) => !PROVIDERS.has(f));
}

const PLANS = new WeakMap<CompiledZone, readonly Provider[]>();

/** The providers for exactly the fields a zone's rules reference (built once per compiled zone). */
export function fieldPlan(zone: CompiledZone): readonly Provider[] {
  let plan = PLANS.get(zone);
  if (!plan) {
    plan = [...zone.referencedFields].flatMap((f) => {
      const p = PROVIDERS.get(f);
      return p ? [p] : [];
    });
    PLANS.set(zone, plan);
  }
  return plan;
}

/** Fills a context with the plan's fields. */
export function fillContext(
  ctx: Context,
  plan: readonly Provider[],
  r: RequestView,
  c: ConnectionInfo,
  s: EdgeSnapshot,
): void {
  for (let i = 0; i < plan.length; i++) plan[i]!(ctx, r, c, s);
}

/** Names of every field the edge provides (for documentation and tests). */
export const providedFields: readonly string[] = [...PROVIDERS.keys()];
