// Drift test for docs/cli.md: every gateway and admin flag, with its variable, and every exit code is documented.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clientOptions } from '../config/client-config.js';
import { configFileOption, gatewayOptions } from '../config/options.js';
import { exitCodes } from '../exit-codes.js';

const cliDoc = readFileSync(fileURLToPath(new URL('../../../../docs/cli.md', import.meta.url)), 'utf8');

describe('docs/cli.md', () => {
  it('documents every configuration option with its key, flag and variable', () => {
    for (const option of gatewayOptions) {
      expect(cliDoc, option.key).toContain(`| \`${option.key}\` | \`${option.flag}\` | \`${option.env}\` |`);
    }
    expect(cliDoc).toContain(configFileOption.env);
  });

  it('documents the admin flags and every exit code', () => {
    for (const option of clientOptions) expect(cliDoc).toContain(option.env);
    for (const code of Object.values(exitCodes)) expect(cliDoc).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});
