// The client-certificate headers forwarded to an origin when its host asks for them: Cloudflare's
// "Add TLS client auth headers" managed transform (CLOUDFLARE.md §5) and RFC 9440 Client-Cert /
// Client-Cert-Chain, which, as in Cloudflare's recipe, only carry a verified, unrevoked certificate.
import type { ConnectionClientAuth } from './client-auth.js';
import { sanitiseHeaderValue } from './headers.js';
import type { EdgeSnapshot } from './snapshot.js';

/** Builds the sanitised header list for one request (revocation read from its snapshot). */
export function forwardedCertificateHeaders(
  auth: ConnectionClientAuth,
  snapshot: EdgeSnapshot,
): [string, string][] {
  const revoked = auth.revoked(snapshot);
  const f = auth.presented ? auth.facts : undefined;
  const s = (value: string | undefined): string => sanitiseHeaderValue(value ?? '');
  const headers: [string, string][] = [
    ['cf-cert-presented', String(auth.presented)],
    ['cf-cert-verified', String(auth.verified)],
    ['cf-cert-revoked', String(revoked)],
    ['cf-cert-issuer-dn', s(f?.issuerDn)],
    ['cf-cert-subject-dn', s(f?.subjectDn)],
    ['cf-cert-issuer-dn-rfc2253', s(f?.issuerDnRfc2253)],
    ['cf-cert-subject-dn-rfc2253', s(f?.subjectDnRfc2253)],
    ['cf-cert-issuer-dn-legacy', s(f?.issuerDnLegacy)],
    ['cf-cert-subject-dn-legacy', s(f?.subjectDnLegacy)],
    ['cf-cert-serial', s(f?.serial)],
    ['cf-cert-issuer-serial', s(auth.issuerSerial)],
    ['cf-cert-fingerprint-sha256', s(f?.fingerprintSha256)],
    ['cf-cert-fingerprint-sha1', s(f?.fingerprintSha1)],
    ['cf-cert-not-before', s(f?.notBefore)],
    ['cf-cert-not-after', s(f?.notAfter)],
    ['cf-cert-ski', s(f?.ski)],
    ['cf-cert-issuer-ski', s(auth.issuerSki)],
  ];
  if (auth.verified && !revoked) {
    const leaf = auth.rfc9440;
    if (!leaf.tooLarge && leaf.value !== '') headers.push(['client-cert', leaf.value]);
    const chain = auth.chainRfc9440;
    if (!chain.tooLarge && chain.value !== '') headers.push(['client-cert-chain', chain.value]);
  }
  return headers;
}
