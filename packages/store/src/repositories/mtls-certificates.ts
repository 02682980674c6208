// The uploaded-CA repository (`mtls_certificates`) and each CA's CRL with its revoked serials.
import type { Crl, MtlsCertificate } from '@portcullis/model';
import type { Transaction } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { Database, MtlsCertificatesTable, MtlsCrlsTable } from '../schema.js';
import type {
  CrlInput,
  DueCrl,
  MtlsCertificatesRepository,
  NewMtlsCertificate,
  Page,
  PageRequest,
} from '../types.js';

/** After a failed fetch of an expired CRL, wait this long before the next attempt. */
const RETRY_AFTER_ERROR_MS = 60_000;

function toMtls(row: MtlsCertificatesTable): MtlsCertificate {
  return {
    id: row.id,
    name: row.name,
    ca: row.ca === 1,
    certificates: row.certificates,
    issuer: row.issuer,
    serial_number: row.serial_number,
    signature: row.signature,
    ski: row.ski,
    type: row.type as MtlsCertificate['type'],
    expires_on: row.expires_on,
    uploaded_on: row.uploaded_on,
    updated_at: row.updated_at,
  };
}

type CrlStatusRow = Omit<MtlsCrlsTable, 'crl_pem' | 'serials'>;

/** Ids per `in (…)` query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const IDS_PER_QUERY = 500;

function unpack(serials: string): string[] {
  return serials === '' ? [] : serials.split('\n');
}

function toCrl(row: CrlStatusRow): Crl {
  return {
    mtls_certificate_id: row.mtls_certificate_id,
    source: row.source as Crl['source'],
    url: row.url,
    refresh_seconds: row.refresh_seconds === null ? null : Number(row.refresh_seconds),
    crl_number: row.crl_number,
    this_update: row.this_update,
    next_update: row.next_update,
    entries: Number(row.entries),
    last_fetched_at: row.last_fetched_at,
    last_error: row.last_error,
    updated_at: row.updated_at,
  };
}

const CRL_COLUMNS = [
  'mtls_certificate_id',
  'source',
  'url',
  'refresh_seconds',
  'crl_number',
  'this_update',
  'next_update',
  'entries',
  'last_fetched_at',
  'last_error',
  'updated_at',
] as const;

async function requireOwned(trx: Transaction<Database>, accountId: string, id: string): Promise<void> {
  const row = looksLikeId(id)
    ? await trx
        .selectFrom('mtls_certificates')
        .select('id')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst()
    : undefined;
  if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `mtls certificate ${id} not found`);
}

/**
 * Whether a URL-sourced CRL should be fetched at `at` (ms). `updated_at` is the last attempt
 * (success or failure). Due when never fetched, when `refresh_seconds` passed since the last
 * success, or when `next_update` is near (within a tenth of the CRL's validity, at most an hour):
 * a fresh list is in place before the old one expires. Never sooner than a minute after an attempt
 * (or the refresh period, when shorter), so a failing server is not hammered.
 */
function isDue(row: CrlStatusRow, at: number): boolean {
  const attempted = Date.parse(row.updated_at);
  const refreshMs = Number(row.refresh_seconds ?? 0) * 1000;
  const pause = refreshMs > 0 ? Math.min(refreshMs, RETRY_AFTER_ERROR_MS) : RETRY_AFTER_ERROR_MS;
  if (row.last_fetched_at === null) return row.last_error === null || at - attempted >= pause;
  if (at - attempted < pause && row.last_error !== null) return false;
  if (refreshMs > 0 && at - Date.parse(row.last_fetched_at) >= refreshMs)
    return at - attempted >= pause || row.last_error === null;
  if (row.next_update === null) return false;
  const next = Date.parse(row.next_update);
  const start = row.this_update === null ? next : Date.parse(row.this_update);
  const margin = Math.min(3_600_000, Math.max(0, (next - start) / 10));
  return at >= next - margin && at - attempted >= pause;
}

/** Uploaded CAs and their CRLs over Kysely. */
export class SqlMtlsCertificates implements MtlsCertificatesRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: NewMtlsCertificate): Promise<MtlsCertificate> {
    const name = input.name === null || input.name.trim() === '' ? null : input.name.trim();
    return this.#x.write(async ({ trx, now, change }) => {
      const account = looksLikeId(input.account_id)
        ? await trx.selectFrom('accounts').select('id').where('id', '=', input.account_id).executeTakeFirst()
        : undefined;
      if (account === undefined)
        throw new StoreError('STORE_NOT_FOUND', `account ${input.account_id} not found`);
      if (name !== null) {
        const clash = await trx
          .selectFrom('mtls_certificates')
          .select('id')
          .where('account_id', '=', input.account_id)
          .where('name', '=', name)
          .executeTakeFirst();
        if (clash !== undefined)
          throw new StoreError('STORE_CONFLICT', `an mtls certificate named "${name}" exists`);
      }
      const row: MtlsCertificatesTable = {
        id: newId(),
        account_id: input.account_id,
        name,
        ca: input.ca ? 1 : 0,
        certificates: input.certificates,
        issuer: input.issuer,
        serial_number: input.serial_number,
        signature: input.signature,
        ski: input.ski.toLowerCase(),
        type: 'custom',
        expires_on: input.expires_on,
        uploaded_on: now,
        updated_at: now,
      };
      await trx.insertInto('mtls_certificates').values(row).execute();
      change('mtls_certificate', row.id, null);
      return toMtls(row);
    });
  }

  async get(accountId: string, id: string): Promise<MtlsCertificate | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('mtls_certificates')
        .selectAll()
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row === undefined ? undefined : toMtls(row);
    });
  }

  async list(accountId: string, request?: PageRequest): Promise<Page<MtlsCertificate>> {
    const window = pageWindow(request);
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('mtls_certificates')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('uploaded_on')
        .orderBy('id')
        .limit(window.per_page)
        .offset(window.offset)
        .execute();
      const total = await db
        .selectFrom('mtls_certificates')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return toPage(window, rows.map(toMtls), total.n);
    });
  }

  async listAll(): Promise<MtlsCertificate[]> {
    return this.#x.read(async (db) =>
      (
        await db.selectFrom('mtls_certificates').selectAll().orderBy('uploaded_on').orderBy('id').execute()
      ).map(toMtls),
    );
  }

  async count(accountId: string): Promise<number> {
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('mtls_certificates')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }

  async delete(accountId: string, id: string): Promise<void> {
    return this.#x.write(async ({ trx, change }) => {
      await requireOwned(trx, accountId, id);
      const used = await trx
        .selectFrom('hostname_associations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('mtls_certificate_id', '=', id)
        .executeTakeFirstOrThrow();
      if (Number(used.n) > 0) {
        throw new StoreError(
          'STORE_IN_USE',
          `mtls certificate ${id} is associated with ${String(used.n)} hostname(s)`,
        );
      }
      await trx.deleteFrom('mtls_certificates').where('id', '=', id).execute();
      change('mtls_certificate', id, null, 'delete');
    });
  }

  async setCrl(accountId: string, id: string, crl: CrlInput): Promise<Crl> {
    if (crl.source === 'url' && (crl.url === null || crl.url === '')) {
      throw new StoreError('STORE_INVALID_ARGUMENT', 'a url-sourced crl needs its url');
    }
    const serials = [...new Set(crl.revoked_serials.map((serial) => serial.toUpperCase()))].sort();
    if (serials.some((serial) => !/^[0-9A-F]+$/.test(serial))) {
      throw new StoreError('STORE_INVALID_ARGUMENT', 'revoked serials must be hexadecimal');
    }
    return this.#x.write(async ({ trx, now, change }) => {
      await requireOwned(trx, accountId, id);
      const row: MtlsCrlsTable = {
        mtls_certificate_id: id,
        source: crl.source,
        url: crl.source === 'url' ? crl.url : null,
        refresh_seconds: crl.source === 'url' ? crl.refresh_seconds : null,
        crl_pem: crl.crl_pem,
        serials: serials.join('\n'),
        crl_number: crl.crl_number,
        this_update: crl.this_update,
        next_update: crl.next_update,
        entries: serials.length,
        last_fetched_at: crl.fetched_at,
        last_error: null,
        updated_at: now,
      };
      await trx
        .insertInto('mtls_crls')
        .values(row)
        .onConflict((oc) =>
          oc.column('mtls_certificate_id').doUpdateSet({
            source: row.source,
            url: row.url,
            refresh_seconds: row.refresh_seconds,
            crl_pem: row.crl_pem,
            serials: row.serials,
            crl_number: row.crl_number,
            this_update: row.this_update,
            next_update: row.next_update,
            entries: row.entries,
            last_fetched_at: row.last_fetched_at,
            last_error: null,
            updated_at: now,
          }),
        )
        .execute();
      change('crl', id, null);
      const { crl_pem: _pem, serials: _serials, ...status } = row;
      return toCrl(status);
    });
  }

  async getCrl(accountId: string, id: string): Promise<Crl | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('mtls_crls')
        .innerJoin('mtls_certificates', 'mtls_certificates.id', 'mtls_crls.mtls_certificate_id')
        .select(CRL_COLUMNS.map((column) => `mtls_crls.${column}` as const))
        .where('mtls_crls.mtls_certificate_id', '=', id)
        .where('mtls_certificates.account_id', '=', accountId)
        .executeTakeFirst();
      return row === undefined ? undefined : toCrl(row);
    });
  }

  async getCrlPem(accountId: string, id: string): Promise<string | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('mtls_crls')
        .innerJoin('mtls_certificates', 'mtls_certificates.id', 'mtls_crls.mtls_certificate_id')
        .select('mtls_crls.crl_pem')
        .where('mtls_crls.mtls_certificate_id', '=', id)
        .where('mtls_certificates.account_id', '=', accountId)
        .executeTakeFirst();
      return row?.crl_pem;
    });
  }

  async recordCrlError(accountId: string, id: string, error: string, at: string): Promise<Crl> {
    return this.#x.write(async ({ trx, change }) => {
      await requireOwned(trx, accountId, id);
      const row = await trx
        .updateTable('mtls_crls')
        .set({ last_error: error.slice(0, 1000), updated_at: at })
        .where('mtls_certificate_id', '=', id)
        .returning(CRL_COLUMNS)
        .executeTakeFirst();
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `mtls certificate ${id} has no crl`);
      change('crl', id, null);
      return toCrl(row);
    });
  }

  async deleteCrl(accountId: string, id: string): Promise<void> {
    return this.#x.write(async ({ trx, change }) => {
      await requireOwned(trx, accountId, id);
      const deleted = await trx
        .deleteFrom('mtls_crls')
        .where('mtls_certificate_id', '=', id)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) {
        throw new StoreError('STORE_NOT_FOUND', `mtls certificate ${id} has no crl`);
      }
      change('crl', id, null, 'delete');
    });
  }

  async listDueCrls(now: string): Promise<DueCrl[]> {
    const at = Date.parse(now);
    if (Number.isNaN(at)) throw new StoreError('STORE_INVALID_ARGUMENT', `invalid time "${now}"`);
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('mtls_crls')
        .innerJoin('mtls_certificates', 'mtls_certificates.id', 'mtls_crls.mtls_certificate_id')
        .select(CRL_COLUMNS.map((column) => `mtls_crls.${column}` as const))
        .select('mtls_certificates.account_id')
        .where('mtls_crls.source', '=', 'url')
        .execute();
      // Timestamps are compared here rather than in SQL so both dialects agree exactly.
      return rows
        .filter((row) => isDue(row, at))
        .map(({ account_id, ...crl }) => ({ account_id, crl: toCrl(crl) }));
    });
  }

  async crlSerialsByCa(): Promise<Record<string, string[]>> {
    return this.#x.read(async (db) => {
      const rows = await db.selectFrom('mtls_crls').select(['mtls_certificate_id', 'serials']).execute();
      return Object.fromEntries(rows.map((row) => [row.mtls_certificate_id, unpack(row.serials)]));
    });
  }

  async crlSerials(mtlsCertificateId: string): Promise<string[]> {
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('mtls_crls')
        .select('serials')
        .where('mtls_certificate_id', '=', mtlsCertificateId)
        .executeTakeFirst();
      return row === undefined ? [] : unpack(row.serials);
    });
  }

  async crlNextUpdates(mtlsCertificateIds?: readonly string[]): Promise<Record<string, string | null>> {
    const wanted =
      mtlsCertificateIds === undefined ? undefined : [...new Set(mtlsCertificateIds.filter(looksLikeId))];
    if (wanted !== undefined && wanted.length === 0) return {};
    return this.#x.read(async (db) => {
      const result: Record<string, string | null> = {};
      const query = () => db.selectFrom('mtls_crls').select(['mtls_certificate_id', 'next_update']);
      if (wanted === undefined) {
        for (const row of await query().execute()) result[row.mtls_certificate_id] = row.next_update;
        return result;
      }
      for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
        const rows = await query()
          .where('mtls_certificate_id', 'in', wanted.slice(start, start + IDS_PER_QUERY))
          .execute();
        for (const row of rows) result[row.mtls_certificate_id] = row.next_update;
      }
      return result;
    });
  }

  async crlSerialsOf(mtlsCertificateIds: readonly string[]): Promise<Record<string, string[]>> {
    const wanted = [...new Set(mtlsCertificateIds.filter(looksLikeId))];
    if (wanted.length === 0) return {};
    return this.#x.read(async (db) => {
      const result: Record<string, string[]> = {};
      for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
        const rows = await db
          .selectFrom('mtls_crls')
          .select(['mtls_certificate_id', 'serials'])
          .where('mtls_certificate_id', 'in', wanted.slice(start, start + IDS_PER_QUERY))
          .execute();
        for (const row of rows) result[row.mtls_certificate_id] = unpack(row.serials);
      }
      return result;
    });
  }
}
