// Host and zone name normalisation: lower case, no trailing dot, as the edge compares them.
import { StoreError } from '../errors.js';

/** Lower-cases a DNS name and drops one trailing dot; rejects empty or over-long names. */
export function normaliseDnsName(name: string, what: string): string {
  const value = name.trim().toLowerCase().replace(/\.$/, '');
  if (value === '' || value.length > 253) {
    throw new StoreError('STORE_INVALID_ARGUMENT', `invalid ${what} "${name.slice(0, 64)}"`);
  }
  return value;
}
