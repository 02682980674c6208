// Output helpers: colours only when the stream is a terminal, and one place to write lines.
import picocolors from 'picocolors';
import { readColorEnvironment, type ColorEnvironment } from '../config/color-env.js';

/** A writable text stream with an optional TTY flag (process.stdout, process.stderr or a test double). */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** The colour functions picocolors offers, enabled or not. */
export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * Colours for `stream`: on only when it is a terminal and `NO_COLOR` is unset (https://no-color.org);
 * `FORCE_COLOR` turns them on anywhere.
 */
export function colorsFor(stream: OutputStream, env: ColorEnvironment = readColorEnvironment()): Colors {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const enabled = forced || (stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  return picocolors.createColors(enabled);
}

/** Writes `text` followed by a newline. */
export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}
