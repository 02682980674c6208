// Typed edge errors and the one table that maps each code to the HTTP status a client sees.

/** Every error code the edge raises or answers with. */
export type EdgeErrorCode =
  | 'EDGE_CONFIG_INVALID'
  | 'EDGE_NOT_STARTED'
  | 'EDGE_ALREADY_STARTED'
  | 'EDGE_BAD_REQUEST'
  | 'EDGE_HOST_MISMATCH'
  | 'EDGE_HOST_UNAVAILABLE'
  | 'EDGE_STALE_CONNECTION'
  | 'EDGE_CERT_REQUIRED'
  | 'EDGE_BLOCKED'
  | 'EDGE_ORIGIN_UNREACHABLE'
  | 'EDGE_ORIGIN_TLS'
  | 'EDGE_ORIGIN_TIMEOUT'
  | 'EDGE_ORIGIN_PROTOCOL'
  | 'EDGE_INTERNAL';

/** An error with a stable code; callers branch on `code`, never on `instanceof`. */
export class EdgeError extends Error {
  readonly code: EdgeErrorCode;

  constructor(code: EdgeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EdgeError';
    this.code = code;
  }
}

/** What the client gets for an error code: status and a short, fixed body (never internals). */
export interface ErrorResponse {
  readonly status: number;
  readonly body: string;
  /** Close the connection after answering (the connection's state cannot be trusted further). */
  readonly close: boolean;
}

const TABLE: Readonly<Record<EdgeErrorCode, ErrorResponse>> = {
  EDGE_CONFIG_INVALID: { status: 500, body: 'edge configuration invalid', close: true },
  EDGE_NOT_STARTED: { status: 503, body: 'edge not ready', close: true },
  EDGE_ALREADY_STARTED: { status: 500, body: 'internal error', close: true },
  EDGE_BAD_REQUEST: { status: 400, body: 'bad request', close: true },
  EDGE_HOST_MISMATCH: {
    status: 421,
    body: 'misdirected request: host does not match the TLS server name',
    close: false,
  },
  EDGE_HOST_UNAVAILABLE: { status: 421, body: 'misdirected request: host not served here', close: true },
  EDGE_STALE_CONNECTION: {
    status: 421,
    body: 'misdirected request: host settings changed, reconnect',
    close: true,
  },
  EDGE_CERT_REQUIRED: { status: 403, body: 'a valid client certificate is required', close: true },
  EDGE_BLOCKED: { status: 403, body: 'forbidden', close: false },
  EDGE_ORIGIN_UNREACHABLE: { status: 502, body: 'bad gateway: origin unreachable', close: false },
  EDGE_ORIGIN_TLS: { status: 502, body: 'bad gateway: origin TLS certificate not trusted', close: false },
  EDGE_ORIGIN_TIMEOUT: { status: 504, body: 'gateway timeout: origin did not answer in time', close: false },
  EDGE_ORIGIN_PROTOCOL: { status: 502, body: 'bad gateway: invalid response from origin', close: false },
  EDGE_INTERNAL: { status: 500, body: 'internal error', close: true },
};

/** The response for an error code (one mapping point, tested as a table). */
export function errorResponse(code: EdgeErrorCode): ErrorResponse {
  return TABLE[code];
}
