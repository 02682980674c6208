// Time formats: OpenSSL's `Mar 21 13:35:00 2022 GMT` (Cloudflare's cert_not_before/after) and clock helpers.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A clock; injectable so tests and callers control "now". */
export type Clock = () => Date;

/** The system clock. */
export const systemClock: Clock = () => new Date();

/**
 * Formats an instant the way OpenSSL's ASN1_TIME_print does (and Cloudflare's `cert_not_before`):
 * `Mar 21 13:35:00 2022 GMT`, with the day padded by a space (`Mar  1 …`).
 */
export function formatOpensslTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${MONTHS[date.getUTCMonth()] ?? ''} ${String(date.getUTCDate()).padStart(2, ' ')} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()} GMT`
  );
}

/** Drops milliseconds (certificate times have whole seconds). */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** Adds whole days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
