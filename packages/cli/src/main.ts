// Entry point of the `portcullis` command: builds the command tree and maps failures to exit codes.
import { CommanderError } from 'commander';
import { isCliError } from './errors.js';
import { exitCodes } from './exit-codes.js';
import { buildProgram } from './program.js';
import { colorsFor } from './ui/terminal.js';

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    const c = colorsFor(process.stderr);
    if (isCliError(error)) {
      process.stderr.write(`${c.red('portcullis:')} ${error.message}\n`);
      for (const detail of error.details.slice(
        error.details[0] && error.message.endsWith(error.details[0]) ? 1 : 0,
      )) {
        process.stderr.write(`  ${detail}\n`);
      }
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${c.red('portcullis:')} ${message}\n`);
    process.exitCode = exitCodes.failure;
  }
}

await main(process.argv);
