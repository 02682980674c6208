// Client-certificate verification for one connection, as a list of small verifiers run once at
// the end of the handshake. OpenSSL's verdict is one input, never the only one (THREATS T1, T6).
import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { peerCertificate } from './peer-chain.js';
import { subjectKeyIdentifier, type TrustStore, type TrustedCertificate } from './trust-store.js';

/** Why a presented certificate is not verified (OpenSSL codes pass through unchanged). */
export type VerifyFailure =
  | 'LEAF_IS_CA'
  | 'WEAK_KEY'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_HAS_EXPIRED'
  | 'UNTRUSTED_ISSUER'
  | 'CHAIN_TOO_DEEP'
  | 'NOT_AUTHORIZED'
  | (string & {});

/** The connection-level client-auth result (revocation is checked per request, elsewhere). */
export interface ClientVerification {
  readonly presented: boolean;
  /** Chain to this host's trust store, validity, CA:FALSE leaf, key strength, bounded depth. */
  readonly verified: boolean;
  readonly failure: VerifyFailure | undefined;
  readonly leaf: X509Certificate | undefined;
  /** Intermediates as the client sent them (leaf and self-issued roots excluded), in order. */
  readonly sentChain: readonly X509Certificate[];
  /** The validated direct issuer of the leaf (a trusted CA or a sent intermediate); undefined unless verified. */
  readonly issuer: IssuerFacts | undefined;
  /** The trusted CA whose store entry anchored the chain; its id keys the revocation lists. Undefined unless verified. */
  readonly anchorCaId: string | undefined;
  /** Canonical serials (upper hex, no leading zeros) checked against the issuing CA's revocations: the leaf, then any sent intermediates. */
  readonly serialKeys: readonly string[];
}

/** Limits for the verifiers. */
export interface VerifyLimits {
  /** Most certificates allowed above the leaf on the path to the trust anchor (anchor included). */
  readonly maxChainDepth: number;
}

/** The direct issuer's values for `cert_issuer_ski`, `cert_issuer_serial` and the facts' issuer. */
export interface IssuerFacts {
  readonly der: Buffer;
  readonly skiUpper: string;
  readonly serialUpper: string;
}

interface VerifyInput {
  readonly socket: TLSSocket;
  readonly leaf: X509Certificate;
  readonly sentChain: readonly X509Certificate[];
  readonly trust: TrustStore;
  readonly limits: VerifyLimits;
  readonly now: number;
  anchor?: TrustedCertificate;
  issuer?: IssuerFacts;
  intermediates?: string[];
}

type Verifier = (input: VerifyInput) => VerifyFailure | undefined;

const openSslVerdict: Verifier = ({ socket }) =>
  socket.authorized
    ? undefined
    : ((socket.authorizationError as unknown as string | undefined) ?? 'NOT_AUTHORIZED');

// OpenSSL and Node accept a CA:TRUE certificate as a client leaf; we do not (THREATS T6).
const leafNotCa: Verifier = ({ leaf }) => (leaf.ca ? 'LEAF_IS_CA' : undefined);

const STRONG_CURVES: ReadonlySet<string> = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

const strongKey: Verifier = ({ leaf }) => {
  const key = leaf.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return (details.modulusLength ?? 0) >= 2048 ? undefined : 'WEAK_KEY';
    case 'ec':
      return STRONG_CURVES.has(details.namedCurve ?? '') ? undefined : 'WEAK_KEY';
    case 'ed25519':
    case 'ed448':
      return undefined;
    default:
      return 'WEAK_KEY';
  }
};

// A resumed session carries the verdict of its first handshake; the validity window is ours to recheck.
const withinValidity: Verifier = ({ leaf, now }) => {
  if (Date.parse(leaf.validFrom) > now) return 'CERT_NOT_YET_VALID';
  if (Date.parse(leaf.validTo) < now) return 'CERT_HAS_EXPIRED';
  return undefined;
};

function canonicalSerial(hex: string): string {
  const upper = hex.toUpperCase().replace(/:/g, '');
  const trimmed = upper.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/**
 * Finds the trusted certificate that anchors the chain OpenSSL validated: the leaf's direct
 * issuer when it is in the store, else the first store entry reached through the sent
 * intermediates, within the depth cap (THREATS T6: OpenSSL's default depth is 100).
 */
const anchoredInStore: Verifier = (input) => {
  const { leaf, trust, limits, sentChain } = input;
  let current = leaf;
  const intermediates: string[] = [];
  for (let depth = 1; depth <= limits.maxChainDepth; depth++) {
    for (const candidate of trust.certificates) {
      if (current.checkIssued(candidate.x509)) {
        input.anchor = candidate;
        input.intermediates = intermediates;
        const direct = sentChain[0];
        input.issuer =
          depth === 1 || direct === undefined
            ? candidate
            : {
                der: direct.raw,
                skiUpper: subjectKeyIdentifier(direct.raw),
                serialUpper: direct.serialNumber.toUpperCase(),
              };
        return undefined;
      }
    }
    const next = sentChain[depth - 1];
    if (next === undefined || !current.checkIssued(next)) return 'UNTRUSTED_ISSUER';
    intermediates.push(canonicalSerial(next.serialNumber));
    current = next;
  }
  return 'CHAIN_TOO_DEEP';
};

/** The verifiers, in order; the first failure is reported. */
const VERIFIERS: readonly Verifier[] = [
  openSslVerdict,
  leafNotCa,
  strongKey,
  withinValidity,
  anchoredInStore,
];

/** The verification of a connection that presented no certificate (or was never asked for one). */
export const NOT_REQUESTED: ClientVerification = Object.freeze({
  presented: false,
  verified: false,
  failure: undefined,
  leaf: undefined,
  sentChain: Object.freeze([]) as readonly X509Certificate[],
  issuer: undefined,
  anchorCaId: undefined,
  serialKeys: Object.freeze([]) as readonly string[],
});

/**
 * Verifies the client certificate of a finished handshake. `verified` needs a certificate in
 * this connection (a resumed TLS 1.3 session without one reports `authorized` in Node), OpenSSL's
 * chain verdict against this host's store, and each of our own verifiers.
 */
export function verifyClient(
  socket: TLSSocket,
  trust: TrustStore,
  limits: VerifyLimits,
  now = Date.now(),
): ClientVerification {
  // The first read of the connection (see peer-chain.ts): only it carries the sent chain.
  const leaf = peerCertificate(socket);
  if (!leaf) return NOT_REQUESTED;
  const sentChain: X509Certificate[] = [];
  for (let c = leaf.issuerCertificate; c !== undefined && sentChain.length < 16; c = c.issuerCertificate) {
    if (c.checkIssued(c)) break; // a self-issued root sent by the client is never part of the chain we use
    sentChain.push(c);
  }
  const input: VerifyInput = { socket, leaf, sentChain, trust, limits, now };
  let failure: VerifyFailure | undefined;
  for (const verifier of VERIFIERS) {
    failure = verifier(input);
    if (failure !== undefined) break;
  }
  const serialKeys = [canonicalSerial(leaf.serialNumber), ...(input.intermediates ?? [])];
  return {
    presented: true,
    verified: failure === undefined,
    failure,
    leaf,
    sentChain,
    issuer: failure === undefined ? input.issuer : undefined,
    anchorCaId: failure === undefined ? input.anchor?.caId : undefined,
    serialKeys,
  };
}

export { canonicalSerial };
