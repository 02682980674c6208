// The environment variables that decide terminal colours (NO_COLOR, FORCE_COLOR, TERM), read in one place.

/** The colour-related variables of the environment. */
export interface ColorEnvironment {
  readonly NO_COLOR?: string | undefined;
  readonly FORCE_COLOR?: string | undefined;
  readonly TERM?: string | undefined;
}

/** Reads NO_COLOR, FORCE_COLOR and TERM from the process environment. */
export function readColorEnvironment(): ColorEnvironment {
  const { NO_COLOR, FORCE_COLOR, TERM } = process.env;
  return { NO_COLOR, FORCE_COLOR, TERM };
}
