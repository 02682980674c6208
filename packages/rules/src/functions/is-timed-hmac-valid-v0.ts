// is_timed_hmac_valid_v0(key, messageMAC, ttl, now[, separatorLength][, "s"]): validates a timed HMAC-SHA256 token.
// https://developers.cloudflare.com/ruleset-engine/rules-language/functions/#hmac-validation
// https://developers.cloudflare.com/waf/custom-rules/use-cases/configure-token-authentication/
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  checkCount,
  checkLiteral,
  checkNotLiteral,
  checkType,
  firstFailure,
  parseFlags,
  valueError,
  type CheckFailure,
} from './arg-checks.js';
import { decodeBase64 } from './base64.js';
import { binaryToBytes } from './binary.js';
import { urlDecodeOnce } from './url-decode.js';
import type { ArgInfo, FunctionDefinition, MaybeValue } from './types.js';

const FN = 'is_timed_hmac_valid_v0';
/** The issue time is a 10-digit Unix timestamp. */
const TIMESTAMP_DIGITS = 10;
/** A SHA-256 MAC in URL-safe Base64 without padding is 43 characters. */
const URL_SAFE_MAC_LENGTH = 43;
const MAC_BYTES = 32;

/** The parts of a `message | separator | timestamp | '-' | mac` value. */
export interface TimedToken {
  readonly message: string;
  readonly timestamp: string;
  readonly mac: Uint8Array;
}

/**
 * Splits a messageMAC value; undefined when it does not have the documented shape. Without the
 * "s" flag the MAC is standard Base64 with padding, URL-encoded, so it holds no '-' and starts after
 * the last one; with "s" it is URL-safe Base64 without padding (43 characters, '-' allowed).
 */
export function parseTimedToken(
  value: string,
  separatorLength: number,
  urlSafe: boolean,
): TimedToken | undefined {
  const dash = urlSafe ? value.length - URL_SAFE_MAC_LENGTH - 1 : value.lastIndexOf('-');
  // The documented shape is (.+)(.*)(\d{10})-(.{43,}): the message is never empty.
  if (dash < 1 + separatorLength + TIMESTAMP_DIGITS || value.charCodeAt(dash) !== 0x2d) return undefined;
  const timestamp = value.slice(dash - TIMESTAMP_DIGITS, dash);
  if (!/^[0-9]{10}$/.test(timestamp)) return undefined;
  const encodedMac = urlSafe ? value.slice(dash + 1) : urlDecodeOnce(value.slice(dash + 1), false);
  // Standard Base64 must carry its padding; the URL-safe form never does.
  if (!urlSafe && encodedMac.length % 4 !== 0) return undefined;
  if (urlSafe && encodedMac.includes('=')) return undefined;
  const decoded = decodeBase64(encodedMac, urlSafe);
  if (decoded === undefined || decoded.length !== MAC_BYTES) return undefined;
  return {
    message: value.slice(0, dash - TIMESTAMP_DIGITS - separatorLength),
    timestamp,
    mac: binaryToBytes(decoded),
  };
}

/** Compares two byte arrays in time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** A keyed HMAC-SHA256: the key's inner and outer pads are hashed once, then cloned per message. */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const keyed = hmac.create(sha256, key);
  return (message) => keyed.clone().update(message).digest();
}

/** Validates a token: the MAC must be HMAC-SHA256(key, message || timestamp) and `now < timestamp + ttl`. */
export function isTimedHmacValid(
  mac: (message: Uint8Array) => Uint8Array,
  value: string,
  ttl: number,
  now: number,
  separatorLength: number,
  urlSafe: boolean,
): boolean {
  const token = parseTimedToken(value, separatorLength, urlSafe);
  if (token === undefined) return false;
  if (!(now < Number(token.timestamp) + ttl)) return false;
  return constantTimeEqual(mac(binaryToBytes(token.message + token.timestamp)), token.mac);
}

function checkIntLiteral(
  args: readonly ArgInfo[],
  index: number,
  min: number,
  what: string,
): CheckFailure | undefined {
  const failure = firstFailure(checkType(FN, args, index, ['int']), checkLiteral(FN, args, index));
  if (failure !== undefined) return failure;
  const value = args[index]?.literal;
  if (typeof value !== 'number' || value < min)
    return valueError(FN, index, `${what} must be at least ${min}, got ${String(value)}`);
  return undefined;
}

/**
 * `is_timed_hmac_valid_v0`: custom rules (Pro plan and above at Cloudflare). Key, ttl, separator
 * length and flags are literals; the messageMAC is not. The flags may follow the separator length
 * or stand in its place.
 */
export const isTimedHmacValidV0: FunctionDefinition = {
  name: FN,
  phases: ['custom', 'transform'],
  check(args) {
    const failure = firstFailure(
      checkCount(FN, args, 4, 6),
      checkType(FN, args, 0, ['bytes']),
      checkLiteral(FN, args, 0),
      checkType(FN, args, 1, ['bytes']),
      checkNotLiteral(FN, args, 1),
      checkIntLiteral(args, 2, 1, 'the ttl'),
      checkType(FN, args, 3, ['int']),
    );
    if (failure !== undefined) return failure;
    const key = args[0]?.literal as string;
    if (key.length === 0) return valueError(FN, 0, 'the key must not be empty');
    let separatorLength = 0;
    let flagsIndex = 4;
    const fifth = args[4];
    if (fifth !== undefined && fifth.type.kind === 'int') {
      const separatorFailure = checkIntLiteral(args, 4, 0, 'the separator length');
      if (separatorFailure !== undefined) return separatorFailure;
      separatorLength = fifth.literal as number;
      flagsIndex = 5;
    } else if (args.length === 6) {
      return checkType(FN, args, 4, ['int']) as CheckFailure;
    }
    let urlSafe = false;
    if (args[flagsIndex] !== undefined) {
      const flagFailure = firstFailure(
        checkType(FN, args, flagsIndex, ['bytes']),
        checkLiteral(FN, args, flagsIndex),
      );
      if (flagFailure !== undefined) return flagFailure;
      const parsed = parseFlags(FN, flagsIndex, args[flagsIndex]?.literal as string, 's');
      if (!parsed.ok) return parsed;
      urlSafe = parsed.flags.has('s');
    }
    const mac = hmacSha256(binaryToBytes(key));
    const ttl = args[2]?.literal as number;
    return {
      ok: true,
      returns: { kind: 'bool' },
      impl: (values: readonly MaybeValue[]): MaybeValue => {
        const value = values[1];
        const now = values[3];
        if (typeof value !== 'string' || typeof now !== 'number') return undefined;
        return isTimedHmacValid(mac, value, ttl, now, separatorLength, urlSafe);
      },
    };
  },
};
