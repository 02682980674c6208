// Tests of the command tree: every command has help and a description; the admin families exist.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

function all(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...all(sub)]);
}

describe('portcullis command tree', () => {
  const program = buildProgram();

  it('has the gateway, demo and admin families', () => {
    const names = program.commands.map((command) => command.name());
    for (const name of [
      'serve',
      'api',
      'edge',
      'demo',
      'zones',
      'hosts',
      'certs',
      'cas',
      'ruleset',
      'tokens',
      'master-key',
    ])
      expect(names).toContain(name);
  });

  it('documents every command: a description and --help text with its usage', () => {
    for (const command of all(program)) {
      expect(command.description(), command.name()).not.toBe('');
      expect(command.helpInformation()).toMatch(/^Usage: /);
    }
    expect(program.helpInformation()).toContain('Usage: portcullis');
  });

  it('gives every admin subcommand the same API flags', () => {
    for (const family of ['zones', 'hosts', 'certs', 'cas', 'ruleset', 'tokens']) {
      const parent = program.commands.find((command) => command.name() === family)!;
      for (const sub of parent.commands) {
        const flags = sub.options.map((option) => option.long);
        expect(flags, `${family} ${sub.name()}`).toEqual(
          expect.arrayContaining(['--api-url', '--token', '--token-file', '--json']),
        );
      }
    }
  });

  it('names the PORTCULLIS_* variable of every gateway flag in the help', () => {
    const serve = program.commands.find((command) => command.name() === 'serve')!;
    const help = serve.helpInformation();
    for (const variable of [
      'PORTCULLIS_DATA',
      'PORTCULLIS_DATABASE',
      'PORTCULLIS_EDGE_LISTEN',
      'PORTCULLIS_ADMIN_LISTEN',
      'PORTCULLIS_CONFIG',
    ]) {
      expect(help).toContain(variable);
    }
  });
});
