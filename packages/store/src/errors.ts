// Typed store errors with stable codes: callers branch on `code`, never on driver messages.

/** Stable store error codes. */
export type StoreErrorCode =
  /** The addressed row does not exist (or belongs to another zone/account). */
  | 'STORE_NOT_FOUND'
  /** A uniqueness rule was violated (same zone name, same hostname, same CA name, …). */
  | 'STORE_CONFLICT'
  /** The row is still referenced (e.g. an uploaded CA that hostnames are associated with). */
  | 'STORE_IN_USE'
  /** An argument the store cannot accept (a bad id, page 0, an unknown rule position). */
  | 'STORE_INVALID_ARGUMENT'
  /** Opening or migrating the database failed. */
  | 'STORE_MIGRATION'
  /** The database does not answer. */
  | 'STORE_UNAVAILABLE'
  /** The store has been closed. */
  | 'STORE_CLOSED';

/** An error raised by the store. Never carries SQL text or secret values in its message. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Whether `error` is a {@link StoreError}, optionally with the given code (checks the code, not the class). */
export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  if (candidate.name !== 'StoreError' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}
