// The one GatewayConfig schema (TypeBox → JSON Schema, validated by Ajv); TS types come from it.
import { Type, type Static } from 'typebox';

const listen = (fallback: string, description: string) =>
  Type.String({ default: fallback, minLength: 1, description });

const positiveMs = (fallback: number, minimum: number, description: string) =>
  Type.Integer({ default: fallback, minimum, maximum: 86_400_000, description });

/** Log levels accepted by `log.level` (pino's names plus `silent`). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The gateway's configuration, as a config file spells it (JSON), after flags and environment
 * variables are merged in and defaults applied. Version 1.
 */
export const GatewayConfigSchema = Type.Object(
  {
    version: Type.Literal(1, { default: 1, description: 'config format version' }),
    dataDir: Type.String({
      minLength: 1,
      description: 'data directory: SQLite file, master key, admin token',
    }),
    database: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'postgres://user@host:5432/db for PostgreSQL; omitted: SQLite file portcullis.db in the data directory',
      }),
    ),
    databaseSchema: Type.Optional(
      Type.String({
        pattern: '^[a-z_][a-z0-9_]{0,62}$',
        description: 'PostgreSQL schema holding the tables (default public)',
      }),
    ),
    edge: Type.Object(
      {
        listen: listen('0.0.0.0:8443', 'TLS listener of the edge (host:port; port 0 picks a free one)'),
        defaultHost: Type.Optional(
          Type.String({
            minLength: 1,
            description: 'hostname used for clients that send no SNI; unset: refused',
          }),
        ),
        addressFile: Type.Optional(
          Type.String({
            minLength: 1,
            description: 'file to write the bound edge address to, once listening',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    admin: Type.Object(
      {
        listen: listen(
          '127.0.0.1:8080',
          'API, /metrics and /healthz listener (host:port; port 0 picks a free one)',
        ),
        addressFile: Type.Optional(
          Type.String({
            minLength: 1,
            description: 'file to write the bound admin address to, once listening',
          }),
        ),
        token: Type.Optional(
          Type.String({
            minLength: 32,
            pattern: '^\\S+$',
            description:
              'an operator-chosen admin API token (32+ characters), registered at start; prefer the environment',
          }),
        ),
        publicUrl: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'URL clients use to reach the API (CRL distribution points); default http://<admin listen>',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    masterKey: Type.Object(
      {
        file: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'file holding the 32-byte master key (base64); default <dataDir>/master.key, created with mode 0600',
          }),
        ),
        value: Type.Optional(
          Type.String({
            minLength: 1,
            description: 'the master key itself (base64 of 32 bytes); prefer the file',
          }),
        ),
        previous: Type.Optional(
          Type.String({
            minLength: 1,
            description:
              'an earlier master key (base64 of 32 bytes) that still opens stored keys during a rotation; never seals',
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Union(
          logLevels.map((level) => Type.Literal(level)),
          { default: 'info', description: 'log level' },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    snapshot: Type.Object(
      {
        pollIntervalMs: positiveMs(
          5_000,
          100,
          'periodic check of the change-feed version, besides notifications',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    crl: Type.Object(
      {
        checkIntervalMs: positiveMs(
          60_000,
          1_000,
          'how often URL-sourced CRLs are checked for refresh (each is fetched before its nextUpdate)',
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    shutdown: Type.Object(
      {
        drainTimeoutMs: positiveMs(10_000, 0, 'how long SIGINT/SIGTERM waits for open connections to finish'),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

/** The validated, defaulted, frozen gateway configuration. */
export type GatewayConfig = Static<typeof GatewayConfigSchema>;

/** A log level name. */
export type LogLevel = (typeof logLevels)[number];
