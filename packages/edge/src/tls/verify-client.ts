// Client-certificate verification for one connection, as a list of small verifiers run once at
// the end of the handshake. OpenSSL's verdict is one input, never the only one (THREATS T1, T6).
import type { X509Certificate } from 'node:crypto';
import type { TLSSocket, DetailedPeerCertificate } from 'node:tls';
import type { TrustStore, TrustedCertificate } from './trust-store.js';

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
  /** The trusted certificate that validated the leaf's chain (direct issuer when it is in the store). */
  readonly issuer: TrustedCertificate | undefined;
  /** Canonical serials (upper hex, no leading zeros) checked against the issuing CA's revocations: the leaf, then any sent intermediates. */
  readonly serialKeys: readonly string[];
}

/** Limits for the verifiers. */
export interface VerifyLimits {
  /** Most certificates allowed above the leaf on the path to the trust anchor (anchor included). */
  readonly maxChainDepth: number;
}

interface VerifyInput {
  readonly socket: TLSSocket;
  readonly leaf: X509Certificate;
  readonly trust: TrustStore;
  readonly limits: VerifyLimits;
  readonly now: number;
  issuer?: TrustedCertificate;
  intermediates?: string[];
}

type Verifier = (input: VerifyInput) => VerifyFailure | undefined;

const openSslVerdict: Verifier = ({ socket }) =>
  socket.authorized ? undefined : ((socket.authorizationError as unknown as string | undefined) ?? 'NOT_AUTHORIZED');

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

/** Finds the trusted certificate that anchors the chain: the direct issuer, or one reached through the sent intermediates. */
const anchoredInStore: Verifier = (input) => {
  const { leaf, trust, socket, limits } = input;
  for (const candidate of trust.certificates) {
    if (leaf.checkIssued(candidate.x509)) {
      input.issuer = candidate;
      return undefined;
    }
  }
  // The direct issuer is not trusted itself: walk the chain OpenSSL saw (sent intermediates).
  const top = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  const intermediates: string[] = [];
  let current: DetailedPeerCertificate | undefined = top?.issuerCertificate;
  let previous: DetailedPeerCertificate | undefined = top;
  for (let depth = 1; current && current !== previous; depth++) {
    if (depth > limits.maxChainDepth) return 'CHAIN_TOO_DEEP';
    const anchor = trust.byFingerprint.get(current.fingerprint256);
    if (anchor) {
      input.issuer = anchor;
      input.intermediates = intermediates;
      return undefined;
    }
    intermediates.push(canonicalSerial(current.serialNumber));
    previous = current;
    current = current.issuerCertificate;
  }
  return 'UNTRUSTED_ISSUER';
};

/** The verifiers, in order; the first failure is reported. */
const VERIFIERS: readonly Verifier[] = [openSslVerdict, leafNotCa, strongKey, withinValidity, anchoredInStore];

/** The verification of a connection that presented no certificate (or was never asked for one). */
export const NOT_REQUESTED: ClientVerification = Object.freeze({
  presented: false,
  verified: false,
  failure: undefined,
  leaf: undefined,
  issuer: undefined,
  serialKeys: Object.freeze([]) as readonly string[],
});

/**
 * Verifies the client certificate of a finished handshake. `verified` needs a certificate in
 * this connection (a resumed TLS 1.3 session without one reports `authorized` in Node), OpenSSL's
 * chain verdict against this host's store, and each of our own verifiers.
 */
export function verifyClient(socket: TLSSocket, trust: TrustStore, limits: VerifyLimits, now = Date.now()): ClientVerification {
  const leaf = socket.getPeerX509Certificate();
  if (!leaf) return NOT_REQUESTED;
  const input: VerifyInput = { socket, leaf, trust, limits, now };
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
    issuer: failure === undefined ? input.issuer : undefined,
    serialKeys,
  };
}

export { canonicalSerial };
