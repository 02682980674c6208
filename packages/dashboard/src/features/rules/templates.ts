// The safe mTLS rule templates: block unverified or revoked certificates on the chosen hosts,
// optionally pinned to the issuing CA's SKI (CLOUDFLARE.md "Opportunities" 3 and 4).

/** A Rules-language string literal for `value` (only `"` and `\` need escaping). */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function hostSet(hosts: readonly string[]): string {
  return `{${hosts.map(quote).join(' ')}}`;
}

/** `(not cert_verified or cert_revoked) and http.host in {…}`: the revocation-aware mTLS rule. */
export function safeMtlsTemplate(hosts: readonly string[]): string {
  return `(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in ${hostSet(hosts)}`;
}

/** The safe rule plus issuer pinning: certificates from any other CA are blocked too. */
export function pinnedMtlsTemplate(hosts: readonly string[], issuerSki: string): string {
  return (
    `(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked` +
    ` or cf.tls_client_auth.cert_issuer_ski ne ${quote(issuerSki)}) and http.host in ${hostSet(hosts)}`
  );
}
