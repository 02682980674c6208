// Master-key rotation and status: every stored envelope opened with the key ring and resealed under the new key in one transaction.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { envelopeKeyId, isPkiError, masterKeyId, openSecret, sealSecret } from '@portcullis/pki';
import type { SealedSecret, Store } from '@portcullis/store';
import type { GatewayConfig } from '../config/schema.js';
import { CliError } from '../errors.js';
import { moveKeyFile, writeKeyFileAtomically } from './key-files.js';
import {
  loadMasterKeyRing,
  masterKeyFile,
  readKeyFile,
  rotationFiles,
  type MasterKeyRing,
} from './master-key.js';

/** A stored secret that the key ring does not open (kind and id only: never key material). */
export interface UnopenedSecret {
  readonly kind: SealedSecret['kind'];
  readonly id: string;
  readonly keyId: string | null;
  readonly reason: string;
}

/** What `master-key status` reports. */
export interface MasterKeyStatus {
  readonly currentKeyId: string;
  readonly keys: readonly {
    readonly id: string;
    readonly role: 'current' | 'previous' | 'next';
    readonly source: string;
  }[];
  /** Envelopes per key id (`none` for a value that is not an envelope). */
  readonly envelopes: Readonly<Record<string, number>>;
  readonly total: number;
  readonly unopened: readonly UnopenedSecret[];
}

/** Counts the store's envelopes per key id and tries each with the ring. */
export async function masterKeyStatus(store: Store, ring: MasterKeyRing): Promise<MasterKeyStatus> {
  const secrets = await store.secrets.list();
  const envelopes: Record<string, number> = {};
  const unopened: UnopenedSecret[] = [];
  for (const secret of secrets) {
    const keyId = envelopeKeyId(secret.sealed);
    envelopes[keyId ?? 'none'] = (envelopes[keyId ?? 'none'] ?? 0) + 1;
    try {
      openSecret(ring.keys, secret.sealed);
    } catch (error) {
      unopened.push({ kind: secret.kind, id: secret.id, keyId, reason: reasonOf(error) });
    }
  }
  const keys = [
    {
      id: masterKeyId(ring.current.key),
      role: 'current' as const,
      source: ring.current.file ?? 'masterKey.value',
    },
    ...ring.extra.map((key) => ({
      id: masterKeyId(key.key),
      role: key.role,
      source: key.file ?? 'masterKey.previous',
    })),
  ];
  return { currentKeyId: masterKeyId(ring.current.key), keys, envelopes, total: secrets.length, unopened };
}

/** Options of {@link rotateMasterKey}. */
export interface RotateOptions {
  /** A file holding the new key (base64 of 32 bytes); default: `<key file>.next` if present, else a new random key. */
  readonly newKeyFile?: string;
  /** Re-seal under the current key what is still sealed under another (no new key, no file moved). */
  readonly resealOnly?: boolean;
  /** Opens the configured store (injected so the command decides how). */
  readonly openStore: () => Promise<Store>;
}

/** What a rotation did. */
export interface RotateReport {
  readonly mode: 'files' | 'config' | 'reseal';
  readonly oldKeyId: string;
  readonly newKeyId: string;
  readonly resealed: number;
  readonly total: number;
  /** True when an existing `<key file>.next` was used (a rotation prepared or interrupted earlier). */
  readonly resumed: boolean;
  readonly keyFile: string | undefined;
  readonly previousFile: string | undefined;
}

/**
 * Rotates the master key: the new key is written to `<key file>.next` first (0600, atomically), every
 * envelope is opened with the ring and resealed under the new key in ONE store transaction (those already
 * under the new key are left, so a re-run finishes an interrupted rotation), with an audit entry; then
 * `<key file>` becomes `<key file>.previous` and `<key file>.next` becomes `<key file>`. On failure the
 * store is unchanged and a `.next` file this run created is removed. With the key in `masterKey.value`,
 * `newKeyFile` is required and no key file is written or moved.
 */
export async function rotateMasterKey(
  config: Readonly<GatewayConfig>,
  options: RotateOptions,
): Promise<RotateReport> {
  const fromConfig = config.masterKey.value !== undefined;
  const keyFile = masterKeyFile(config);
  const files = rotationFiles(keyFile);
  // Interrupted after the first rename: master.key.previous and master.key.next, no master.key.
  const renamesInterrupted =
    !fromConfig && !existsSync(keyFile) && existsSync(files.next) && existsSync(files.previous);
  let ring: MasterKeyRing;
  let oldKey: Uint8Array;
  if (renamesInterrupted) {
    const previous = readKeyFile(files.previous);
    const next = readKeyFile(files.next);
    ring = {
      current: { key: previous.key, source: 'file', file: files.previous },
      extra: [{ key: next.key, role: 'next', source: 'file', file: files.next }],
      keys: [previous.key, next.key],
      previousKeys: [next.key],
      warnings: [],
    };
    oldKey = previous.key;
  } else {
    ring = loadMasterKeyRing(config, { create: false });
    oldKey = ring.current.key;
  }
  const oldKeyId = masterKeyId(oldKey);

  let newKey: Uint8Array;
  let resumed = false;
  let createdNext = false;
  if (options.resealOnly === true) {
    if (renamesInterrupted)
      throw new CliError(
        'CLI_MASTER_KEY',
        `an interrupted rotation left ${files.next} without ${keyFile}: run \`portcullis master-key rotate\` to finish it first`,
      );
    newKey = ring.current.key;
  } else if (renamesInterrupted) {
    newKey = ring.keys[1] as Uint8Array;
    resumed = true;
  } else {
    if (fromConfig && options.newKeyFile === undefined) {
      throw new CliError(
        'CLI_USAGE',
        'the master key comes from masterKey.value (PORTCULLIS_MASTER_KEY): pass --new-key-file FILE with the new key; no key file is written',
      );
    }
    if (!fromConfig && existsSync(files.previous)) {
      throw new CliError(
        'CLI_MASTER_KEY',
        `${files.previous} is still there from an earlier rotation: once \`portcullis master-key status\` shows nothing sealed under its key id, move it to where you keep old keys (with the backups made before that rotation), then rotate again`,
      );
    }
    const given = options.newKeyFile === undefined ? undefined : readKeyFile(options.newKeyFile).key;
    const prepared = !fromConfig && existsSync(files.next) ? readKeyFile(files.next).key : undefined;
    if (given !== undefined && prepared !== undefined && masterKeyId(given) !== masterKeyId(prepared)) {
      throw new CliError(
        'CLI_MASTER_KEY',
        `${files.next} already holds another key than ${options.newKeyFile}; finish that rotation (run rotate without --new-key-file) or remove ${files.next}`,
      );
    }
    newKey = given ?? prepared ?? new Uint8Array(randomBytes(32));
    resumed = prepared !== undefined;
    if (masterKeyId(newKey) === oldKeyId) {
      throw new CliError(
        'CLI_USAGE',
        'the new key is the current master key; to re-seal leftovers under it use `portcullis master-key reseal`',
      );
    }
    if (!fromConfig && prepared === undefined) {
      writeKeyFileAtomically(files.next, newKey);
      createdNext = true;
    }
  }
  const newKeyId = masterKeyId(newKey);
  const openWith = [...ring.keys, newKey];

  let resealed: { count: number; total: number };
  try {
    const store = await options.openStore();
    try {
      resealed = await store.transaction(async (tx) => {
        const result = await tx.secrets.reseal((secret) => {
          if (envelopeKeyId(secret.sealed) === newKeyId) return secret.sealed;
          let plaintext: string;
          try {
            plaintext = openSecret(openWith, secret.sealed);
          } catch (error) {
            throw new CliError(
              'CLI_MASTER_KEY',
              `the sealed key of ${secret.kind} ${secret.id} does not open with the master key ring (${reasonOf(error)}); nothing was changed`,
              { cause: error },
            );
          }
          return sealSecret(newKey, plaintext);
        });
        // Shown in the account's audit log when there is one account (the usual single-tenant case).
        const accounts = await tx.accounts.list({ per_page: 2 });
        await tx.auditLog.append({
          actor: {
            type: 'cli',
            id: null,
            name:
              options.resealOnly === true ? 'portcullis master-key reseal' : 'portcullis master-key rotate',
            ip: null,
          },
          action: options.resealOnly === true ? 'reseal_secrets' : 'rotate_master_key',
          resource: { type: 'master_key', id: newKeyId },
          account_id: accounts.total_count === 1 ? (accounts.items[0]?.id ?? null) : null,
          zone_id: null,
          details: { previous_key_id: oldKeyId, resealed: result.count, total: result.total },
        });
        return result;
      });
    } finally {
      await store.close();
    }
  } catch (error) {
    if (createdNext) rmSync(files.next, { force: true });
    throw error;
  }

  let previousFile: string | undefined;
  if (!fromConfig && options.resealOnly !== true) {
    if (!renamesInterrupted) moveKeyFile(keyFile, files.previous);
    moveKeyFile(files.next, keyFile);
    previousFile = files.previous;
  }
  return {
    mode: options.resealOnly === true ? 'reseal' : fromConfig ? 'config' : 'files',
    oldKeyId,
    newKeyId,
    resealed: resealed.count,
    total: resealed.total,
    resumed,
    keyFile: fromConfig ? undefined : keyFile,
    previousFile,
  };
}

function reasonOf(error: unknown): string {
  if (isPkiError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
