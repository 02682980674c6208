// Registers every command module on the program; each module owns one family of commands.
import type { Command } from 'commander';
import { registerCasCommands } from './cas.js';
import { registerCertsCommands } from './certs.js';
import { registerDemoCommand } from './demo.js';
import { registerHostsCommands } from './hosts.js';
import { registerMasterKeyCommands } from './master-key.js';
import { registerPkiCommands } from './pki.js';
import { registerRulesetCommands } from './ruleset.js';
import { registerRulesCommands } from './rules.js';
import { registerServeCommands } from './serve.js';
import { registerTokensCommands } from './tokens.js';
import { registerZonesCommands } from './zones.js';

type Register = (program: Command) => void;

/** Command families, in the order `portcullis --help` lists them. */
const families: readonly Register[] = [
  registerServeCommands,
  registerDemoCommand,
  registerRulesCommands,
  registerZonesCommands,
  registerHostsCommands,
  registerCertsCommands,
  registerCasCommands,
  registerRulesetCommands,
  registerTokensCommands,
  registerPkiCommands,
  registerMasterKeyCommands,
];

export function registerCommands(program: Command): void {
  for (const register of families) register(program);
}
