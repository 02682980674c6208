// Identifiers: 32 lowercase hex characters from a CSPRNG, the shape of Cloudflare's ids.
import { randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';

/** A new random identifier (128 bits). */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

const ID = /^[0-9a-f]{32}$/;

/** Whether `value` has the shape of an id; anything else cannot name a row. */
export function looksLikeId(value: string): boolean {
  return ID.test(value);
}

/** Throws `STORE_INVALID_ARGUMENT` unless `value` has the shape of an id. */
export function assertId(value: string, what: string): void {
  if (!ID.test(value))
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid ${what} id "${value.slice(0, 64)}"`);
}
