// Loads the 32-byte master key that seals CA and edge private keys, creating it on first start.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GatewayConfig } from '../config/schema.js';
import { CliError } from '../errors.js';
import { createSecretFile, isReadableByOthers } from './secret-file.js';

/** The master key and where it came from (for one log line; never the key itself). */
export interface MasterKey {
  readonly key: Uint8Array;
  readonly source: 'config' | 'file' | 'created';
  readonly file?: string;
  /** Set when the key file's mode lets group or others read it. */
  readonly warning?: string;
}

/**
 * Returns the master key: `masterKey.value` (e.g. PORTCULLIS_MASTER_KEY) if set, else the file
 * `masterKey.file` (default `<dataDir>/master.key`). When the file is missing and `create` is true
 * and the file is the default one, a new random key is written there with mode 0600; an explicitly
 * named file must exist, so a cluster never mints a second key by accident.
 */
export function loadMasterKey(config: Readonly<GatewayConfig>, options: { create: boolean }): MasterKey {
  if (config.masterKey.value !== undefined) {
    return { key: decode(config.masterKey.value, 'masterKey.value'), source: 'config' };
  }
  const explicit = config.masterKey.file;
  const file = explicit ?? join(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    if (!options.create || explicit !== undefined) {
      throw new CliError(
        'CLI_MASTER_KEY',
        `master key file ${file} does not exist; copy the key of the first node there or set PORTCULLIS_MASTER_KEY`,
      );
    }
    const key = randomBytes(32);
    if (createSecretFile(file, `${key.toString('base64')}\n`)) return { key: new Uint8Array(key), source: 'created', file };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('CLI_MASTER_KEY', `cannot read master key file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const warning = isReadableByOthers(file) ? `master key file ${file} is readable by group or others; chmod 600 it` : undefined;
  return { key: decode(text.trim(), `master key file ${file}`), source: 'file', file, ...(warning ? { warning } : {}) };
}

function decode(text: string, where: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw new CliError('CLI_MASTER_KEY', `${where} must hold the base64 encoding of exactly 32 bytes`);
  }
  return new Uint8Array(bytes);
}
