// Adds the gateway's config flags (from the one option table) to the serve, api, edge and demo commands.
import { Option, type Command } from 'commander';
import { configFileOption, gatewayOptions } from '../config/options.js';

/** Adds `--config` and each listed option (all when `keys` is omitted) to `command`, with env names in the help. */
export function addGatewayOptions(command: Command, keys?: readonly string[]): Command {
  command.addOption(
    new Option(
      `${configFileOption.flag} <${configFileOption.placeholder}>`,
      `${configFileOption.help} [${configFileOption.env}]`,
    ),
  );
  for (const option of gatewayOptions) {
    if (keys !== undefined && !keys.includes(option.key)) continue;
    command.addOption(new Option(`${option.flag} <${option.placeholder}>`, `${option.help} [${option.env}]`));
  }
  return command;
}
