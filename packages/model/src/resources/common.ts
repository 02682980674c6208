// Shared primitive types of the resource model: identifiers and timestamps as they cross the wire.

/** A resource identifier: 32 lowercase hexadecimal characters, as Cloudflare's tags. */
export type Id = string;

/** An RFC 3339 timestamp in UTC, e.g. `2026-03-21T13:35:00.000Z`. */
export type Timestamp = string;

/** A PEM text (one or more `-----BEGIN …-----` blocks). */
export type Pem = string;

/** The pattern every Portcullis identifier matches (Cloudflare's 32-character tag). */
export const ID_PATTERN = /^[0-9a-f]{32}$/;

/** Whether `value` is a well-formed identifier (32 lowercase hex characters). */
export function isId(value: unknown): value is Id {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
