// The client-certificate state of one connection: verified once at the handshake, facts in
// Cloudflare's formats computed lazily on first use, revocation answered per request against
// the snapshot current at that request (so a revocation reaches open keep-alive connections).
import { clientAuthFacts, type ClientAuthFacts } from '@portcullis/pki';
import type { SecurityEventClientAuth } from '@portcullis/model';
import type { EdgeSnapshot } from './snapshot.js';
import type { ClientVerification } from './tls/verify-client.js';

/** Cloudflare's caps for the RFC 9440 fields (CLOUDFLARE.md §4.1). */
const RFC9440_LEAF_MAX = 10 * 1024;
const RFC9440_CHAIN_MAX = 16 * 1024;

/** Certificate status for metrics and logs. */
export type CertStatus = 'none' | 'verified' | 'revoked' | 'failed' | 'not_requested';

/** Client-auth state of a connection. */
export class ConnectionClientAuth {
  readonly verification: ClientVerification;
  readonly requested: boolean;
  private factsCache: ClientAuthFacts | null | undefined;
  private chainCache: { value: string; tooLarge: boolean } | undefined;
  /** The facts a security event records, built once per connection (and revocation state). */
  private eventAuthCache: [SecurityEventClientAuth | undefined, SecurityEventClientAuth | undefined] = [
    undefined,
    undefined,
  ];

  constructor(verification: ClientVerification, requested: boolean) {
    this.verification = verification;
    this.requested = requested;
  }

  get presented(): boolean {
    return this.verification.presented;
  }

  get verified(): boolean {
    return this.verification.verified;
  }

  /** Revoked by the CA that validated it, per the given (current) snapshot; false unless verified. */
  revoked(snapshot: EdgeSnapshot): boolean {
    const v = this.verification;
    return v.verified && v.anchorCaId !== undefined && snapshot.isRevoked(v.anchorCaId, v.serialKeys);
  }

  /** Status label for metrics. */
  status(snapshot: EdgeSnapshot): CertStatus {
    if (!this.requested) return 'not_requested';
    if (!this.verification.presented) return 'none';
    if (!this.verification.verified) return 'failed';
    return this.revoked(snapshot) ? 'revoked' : 'verified';
  }

  /**
   * The client-auth facts of a security event, for the given (current) snapshot. Built once per
   * connection and revocation state and shared (frozen) by every event of the connection.
   */
  eventAuth(snapshot: EdgeSnapshot | undefined): SecurityEventClientAuth {
    const revoked = snapshot ? this.revoked(snapshot) : false;
    const slot = revoked ? 1 : 0;
    let cached = this.eventAuthCache[slot];
    if (cached === undefined) {
      const facts = this.presented ? this.facts : undefined;
      cached = Object.freeze({
        cert_presented: this.presented,
        cert_verified: this.verified,
        cert_revoked: revoked,
        cert_serial: facts?.serial ?? '',
        cert_issuer_ski: this.issuerSki,
        cert_fingerprint_sha256: facts?.fingerprintSha256 ?? '',
      });
      this.eventAuthCache[slot] = cached;
    }
    return cached;
  }

  /** Leaf facts (DNs, serial, fingerprints, dates, SKI, RFC 9440), computed on first use. */
  get facts(): ClientAuthFacts | undefined {
    const leaf = this.verification.leaf;
    if (leaf === undefined) return undefined;
    if (this.factsCache === undefined) {
      try {
        this.factsCache = clientAuthFacts(
          leaf.raw,
          [],
          this.verification.issuer ? { issuerDer: this.verification.issuer.der } : {},
        );
      } catch {
        // A certificate OpenSSL accepted but our parser refuses (size or encoding limits): its
        // string facts stay empty; presented/verified/revoked are unaffected.
        this.factsCache = null;
      }
    }
    return this.factsCache ?? undefined;
  }

  /** `cert_issuer_ski`: the SKI of the issuer that was validated (never the leaf's own AKI claim, THREATS T8). */
  get issuerSki(): string {
    return this.verification.issuer?.skiUpper ?? '';
  }

  /** `cert_issuer_serial`: serial of the validated issuer. */
  get issuerSerial(): string {
    return this.verification.issuer?.serialUpper ?? '';
  }

  /** `cert_chain_rfc9440`: the intermediates as sent (leaf and self-issued roots excluded), '' above 16 KiB. */
  get chainRfc9440(): { value: string; tooLarge: boolean } {
    if (this.chainCache) return this.chainCache;
    const value = this.verification.sentChain.map((c) => `:${c.raw.toString('base64')}:`).join(', ');
    this.chainCache =
      value.length > RFC9440_CHAIN_MAX ? { value: '', tooLarge: true } : { value, tooLarge: false };
    return this.chainCache;
  }

  /** `cert_rfc9440`: the leaf as `:base64:`, '' above 10 KiB. */
  get rfc9440(): { value: string; tooLarge: boolean } {
    const leaf = this.verification.leaf;
    if (leaf === undefined) return { value: '', tooLarge: false };
    const value = `:${leaf.raw.toString('base64')}:`;
    return value.length > RFC9440_LEAF_MAX ? { value: '', tooLarge: true } : { value, tooLarge: false };
  }
}
