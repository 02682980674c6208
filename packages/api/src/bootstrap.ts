// First start: the one account, the admin token and the local edge CA — each created once, race-safe.
import { PERMISSION_FAMILIES } from '@portcullis/model';
import type { Account, ApiTokenPermissions } from '@portcullis/model';
import type { Store } from '@portcullis/store';
import { masterKeyRing } from './context.js';
import { ensureEdgeCa } from './services/edge-ca.js';
import { secretHashPrefix } from './services/token-lookup.js';
import { mintToken, tokenRecord } from './tokens.js';

/** Options of {@link bootstrap}. */
export interface BootstrapOptions {
  /** The master key sealing the edge CA's private key (32 bytes). */
  masterKey: Uint8Array;
  /** Earlier master keys that may still have sealed the stored edge CA key (rotation); open only. */
  previousMasterKeys?: readonly Uint8Array[];
  /**
   * An operator-chosen admin token (e.g. `PORTCULLIS_ADMIN_TOKEN`), at least 32 characters.
   * It is registered if not yet known; when absent and no token exists, one is generated.
   */
  adminToken?: string | undefined;
  /** Name of the account created at first start. Default `Portcullis`. */
  accountName?: string;
  /** Clock, for tests. */
  now?: () => Date;
}

/** What {@link bootstrap} found or made. */
export interface BootstrapResult {
  account: Account;
  accountCreated: boolean;
  /**
   * The generated admin token's value: present only on the start that generated it (print it
   * once, write it to `<data dir>/admin-token` mode 0600). Never present for an operator-chosen token.
   */
  adminToken?: string;
  /** Id of the admin token created by this start, if any. */
  adminTokenId?: string;
  /** The edge CA certificate (PEM), to publish for clients that call auto-issued hostnames. */
  edgeCaPem: string;
  edgeCaCreated: boolean;
}

/** Permissions of the admin token: edit on every family. */
export const adminPermissions: ApiTokenPermissions = Object.freeze(
  Object.fromEntries(PERMISSION_FAMILIES.map((family) => [family, 'edit'])),
);

/** Minimum length of an operator-chosen admin token. */
export const minAdminTokenLength = 32;

const adminLockKey = 'bootstrap.admin_token_id';

/**
 * Prepares a store for its first start and is harmless on every later one: ensures the one
 * account, an admin token and the local edge CA exist.
 *
 * @example
 * ```ts
 * const result = await bootstrap(store, { masterKey, adminToken: process.env.PORTCULLIS_ADMIN_TOKEN });
 * if (result.adminToken) console.log(`admin token (shown once): ${result.adminToken}`);
 * ```
 */
export async function bootstrap(store: Store, options: BootstrapOptions): Promise<BootstrapResult> {
  const ring = masterKeyRing(options.masterKey, options.previousMasterKeys);
  const now = options.now ?? (() => new Date());
  const { account, created: accountCreated } = await store.accounts.ensureDefault({
    name: options.accountName ?? 'Portcullis',
  });
  const result: BootstrapResult = { account, accountCreated, edgeCaPem: '', edgeCaCreated: false };

  if (options.adminToken !== undefined) {
    if (options.adminToken.length < minAdminTokenLength || /\s/.test(options.adminToken)) {
      throw new Error(`the admin token must be at least ${minAdminTokenLength} characters without spaces`);
    }
    const record = tokenRecord(options.adminToken);
    if ((await store.apiTokens.findCredential(record.id)) === undefined) {
      await store.transaction(async (tx) => {
        await tx.apiTokens.create({
          id: record.id,
          name: 'admin (PORTCULLIS_ADMIN_TOKEN)',
          permissions: adminPermissions,
          secret_hash: `${secretHashPrefix}${record.secretHash}`,
        });
        await systemAudit(tx, account.id, record.id, 'create');
      });
      result.adminTokenId = record.id;
    }
    await store.settings.setIfAbsent(adminLockKey, record.id);
  } else if ((await store.apiTokens.count()) === 0) {
    const minted = mintToken();
    // Only the process that wins this key creates the token, so concurrent first starts make one.
    if (await store.settings.setIfAbsent(adminLockKey, minted.id)) {
      await store.transaction(async (tx) => {
        await tx.apiTokens.create({
          id: minted.id,
          name: 'admin',
          permissions: adminPermissions,
          secret_hash: `${secretHashPrefix}${minted.secretHash}`,
        });
        await systemAudit(tx, account.id, minted.id, 'create');
      });
      result.adminToken = minted.value;
      result.adminTokenId = minted.id;
    }
  }

  const edge = await ensureEdgeCa(store, ring, now());
  result.edgeCaPem = edge.ca.certificatePem;
  result.edgeCaCreated = edge.created;
  return result;
}

async function systemAudit(
  tx: Parameters<Parameters<Store['transaction']>[0]>[0],
  accountId: string,
  tokenId: string,
  action: string,
): Promise<void> {
  await tx.auditLog.append({
    actor: { type: 'system', id: null, name: 'bootstrap', ip: null },
    action,
    resource: { type: 'api_token', id: tokenId },
    account_id: accountId,
    zone_id: null,
    details: { admin: true },
  });
}
