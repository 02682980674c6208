// What each Rules-language field and function means, for the generated reference (the rules package holds the types).

/** Field name → one-line meaning (Cloudflare's semantics, Portcullis' notes). */
export const fieldDescriptions: Readonly<Record<string, string>> = Object.freeze({
  'cf.tls_client_auth.cert_presented': 'The client presented a certificate, valid or not.',
  'cf.tls_client_auth.cert_verified':
    'The certificate chains to a CA trusted on this host, is within its validity period and is not a CA. Also true when the valid certificate is revoked.',
  'cf.tls_client_auth.cert_revoked':
    "Verified but revoked (managed-CA revocation, or an uploaded CA's CRL). When true, `cert_verified` is true too.",
  'cf.tls_client_auth.cert_issuer_dn':
    'Issuer DN, e.g. `CN=Portcullis Managed CA for example.test,O=Portcullis`.',
  'cf.tls_client_auth.cert_subject_dn': 'Subject DN.',
  'cf.tls_client_auth.cert_issuer_dn_rfc2253': 'Issuer DN in RFC 2253 form.',
  'cf.tls_client_auth.cert_subject_dn_rfc2253': 'Subject DN in RFC 2253 form.',
  'cf.tls_client_auth.cert_issuer_dn_legacy':
    'Issuer DN in the OpenSSL slash form, e.g. `/O=Portcullis/CN=…`.',
  'cf.tls_client_auth.cert_subject_dn_legacy': 'Subject DN in the OpenSSL slash form.',
  'cf.tls_client_auth.cert_serial': 'Serial number, upper-case hex (the API reports it in decimal).',
  'cf.tls_client_auth.cert_issuer_serial': 'Serial number of the direct issuer, upper-case hex.',
  'cf.tls_client_auth.cert_fingerprint_sha256': 'SHA-256 fingerprint of the DER certificate, lower-case hex.',
  'cf.tls_client_auth.cert_fingerprint_sha1': 'SHA-1 fingerprint, lower-case hex.',
  'cf.tls_client_auth.cert_not_before': 'Start of validity as text, e.g. `Mar 21 13:35:00 2022 GMT`.',
  'cf.tls_client_auth.cert_not_after': 'End of validity as text, same format.',
  'cf.tls_client_auth.cert_ski': 'Subject Key Identifier of the client certificate, upper-case hex.',
  'cf.tls_client_auth.cert_issuer_ski':
    'SKI of the issuer that was actually validated, upper-case hex: pin a CA with it (`portcullis zones ca` prints it).',
  'cf.tls_client_auth.cert_rfc9440':
    'The leaf as an RFC 9440 `Client-Cert` value (`:base64-DER:`), filled whether or not it verified; empty above 10 KiB.',
  'cf.tls_client_auth.cert_rfc9440_too_large': 'The leaf encoding exceeded 10 KiB.',
  'cf.tls_client_auth.cert_chain_rfc9440':
    'Intermediates as sent (leaf excluded) as an RFC 9440 `Client-Cert-Chain` list; empty above 16 KiB.',
  'cf.tls_client_auth.cert_chain_rfc9440_too_large': 'The chain encoding exceeded 16 KiB.',
  ssl: 'The connection is encrypted (always true at the edge).',
  'cf.tls_version': 'Negotiated TLS version, e.g. `TLSv1.3`.',
  'cf.tls_cipher': 'Negotiated cipher suite.',
  'cf.tls_client_hello_length': 'Length of the ClientHello in bytes.',
  'cf.tls_client_random': 'ClientHello random, base64.',
  'cf.tls_ciphers_sha1': 'SHA-1 of the offered cipher list, base64.',
  'cf.tls_client_extensions_sha1': 'SHA-1 of the offered extensions, base64.',
  'cf.tls_client_extensions_sha1_le': 'SHA-1 of the offered extensions (little-endian variant), base64.',
  'http.host': 'The Host header (normalised: lower case, no trailing dot or port).',
  'http.request.uri': 'Path and query.',
  'http.request.uri.path':
    'Path, normalised (dot segments removed, unreserved percent-escapes decoded, repeated slashes merged) so `/./admin` cannot pass a rule on `/admin`.',
  'http.request.uri.path.extension': 'File extension of the path, lower case, without the dot.',
  'http.request.uri.query': 'Query string without `?`.',
  'http.request.full_uri': 'Scheme, host, path and query.',
  'http.request.method': 'Method, upper case.',
  'http.request.version': 'HTTP version, e.g. `HTTP/1.1` or `HTTP/2`.',
  'http.user_agent': 'User-Agent header.',
  'http.referer': 'Referer header.',
  'http.cookie': 'Cookie header.',
  'http.x_forwarded_for': 'X-Forwarded-For header as received.',
  'http.request.headers': 'Headers by lower-case name, each an array of values.',
  'http.request.headers.names': 'Header names.',
  'http.request.headers.values': 'Header values.',
  'http.request.headers.truncated': 'Too many headers to list them all.',
  'http.request.uri.args': 'Query arguments by name, each an array of values.',
  'http.request.uri.args.names': 'Query argument names.',
  'http.request.uri.args.values': 'Query argument values.',
  'http.request.cookies': 'Cookies by name, each an array of values.',
  'http.request.body.raw':
    'Request body (not read by the Portcullis edge: rules run before the body streams to the origin).',
  'http.request.body.size': 'Request body size.',
  'http.request.body.truncated': 'The body was larger than what was inspected.',
  'http.request.body.mime': 'Body media type.',
  'http.request.timestamp.sec': 'Arrival time, seconds since the epoch.',
  'http.request.timestamp.msec': 'Milliseconds part of the arrival time.',
  'raw.http.request.uri': 'Path and query exactly as received (before normalisation).',
  'raw.http.request.uri.path': 'Path exactly as received.',
  'raw.http.request.uri.query': 'Query exactly as received.',
  'raw.http.request.full_uri': 'Full URI exactly as received.',
  'raw.http.request.uri.args': 'Query arguments as received.',
  'raw.http.request.uri.args.names': 'Query argument names as received.',
  'raw.http.request.uri.args.values': 'Query argument values as received.',
  'ip.src': 'Client IP address.',
  'cf.edge.server_ip': 'Address of the edge listener the client reached.',
  'cf.edge.server_port': 'Port of the edge listener the client reached.',
  'cf.ray_id': 'Request id, also sent to the origin as `cf-ray` and recorded in security events.',
});

/** Function name → signature and meaning. */
export const functionDescriptions: Readonly<Record<string, { signature: string; description: string }>> =
  Object.freeze({
    concat: {
      signature: 'concat(Bytes | Array, …) → Bytes | Array',
      description: 'Joins strings, or arrays.',
    },
    lower: { signature: 'lower(Bytes) → Bytes', description: 'ASCII lower case.' },
    upper: { signature: 'upper(Bytes) → Bytes', description: 'ASCII upper case.' },
    len: {
      signature: 'len(Bytes | Array | Map) → Int',
      description: 'Length in bytes, or number of elements.',
    },
    starts_with: { signature: 'starts_with(Bytes, Bytes literal) → Bool', description: 'Prefix test.' },
    ends_with: { signature: 'ends_with(Bytes, Bytes literal) → Bool', description: 'Suffix test.' },
    url_decode: {
      signature: 'url_decode(Bytes[, options]) → Bytes',
      description: 'Percent-decodes; options `r` (recursive) and `u` (Unicode `%u` escapes).',
    },
    to_string: { signature: 'to_string(Int | Bool | Ip) → Bytes', description: 'Text form of a value.' },
    decode_base64: { signature: 'decode_base64(Bytes) → Bytes', description: 'Decodes base64.' },
    encode_base64: {
      signature: 'encode_base64(Bytes[, flags]) → Bytes',
      description: 'Encodes base64; flags `u` (URL alphabet) and `p` (padding).',
    },
    sha256: {
      signature: 'sha256(Bytes) → Bytes',
      description: 'SHA-256 digest (raw bytes; combine with `encode_base64`).',
    },
    lookup_json_string: {
      signature: 'lookup_json_string(Bytes, key or index, …) → Bytes',
      description: 'String at a path in a JSON document.',
    },
    lookup_json_integer: {
      signature: 'lookup_json_integer(Bytes, key or index, …) → Int',
      description: 'Integer at a path in a JSON document.',
    },
    substring: {
      signature: 'substring(Bytes, Int start[, Int end]) → Bytes',
      description: 'Byte range; negative indexes count from the end.',
    },
    remove_bytes: {
      signature: 'remove_bytes(Bytes, Bytes literal) → Bytes',
      description: 'Removes every byte listed in the second argument.',
    },
    join: {
      signature: 'join(Array<Bytes>, Bytes separator) → Bytes',
      description: 'Joins array elements with a separator.',
    },
    cidr: {
      signature: 'cidr(Ip, Int v4 bits, Int v6 bits) → Ip',
      description: 'The network address of an IP for the given prefix lengths.',
    },
    cidr6: {
      signature: 'cidr6(Ip, Int v6 bits) → Ip',
      description: 'The network address of an IPv6 address (IPv4 unchanged).',
    },
    wildcard_replace: {
      signature: 'wildcard_replace(Bytes field, Bytes pattern, Bytes replacement[, flags]) → Bytes',
      description: 'Replaces a wildcard match with `${n}` captures (transform rules).',
    },
    regex_replace: {
      signature: 'regex_replace(Bytes field, Bytes regex, Bytes replacement) → Bytes',
      description: 'Replaces the first regex match (transform rules).',
    },
    is_timed_hmac_valid_v0: {
      signature:
        'is_timed_hmac_valid_v0(secret, Bytes message, Int ttl, Int now[, Int separator length][, flags]) → Bool',
      description: 'Checks a Cloudflare-style timed HMAC token.',
    },
  });
