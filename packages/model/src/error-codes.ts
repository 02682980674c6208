// The one catalogue of API error codes: our stable string code → HTTP status → Cloudflare numeric code → message.

/**
 * One catalogue entry. `cloudflare` is Cloudflare's own numeric code where Cloudflare has one for
 * the same situation; otherwise a number from Portcullis' own range 10100–10199, which Cloudflare
 * does not use for these APIs.
 */
export interface ApiErrorSpec {
  readonly status: number;
  readonly cloudflare: number;
  readonly message: string;
}

/**
 * The catalogue. Sources for Cloudflare's numbers: 1489 (CLOUDFLARE.md §3.1, "Hit maximum CA cert
 * allocation."), 7000/7003 (unknown route / unknown object identifier), 9106 (missing credentials),
 * 9109 (invalid access token), 10000 (authentication error for a valid token lacking permission),
 * 1003 (invalid or missing zone id), 1001/10001 (invalid request bodies), 6003/6007 (invalid headers, body too large).
 */
export const API_ERRORS = Object.freeze({
  API_VALIDATION: { status: 400, cloudflare: 1001, message: 'invalid request body' },
  API_MALFORMED_JSON: { status: 400, cloudflare: 10001, message: 'malformed json in request body' },
  API_UNKNOWN_FIELD: { status: 400, cloudflare: 10002, message: 'unknown field in request body' },
  API_INVALID_QUERY: { status: 400, cloudflare: 10003, message: 'invalid query parameter' },
  API_INVALID_ID: {
    status: 400,
    cloudflare: 7003,
    message: 'could not route to the resource, perhaps your object identifier is invalid?',
  },
  API_INVALID_ZONE: { status: 400, cloudflare: 1003, message: 'invalid or missing zone id' },
  API_AUTH_MISSING: { status: 401, cloudflare: 9106, message: 'missing authorization header' },
  API_AUTH_INVALID: { status: 401, cloudflare: 9109, message: 'invalid access token' },
  API_FORBIDDEN: {
    status: 403,
    cloudflare: 10000,
    message: 'authentication error: the token lacks the permission for this request',
  },
  API_NOT_FOUND: { status: 404, cloudflare: 10004, message: 'resource not found' },
  API_ROUTE_NOT_FOUND: { status: 404, cloudflare: 7000, message: 'no route for that uri' },
  API_METHOD_NOT_ALLOWED: { status: 405, cloudflare: 10005, message: 'method not allowed' },
  API_CONFLICT: {
    status: 409,
    cloudflare: 10006,
    message: 'the resource already exists or was changed concurrently',
  },
  API_CA_IN_USE: {
    status: 409,
    cloudflare: 10007,
    message: 'the certificate is in use by one or more hostname associations',
  },
  API_ZONE_EXISTS: { status: 409, cloudflare: 1061, message: 'a zone with this name already exists' },
  API_PAYLOAD_TOO_LARGE: { status: 413, cloudflare: 6007, message: 'request body too large' },
  API_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    cloudflare: 6003,
    message: 'content-type must be application/json',
  },
  API_INVALID_EXPRESSION: { status: 400, cloudflare: 20021, message: 'filter parsing error' },
  API_INVALID_RULE: { status: 400, cloudflare: 20022, message: 'invalid rule' },
  API_INVALID_CSR: { status: 400, cloudflare: 10008, message: 'invalid certificate signing request' },
  API_INVALID_CERTIFICATE: { status: 400, cloudflare: 10009, message: 'unable to parse certificate' },
  API_NOT_A_CA: {
    status: 400,
    cloudflare: 10010,
    message: 'the certificate is not a certificate authority (basic constraints ca:true required)',
  },
  API_INVALID_CRL: { status: 400, cloudflare: 10011, message: 'invalid certificate revocation list' },
  API_CRL_FETCH_FAILED: {
    status: 502,
    cloudflare: 10012,
    message: 'could not fetch the certificate revocation list',
  },
  API_INVALID_STATUS_TRANSITION: {
    status: 409,
    cloudflare: 10013,
    message: 'the certificate cannot make this status change',
  },
  API_CA_LIMIT: { status: 400, cloudflare: 1489, message: 'Hit maximum CA cert allocation.' },
  API_CERTIFICATE_LIMIT: {
    status: 400,
    cloudflare: 10014,
    message: 'client certificate quota for this zone reached',
  },
  API_RULE_LIMIT: { status: 400, cloudflare: 10015, message: 'rule limit for this ruleset reached' },
  API_RATE_LIMITED: { status: 429, cloudflare: 10016, message: 'too many requests' },
  API_INTERNAL: { status: 500, cloudflare: 10017, message: 'internal error' },
  API_UNAVAILABLE: { status: 503, cloudflare: 10018, message: 'storage unavailable, try again' },
} as const satisfies Record<string, ApiErrorSpec>);

/** Every stable API error code. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** Looks up a code's HTTP status, Cloudflare numeric code and default message. */
export function apiErrorSpec(code: ApiErrorCode): ApiErrorSpec {
  return API_ERRORS[code];
}

/** Whether `value` is a known {@link ApiErrorCode}. */
export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}
