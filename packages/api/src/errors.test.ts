// Table tests of the one mapping point: thrown things → API error code → HTTP status → envelope.
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '@portcullis/model';
import { ApiError, errorEnvelope, isApiError, toApiError } from './errors.js';

describe('toApiError', () => {
  const cases: { name: string; thrown: unknown; code: string; status: number; message?: RegExp }[] = [
    {
      name: 'ApiError passes through',
      thrown: new ApiError('API_NOT_FOUND', 'zone x not found'),
      code: 'API_NOT_FOUND',
      status: 404,
      message: /zone x not found/,
    },
    {
      name: 'bad JSON',
      thrown: Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }),
      code: 'API_MALFORMED_JSON',
      status: 400,
    },
    {
      name: 'fastify invalid JSON code',
      thrown: { code: 'FST_ERR_CTP_INVALID_JSON_BODY', message: 'x' },
      code: 'API_MALFORMED_JSON',
      status: 400,
    },
    {
      name: 'body too large',
      thrown: { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'x' },
      code: 'API_PAYLOAD_TOO_LARGE',
      status: 413,
    },
    {
      name: 'bare 413',
      thrown: { statusCode: 413, message: 'x' },
      code: 'API_PAYLOAD_TOO_LARGE',
      status: 413,
    },
    {
      name: 'media type',
      thrown: { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 },
      code: 'API_UNSUPPORTED_MEDIA_TYPE',
      status: 415,
    },
    {
      name: 'store conflict',
      thrown: { name: 'StoreError', code: 'STORE_CONFLICT', message: 'zone name taken' },
      code: 'API_CONFLICT',
      status: 409,
      message: /zone name taken/,
    },
    {
      name: 'store in use',
      thrown: { name: 'StoreError', code: 'STORE_IN_USE', message: 'ca in use' },
      code: 'API_CA_IN_USE',
      status: 409,
    },
    {
      name: 'store transition',
      thrown: { code: 'STORE_INVALID_TRANSITION', message: 'no' },
      code: 'API_INVALID_STATUS_TRANSITION',
      status: 409,
    },
    {
      name: 'store unavailable hides message',
      thrown: { code: 'STORE_UNAVAILABLE', message: 'connect ECONNREFUSED 10.0.0.1:5432' },
      code: 'API_UNAVAILABLE',
      status: 503,
      message: /^storage unavailable/,
    },
    {
      name: 'unknown error is internal, message hidden',
      thrown: new Error('SELECT * FROM secrets'),
      code: 'API_INTERNAL',
      status: 500,
      message: /^internal server error$/,
    },
    {
      name: 'pki error not wrapped by a route is internal',
      thrown: { name: 'PkiError', code: 'PKI_ENVELOPE_INVALID', message: 'bad key' },
      code: 'API_INTERNAL',
      status: 500,
    },
    { name: 'a string', thrown: 'boom', code: 'API_INTERNAL', status: 500 },
    { name: 'null', thrown: null, code: 'API_INTERNAL', status: 500 },
  ];
  it.each(cases)('$name → $code ($status)', ({ thrown, code, status, message }) => {
    const error = toApiError(thrown);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    if (message) expect(error.message).toMatch(message);
  });
});

describe('errorEnvelope', () => {
  it('renders every message with the catalogue numeric code and our string code', () => {
    const envelope = errorEnvelope(
      new ApiError('API_CA_LIMIT', 'Hit maximum CA cert allocation.', { details: ['more'] }),
    );
    expect(envelope).toEqual({
      success: false,
      errors: [
        { code: 1489, message: 'Hit maximum CA cert allocation.', type: 'API_CA_LIMIT' },
        { code: 1489, message: 'more', type: 'API_CA_LIMIT' },
      ],
      messages: [],
      result: null,
    });
  });

  it('gives every catalogue code a 4xx/5xx status', () => {
    for (const code of Object.keys(API_ERRORS) as (keyof typeof API_ERRORS)[]) {
      const error = new ApiError(code);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(errorEnvelope(error).errors[0]?.code).toBe(API_ERRORS[code].cloudflare);
    }
  });

  it('recognises ApiError by shape', () => {
    expect(isApiError(new ApiError('API_NOT_FOUND'))).toBe(true);
    expect(isApiError({ name: 'ApiError', code: 'NOPE' })).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});
