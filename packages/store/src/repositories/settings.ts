// The settings repository: small key/value pairs (default account, edge CA, master-key check, …).
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import type { SettingsRepository } from '../types.js';

function checkKey(key: string): void {
  if (key === '' || key.length > 200) throw new StoreError('STORE_INVALID_ARGUMENT', 'invalid setting key');
}

/** Settings over Kysely. */
export class SqlSettings implements SettingsRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#x.read(async (db) => {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row?.value;
    });
  }

  async set(key: string, value: string): Promise<void> {
    checkKey(key);
    return this.#x.write(async ({ trx, now, change }) => {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
      change('setting', key, null);
    });
  }

  async setIfAbsent(key: string, value: string): Promise<boolean> {
    checkKey(key);
    return this.#x.write(async ({ trx, now, change }) => {
      const result = await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
      if (inserted) change('setting', key, null);
      return inserted;
    });
  }

  async delete(key: string): Promise<boolean> {
    return this.#x.write(async ({ trx, change }) => {
      const result = await trx.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
      const deleted = Number(result.numDeletedRows) > 0;
      if (deleted) change('setting', key, null, 'delete');
      return deleted;
    });
  }

  async list(prefix = ''): Promise<Record<string, string>> {
    return this.#x.read(async (db) => {
      // Settings are few; a prefix match in code avoids LIKE's per-dialect escaping and case rules.
      const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
      const matching = rows.filter((row) => row.key.startsWith(prefix));
      return Object.fromEntries(matching.map((row) => [row.key, row.value]));
    });
  }
}
