// The Cloudflare v4 response envelope: its types and the builders every success and failure goes through.

/** One error or message in an envelope. */
export interface EnvelopeMessage {
  readonly code: number;
  readonly message: string;
  /** Cloudflare nests causes here; Portcullis uses it for rule-expression diagnostics and our string code. */
  readonly error_chain?: readonly EnvelopeMessage[];
  /** Our stable string code (e.g. `API_NOT_FOUND`), beside Cloudflare's numeric `code`. */
  readonly type?: string;
}

/** v4 page pagination. */
export interface ResultInfo {
  readonly page: number;
  readonly per_page: number;
  /** Items in this page. */
  readonly count: number;
  readonly total_count: number;
  readonly total_pages: number;
}

/** A successful v4 response. */
export interface SuccessEnvelope<T> {
  readonly success: true;
  readonly errors: readonly [];
  readonly messages: readonly EnvelopeMessage[];
  readonly result: T;
  readonly result_info?: ResultInfo;
}

/** A failed v4 response. */
export interface FailureEnvelope {
  readonly success: false;
  readonly errors: readonly EnvelopeMessage[];
  readonly messages: readonly EnvelopeMessage[];
  readonly result: null;
}

/** Any v4 response. */
export type Envelope<T> = SuccessEnvelope<T> | FailureEnvelope;

/** Builds `result_info` for one page of a list of `totalCount` items. */
export function resultInfo(page: number, perPage: number, count: number, totalCount: number): ResultInfo {
  return {
    page,
    per_page: perPage,
    count,
    total_count: totalCount,
    total_pages: perPage > 0 ? Math.ceil(totalCount / perPage) : 0,
  };
}

/** Wraps a result in a success envelope; pass `info` for lists. */
export function success<T>(
  result: T,
  info?: ResultInfo,
  messages: readonly EnvelopeMessage[] = [],
): SuccessEnvelope<T> {
  return info === undefined
    ? { success: true, errors: [], messages, result }
    : { success: true, errors: [], messages, result, result_info: info };
}

/** Builds a failure envelope from one or more errors. */
export function failure(errors: readonly EnvelopeMessage[]): FailureEnvelope {
  return { success: false, errors, messages: [], result: null };
}
