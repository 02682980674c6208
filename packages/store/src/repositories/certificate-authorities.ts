// The managed-CA repository: one client CA per zone; its private key is stored sealed, never returned in a resource.
import type { CertificateAuthority } from '@portcullis/model';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import type { CertificateAuthoritiesTable } from '../schema.js';
import type { CertificateAuthoritiesRepository, NewCertificateAuthority } from '../types.js';

function toAuthority(row: CertificateAuthoritiesTable): CertificateAuthority {
  return {
    id: row.id,
    zone_id: row.zone_id,
    name: row.name,
    certificate: row.certificate,
    ski: row.ski,
    serial: row.serial,
    created_on: row.created_on,
    expires_on: row.expires_on,
  };
}

const PUBLIC_COLUMNS = [
  'id',
  'zone_id',
  'name',
  'certificate',
  'ski',
  'serial',
  'crl_number',
  'created_on',
  'expires_on',
] as const;

/** Managed certificate authorities over Kysely. */
export class SqlCertificateAuthorities implements CertificateAuthoritiesRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: NewCertificateAuthority): Promise<CertificateAuthority> {
    if (input.private_key_sealed === '') {
      throw new StoreError('STORE_INVALID_ARGUMENT', 'the CA key must be given sealed');
    }
    return this.#x.write(async ({ trx, now, change }) => {
      const zone = looksLikeId(input.zone_id)
        ? await trx.selectFrom('zones').select('id').where('id', '=', input.zone_id).executeTakeFirst()
        : undefined;
      if (zone === undefined) throw new StoreError('STORE_NOT_FOUND', `zone ${input.zone_id} not found`);
      const existing = await trx
        .selectFrom('certificate_authorities')
        .select('id')
        .where('zone_id', '=', input.zone_id)
        .executeTakeFirst();
      if (existing !== undefined) {
        throw new StoreError('STORE_CONFLICT', `zone ${input.zone_id} already has a managed CA`);
      }
      const row: CertificateAuthoritiesTable = {
        id: newId(),
        zone_id: input.zone_id,
        name: input.name,
        certificate: input.certificate,
        private_key_sealed: input.private_key_sealed,
        ski: input.ski.toLowerCase(),
        serial: input.serial.toUpperCase(),
        crl_number: 0,
        created_on: now,
        expires_on: input.expires_on,
      };
      await trx.insertInto('certificate_authorities').values(row).execute();
      change('certificate_authority', row.id, row.zone_id);
      return toAuthority(row);
    });
  }

  async get(id: string): Promise<CertificateAuthority | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('certificate_authorities')
        .select(PUBLIC_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? undefined : toAuthority({ ...row, private_key_sealed: '' });
    });
  }

  async getForZone(zoneId: string): Promise<CertificateAuthority | undefined> {
    if (!looksLikeId(zoneId)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('certificate_authorities')
        .select(PUBLIC_COLUMNS)
        .where('zone_id', '=', zoneId)
        .executeTakeFirst();
      return row === undefined ? undefined : toAuthority({ ...row, private_key_sealed: '' });
    });
  }

  async listAll(): Promise<CertificateAuthority[]> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('certificate_authorities')
        .select(PUBLIC_COLUMNS)
        .orderBy('created_on')
        .execute();
      return rows.map((row) => toAuthority({ ...row, private_key_sealed: '' }));
    });
  }

  async sealedKey(id: string): Promise<string | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('certificate_authorities')
        .select('private_key_sealed')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.private_key_sealed;
    });
  }

  async nextCrlNumber(id: string): Promise<number> {
    return this.#x.write(async ({ trx }) => {
      const row = looksLikeId(id)
        ? await trx
            .updateTable('certificate_authorities')
            .set((eb) => ({ crl_number: eb('crl_number', '+', 1) }))
            .where('id', '=', id)
            .returning('crl_number')
            .executeTakeFirst()
        : undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `certificate authority ${id} not found`);
      return Number(row.crl_number);
    });
  }
}
