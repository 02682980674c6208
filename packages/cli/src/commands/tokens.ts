// `portcullis tokens`: API tokens (the secret is shown once), listing, revocation and verification.
import type { Command } from 'commander';
import { PERMISSION_FAMILIES, type ApiTokenPermissions } from '@portcullis/model';
import {
  adminAction,
  apiClient,
  defaultAccountId,
  printedAsJson,
  withApiOptions,
  type AdminFlags,
} from '../admin/api-command.js';
import { CliError } from '../errors.js';
import { printTable } from '../ui/table.js';
import { writeLine } from '../ui/terminal.js';

/** Registers `tokens`. */
export function registerTokensCommands(program: Command): void {
  const tokens = program
    .command('tokens')
    .summary('manage API tokens')
    .description("Create, list, verify and revoke API tokens. A token's secret is shown once, at creation.");

  withApiOptions(tokens.command('list').description('list API tokens')).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const page = await api.tokens.list(await defaultAccountId(api), { per_page: 1000 });
      if (printedAsJson(flags, page.items)) return;
      printTable(process.stdout, page.items, [
        { heading: 'ID', value: (t) => t.id },
        { heading: 'NAME', value: (t) => t.name },
        { heading: 'STATUS', value: (t) => t.status },
        { heading: 'PERMISSIONS', value: (t) => JSON.stringify(t.permissions) },
      ]);
    }),
  );

  withApiOptions(
    tokens
      .command('create')
      .description(
        `create a token; --grant FAMILY:LEVEL (families: ${PERMISSION_FAMILIES.join(', ')}; levels: read, edit)`,
      )
      .argument('<name>', 'token name')
      .option('--grant <family:level...>', 'permissions, e.g. --grant client_certificates:edit rulesets:read')
      .option('--expires <date>', 'expiry, RFC 3339'),
  ).action(
    adminAction(async (name: string, flags: AdminFlags) => {
      const grants = Array.isArray(flags.grant) ? (flags.grant as string[]) : [];
      if (grants.length === 0) throw new CliError('CLI_USAGE', 'give at least one --grant family:level');
      const permissions: Record<string, 'read' | 'edit'> = {};
      for (const grant of grants) {
        const [family, level] = grant.split(':');
        if (
          family === undefined ||
          !(PERMISSION_FAMILIES as readonly string[]).includes(family) ||
          (level !== 'read' && level !== 'edit')
        ) {
          throw new CliError(
            'CLI_USAGE',
            `--grant ${grant}: expected family:read or family:edit with a family of ${PERMISSION_FAMILIES.join(', ')}`,
          );
        }
        permissions[family] = level;
      }
      const api = apiClient(flags);
      const token = await api.tokens.create(await defaultAccountId(api), {
        name,
        permissions: permissions as ApiTokenPermissions,
        ...(typeof flags.expires === 'string' ? { expires_on: flags.expires } : {}),
      });
      if (printedAsJson(flags, token)) return;
      writeLine(process.stdout, `created token ${token.id} (${token.name}); its secret, shown once:`);
      writeLine(process.stdout, token.value);
    }),
  );

  withApiOptions(tokens.command('revoke').description('revoke a token').argument('<id>', 'token id')).action(
    adminAction(async (id: string, flags: AdminFlags) => {
      const api = apiClient(flags);
      await api.tokens.revoke(await defaultAccountId(api), id);
      if (printedAsJson(flags, { id })) return;
      writeLine(process.stdout, `revoked token ${id}`);
    }),
  );

  withApiOptions(tokens.command('verify').description('check the token in use')).action(
    adminAction(async (flags: AdminFlags) => {
      const api = apiClient(flags);
      const result = await api.tokens.verify();
      if (printedAsJson(flags, result)) return;
      writeLine(process.stdout, `token ${result.id} is ${result.status}`);
    }),
  );
}
