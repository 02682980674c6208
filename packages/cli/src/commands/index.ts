// Registers every command module on the program; each module owns one family of commands.
import type { Command } from 'commander';
import { registerDemoCommand } from './demo.js';
import { registerServeCommands } from './serve.js';

type Register = (program: Command) => void;

/** Command families, in the order `portcullis --help` lists them. */
const families: readonly Register[] = [
  registerServeCommands,
  registerDemoCommand,
];

export function registerCommands(program: Command): void {
  for (const register of families) register(program);
}
