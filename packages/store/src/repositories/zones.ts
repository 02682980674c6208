// The zones repository: domains of an account; deleting one removes everything inside it.
import type { Zone } from '@portcullis/model';
import type { Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { Database, ZonesTable } from '../schema.js';
import type { Page, ZoneFilter, ZonesRepository } from '../types.js';
import { dnsKey, normaliseDnsName } from './names.js';

type ZoneRow = ZonesTable & { account_name: string };

function toZone(row: ZoneRow): Zone {
  return {
    id: row.id,
    name: row.name,
    status: row.status as Zone['status'],
    paused: row.paused === 1,
    type: 'full',
    account: { id: row.account_id, name: row.account_name },
    created_on: row.created_on,
    modified_on: row.modified_on,
    activated_on: row.activated_on,
  };
}

function selectZones(db: Kysely<Database>) {
  return db
    .selectFrom('zones')
    .innerJoin('accounts', 'accounts.id', 'zones.account_id')
    .selectAll('zones')
    .select('accounts.name as account_name');
}

/** Zones over Kysely. */
export class SqlZones implements ZonesRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: { readonly account_id: string; readonly name: string }): Promise<Zone> {
    const name = normaliseDnsName(input.name, 'zone name');
    return this.#x.write(async ({ trx, now, change }) => {
      const account = looksLikeId(input.account_id)
        ? await trx
            .selectFrom('accounts')
            .select('name')
            .where('id', '=', input.account_id)
            .executeTakeFirst()
        : undefined;
      if (account === undefined)
        throw new StoreError('STORE_NOT_FOUND', `account ${input.account_id} not found`);
      const clash = await trx.selectFrom('zones').select('id').where('name', '=', name).executeTakeFirst();
      if (clash !== undefined) throw new StoreError('STORE_CONFLICT', `zone "${name}" already exists`);
      const row: ZonesTable = {
        id: newId(),
        account_id: input.account_id,
        name,
        status: 'active',
        paused: 0,
        created_on: now,
        modified_on: now,
        activated_on: now,
      };
      await trx.insertInto('zones').values(row).execute();
      change('zone', row.id, row.id);
      return toZone({ ...row, account_name: account.name });
    });
  }

  async get(id: string): Promise<Zone | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await selectZones(db).where('zones.id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toZone(row);
    });
  }

  async getByName(name: string): Promise<Zone | undefined> {
    const normalised = dnsKey(name);
    return this.#x.read(async (db) => {
      const row = await selectZones(db).where('zones.name', '=', normalised).executeTakeFirst();
      return row === undefined ? undefined : toZone(row);
    });
  }

  async list(filter: ZoneFilter = {}): Promise<Page<Zone>> {
    const window = pageWindow(filter);
    return this.#x.read(async (db) => {
      let query = selectZones(db);
      let count = db.selectFrom('zones').select((eb) => eb.fn.countAll().as('n'));
      if (filter.account_id !== undefined) {
        query = query.where('zones.account_id', '=', filter.account_id);
        count = count.where('zones.account_id', '=', filter.account_id);
      }
      if (filter.name !== undefined) {
        const name = dnsKey(filter.name);
        query = query.where('zones.name', '=', name);
        count = count.where('zones.name', '=', name);
      }
      const rows = await query.orderBy('zones.name').limit(window.per_page).offset(window.offset).execute();
      const total = await count.executeTakeFirstOrThrow();
      return toPage(window, rows.map(toZone), total.n);
    });
  }

  async listAll(): Promise<Zone[]> {
    return this.#x.read(async (db) => (await selectZones(db).orderBy('zones.name').execute()).map(toZone));
  }

  async delete(id: string): Promise<void> {
    return this.#x.write(async ({ trx, change }) => {
      const hostnames = await trx.selectFrom('hostnames').select('id').where('zone_id', '=', id).execute();
      const deleted = looksLikeId(id)
        ? await trx.deleteFrom('zones').where('id', '=', id).executeTakeFirst()
        : undefined;
      if (deleted === undefined || Number(deleted.numDeletedRows) === 0) {
        throw new StoreError('STORE_NOT_FOUND', `zone ${id} not found`);
      }
      // The edge drops every host of the zone; name them so a delta can be applied.
      for (const hostname of hostnames) change('hostname', hostname.id, id, 'delete');
      change('zone', id, id, 'delete');
    });
  }
}
