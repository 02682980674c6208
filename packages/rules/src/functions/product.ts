// The Cloudflare product functions (rules-functions.json), one file per function beside this one.
import { cidr } from './cidr.js';
import { cidr6 } from './cidr6.js';
import { decodeBase64 } from './decode-base64.js';
import { encodeBase64 } from './encode-base64.js';
import { isTimedHmacValidV0 } from './is-timed-hmac-valid-v0.js';
import { join } from './join.js';
import { lookupJsonInteger } from './lookup-json-integer.js';
import { lookupJsonString } from './lookup-json-string.js';
import { regexReplace } from './regex-replace.js';
import { removeBytesFunction } from './remove-bytes.js';
import { sha256 } from './sha256.js';
import { substring } from './substring.js';
import { toString } from './to-string.js';
import type { FunctionDefinition } from './types.js';
import { urlDecode } from './url-decode.js';
import { wildcardReplace } from './wildcard-replace.js';

/**
 * Every product function, combined with the built-ins by the registry. Phases follow Cloudflare's
 * Functions reference: to_string, encode_base64, sha256, wildcard_replace and regex_replace are
 * for Transform Rules / rewrites only; cidr and cidr6 for custom (and rate limiting) rules only.
 */
export const productFunctions: readonly FunctionDefinition[] = Object.freeze([
  urlDecode,
  toString,
  decodeBase64,
  encodeBase64,
  sha256,
  lookupJsonString,
  lookupJsonInteger,
  substring,
  removeBytesFunction,
  join,
  cidr,
  cidr6,
  wildcardReplace,
  regexReplace,
  isTimedHmacValidV0,
]);
