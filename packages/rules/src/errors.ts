// Programming errors of the rules package (not user-input problems, which are diagnostics).

/** Stable codes of {@link RulesError}. */
export type RulesErrorCode =
  | 'RULES_CONTEXT_FIELD'
  | 'RULES_CONTEXT_TYPE'
  | 'RULES_CONTEXT_SCHEME'
  | 'RULES_SCHEME_INVALID'
  | 'RULES_FORMAT_INVALID';

/**
 * An error thrown for misuse of the API by the host program: an unknown field passed to
 * `ctx.set`, a value of the wrong type, a context from another scheme. User expressions never
 * cause it; they yield diagnostics instead.
 */
export class RulesError extends Error {
  readonly code: RulesErrorCode;

  constructor(code: RulesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RulesError';
    this.code = code;
  }
}
