// The accounts repository: tenants, and the single default account created on first start.
import type { Account } from '@portcullis/model';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { AccountsTable } from '../schema.js';
import type { AccountsRepository, Page, PageRequest } from '../types.js';

/** The settings key naming the default account. */
export const DEFAULT_ACCOUNT_KEY = 'default_account_id';

function toAccount(row: AccountsTable): Account {
  return { id: row.id, name: row.name, type: row.type as Account['type'], created_on: row.created_on };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StoreError('STORE_INVALID_ARGUMENT', 'account name must not be empty');
  return trimmed;
}

/** Accounts over Kysely. */
export class SqlAccounts implements AccountsRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: { readonly name: string }): Promise<Account> {
    const name = checkName(input.name);
    return this.#x.write(async ({ trx, now, change }) => {
      const row: AccountsTable = { id: newId(), name, type: 'standard', created_on: now };
      await trx.insertInto('accounts').values(row).execute();
      change('account', row.id, null);
      return toAccount(row);
    });
  }

  async ensureDefault(input: { readonly name: string }): Promise<{ account: Account; created: boolean }> {
    const name = checkName(input.name);
    return this.#x.write(async (scope) => {
      const { trx, now } = scope;
      const id = newId();
      // Claim the default slot first: a concurrent opener blocks on (or sees) the claimed key.
      const claim = await trx
        .insertInto('settings')
        .values({ key: DEFAULT_ACCOUNT_KEY, value: id, updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(claim.numInsertedOrUpdatedRows ?? 0n) > 0) {
        const row: AccountsTable = { id, name, type: 'standard', created_on: now };
        await trx.insertInto('accounts').values(row).execute();
        scope.change('account', id, null);
        scope.change('setting', DEFAULT_ACCOUNT_KEY, null);
        return { account: toAccount(row), created: true };
      }
      const setting = await trx
        .selectFrom('settings')
        .select('value')
        .where('key', '=', DEFAULT_ACCOUNT_KEY)
        .executeTakeFirstOrThrow();
      const existing = await trx
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', setting.value)
        .executeTakeFirst();
      if (existing === undefined) {
        throw new StoreError('STORE_NOT_FOUND', `the default account ${setting.value} no longer exists`);
      }
      return { account: toAccount(existing), created: false };
    });
  }

  async get(id: string): Promise<Account | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toAccount(row);
    });
  }

  async list(request?: PageRequest): Promise<Page<Account>> {
    const window = pageWindow(request);
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .orderBy('created_on')
        .orderBy('id')
        .limit(window.per_page)
        .offset(window.offset)
        .execute();
      const total = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toPage(window, rows.map(toAccount), total.n);
    });
  }

  async rename(id: string, name: string): Promise<Account> {
    const checked = checkName(name);
    return this.#x.write(async ({ trx, change }) => {
      const row = looksLikeId(id)
        ? await trx
            .updateTable('accounts')
            .set({ name: checked })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst()
        : undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `account ${id} not found`);
      change('account', id, null);
      return toAccount(row);
    });
  }
}
