// Turns pki's typed refusals of user input into API errors that keep pki's clear message.
import { isPkiError } from '@portcullis/pki';
import { ApiError, type ApiErrorCode } from '../errors.js';

/**
 * Runs `fn`, which parses or signs user-supplied material. A `PkiError` becomes an
 * {@link ApiError} with `code` (or `overrides[pkiCode]`) and pki's message, which names the
 * problem and never contains key material. Other errors pass through (they are ours: 500).
 */
export async function pkiInput<T>(
  code: ApiErrorCode,
  what: string,
  fn: () => T | Promise<T>,
  overrides: Partial<Record<string, ApiErrorCode>> = {},
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isPkiError(error)) {
      throw new ApiError(overrides[error.code] ?? code, `${what}: ${error.message}`);
    }
    throw error;
  }
}
