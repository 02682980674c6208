// The one mapping point: anything thrown while serving a request → ApiError → HTTP status + v4 envelope.
import { apiErrorSpec, failure, isApiErrorCode } from '@portcullis/model';
import type { ApiErrorCode, EnvelopeMessage, FailureEnvelope } from '@portcullis/model';

export type { ApiErrorCode } from '@portcullis/model';

/**
 * A failure the API reports to the client. Its `message` is shown as is, so it must never
 * carry key material, SQL or stack traces. Status and numeric code come from the catalogue in
 * `@portcullis/model` (`API_ERRORS`).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ApiErrorCode;
  /** Further problems (one per schema error or rule diagnostic), each its own envelope entry. */
  readonly details: readonly string[];

  constructor(
    code: ApiErrorCode,
    message?: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(
      message ?? apiErrorSpec(code).message,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.details = options?.details ?? [];
  }

  /** The HTTP status this error is answered with. */
  get status(): number {
    return apiErrorSpec(this.code).status;
  }
}

/** True when `value` is an {@link ApiError} (checked by shape, not by `instanceof`). */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'ApiError' &&
    isApiErrorCode((value as { code?: unknown }).code)
  );
}

/** Renders an {@link ApiError} as a v4 failure envelope. */
export function errorEnvelope(error: ApiError): FailureEnvelope {
  const numeric = apiErrorSpec(error.code).cloudflare;
  const errors: EnvelopeMessage[] = [error.message, ...error.details].map((message) => ({
    code: numeric,
    message,
    type: error.code,
  }));
  return failure(errors);
}

/** Fastify's own error codes that are the client's fault, mapped to ours with a clear message. */
const fastifyCodes: Readonly<Record<string, { code: ApiErrorCode; message: string } | null>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'API_MALFORMED_JSON', message: 'malformed JSON in request body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'API_MALFORMED_JSON',
    message: "body cannot be empty when content-type is set to 'application/json'",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'API_PAYLOAD_TOO_LARGE', message: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'API_UNSUPPORTED_MEDIA_TYPE',
    message: 'unsupported content type: send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'API_VALIDATION',
    message: 'request body size did not match content-length',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'API_UNSUPPORTED_MEDIA_TYPE', message: 'invalid content type' },
  FST_ERR_BAD_URL: { code: 'API_VALIDATION', message: 'malformed URL' },
};

/**
 * Maps typed errors of the other packages by their `code` (never `instanceof`): PKI input
 * problems are the client's; store conflicts are 409; everything else is internal.
 */
const packageCodes: Readonly<Record<string, { code: ApiErrorCode; showMessage: boolean }>> = {
  // Store messages never carry SQL or secrets (store contract), so the client may read them.
  STORE_CONFLICT: { code: 'API_CONFLICT', showMessage: true },
  STORE_NOT_FOUND: { code: 'API_NOT_FOUND', showMessage: true },
  STORE_IN_USE: { code: 'API_CA_IN_USE', showMessage: true },
  STORE_INVALID_TRANSITION: { code: 'API_INVALID_STATUS_TRANSITION', showMessage: true },
  STORE_INVALID_ARGUMENT: { code: 'API_VALIDATION', showMessage: true },
  STORE_UNAVAILABLE: { code: 'API_UNAVAILABLE', showMessage: false },
  STORE_CLOSED: { code: 'API_UNAVAILABLE', showMessage: false },
};

/**
 * Turns anything thrown while handling a request into an {@link ApiError}. Known client faults
 * keep their meaning; everything else becomes `API_INTERNAL` with a generic message so nothing
 * internal (SQL, stack, key material) leaks.
 */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    if (typeof code === 'string') {
      const mapped = fastifyCodes[code];
      if (mapped) return new ApiError(mapped.code, mapped.message);
      if (code === 'FST_ERR_VALIDATION') {
        return new ApiError('API_VALIDATION', typeof message === 'string' ? message : undefined);
      }
      const packaged = packageCodes[code];
      if (packaged !== undefined) {
        const shown = packaged.showMessage && typeof message === 'string' ? message : undefined;
        return new ApiError(packaged.code, shown, { cause: error });
      }
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof SyntaxError && status === 400) {
      return new ApiError('API_MALFORMED_JSON', 'malformed JSON in request body');
    }
    if (status === 413) return new ApiError('API_PAYLOAD_TOO_LARGE', 'request body is too large');
    if (status === 415)
      return new ApiError('API_UNSUPPORTED_MEDIA_TYPE', 'unsupported content type: send application/json');
  }
  return new ApiError('API_INTERNAL', 'internal server error', { cause: error });
}
