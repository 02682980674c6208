import { describe, expect, it } from 'vitest';
import { errorResponse, type EdgeErrorCode } from './errors.js';

describe('error code → status table', () => {
  it.each([
    ['EDGE_BAD_REQUEST', 400],
    ['EDGE_HOST_MISMATCH', 421],
    ['EDGE_HOST_UNAVAILABLE', 421],
    ['EDGE_STALE_CONNECTION', 421],
    ['EDGE_CERT_REQUIRED', 403],
    ['EDGE_BLOCKED', 403],
    ['EDGE_ORIGIN_UNREACHABLE', 502],
    ['EDGE_ORIGIN_TLS', 502],
    ['EDGE_ORIGIN_PROTOCOL', 502],
    ['EDGE_ORIGIN_TIMEOUT', 504],
    ['EDGE_NOT_STARTED', 503],
    ['EDGE_INTERNAL', 500],
  ] as [EdgeErrorCode, number][])('%s → %i', (code, status) => {
    expect(errorResponse(code).status).toBe(status);
    expect(errorResponse(code).body).not.toMatch(/[A-Z_]{6,}/); // no internal codes leak
  });
});
