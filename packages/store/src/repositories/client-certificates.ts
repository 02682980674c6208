// The client-certificate repository: issued certificates, their status machine and the revoked serials per CA.
import type { ClientCertificate, ClientCertificateStatus } from '@portcullis/model';
import type { Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { ClientCertificatesTable, Database } from '../schema.js';
import type {
  ClientCertificateFilter,
  ClientCertificateRevocationState,
  ClientCertificatesRepository,
  NewClientCertificate,
  Page,
  RevokedSerial,
  TransitionOptions,
} from '../types.js';

/** Ids per `in (…)` query: well under SQLite's and PostgreSQL's bound-parameter limits. */
const IDS_PER_QUERY = 500;

const STATUSES: readonly string[] = ['active', 'pending_reactivation', 'pending_revocation', 'revoked'];

type Row = ClientCertificatesTable & { ca_name: string };

function toCertificate(row: Row): ClientCertificate {
  return {
    id: row.id,
    certificate: row.certificate,
    certificate_authority: { id: row.certificate_authority_id, name: row.ca_name },
    csr: row.csr,
    ski: row.ski,
    serial_number: row.serial_number,
    signature: row.signature,
    common_name: row.common_name,
    organization: row.organization,
    organizational_unit: row.organizational_unit,
    country: row.country,
    state: row.state,
    location: row.location,
    issued_on: row.issued_on,
    expires_on: row.expires_on,
    fingerprint_sha256: row.fingerprint_sha256,
    validity_days: row.validity_days,
    status: row.status as ClientCertificateStatus,
    revoked_at: row.revoked_at,
  };
}

function selectCertificates(db: Kysely<Database>) {
  return db
    .selectFrom('client_certificates')
    .innerJoin(
      'certificate_authorities',
      'certificate_authorities.id',
      'client_certificates.certificate_authority_id',
    )
    .selectAll('client_certificates')
    .select('certificate_authorities.name as ca_name');
}

/** Where revoke/reactivate lead from each status; null means "already there: unchanged". */
function nextStatus(
  current: ClientCertificateStatus,
  direction: 'revoke' | 'reactivate',
  pending: boolean,
): ClientCertificateStatus | null {
  if (direction === 'revoke') {
    if (current === 'active' || current === 'pending_reactivation')
      return pending ? 'pending_revocation' : 'revoked';
    return null;
  }
  if (current === 'revoked' || current === 'pending_revocation')
    return pending ? 'pending_reactivation' : 'active';
  return null;
}

/** Client certificates over Kysely. */
export class SqlClientCertificates implements ClientCertificatesRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: NewClientCertificate): Promise<ClientCertificate> {
    return this.#x.write(async ({ trx, now, change }) => {
      const ca = looksLikeId(input.certificate_authority_id)
        ? await trx
            .selectFrom('certificate_authorities')
            .select(['id', 'name', 'zone_id'])
            .where('id', '=', input.certificate_authority_id)
            .executeTakeFirst()
        : undefined;
      if (ca === undefined || ca.zone_id !== input.zone_id) {
        throw new StoreError(
          'STORE_NOT_FOUND',
          `certificate authority ${input.certificate_authority_id} not found in zone ${input.zone_id}`,
        );
      }
      const serialHex = input.serial_hex.toUpperCase();
      const clash = await trx
        .selectFrom('client_certificates')
        .select('id')
        .where('certificate_authority_id', '=', ca.id)
        .where('serial_hex', '=', serialHex)
        .executeTakeFirst();
      if (clash !== undefined)
        throw new StoreError('STORE_CONFLICT', `serial ${serialHex} already issued by this CA`);
      const row: ClientCertificatesTable = {
        id: newId(),
        zone_id: input.zone_id,
        certificate_authority_id: ca.id,
        certificate: input.certificate,
        csr: input.csr,
        ski: input.ski.toLowerCase(),
        serial_number: input.serial_number,
        serial_hex: serialHex,
        signature: input.signature,
        common_name: input.common_name,
        organization: input.organization,
        organizational_unit: input.organizational_unit,
        country: input.country,
        state: input.state,
        location: input.location,
        issued_on: input.issued_on,
        expires_on: input.expires_on,
        fingerprint_sha256: input.fingerprint_sha256.toLowerCase(),
        validity_days: input.validity_days,
        status: 'active',
        revoked_at: null,
        created_on: now,
      };
      await trx.insertInto('client_certificates').values(row).execute();
      change('client_certificate', row.id, row.zone_id);
      return toCertificate({ ...row, ca_name: ca.name });
    });
  }

  async get(zoneId: string, id: string): Promise<ClientCertificate | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await selectCertificates(db)
        .where('client_certificates.id', '=', id)
        .where('client_certificates.zone_id', '=', zoneId)
        .executeTakeFirst();
      return row === undefined ? undefined : toCertificate(row);
    });
  }

  async list(zoneId: string, filter: ClientCertificateFilter = {}): Promise<Page<ClientCertificate>> {
    const window = pageWindow(filter);
    const status = filter.status ?? 'all';
    if (status !== 'all' && !STATUSES.includes(status)) {
      throw new StoreError('STORE_INVALID_ARGUMENT', `invalid status "${String(status)}"`);
    }
    return this.#x.read(async (db) => {
      let query = selectCertificates(db).where('client_certificates.zone_id', '=', zoneId);
      let count = db
        .selectFrom('client_certificates')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('zone_id', '=', zoneId);
      if (status !== 'all') {
        query = query.where('client_certificates.status', '=', status);
        count = count.where('status', '=', status);
      }
      if (filter.expires_before !== undefined) {
        // Timestamps are stored as RFC 3339 UTC text of one width, so text order is time order.
        query = query.where('client_certificates.expires_on', '<', filter.expires_before);
        count = count.where('expires_on', '<', filter.expires_before);
      }
      const ordered =
        filter.order === 'expires_on'
          ? query.orderBy('client_certificates.expires_on', 'asc').orderBy('client_certificates.id', 'asc')
          : query.orderBy('client_certificates.created_on', 'desc').orderBy('client_certificates.id', 'desc');
      const rows = await ordered.limit(window.per_page).offset(window.offset).execute();
      const total = await count.executeTakeFirstOrThrow();
      return toPage(window, rows.map(toCertificate), total.n);
    });
  }

  async count(zoneId: string, statuses?: readonly ClientCertificateStatus[]): Promise<number> {
    return this.#x.read(async (db) => {
      let query = db
        .selectFrom('client_certificates')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('zone_id', '=', zoneId);
      if (statuses !== undefined) {
        if (statuses.length === 0) return 0;
        query = query.where('status', 'in', [...statuses]);
      }
      return Number((await query.executeTakeFirstOrThrow()).n);
    });
  }

  async revoke(zoneId: string, id: string, options: TransitionOptions = {}): Promise<ClientCertificate> {
    return this.#transition(zoneId, id, 'revoke', options.pending ?? false);
  }

  async reactivate(zoneId: string, id: string, options: TransitionOptions = {}): Promise<ClientCertificate> {
    return this.#transition(zoneId, id, 'reactivate', options.pending ?? false);
  }

  #transition(
    zoneId: string,
    id: string,
    direction: 'revoke' | 'reactivate',
    pending: boolean,
  ): Promise<ClientCertificate> {
    return this.#x.write(async ({ trx, now, change }) => {
      const current = looksLikeId(id)
        ? await selectCertificates(trx)
            .where('client_certificates.id', '=', id)
            .where('client_certificates.zone_id', '=', zoneId)
            .executeTakeFirst()
        : undefined;
      if (current === undefined)
        throw new StoreError('STORE_NOT_FOUND', `client certificate ${id} not found`);
      const status = nextStatus(current.status as ClientCertificateStatus, direction, pending);
      if (status === null) return toCertificate(current);
      // A revocation time stays until the certificate is active again: pending_reactivation is still revoked.
      const revokedAt = status === 'active' ? null : (current.revoked_at ?? now);
      const updated = await trx
        .updateTable('client_certificates')
        .set({ status, revoked_at: revokedAt })
        .where('id', '=', id)
        .where('status', '=', current.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new StoreError('STORE_CONFLICT', `client certificate ${id} changed concurrently`);
      }
      change('client_certificate', id, zoneId);
      return toCertificate({ ...current, status, revoked_at: revokedAt });
    });
  }

  async settlePending(): Promise<number> {
    return this.#x.write(async ({ trx, change }) => {
      const pending = await trx
        .selectFrom('client_certificates')
        .select(['id', 'zone_id', 'status'])
        .where('status', 'in', ['pending_revocation', 'pending_reactivation'])
        .execute();
      if (pending.length === 0) return 0;
      await trx
        .updateTable('client_certificates')
        .set({ status: 'revoked' })
        .where('status', '=', 'pending_revocation')
        .execute();
      await trx
        .updateTable('client_certificates')
        .set({ status: 'active', revoked_at: null })
        .where('status', '=', 'pending_reactivation')
        .execute();
      for (const row of pending) change('client_certificate', row.id, row.zone_id);
      return pending.length;
    });
  }

  async revokedSerials(certificateAuthorityId: string): Promise<RevokedSerial[]> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('client_certificates')
        .select(['serial_hex', 'revoked_at', 'issued_on'])
        .where('certificate_authority_id', '=', certificateAuthorityId)
        .where('status', '<>', 'active')
        .orderBy('serial_hex')
        .execute();
      return rows.map((row) => ({ serial_hex: row.serial_hex, revoked_at: row.revoked_at ?? row.issued_on }));
    });
  }

  async revokedSerialsByCa(): Promise<Record<string, string[]>> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('client_certificates')
        .select(['certificate_authority_id', 'serial_hex'])
        .where('status', '<>', 'active')
        .orderBy('certificate_authority_id')
        .orderBy('serial_hex')
        .execute();
      const result: Record<string, string[]> = {};
      for (const row of rows) (result[row.certificate_authority_id] ??= []).push(row.serial_hex);
      return result;
    });
  }

  async revocationStates(ids: readonly string[]): Promise<ClientCertificateRevocationState[]> {
    const wanted = [...new Set(ids.filter(looksLikeId))];
    if (wanted.length === 0) return [];
    return this.#x.read(async (db) => {
      const states: ClientCertificateRevocationState[] = [];
      for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
        const rows = await db
          .selectFrom('client_certificates')
          .select(['id', 'certificate_authority_id', 'serial_hex', 'status'])
          .where('id', 'in', wanted.slice(start, start + IDS_PER_QUERY))
          .execute();
        for (const row of rows) {
          states.push({
            id: row.id,
            certificate_authority_id: row.certificate_authority_id,
            serial_hex: row.serial_hex,
            revoked: row.status !== 'active',
          });
        }
      }
      return states;
    });
  }
}
