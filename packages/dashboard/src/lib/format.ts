// Display helpers for dates and identifiers.

/** An RFC 3339 time as a short UTC string, or a dash when absent. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** Hex in the rules' format: upper case, no separators (Cloudflare's API returns SKIs lower case). */
export function toRuleHex(hex: string | undefined): string {
  return (hex ?? '').replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/** A decimal serial number (the API's form) as upper-case hex (the rules' `cert_serial` form). */
export function serialToHex(decimal: string | undefined): string {
  if (!decimal || !/^\d+$/.test(decimal)) return '';
  const hex = BigInt(decimal).toString(16).toUpperCase();
  return hex.length % 2 === 1 ? `0${hex}` : hex;
}

/** Whole days from `now` until `value` (negative once past), or null for a missing or bad time. */
export function daysUntil(value: string | null | undefined, now: Date = new Date()): number | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return null;
  return Math.floor((time - now.getTime()) / 86_400_000);
}

/** "in 12 days" / "today" / "3 days ago", for expiry hints. */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}
