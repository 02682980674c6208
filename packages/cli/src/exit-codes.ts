// The exit codes of every `portcullis` command, documented in `portcullis --help` and docs/cli.md.

export const exitCodes = {
  /** Success; for checks, the input was valid. */
  ok: 0,
  /** The command ran and the answer is "no": an invalid expression, a failed check. */
  invalid: 1,
  /** Bad usage: unknown command or option, missing argument. */
  usage: 2,
  /** The command could not do its work: unreadable file, API unreachable, server error. */
  failure: 3,
} as const;
