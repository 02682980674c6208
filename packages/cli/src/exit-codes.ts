// The exit codes of every `portcullis` command, documented in `portcullis --help` and docs/cli.md.

export const exitCodes = {
  /** Success; for checks, the input was valid. */
  ok: 0,
  /** The command ran and the answer is "no": an invalid expression, a failed check, a missing resource. */
  invalid: 1,
  /** Bad usage: unknown command or option, missing argument, invalid configuration. */
  usage: 2,
  /** The command could not do its work: unreadable file, API unreachable, server error, port in use. */
  failure: 3,
} as const;

/** The exit-code table as --help shows it. */
export const exitCodesHelp = [
  'Exit codes:',
  '  0  success (for checks: valid)',
  '  1  the answer is "no": invalid expression, failed check, resource not found',
  '  2  bad usage or invalid configuration (the message names the key and the problem)',
  '  3  could not do the work: file unreadable, API unreachable or failing, port in use',
].join('\n');
