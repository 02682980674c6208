// Loads the 32-byte master key that seals CA and edge private keys (creating it on first start), and the key ring used to open them.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { masterKeyId } from '@portcullis/pki';
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

/** An extra key of the ring: opens stored secrets, never seals. */
export interface ExtraMasterKey {
  readonly key: Uint8Array;
  /** `previous`: master.key.previous or masterKey.previous; `next`: master.key.next (a rotation in progress). */
  readonly role: 'previous' | 'next';
  readonly source: 'config' | 'file';
  readonly file?: string;
  readonly warning?: string;
}

/** The current key (seals and opens) and the extra keys that only open. */
export interface MasterKeyRing {
  readonly current: MasterKey;
  readonly extra: readonly ExtraMasterKey[];
  /** Every distinct key, the current one first: what `openSecret` takes. */
  readonly keys: readonly Uint8Array[];
  /** The extra keys alone (no duplicate of the current one): the API's `previousMasterKeys`. */
  readonly previousKeys: readonly Uint8Array[];
  /** File-mode warnings of every key file read. */
  readonly warnings: readonly string[];
}

/** The key file: `masterKey.file`, else `<dataDir>/master.key`. */
export function masterKeyFile(config: Readonly<GatewayConfig>): string {
  return config.masterKey.file ?? join(config.dataDir, 'master.key');
}

/** The files of a rotation beside the key file: `<file>.previous` and `<file>.next`. */
export function rotationFiles(keyFile: string): { readonly previous: string; readonly next: string } {
  return { previous: `${keyFile}.previous`, next: `${keyFile}.next` };
}

/**
 * Returns the master key: `masterKey.value` (e.g. PORTCULLIS_MASTER_KEY) if set, else the file
 * `masterKey.file` (default `<dataDir>/master.key`). When the file is missing and `create` is true
 * and the file is the default one, a new random key is written there with mode 0600; an explicitly
 * named file must exist, so a cluster never mints a second key by accident. Neither is a key
 * minted while a rotation's `.previous` or `.next` file is there (an interrupted rotation).
 */
export function loadMasterKey(config: Readonly<GatewayConfig>, options: { create: boolean }): MasterKey {
  if (config.masterKey.value !== undefined) {
    return { key: decode(config.masterKey.value, 'masterKey.value'), source: 'config' };
  }
  const explicit = config.masterKey.file;
  const file = masterKeyFile(config);
  if (!existsSync(file)) {
    const rotation = rotationFiles(file);
    if (existsSync(rotation.next) || existsSync(rotation.previous)) {
      throw new CliError(
        'CLI_MASTER_KEY',
        `master key file ${file} does not exist but ${existsSync(rotation.next) ? rotation.next : rotation.previous} does: a key rotation was interrupted; run \`portcullis master-key rotate\` again to finish it`,
      );
    }
    if (!options.create || explicit !== undefined) {
      throw new CliError(
        'CLI_MASTER_KEY',
        `master key file ${file} does not exist; copy the key of the first node there or set PORTCULLIS_MASTER_KEY`,
      );
    }
    const key = randomBytes(32);
    if (createSecretFile(file, `${key.toString('base64')}\n`))
      return { key: new Uint8Array(key), source: 'created', file };
  }
  return { ...readKeyFile(file), source: 'file' };
}

/**
 * Returns the key ring: the current key ({@link loadMasterKey}) plus, when present, `masterKey.previous`
 * (PORTCULLIS_MASTER_KEY_PREVIOUS) and the files `<key file>.previous` and `<key file>.next` (the key
 * file is `masterKey.file` or `<dataDir>/master.key`). Only the current key seals.
 */
export function loadMasterKeyRing(
  config: Readonly<GatewayConfig>,
  options: { create: boolean },
): MasterKeyRing {
  const current = loadMasterKey(config, options);
  const extra: ExtraMasterKey[] = [];
  if (config.masterKey.previous !== undefined) {
    extra.push({
      key: decode(config.masterKey.previous, 'masterKey.previous'),
      role: 'previous',
      source: 'config',
    });
  }
  const rotation = rotationFiles(masterKeyFile(config));
  for (const role of ['previous', 'next'] as const) {
    const file = rotation[role];
    if (existsSync(file)) extra.push({ ...readKeyFile(file), role, source: 'file' });
  }
  const seen = new Set([masterKeyId(current.key)]);
  const previousKeys: Uint8Array[] = [];
  for (const { key } of extra) {
    const id = masterKeyId(key);
    if (seen.has(id)) continue;
    seen.add(id);
    previousKeys.push(key);
  }
  const warnings = [current.warning, ...extra.map((key) => key.warning)].filter(
    (warning): warning is string => warning !== undefined,
  );
  return { current, extra, keys: [current.key, ...previousKeys], previousKeys, warnings };
}

/** Reads a key file (base64 of 32 bytes), with a warning when group or others may read it. */
export function readKeyFile(file: string): { key: Uint8Array; file: string; warning?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError('CLI_MASTER_KEY', `cannot read master key file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const warning = isReadableByOthers(file)
    ? `master key file ${file} is readable by group or others; chmod 600 it`
    : undefined;
  return { key: decode(text.trim(), `master key file ${file}`), file, ...(warning ? { warning } : {}) };
}

function decode(text: string, where: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    throw new CliError('CLI_MASTER_KEY', `${where} must hold the base64 encoding of exactly 32 bytes`);
  }
  return new Uint8Array(bytes);
}
