// Loads GatewayConfig once: config file, then PORTCULLIS_* variables, then flags; validates, defaults, freezes.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { CliError } from '../errors.js';
import { deepFreeze } from './deep-freeze.js';
import { parseListenAddress } from './listen-address.js';
import { configFileOption, gatewayOptions, type ConfigOption } from './options.js';
import { GatewayConfigSchema, type GatewayConfig } from './schema.js';

/** Where the values come from; every field is optional so tests can pass only what they need. */
export interface LoadConfigInput {
  /** Parsed flags by commander's camelCase names (`edgeListen`, `data`, `config`, …). */
  readonly flags?: Readonly<Record<string, unknown>>;
  /** The environment; defaults to the process's. This loader is the only reader of it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Base directory for relative paths given by flags and variables; defaults to the working directory. */
  readonly cwd?: string;
  /** Values used when nothing else sets a key (a command's own defaults, e.g. the demo's data dir). */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/** Keys holding file system paths, resolved against the directory of whoever set them. */
const pathKeys = new Set(['dataDir', 'edge.addressFile', 'admin.addressFile', 'masterKey.file']);

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator(): ReturnType<Ajv['compile']> {
  compiled ??= new Ajv({ allErrors: true, useDefaults: true, strict: true }).compile(GatewayConfigSchema);
  return compiled;
}

/**
 * Builds the gateway configuration from a JSON file (`--config`/`PORTCULLIS_CONFIG`), the
 * `PORTCULLIS_*` variables and the flags, in rising precedence; validates it once against
 * {@link GatewayConfigSchema} and returns it with defaults applied and deep-frozen.
 *
 * @throws CliError `CLI_CONFIG_FILE` (unreadable or malformed file) or `CLI_CONFIG_INVALID`
 *   (one detail line per problem, naming the key and where its value came from).
 * @example
 * const config = loadGatewayConfig({ flags: { data: './data', edgeListen: '127.0.0.1:0' } });
 */
export function loadGatewayConfig(input: LoadConfigInput = {}): Readonly<GatewayConfig> {
  const env = input.env ?? process.env;
  const flags = input.flags ?? {};
  const cwd = input.cwd ?? process.cwd();
  const raw: Record<string, unknown> = {};
  const sources = new Map<string, string>();
  const problems: string[] = [];

  for (const [key, value] of Object.entries(input.defaults ?? {})) {
    setPath(raw, key, pathKeys.has(key) && typeof value === 'string' ? resolve(cwd, value) : value);
    sources.set(key, 'default');
  }

  const fileFlag = flags[configFileOption.flagName];
  const file = typeof fileFlag === 'string' ? fileFlag : env[configFileOption.env];
  if (file !== undefined && file !== '') {
    const path = resolve(cwd, file);
    const content = readConfigFile(path);
    for (const [key, value] of flatten(content)) {
      setPath(
        raw,
        key,
        pathKeys.has(key) && typeof value === 'string' ? resolve(dirname(path), value) : value,
      );
      sources.set(key, `config file ${file}`);
    }
  }

  const apply = (opt: ConfigOption, text: string, source: string) => {
    const value = convert(opt, text);
    if (typeof value === 'object') {
      problems.push(`${opt.key}: ${value.error} (from ${source})`);
      return;
    }
    setPath(
      raw,
      opt.key,
      pathKeys.has(opt.key) && typeof value === 'string' && !isAbsolute(value) ? resolve(cwd, value) : value,
    );
    sources.set(opt.key, source);
  };
  for (const opt of gatewayOptions) {
    const fromEnv = env[opt.env];
    if (fromEnv !== undefined && fromEnv !== '') apply(opt, fromEnv, opt.env);
    const fromFlag = flags[opt.flagName];
    if (fromFlag !== undefined && fromFlag !== false) apply(opt, String(fromFlag), opt.flag);
  }

  const validate = validator();
  if (!validate(raw)) {
    for (const error of validate.errors ?? []) problems.push(describe(error, sources));
  }
  // Checks beyond the schema, on whatever has the right shape, so one run reports every problem.
  problems.push(...semanticProblems(raw as GatewayConfig, sources));
  if (problems.length > 0) {
    const unique = [...new Set(problems)];
    throw new CliError('CLI_CONFIG_INVALID', `invalid configuration: ${unique[0]}`, { details: unique });
  }
  return deepFreeze(raw as GatewayConfig);
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError('CLI_CONFIG_FILE', `cannot read config file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      'CLI_CONFIG_FILE',
      `config file ${path} is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError('CLI_CONFIG_FILE', `config file ${path} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Turns a nested object into [dotted key, leaf value] pairs (objects are walked, arrays are leaves). */
function flatten(value: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, child] of Object.entries(value)) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (child !== null && typeof child === 'object' && !Array.isArray(child)) {
      const nested = flatten(child as Record<string, unknown>, key);
      if (nested.length === 0) out.push([key, {}]);
      else out.push(...nested);
    } else out.push([key, child]);
  }
  return out;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

function convert(opt: ConfigOption, text: string): string | number | { error: string } {
  if (opt.type === 'string') return text;
  if (!/^\d+$/.test(text.trim())) return { error: `must be a whole number (got "${text}")` };
  return Number(text.trim());
}

function describe(error: ErrorObject, sources: Map<string, string>): string {
  const base = error.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const key = base === '' ? extra : `${base}.${extra}`;
    return `${key}: unknown key${from(key, sources)}`;
  }
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const key = base === '' ? missing : `${base}.${missing}`;
    const opt = gatewayOptions.find((candidate) => candidate.key === key);
    const hint = opt ? ` (set ${opt.flag} or ${opt.env})` : '';
    return `${key}: is required${hint}`;
  }
  if (error.keyword === 'anyOf' || error.keyword === 'const') {
    const allowed = (allowedValues(base) ?? []).join(', ');
    return `${base}: must be one of ${allowed}${from(base, sources)}`;
  }
  return `${base === '' ? '(root)' : base}: ${error.message ?? 'is invalid'}${from(base, sources)}`;
}

/** Allowed values of a union-of-literals key, for a readable message. */
function allowedValues(key: string): string[] | undefined {
  let node: unknown = GatewayConfigSchema;
  for (const part of key.split('.'))
    node = (node as { properties?: Record<string, unknown> }).properties?.[part];
  const anyOf = (node as { anyOf?: { const?: unknown }[] } | undefined)?.anyOf;
  return anyOf?.map((member) => String(member.const));
}

function from(key: string, sources: Map<string, string>): string {
  const source = sources.get(key);
  return source === undefined || source === 'default' ? '' : ` (from ${source})`;
}

function semanticProblems(config: GatewayConfig, sources: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const key of ['edge.listen', 'admin.listen'] as const) {
    const value = key === 'edge.listen' ? config.edge?.listen : config.admin?.listen;
    if (typeof value !== 'string') continue;
    const parsed = parseListenAddress(value);
    if ('error' in parsed) problems.push(`${key}: ${parsed.error}${from(key, sources)}`);
  }
  if (typeof config.database === 'string' && !/^postgres(ql)?:\/\/.+/.test(config.database)) {
    problems.push(
      `database: must be a postgres:// or postgresql:// URL; omit it for the embedded SQLite${from('database', sources)}`,
    );
  }
  if (config.databaseSchema !== undefined && config.database === undefined) {
    problems.push(
      `databaseSchema: only applies to PostgreSQL; set database too${from('databaseSchema', sources)}`,
    );
  }
  if (typeof config.admin?.publicUrl === 'string' && !/^https?:\/\/[^/\s]+/.test(config.admin.publicUrl)) {
    problems.push(
      `admin.publicUrl: must be an http:// or https:// URL (got "${config.admin.publicUrl}")${from('admin.publicUrl', sources)}`,
    );
  }
  for (const name of ['value', 'previous'] as const) {
    const text = config.masterKey?.[name];
    if (typeof text !== 'string') continue;
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text.trim())) {
      // The value itself is a secret: name the key and the problem, never the value.
      problems.push(
        `masterKey.${name}: must be the base64 encoding of exactly 32 bytes${from(`masterKey.${name}`, sources)}`,
      );
    }
  }
  if (typeof config.edge?.defaultHost === 'string' && !/^[a-z0-9.-]+$/i.test(config.edge.defaultHost)) {
    problems.push(
      `edge.defaultHost: must be a hostname (got "${config.edge.defaultHost}")${from('edge.defaultHost', sources)}`,
    );
  }
  return problems;
}
