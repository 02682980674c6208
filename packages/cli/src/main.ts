// Entry point of the `portcullis` command: builds the command tree and maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { exitCodes } from './exit-codes.js';

/** Builds the `portcullis` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('portcullis')
    .description('Portcullis: a self-hosted mTLS gateway for APIs and IoT back-ends')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`portcullis: ${message}\n`);
    process.exitCode = exitCodes.failure;
  }
}

await main(process.argv);
