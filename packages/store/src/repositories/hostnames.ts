// The hostnames repository: what the edge serves, with its edge certificate (key kept sealed).
import type { Hostname, MtlsMode } from '@portcullis/model';
import { StoreError } from '../errors.js';
import type { Executor } from '../executor.js';
import { looksLikeId, newId } from '../ids.js';
import { pageWindow, toPage } from '../paging.js';
import type { HostnamesTable } from '../schema.js';
import type {
  EdgeCertificateInput,
  EdgeCredentials,
  HostnameFilter,
  HostnamePatch,
  HostnamesRepository,
  NewHostname,
  Page,
} from '../types.js';
import { dnsKey, normaliseDnsName } from './names.js';

const MODES: readonly string[] = ['off', 'optional', 'required'];

function checkMode(mode: string): MtlsMode {
  if (!MODES.includes(mode)) throw new StoreError('STORE_INVALID_ARGUMENT', `invalid mtls_mode "${mode}"`);
  return mode as MtlsMode;
}

function edgeColumns(
  edge: EdgeCertificateInput,
): Pick<
  HostnamesTable,
  | 'edge_source'
  | 'edge_certificate'
  | 'edge_private_key_sealed'
  | 'edge_issuer'
  | 'edge_serial_number'
  | 'edge_fingerprint_sha256'
  | 'edge_expires_on'
> {
  return {
    edge_source: edge.source,
    edge_certificate: edge.certificate,
    edge_private_key_sealed: edge.private_key_sealed,
    edge_issuer: edge.issuer,
    edge_serial_number: edge.serial_number,
    edge_fingerprint_sha256: edge.fingerprint_sha256,
    edge_expires_on: edge.expires_on,
  };
}

function toHostname(row: HostnamesTable): Hostname {
  return {
    id: row.id,
    zone_id: row.zone_id,
    hostname: row.hostname,
    origin: row.origin,
    origin_tls_verify: row.origin_tls_verify === 1,
    origin_ca: row.origin_ca,
    edge_certificate: {
      source: row.edge_source as Hostname['edge_certificate']['source'],
      certificate: row.edge_certificate,
      issuer: row.edge_issuer,
      serial_number: row.edge_serial_number,
      fingerprint_sha256: row.edge_fingerprint_sha256,
      expires_on: row.edge_expires_on,
    },
    mtls_mode: row.mtls_mode as MtlsMode,
    forward_client_certificate: row.forward_client_certificate === 1,
    created_on: row.created_on,
    modified_on: row.modified_on,
  };
}

function toCredentials(row: HostnamesTable): EdgeCredentials {
  return {
    hostname_id: row.id,
    zone_id: row.zone_id,
    hostname: row.hostname,
    certificate: row.edge_certificate,
    private_key_sealed: row.edge_private_key_sealed,
  };
}

/** Hostnames over Kysely. */
export class SqlHostnames implements HostnamesRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async create(input: NewHostname): Promise<Hostname> {
    const hostname = normaliseDnsName(input.hostname, 'hostname');
    const mode = checkMode(input.mtls_mode);
    return this.#x.write(async ({ trx, now, change }) => {
      const zone = looksLikeId(input.zone_id)
        ? await trx.selectFrom('zones').select('id').where('id', '=', input.zone_id).executeTakeFirst()
        : undefined;
      if (zone === undefined) throw new StoreError('STORE_NOT_FOUND', `zone ${input.zone_id} not found`);
      const clash = await trx
        .selectFrom('hostnames')
        .select('id')
        .where('hostname', '=', hostname)
        .executeTakeFirst();
      if (clash !== undefined)
        throw new StoreError('STORE_CONFLICT', `hostname "${hostname}" already exists`);
      const row: HostnamesTable = {
        id: newId(),
        zone_id: input.zone_id,
        hostname,
        origin: input.origin,
        origin_tls_verify: input.origin_tls_verify ? 1 : 0,
        origin_ca: input.origin_ca,
        mtls_mode: mode,
        forward_client_certificate: input.forward_client_certificate ? 1 : 0,
        ...edgeColumns(input.edge_certificate),
        created_on: now,
        modified_on: now,
      };
      await trx.insertInto('hostnames').values(row).execute();
      change('hostname', row.id, row.zone_id);
      return toHostname(row);
    });
  }

  async get(zoneId: string, id: string): Promise<Hostname | undefined> {
    if (!looksLikeId(id)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('hostnames')
        .selectAll()
        .where('id', '=', id)
        .where('zone_id', '=', zoneId)
        .executeTakeFirst();
      return row === undefined ? undefined : toHostname(row);
    });
  }

  async getByName(hostname: string): Promise<Hostname | undefined> {
    const name = dnsKey(hostname);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('hostnames')
        .selectAll()
        .where('hostname', '=', name)
        .executeTakeFirst();
      return row === undefined ? undefined : toHostname(row);
    });
  }

  async list(zoneId: string, filter: HostnameFilter = {}): Promise<Page<Hostname>> {
    const window = pageWindow(filter);
    return this.#x.read(async (db) => {
      let query = db.selectFrom('hostnames').where('zone_id', '=', zoneId);
      if (filter.hostname !== undefined) {
        query = query.where('hostname', '=', dnsKey(filter.hostname));
      }
      if (filter.mtls_mode !== undefined) query = query.where('mtls_mode', '=', filter.mtls_mode);
      const rows = await query
        .selectAll()
        .orderBy('hostname')
        .limit(window.per_page)
        .offset(window.offset)
        .execute();
      const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return toPage(window, rows.map(toHostname), total.n);
    });
  }

  async listAll(): Promise<Hostname[]> {
    return this.#x.read(async (db) =>
      (await db.selectFrom('hostnames').selectAll().orderBy('hostname').execute()).map(toHostname),
    );
  }

  async update(zoneId: string, id: string, patch: HostnamePatch): Promise<Hostname> {
    const values: Partial<HostnamesTable> = {};
    if (patch.origin !== undefined) values.origin = patch.origin;
    if (patch.origin_tls_verify !== undefined) values.origin_tls_verify = patch.origin_tls_verify ? 1 : 0;
    if (patch.origin_ca !== undefined) values.origin_ca = patch.origin_ca;
    if (patch.mtls_mode !== undefined) values.mtls_mode = checkMode(patch.mtls_mode);
    if (patch.forward_client_certificate !== undefined) {
      values.forward_client_certificate = patch.forward_client_certificate ? 1 : 0;
    }
    if (patch.edge_certificate !== undefined) Object.assign(values, edgeColumns(patch.edge_certificate));
    return this.#x.write(async ({ trx, now, change }) => {
      const row = looksLikeId(id)
        ? await trx
            .updateTable('hostnames')
            .set({ ...values, modified_on: now })
            .where('id', '=', id)
            .where('zone_id', '=', zoneId)
            .returningAll()
            .executeTakeFirst()
        : undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `hostname ${id} not found`);
      change('hostname', id, zoneId);
      return toHostname(row);
    });
  }

  async delete(zoneId: string, id: string): Promise<void> {
    return this.#x.write(async ({ trx, change }) => {
      const row = looksLikeId(id)
        ? await trx
            .deleteFrom('hostnames')
            .where('id', '=', id)
            .where('zone_id', '=', zoneId)
            .returning(['hostname'])
            .executeTakeFirst()
        : undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', `hostname ${id} not found`);
      const associations = await trx
        .deleteFrom('hostname_associations')
        .where('zone_id', '=', zoneId)
        .where('hostname', '=', row.hostname)
        .executeTakeFirst();
      if (Number(associations.numDeletedRows) > 0)
        change('hostname_association', row.hostname, zoneId, 'delete');
      change('hostname', id, zoneId, 'delete');
    });
  }

  async edgeCredentials(hostnameId: string): Promise<EdgeCredentials | undefined> {
    if (!looksLikeId(hostnameId)) return Promise.resolve(undefined);
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('hostnames')
        .selectAll()
        .where('id', '=', hostnameId)
        .executeTakeFirst();
      return row === undefined ? undefined : toCredentials(row);
    });
  }

  async listEdgeCredentials(): Promise<EdgeCredentials[]> {
    return this.#x.read(async (db) =>
      (await db.selectFrom('hostnames').selectAll().orderBy('hostname').execute()).map(toCredentials),
    );
  }
}
