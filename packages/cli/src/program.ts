// Builds the `portcullis` command tree: every family registered, usage errors routed to exit code 2.
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';
import { exitCodesHelp } from './exit-codes.js';

/** Builds the `portcullis` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('portcullis')
    .description('Portcullis: a self-hosted mTLS gateway for APIs and IoT back-ends')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText('afterAll', `\n${exitCodesHelp}`);
  registerCommands(program);
  // Every subcommand inherits the exit override, so usage errors come back to main with code 2.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride();
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}
