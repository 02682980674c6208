// The sealed-secrets repository: every envelope the store keeps (CA keys, edge keys, sealed settings), for master-key rotation.
import type { Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor, WriteScope } from '../executor.js';
import type { Database } from '../schema.js';
import type { SealedSecret, SealedSecretKind, SecretsRepository } from '../types.js';

/** Settings whose key ends with this hold a sealed value (today `edge_ca.private_key_sealed`). */
export const sealedSettingSuffix = 'private_key_sealed';

/** Every non-empty sealed value, in a stable order: CAs, hostnames, settings; each by id. */
async function readAll(db: Kysely<Database>): Promise<SealedSecret[]> {
  const cas = await db
    .selectFrom('certificate_authorities')
    .select(['id', 'zone_id', 'private_key_sealed'])
    .orderBy('id')
    .execute();
  const hosts = await db
    .selectFrom('hostnames')
    .select(['id', 'zone_id', 'edge_private_key_sealed'])
    .orderBy('id')
    .execute();
  // Settings are few; a suffix match in code avoids LIKE's per-dialect escaping rules.
  const settings = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  const secrets: SealedSecret[] = [
    ...cas.map((row) => ({
      kind: 'certificate_authority' as const,
      id: row.id,
      zone_id: row.zone_id,
      sealed: row.private_key_sealed,
    })),
    ...hosts.map((row) => ({
      kind: 'hostname' as const,
      id: row.id,
      zone_id: row.zone_id,
      sealed: row.edge_private_key_sealed,
    })),
    ...settings
      .filter((row) => row.key.endsWith(sealedSettingSuffix))
      .map((row) => ({ kind: 'setting' as const, id: row.key, zone_id: null, sealed: row.value })),
  ];
  return secrets.filter((secret) => secret.sealed !== '');
}

async function rewrite(scope: WriteScope, secret: SealedSecret, sealed: string): Promise<void> {
  const { trx, now, change } = scope;
  const kind: SealedSecretKind = secret.kind;
  switch (kind) {
    case 'certificate_authority':
      await trx
        .updateTable('certificate_authorities')
        .set({ private_key_sealed: sealed })
        .where('id', '=', secret.id)
        .execute();
      break;
    case 'hostname':
      await trx
        .updateTable('hostnames')
        .set({ edge_private_key_sealed: sealed })
        .where('id', '=', secret.id)
        .execute();
      break;
    case 'setting':
      await trx
        .updateTable('settings')
        .set({ value: sealed, updated_at: now })
        .where('key', '=', secret.id)
        .execute();
      break;
  }
  change(kind, secret.id, secret.zone_id);
}

/** Sealed secrets over Kysely. */
export class SqlSecrets implements SecretsRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async list(): Promise<SealedSecret[]> {
    return this.#x.read((db) => readAll(db));
  }

  async reseal(
    fn: (secret: SealedSecret) => Promise<string> | string,
  ): Promise<{ count: number; total: number }> {
    if (typeof fn !== 'function') throw new StoreError('STORE_INVALID_ARGUMENT', 'reseal needs a function');
    return this.#x.write(async (scope) => {
      const secrets = await readAll(scope.trx);
      let count = 0;
      for (const secret of secrets) {
        const sealed = await fn(secret);
        if (typeof sealed !== 'string' || sealed === '') {
          throw new StoreError(
            'STORE_INVALID_ARGUMENT',
            `reseal returned no sealed value for ${secret.kind} ${secret.id}`,
          );
        }
        if (sealed === secret.sealed) continue;
        await rewrite(scope, secret, sealed);
        count += 1;
      }
      return { count, total: secrets.length };
    });
  }
}
