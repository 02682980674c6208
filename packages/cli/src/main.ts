// Entry point of the `portcullis` command: builds the command tree and maps failures to exit codes.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { isCliError } from './errors.js';
import { exitCodes, exitCodesHelp } from './exit-codes.js';
import { colorsFor } from './ui/terminal.js';

/** Builds the `portcullis` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('portcullis')
    .description('Portcullis: a self-hosted mTLS gateway for APIs and IoT back-ends')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('afterAll', `\n${exitCodesHelp}`);
  registerCommands(program);
  // Every subcommand inherits the exit override, so usage errors come back here with code 2.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride();
      inherit(sub);
    }
  };
  inherit(program);
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
    const c = colorsFor(process.stderr);
    if (isCliError(error)) {
      process.stderr.write(`${c.red('portcullis:')} ${error.message}\n`);
      for (const detail of error.details.slice(error.details[0] && error.message.endsWith(error.details[0]) ? 1 : 0)) {
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
