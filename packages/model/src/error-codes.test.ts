// Table test of the API error catalogue: every code's HTTP status, Cloudflare number and message.
import { describe, expect, test } from 'vitest';
import { API_ERRORS, apiErrorSpec, isApiErrorCode } from './error-codes.js';
import type { ApiErrorCode } from './error-codes.js';

const TABLE: ReadonlyArray<readonly [ApiErrorCode, number, number]> = [
  ['API_VALIDATION', 400, 1001],
  ['API_MALFORMED_JSON', 400, 10001],
  ['API_UNKNOWN_FIELD', 400, 10002],
  ['API_INVALID_QUERY', 400, 10003],
  ['API_INVALID_ID', 400, 7003],
  ['API_INVALID_ZONE', 400, 1003],
  ['API_AUTH_MISSING', 401, 9106],
  ['API_AUTH_INVALID', 401, 9109],
  ['API_FORBIDDEN', 403, 10000],
  ['API_NOT_FOUND', 404, 10004],
  ['API_ROUTE_NOT_FOUND', 404, 7000],
  ['API_METHOD_NOT_ALLOWED', 405, 10005],
  ['API_CONFLICT', 409, 10006],
  ['API_CA_IN_USE', 409, 10007],
  ['API_ZONE_EXISTS', 409, 1061],
  ['API_PAYLOAD_TOO_LARGE', 413, 6007],
  ['API_UNSUPPORTED_MEDIA_TYPE', 415, 6003],
  ['API_INVALID_EXPRESSION', 400, 20021],
  ['API_INVALID_RULE', 400, 20022],
  ['API_INVALID_CSR', 400, 10008],
  ['API_INVALID_CERTIFICATE', 400, 10009],
  ['API_NOT_A_CA', 400, 10010],
  ['API_INVALID_CRL', 400, 10011],
  ['API_CRL_FETCH_FAILED', 502, 10012],
  ['API_INVALID_STATUS_TRANSITION', 409, 10013],
  ['API_CA_LIMIT', 400, 1489],
  ['API_CERTIFICATE_LIMIT', 400, 10014],
  ['API_RULE_LIMIT', 400, 10015],
  ['API_RATE_LIMITED', 429, 10016],
  ['API_INTERNAL', 500, 10017],
  ['API_UNAVAILABLE', 503, 10018],
];

describe('API error catalogue', () => {
  test.each(TABLE)('%s → HTTP %i, Cloudflare code %i', (code, status, cloudflare) => {
    const spec = apiErrorSpec(code);
    expect(spec.status).toBe(status);
    expect(spec.cloudflare).toBe(cloudflare);
    expect(spec.message.length).toBeGreaterThan(0);
  });

  test('the table above covers the whole catalogue', () => {
    expect(TABLE.map(([code]) => code).sort()).toEqual(Object.keys(API_ERRORS).sort());
  });

  test('Cloudflare numeric codes are unique, so a client can branch on them', () => {
    const numbers = Object.values(API_ERRORS).map((spec) => spec.cloudflare);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  test("Cloudflare's own wording is kept where Cloudflare has one", () => {
    expect(apiErrorSpec('API_CA_LIMIT').message).toBe('Hit maximum CA cert allocation.');
  });

  test('our messages are lowercase without a trailing period (STYLE.md 2.11), except Cloudflare quotes', () => {
    for (const [code, spec] of Object.entries(API_ERRORS)) {
      if (code === 'API_CA_LIMIT') continue;
      expect(spec.message, code).toMatch(/^[a-z]/);
      expect(spec.message.endsWith('.'), code).toBe(false);
    }
  });

  test('statuses are client or server errors only', () => {
    for (const spec of Object.values(API_ERRORS)) expect(spec.status >= 400 && spec.status < 600).toBe(true);
  });

  test('isApiErrorCode recognises codes only', () => {
    expect(isApiErrorCode('API_NOT_FOUND')).toBe(true);
    expect(isApiErrorCode('API_NOPE')).toBe(false);
    expect(isApiErrorCode('toString')).toBe(false);
    expect(isApiErrorCode(404)).toBe(false);
  });
});
