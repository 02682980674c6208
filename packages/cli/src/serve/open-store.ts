// Opens the configured store: the embedded SQLite file in the data dir, or PostgreSQL.
import { openStore, type Store } from '@portcullis/store';
import type { GatewayConfig } from '../config/schema.js';
import { CliError } from '../errors.js';
import { dataDirLayout } from '../secrets/data-dir.js';

/** Where the store lives, for one log line (the PostgreSQL password is never shown). */
export function describeStore(config: Readonly<GatewayConfig>): string {
  if (config.database === undefined) return `sqlite ${dataDirLayout(config.dataDir).database}`;
  try {
    const url = new URL(config.database);
    if (url.password !== '') url.password = '***';
    return `postgres ${url.toString()}`;
  } catch {
    return 'postgres';
  }
}

/** Opens the store and runs its migrations; fails with CLI_STARTUP naming the database. */
export async function openConfiguredStore(config: Readonly<GatewayConfig>): Promise<Store> {
  try {
    return config.database === undefined
      ? await openStore({ kind: 'sqlite', file: dataDirLayout(config.dataDir).database })
      : await openStore({
          kind: 'postgres',
          url: config.database,
          ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
        });
  } catch (error) {
    throw new CliError(
      'CLI_STARTUP',
      `cannot open the store (${describeStore(config)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}
