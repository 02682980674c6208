// Turns any failure of an API call into the messages to show: every envelope error with its code.
import { isPortcullisClientError } from '@portcullis/client';
import type { EnvelopeMessage } from '@portcullis/model';

/** One line to show: a message and the code that identifies it. */
export interface ShownError {
  readonly code: number | string;
  readonly message: string;
}

/** The messages of a thrown value: the envelope's errors and their chains (e.g. expression diagnostics). */
export function errorMessages(error: unknown): ShownError[] {
  if (isPortcullisClientError(error)) {
    if (error.errors.length === 0) {
      return [{ code: error.status ?? error.kind, message: error.message }];
    }
    const out: ShownError[] = [];
    const walk = (entries: readonly EnvelopeMessage[]) => {
      for (const e of entries) {
        out.push({ code: e.type ?? e.code, message: e.message });
        if (e.error_chain) walk(e.error_chain);
      }
    };
    walk(error.errors);
    return out;
  }
  if (error instanceof Error) return [{ code: 'error', message: error.message }];
  return [{ code: 'error', message: String(error) }];
}

/** The HTTP status of a failed API call, or null when no answer arrived. */
export function errorStatus(error: unknown): number | null {
  return isPortcullisClientError(error) ? error.status : null;
}
