// The table of settings that flags and PORTCULLIS_* environment variables may set, by config key.

/** One setting reachable from the command line and the environment. */
export interface ConfigOption {
  /** Dotted key inside GatewayConfig, e.g. `edge.listen`. */
  readonly key: string;
  /** Long flag, e.g. `--edge-listen`. */
  readonly flag: string;
  /** Commander's camelCase name of the flag's value, e.g. `edgeListen`. */
  readonly flagName: string;
  /** Environment variable, e.g. `PORTCULLIS_EDGE_LISTEN`. */
  readonly env: string;
  /** How the text of a flag or variable becomes the config value. */
  readonly type: 'string' | 'integer';
  /** Placeholder shown in --help. */
  readonly placeholder: string;
  /** One line for --help and docs/cli.md. */
  readonly help: string;
}

function option(
  key: string,
  flag: string,
  env: string,
  placeholder: string,
  help: string,
  type: 'string' | 'integer' = 'string',
): ConfigOption {
  const flagName = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.freeze({ key, flag, flagName, env, type, placeholder, help });
}

/** Every gateway setting that has a flag and an environment variable. */
export const gatewayOptions: readonly ConfigOption[] = Object.freeze([
  option(
    'dataDir',
    '--data',
    'PORTCULLIS_DATA',
    'dir',
    'data directory (SQLite file, master key, admin token)',
  ),
  option(
    'database',
    '--database',
    'PORTCULLIS_DATABASE',
    'url',
    'postgres://… to use PostgreSQL instead of the embedded SQLite',
  ),
  option(
    'databaseSchema',
    '--database-schema',
    'PORTCULLIS_DATABASE_SCHEMA',
    'name',
    'PostgreSQL schema for the tables (default public)',
  ),
  option(
    'edge.listen',
    '--edge-listen',
    'PORTCULLIS_EDGE_LISTEN',
    'host:port',
    'edge TLS listener (default 0.0.0.0:8443)',
  ),
  option(
    'edge.defaultHost',
    '--default-host',
    'PORTCULLIS_DEFAULT_HOST',
    'hostname',
    'host served to clients that send no SNI',
  ),
  option(
    'edge.addressFile',
    '--edge-address-file',
    'PORTCULLIS_EDGE_ADDRESS_FILE',
    'file',
    'write the bound edge address here once listening',
  ),
  option(
    'admin.listen',
    '--admin-listen',
    'PORTCULLIS_ADMIN_LISTEN',
    'host:port',
    'API + /metrics + /healthz listener (default 127.0.0.1:8080)',
  ),
  option(
    'admin.addressFile',
    '--admin-address-file',
    'PORTCULLIS_ADMIN_ADDRESS_FILE',
    'file',
    'write the bound admin address here once listening',
  ),
  option(
    'admin.token',
    '--admin-token',
    'PORTCULLIS_ADMIN_TOKEN',
    'token',
    'register this admin token (32+ characters) instead of generating one',
  ),
  option(
    'admin.publicUrl',
    '--public-url',
    'PORTCULLIS_PUBLIC_URL',
    'url',
    'URL clients use to reach the API (CRL distribution points)',
  ),
  option(
    'masterKey.file',
    '--master-key-file',
    'PORTCULLIS_MASTER_KEY_FILE',
    'file',
    'master key file (default <data>/master.key, created 0600)',
  ),
  option(
    'masterKey.value',
    '--master-key',
    'PORTCULLIS_MASTER_KEY',
    'base64',
    'master key value (prefer the file or the environment)',
  ),
  option(
    'masterKey.previous',
    '--master-key-previous',
    'PORTCULLIS_MASTER_KEY_PREVIOUS',
    'base64',
    'the previous master key, still opening stored keys during a rotation',
  ),
  option(
    'log.level',
    '--log-level',
    'PORTCULLIS_LOG_LEVEL',
    'level',
    'fatal, error, warn, info (default), debug, trace or silent',
  ),
  option(
    'snapshot.pollIntervalMs',
    '--snapshot-poll-ms',
    'PORTCULLIS_SNAPSHOT_POLL_MS',
    'ms',
    'periodic configuration check (default 5000)',
    'integer',
  ),
  option(
    'crl.checkIntervalMs',
    '--crl-check-ms',
    'PORTCULLIS_CRL_CHECK_MS',
    'ms',
    'how often URL-sourced CRLs are checked for refresh (default 60000)',
    'integer',
  ),
  option(
    'shutdown.drainTimeoutMs',
    '--drain-timeout-ms',
    'PORTCULLIS_DRAIN_TIMEOUT_MS',
    'ms',
    'how long shutdown waits for open connections (default 10000)',
    'integer',
  ),
]);

/** The flag and variable naming the optional JSON config file. */
export const configFileOption = Object.freeze({
  flag: '--config',
  flagName: 'config',
  env: 'PORTCULLIS_CONFIG',
  placeholder: 'file',
  help: 'JSON config file (flags and PORTCULLIS_* variables override it)',
});

/** Looks an option up by its config key. */
export function optionForKey(key: string): ConfigOption | undefined {
  return gatewayOptions.find((candidate) => candidate.key === key);
}
