// The Cloudflare field table (CLOUDFLARE.md §4): every cf.tls_client_auth.* field, the SSL/TLS
// fields and the request fields a self-hosted edge can fill, and the two phase schemes.
import { allFunctions } from '../functions/registry.js';
import type { Type } from '../functions/types.js';
import { createScheme, type Scheme } from '../scheme.js';
import { BOOL, BYTES, INT, IP, arrayOf, mapOf } from '../type-utils.js';

const MULTI_BYTES = mapOf(arrayOf(BYTES));
const BYTES_LIST = arrayOf(BYTES);

/**
 * Field name → type. mTLS fields default (at the edge) to false / "" when no certificate is
 * presented, as Cloudflare documents; the engine itself treats an unset field as missing.
 */
export const cloudflareFields: Readonly<Record<string, Type>> = Object.freeze({
  // §4.1 mTLS
  'cf.tls_client_auth.cert_presented': BOOL,
  'cf.tls_client_auth.cert_verified': BOOL,
  'cf.tls_client_auth.cert_revoked': BOOL,
  'cf.tls_client_auth.cert_issuer_dn': BYTES,
  'cf.tls_client_auth.cert_subject_dn': BYTES,
  'cf.tls_client_auth.cert_issuer_dn_rfc2253': BYTES,
  'cf.tls_client_auth.cert_subject_dn_rfc2253': BYTES,
  'cf.tls_client_auth.cert_issuer_dn_legacy': BYTES,
  'cf.tls_client_auth.cert_subject_dn_legacy': BYTES,
  'cf.tls_client_auth.cert_serial': BYTES,
  'cf.tls_client_auth.cert_issuer_serial': BYTES,
  'cf.tls_client_auth.cert_fingerprint_sha256': BYTES,
  'cf.tls_client_auth.cert_fingerprint_sha1': BYTES,
  'cf.tls_client_auth.cert_not_before': BYTES,
  'cf.tls_client_auth.cert_not_after': BYTES,
  'cf.tls_client_auth.cert_ski': BYTES,
  'cf.tls_client_auth.cert_issuer_ski': BYTES,
  'cf.tls_client_auth.cert_rfc9440': BYTES,
  'cf.tls_client_auth.cert_rfc9440_too_large': BOOL,
  'cf.tls_client_auth.cert_chain_rfc9440': BYTES,
  'cf.tls_client_auth.cert_chain_rfc9440_too_large': BOOL,
  // §4.2 SSL/TLS
  ssl: BOOL,
  'cf.tls_version': BYTES,
  'cf.tls_cipher': BYTES,
  'cf.tls_client_hello_length': INT,
  'cf.tls_client_random': BYTES,
  'cf.tls_ciphers_sha1': BYTES,
  'cf.tls_client_extensions_sha1': BYTES,
  'cf.tls_client_extensions_sha1_le': BYTES,
  // §4.3 request
  'http.host': BYTES,
  'http.request.uri': BYTES,
  'http.request.uri.path': BYTES,
  'http.request.uri.path.extension': BYTES,
  'http.request.uri.query': BYTES,
  'http.request.full_uri': BYTES,
  'http.request.method': BYTES,
  'http.request.version': BYTES,
  'http.user_agent': BYTES,
  'http.referer': BYTES,
  'http.cookie': BYTES,
  'http.x_forwarded_for': BYTES,
  'http.request.headers': MULTI_BYTES,
  'http.request.headers.names': BYTES_LIST,
  'http.request.headers.values': BYTES_LIST,
  'http.request.headers.truncated': BOOL,
  'http.request.uri.args': MULTI_BYTES,
  'http.request.uri.args.names': BYTES_LIST,
  'http.request.uri.args.values': BYTES_LIST,
  'http.request.cookies': MULTI_BYTES,
  'http.request.body.raw': BYTES,
  'http.request.body.size': INT,
  'http.request.body.truncated': BOOL,
  'http.request.body.mime': BYTES,
  'http.request.timestamp.sec': INT,
  'http.request.timestamp.msec': INT,
  'raw.http.request.uri': BYTES,
  'raw.http.request.uri.path': BYTES,
  'raw.http.request.uri.query': BYTES,
  'raw.http.request.full_uri': BYTES,
  'raw.http.request.uri.args': MULTI_BYTES,
  'raw.http.request.uri.args.names': BYTES_LIST,
  'raw.http.request.uri.args.values': BYTES_LIST,
  'ip.src': IP,
  'cf.edge.server_ip': IP,
  'cf.edge.server_port': INT,
  'cf.ray_id': BYTES,
});

/**
 * The scheme of custom rules (phase `http_request_firewall_custom`): every Cloudflare field and
 * the functions allowed there.
 *
 * @example
 * const r = compile('not cf.tls_client_auth.cert_verified', cloudflareScheme);
 */
export const cloudflareScheme: Scheme = createScheme({
  fields: cloudflareFields,
  functions: allFunctions(),
  phase: 'custom',
});

/** The same fields with the transform-rule functions (to_string, regex_replace, …) available. */
export const transformScheme: Scheme = cloudflareScheme.withPhase('transform');
