// Shared plumbing of the admin commands: API flags, the client, zone lookup by name, and error mapping.
import { Option, type Command } from 'commander';
import { createClient, isPortcullisClientError, type PortcullisClient } from '@portcullis/client';
import { ID_PATTERN, type Zone } from '@portcullis/model';
import { clientOptions, loadClientConfig } from '../config/client-config.js';
import { CliError } from '../errors.js';
import { printJson } from '../ui/table.js';

/** Options every admin subcommand sees (its own plus the inherited API flags). */
export interface AdminFlags {
  readonly apiUrl?: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly json?: boolean;
  readonly [flag: string]: unknown;
}

/** Adds `--api-url`, `--token`, `--token-file` and `--json` to an admin subcommand. */
export function withApiOptions(command: Command): Command {
  for (const option of clientOptions) {
    command.addOption(new Option(`${option.flag} <${option.placeholder}>`, `${option.help} [${option.env}]`));
  }
  command.option('--json', 'print the API result as JSON');
  return command;
}

/** Builds the client from the flags and environment. */
export function apiClient(flags: AdminFlags): PortcullisClient {
  const config = loadClientConfig({ flags });
  if (config.token === undefined) {
    throw new CliError(
      'CLI_USAGE',
      'no API token: pass --token or --token-file, or set PORTCULLIS_TOKEN (the first one is in <data>/admin-token)',
    );
  }
  return createClient({ baseUrl: config.apiUrl, token: config.token });
}

/**
 * Runs an admin action, turning client errors into one clear line and a documented exit code:
 * unreachable API or auth/server failure → 3, not found or input the API refused → 1.
 */
export function adminAction<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (!isPortcullisClientError(error)) throw error;
      const detail = error.errors.map(
        (entry) => `${entry.message}${entry.code ? ` (code ${entry.code})` : ''}`,
      );
      if (error.kind === 'network')
        throw new CliError('CLI_API_UNREACHABLE', `cannot reach the API: ${error.message}`, { cause: error });
      const status = error.status ?? 0;
      const message = detail[0] ?? error.message;
      if (status === 404) throw new CliError('CLI_NOT_FOUND', message, { details: detail });
      if (status === 401 || status === 403 || status >= 500 || status === 0) {
        throw new CliError('CLI_API_ERROR', `API answered ${status || 'badly'}: ${message}`, {
          details: detail,
        });
      }
      throw new CliError('CLI_API_REFUSED', `the API refused: ${message}`, {
        details: detail.length > 0 ? detail : [message],
      });
    }
  };
}

/**
 * Finds a zone by id or name; without `--zone`, the only zone if there is exactly one.
 */
export async function resolveZone(api: PortcullisClient, zone: string | undefined): Promise<Zone> {
  if (zone === undefined || zone === '') {
    const zones = await api.zones.list({ per_page: 2 });
    if (zones.items.length === 1) return zones.items[0]!;
    throw new CliError(
      'CLI_USAGE',
      zones.items.length === 0
        ? 'there is no zone yet: create one with `portcullis zones create <name>`'
        : 'several zones exist: name one with --zone <name or id>',
    );
  }
  if (ID_PATTERN.test(zone)) return api.zones.get(zone);
  const found = (await api.zones.list({ name: zone.toLowerCase() })).items.find(
    (candidate) => candidate.name === zone.toLowerCase(),
  );
  if (found === undefined) throw new CliError('CLI_NOT_FOUND', `no zone named ${zone}`);
  return found;
}

/** The account the token works in (the first one the API lists). */
export async function defaultAccountId(api: PortcullisClient): Promise<string> {
  const account = (await api.accounts.list()).items[0];
  if (account === undefined) throw new CliError('CLI_NOT_FOUND', 'the API lists no account');
  return account.id;
}

/** Prints `value` as JSON when --json was given; returns whether it did. */
export function printedAsJson(flags: AdminFlags, value: unknown): boolean {
  if (flags.json !== true) return false;
  printJson(process.stdout, value);
  return true;
}
