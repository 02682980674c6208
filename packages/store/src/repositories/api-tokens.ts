// The API-token repository: token metadata and the hash of its secret (never the secret itself).
import type { ApiToken, ApiTokenPermissions, ApiTokenStatus } from '@portcullis/model';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { assertId, looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { ApiTokensTable } from '../schema.js';
import type {
  ApiTokenCredential,
  ApiTokenPatch,
  ApiTokensRepository,
  NewApiToken,
  Page,
  PageRequest,
} from '../types.js';

const STATUSES: readonly string[] = ['active', 'disabled', 'expired'];

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    name: row.name,
    status: row.status as ApiTokenStatus,
    permissions: JSON.parse(row.permissions) as ApiTokenPermissions,
    issued_on: row.issued_on,
    modified_on: row.modified_on,
    last_used_on: row.last_used_on,
    expires_on: row.expires_on,
  };
}

/** API tokens over Kysely. */
export class SqlApiTokens implements ApiTokensRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: NewApiToken): Promise<ApiToken> {
    if (input.id !== undefined) assertId(input.id, 'token');
    if (input.secret_hash === '')
      throw new StoreError('STORE_INVALID_ARGUMENT', 'a token needs its secret hash');
    return this.#x.write(async ({ trx, now, change }) => {
      const id = input.id ?? newId();
      const clash = await trx.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst();
      if (clash !== undefined) throw new StoreError('STORE_CONFLICT', `token ${id} already exists`);
      const row: ApiTokensTable = {
        id,
        name: input.name,
        status: 'active',
        permissions: JSON.stringify(input.permissions),
        secret_hash: input.secret_hash,
        issued_on: now,
        modified_on: now,
        last_used_on: null,
        expires_on: input.expires_on ?? null,
      };
      await trx.insertInto('api_tokens').values(row).execute();
      change('api_token', id, null);
      return toToken(row);
    });
  }

  async get(id: string): Promise<ApiToken | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toToken(row);
    });
  }

  async list(request?: PageRequest): Promise<Page<ApiToken>> {
    const window = pageWindow(request);
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .orderBy('issued_on')
        .orderBy('id')
        .limit(window.per_page)
        .offset(window.offset)
        .execute();
      const total = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return toPage(window, rows.map(toToken), total.n);
    });
  }

  async count(): Promise<number> {
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  async findCredential(id: string): Promise<ApiTokenCredential | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : { token: toToken(row), secret_hash: row.secret_hash };
    });
  }

  async update(id: string, patch: ApiTokenPatch): Promise<ApiToken> {
    if (patch.status !== undefined && !STATUSES.includes(patch.status)) {
      throw new StoreError('STORE_INVALID_ARGUMENT', `invalid token status "${patch.status}"`);
    }
    const values: Partial<ApiTokensTable> = {};
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.permissions !== undefined) values.permissions = JSON.stringify(patch.permissions);
    if (patch.expires_on !== undefined) values.expires_on = patch.expires_on;
    return this.#x.write(async ({ trx, now, change }) => {
      const row = looksLikeId(id)
        ? await trx
            .updateTable('api_tokens')
            .set({ ...values, modified_on: now })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst()
        : undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `token ${id} not found`);
      change('api_token', id, null);
      return toToken(row);
    });
  }

  async delete(id: string): Promise<void> {
    return this.#x.write(async ({ trx, change }) => {
      const deleted = looksLikeId(id)
        ? await trx.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst()
        : undefined;
      if (deleted === undefined || Number(deleted.numDeletedRows) === 0) {
        throw new StoreError('STORE_NOT_FOUND', `token ${id} not found`);
      }
      change('api_token', id, null, 'delete');
    });
  }

  async touch(id: string, at: string): Promise<void> {
    if (!looksLikeId(id)) return Promise.resolve();
    // A plain update outside the change feed: authentication must stay cheap.
    return this.#x.write(async ({ trx }) => {
      await trx.updateTable('api_tokens').set({ last_used_on: at }).where('id', '=', id).execute();
    });
  }
}
