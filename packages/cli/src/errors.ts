// Typed errors of the CLI: a stable `CLI_…` code, a one-line message, and the exit code it maps to.
import { exitCodes } from './exit-codes.js';

/** Every error code the CLI raises itself. */
export type CliErrorCode =
  | 'CLI_CONFIG_INVALID'
  | 'CLI_CONFIG_FILE'
  | 'CLI_MASTER_KEY'
  | 'CLI_DATA_DIR'
  | 'CLI_LISTEN'
  | 'CLI_STARTUP'
  | 'CLI_API_UNREACHABLE'
  | 'CLI_API_ERROR'
  | 'CLI_API_REFUSED'
  | 'CLI_NOT_FOUND'
  | 'CLI_USAGE'
  | 'CLI_INPUT'
  | 'CLI_FILE';

const exitCodeOf: Record<CliErrorCode, number> = {
  CLI_CONFIG_INVALID: exitCodes.usage,
  CLI_CONFIG_FILE: exitCodes.usage,
  CLI_MASTER_KEY: exitCodes.failure,
  CLI_DATA_DIR: exitCodes.failure,
  CLI_LISTEN: exitCodes.failure,
  CLI_STARTUP: exitCodes.failure,
  CLI_API_UNREACHABLE: exitCodes.failure,
  CLI_API_ERROR: exitCodes.failure,
  CLI_API_REFUSED: exitCodes.invalid,
  CLI_NOT_FOUND: exitCodes.invalid,
  CLI_USAGE: exitCodes.usage,
  CLI_INPUT: exitCodes.usage,
  CLI_FILE: exitCodes.failure,
};

/** An error the CLI reports as one line and a documented exit code. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  /** Extra lines shown under the message (for example every invalid config key). */
  readonly details: readonly string[];

  constructor(
    code: CliErrorCode,
    message: string,
    options: { cause?: unknown; details?: readonly string[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.details = options.details ?? [];
  }

  /** The process exit code for this error (see exit-codes.ts). */
  get exitCode(): number {
    return exitCodeOf[this.code];
  }
}

/** True when `error` carries a `CLI_…` code (checked by code, not by class identity). */
export function isCliError(error: unknown): error is CliError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('CLI_') &&
    Array.isArray((error as { details?: unknown }).details)
  );
}
