// Progress for slow steps: a spinner on a terminal, one line elsewhere, shown only after a second.
import type { OutputStream } from './terminal.js';
import { colorsFor } from './terminal.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Options of {@link withProgress}. */
export interface ProgressOptions {
  /** Where progress goes; stderr by default so stdout stays parseable. */
  readonly stream?: OutputStream;
  /** How long a step may run before progress appears (default 1000 ms). */
  readonly delayMs?: number;
}

/**
 * Runs `task`; if it takes longer than `delayMs`, shows `label` with a spinner (terminal) or a
 * single `label…` line (pipe), then reports how long it took. Returns the task's result.
 */
export async function withProgress<T>(
  label: string,
  task: () => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  const stream = options.stream ?? process.stderr;
  const colors = colorsFor(stream);
  const started = Date.now();
  let shown = false;
  let frame = 0;
  let spinner: NodeJS.Timeout | undefined;
  const show = setTimeout(() => {
    shown = true;
    if (stream.isTTY === true) {
      spinner = setInterval(() => {
        frame = (frame + 1) % frames.length;
        stream.write(`\r${colors.cyan(frames[frame]!)} ${label}…`);
      }, 80);
      spinner.unref();
      stream.write(`${colors.cyan(frames[0]!)} ${label}…`);
    } else {
      stream.write(`${label}…\n`);
    }
  }, options.delayMs ?? 1000);
  show.unref();
  const finish = (ok: boolean) => {
    clearTimeout(show);
    if (spinner !== undefined) clearInterval(spinner);
    if (!shown) return;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const mark = ok ? colors.green('✓') : colors.red('✗');
    if (stream.isTTY === true) stream.write(`\r\x1b[K${mark} ${label} (${seconds}s)\n`);
    else stream.write(`${label}: ${ok ? 'done' : 'failed'} (${seconds}s)\n`);
  };
  try {
    const result = await task();
    finish(true);
    return result;
  } catch (error) {
    finish(false);
    throw error;
  }
}
