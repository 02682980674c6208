// API token values: how they are minted, split into id + secret, hashed and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of every token Portcullis mints, so secret scanners can recognise them. */
export const tokenPrefix = 'pct_';

const minted = /^pct_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** A token split into the public lookup id and the secret part whose hash is stored. */
export interface TokenParts {
  id: string;
  secret: string;
}

/** A new token: `value` is shown to the user once; only `id` and `secretHash` are stored. */
export interface MintedToken extends TokenParts {
  value: string;
  secretHash: string;
}

/** Mints a new random token (`pct_<id>_<256-bit secret>`). */
export function mintToken(): MintedToken {
  const id = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, value: `${tokenPrefix}${id}_${secret}`, secretHash: hashSecret(secret) };
}

/**
 * Splits a presented token into id and secret. Tokens Portcullis minted carry their id; any
 * other value (an operator-chosen `PORTCULLIS_ADMIN_TOKEN`) gets an id derived from its hash,
 * so every token is still looked up by id and then compared in constant time.
 */
export function splitToken(value: string): TokenParts {
  const match = minted.exec(value);
  if (match !== null) return { id: match[1]!, secret: match[2]! };
  const id = createHash('sha256').update(`portcullis-token-id\0${value}`).digest('hex').slice(0, 32);
  return { id, secret: value };
}

/** Lowercase hex SHA-256 of a token's secret part: what the store keeps. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  if (stored.length !== presented.length) {
    // Still spend the comparison so that a malformed stored hash is not faster to reject.
    timingSafeEqual(presented, presented);
    return false;
  }
  return timingSafeEqual(presented, stored);
}

/** The lookup id and stored hash for an operator-chosen token such as `PORTCULLIS_ADMIN_TOKEN`. */
export function tokenRecord(value: string): { id: string; secretHash: string } {
  const parts = splitToken(value);
  return { id: parts.id, secretHash: hashSecret(parts.secret) };
}
