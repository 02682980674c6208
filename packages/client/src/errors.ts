// The client's typed error: what went wrong, with the envelope's errors when the API answered.
import type { EnvelopeMessage } from '@portcullis/model';

/** Why a call failed: the API answered with an error, or no usable answer arrived. */
export type PortcullisClientErrorKind = 'api' | 'network' | 'invalid_response';

/**
 * A failed API call. For `api` errors `status` is the HTTP status and `errors` the envelope's
 * errors (each with Cloudflare's numeric `code`, our string `type` and a message).
 */
export class PortcullisClientError extends Error {
  override readonly name = 'PortcullisClientError';
  readonly kind: PortcullisClientErrorKind;
  readonly status: number | null;
  readonly errors: readonly EnvelopeMessage[];

  constructor(
    kind: PortcullisClientErrorKind,
    message: string,
    options: { status?: number | null; errors?: readonly EnvelopeMessage[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status ?? null;
    this.errors = options.errors ?? [];
  }

  /** The first error's string code (e.g. `API_INVALID_EXPRESSION`), if the API sent one. */
  get code(): string | null {
    return this.errors[0]?.type ?? null;
  }
}

/** True when `value` is a {@link PortcullisClientError} (by shape, so it works across copies). */
export function isPortcullisClientError(value: unknown): value is PortcullisClientError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'PortcullisClientError'
  );
}
