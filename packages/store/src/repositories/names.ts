// Host and zone name normalisation: lower case, no trailing dot, as the edge compares them.
import { StoreError } from '../errors.js';

/** The comparable form of a DNS name (for lookups: never throws; a bad name simply matches nothing). */
export function dnsKey(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Normalises a DNS name that is about to be stored; rejects empty or over-long names. */
export function normaliseDnsName(name: string, what: string): string {
  const value = dnsKey(name);
  if (value === '' || value.length > 253) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid ${what} "${name.slice(0, 64)}"`);
  }
  return value;
}
