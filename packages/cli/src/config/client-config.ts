// Loads the admin commands' settings (API URL and token) from flags and PORTCULLIS_* variables, validated once.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { Ajv } from 'ajv';
import { CliError } from '../errors.js';
import { deepFreeze } from './deep-freeze.js';

/** The admin commands' settings. */
export const ClientConfigSchema = Type.Object(
  {
    apiUrl: Type.String({
      pattern: '^https?://[^\\s/]+',
      default: 'http://127.0.0.1:8080',
      description: 'base URL of the API',
    }),
    token: Type.Optional(Type.String({ minLength: 1, description: 'API token' })),
  },
  { additionalProperties: false },
);

/** Validated, frozen admin-command settings. */
export type ClientConfig = Static<typeof ClientConfigSchema>;

/** The flags every admin command accepts, with their variables. */
export const clientOptions = Object.freeze([
  {
    flag: '--api-url',
    flagName: 'apiUrl',
    env: 'PORTCULLIS_API_URL',
    placeholder: 'url',
    help: 'API base URL (default http://127.0.0.1:8080)',
  },
  { flag: '--token', flagName: 'token', env: 'PORTCULLIS_TOKEN', placeholder: 'token', help: 'API token' },
  {
    flag: '--token-file',
    flagName: 'tokenFile',
    env: 'PORTCULLIS_TOKEN_FILE',
    placeholder: 'file',
    help: 'file holding the API token, e.g. <data>/admin-token',
  },
] as const);

let compiled: ReturnType<Ajv['compile']> | undefined;

/**
 * Reads `--api-url`/`PORTCULLIS_API_URL` and the token from `--token`, `PORTCULLIS_TOKEN`,
 * `--token-file` or `PORTCULLIS_TOKEN_FILE` (flags first); validates and freezes.
 */
export function loadClientConfig(input: {
  flags: Readonly<Record<string, unknown>>;
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}): Readonly<ClientConfig> {
  const env = input.env ?? process.env;
  const pick = (flagName: string, envName: string): { value: string; source: string } | undefined => {
    const flag = input.flags[flagName];
    if (typeof flag === 'string' && flag !== '')
      return { value: flag, source: `--${flagName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` };
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv !== '' ? { value: fromEnv, source: envName } : undefined;
  };
  const raw: Record<string, unknown> = {};
  const url = pick('apiUrl', 'PORTCULLIS_API_URL');
  if (url) raw.apiUrl = url.value.replace(/\/+$/, '');
  const token = pick('token', 'PORTCULLIS_TOKEN');
  const tokenFile = pick('tokenFile', 'PORTCULLIS_TOKEN_FILE');
  if (token) raw.token = token.value.trim();
  else if (tokenFile) {
    const path = resolve(input.cwd ?? process.cwd(), tokenFile.value);
    try {
      raw.token = readFileSync(path, 'utf8').trim();
    } catch (error) {
      throw new CliError(
        'CLI_CONFIG_INVALID',
        `token: cannot read ${path} (from ${tokenFile.source}): ${(error as Error).message}`,
      );
    }
  }
  compiled ??= new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(ClientConfigSchema);
  if (!compiled(raw)) {
    const problems = (compiled.errors ?? []).map((error) => {
      const key = error.instancePath.replace(/^\//, '') || 'config';
      const source =
        key === 'apiUrl' ? url?.source : key === 'token' ? (token ?? tokenFile)?.source : undefined;
      const detail =
        key === 'apiUrl' ? 'must be an http:// or https:// URL' : (error.message ?? 'is invalid');
      return `${key}: ${detail}${source ? ` (from ${source})` : ''}`;
    });
    throw new CliError('CLI_CONFIG_INVALID', `invalid configuration: ${problems[0]}`, { details: problems });
  }
  return deepFreeze(raw as ClientConfig);
}
