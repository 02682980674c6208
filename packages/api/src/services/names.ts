// DNS name checks for zone names and hostnames: lower-cased, no trailing dot, LDH labels.
import { ApiError } from '../errors.js';
import { truncate } from '../routes/common.js';

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalises a DNS name (lower case, no trailing dot) and checks it: at least two labels of
 * letters, digits and hyphens, 253 characters at most. `wildcard` allows a leading `*.` label.
 */
export function normaliseDnsName(value: string, field: string, options: { wildcard?: boolean } = {}): string {
  const name = value.trim().toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const checked = options.wildcard === true && labels[0] === '*' ? labels.slice(1) : labels;
  if (
    name.length === 0 ||
    name.length > 253 ||
    labels.length < 2 ||
    !checked.every((part) => label.test(part))
  ) {
    throw new ApiError('API_VALIDATION', `${field} "${truncate(value)}" is not a valid DNS name`);
  }
  return name;
}

/** Whether `hostname` is `zoneName` or a name below it. */
export function isInZone(hostname: string, zoneName: string): boolean {
  return hostname === zoneName || hostname.endsWith(`.${zoneName}`);
}
