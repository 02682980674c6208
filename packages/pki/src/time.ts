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

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/;

/**
 * The instant of a DER UTCTime (tag 0x17) or GeneralizedTime (0x18) from its content octets, in the
 * only forms RFC 5280 allows (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSSZ`, fractional seconds tolerated), or
 * null. UTCTime years 50–99 are 19xx.
 */
export function parseDerTime(tag: number, content: Uint8Array): Date | null {
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  const match = (tag === 0x17 ? UTC_TIME : tag === 0x18 ? GENERALIZED_TIME : null)?.exec(text);
  if (!match) return null;
  const [, y = '', mo = '', d = '', h = '', mi = '', sec = ''] = match;
  const year = tag === 0x17 ? (Number(y) >= 50 ? 1900 : 2000) + Number(y) : Number(y);
  const [month, day, hour, minute, second] = [Number(mo), Number(d), Number(h), Number(mi), Number(sec)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCDate() === day ? date : null; // refuses Feb 30 and friends
}
