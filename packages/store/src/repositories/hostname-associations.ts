// The hostname-association repository: which CA (managed or uploaded) each hostname trusts.
import type { HostnameAssociation } from '@portcullis/model';
import type { Kysely } from 'kysely';
import { StoreError } from '../errors.js';
import type { Executor, WriteScope } from '../executor.js';
import { looksLikeId } from '../ids.js';
import type { Database, HostnameAssociationsTable } from '../schema.js';
import type { HostnameAssociationsRepository } from '../types.js';
import { dnsKey, normaliseDnsName } from './names.js';

/** The CA an association points at, resolved against the zone. */
interface ResolvedCa {
  readonly ca_id: string;
  readonly certificate_authority_id: string | null;
  readonly mtls_certificate_id: string | null;
}

function toAssociation(row: HostnameAssociationsTable): HostnameAssociation {
  return {
    zone_id: row.zone_id,
    hostname: row.hostname,
    mtls_certificate_id: row.mtls_certificate_id,
    ca_id: row.ca_id,
  };
}

/**
 * Resolves `null` to the zone's managed CA, or checks that the uploaded CA belongs to the zone's
 * account (an account's CAs serve all its zones, as on Cloudflare).
 */
async function resolveCa(
  db: Kysely<Database>,
  zoneId: string,
  mtlsCertificateId: string | null,
): Promise<ResolvedCa> {
  const zone = looksLikeId(zoneId)
    ? await db.selectFrom('zones').select(['id', 'account_id']).where('id', '=', zoneId).executeTakeFirst()
    : undefined;
  if (zone === undefined) throw new StoreError('STORE_NOT_FOUND', `zone ${zoneId} not found`);
  if (mtlsCertificateId === null) {
    const ca = await db
      .selectFrom('certificate_authorities')
      .select('id')
      .where('zone_id', '=', zoneId)
      .executeTakeFirst();
    if (ca === undefined) throw new StoreError('STORE_NOT_FOUND', `zone ${zoneId} has no managed CA`);
    return { ca_id: ca.id, certificate_authority_id: ca.id, mtls_certificate_id: null };
  }
  const mtls = looksLikeId(mtlsCertificateId)
    ? await db
        .selectFrom('mtls_certificates')
        .select('id')
        .where('id', '=', mtlsCertificateId)
        .where('account_id', '=', zone.account_id)
        .executeTakeFirst()
    : undefined;
  if (mtls === undefined)
    throw new StoreError('STORE_NOT_FOUND', `mtls certificate ${mtlsCertificateId} not found`);
  return { ca_id: mtls.id, certificate_authority_id: null, mtls_certificate_id: mtls.id };
}

async function insertOne(
  scope: WriteScope,
  zoneId: string,
  ca: ResolvedCa,
  hostname: string,
): Promise<boolean> {
  const result = await scope.trx
    .insertInto('hostname_associations')
    .values({ zone_id: zoneId, hostname, ...ca, created_on: scope.now })
    .onConflict((oc) => oc.columns(['zone_id', 'hostname', 'ca_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Hostname associations over Kysely. */
export class SqlHostnameAssociations implements HostnameAssociationsRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async list(zoneId: string, mtlsCertificateId: string | null): Promise<string[]> {
    return this.#x.read(async (db) => {
      const ca = await resolveCa(db, zoneId, mtlsCertificateId);
      const rows = await db
        .selectFrom('hostname_associations')
        .select('hostname')
        .where('zone_id', '=', zoneId)
        .where('ca_id', '=', ca.ca_id)
        .orderBy('hostname')
        .execute();
      return rows.map((row) => row.hostname);
    });
  }

  async replace(
    zoneId: string,
    mtlsCertificateId: string | null,
    hostnames: readonly string[],
  ): Promise<string[]> {
    const wanted = [...new Set(hostnames.map((name) => normaliseDnsName(name, 'hostname')))].sort();
    return this.#x.write(async (scope) => {
      const { trx, change } = scope;
      const ca = await resolveCa(trx, zoneId, mtlsCertificateId);
      const before = await trx
        .selectFrom('hostname_associations')
        .select('hostname')
        .where('zone_id', '=', zoneId)
        .where('ca_id', '=', ca.ca_id)
        .execute();
      const previous = new Set(before.map((row) => row.hostname));
      const keep = new Set(wanted);
      const removed = [...previous].filter((name) => !keep.has(name));
      if (removed.length > 0) {
        await trx
          .deleteFrom('hostname_associations')
          .where('zone_id', '=', zoneId)
          .where('ca_id', '=', ca.ca_id)
          .where('hostname', 'in', removed)
          .execute();
      }
      for (const hostname of wanted) {
        if (!previous.has(hostname)) await insertOne(scope, zoneId, ca, hostname);
      }
      for (const hostname of new Set([...removed, ...wanted.filter((name) => !previous.has(name))])) {
        change('hostname_association', hostname, zoneId);
      }
      return wanted;
    });
  }

  async add(zoneId: string, mtlsCertificateId: string | null, hostname: string): Promise<boolean> {
    const name = normaliseDnsName(hostname, 'hostname');
    return this.#x.write(async (scope) => {
      const ca = await resolveCa(scope.trx, zoneId, mtlsCertificateId);
      const added = await insertOne(scope, zoneId, ca, name);
      if (added) scope.change('hostname_association', name, zoneId);
      return added;
    });
  }

  async remove(zoneId: string, mtlsCertificateId: string | null, hostname: string): Promise<boolean> {
    const name = normaliseDnsName(hostname, 'hostname');
    return this.#x.write(async ({ trx, change }) => {
      const ca = await resolveCa(trx, zoneId, mtlsCertificateId);
      const result = await trx
        .deleteFrom('hostname_associations')
        .where('zone_id', '=', zoneId)
        .where('ca_id', '=', ca.ca_id)
        .where('hostname', '=', name)
        .executeTakeFirst();
      const removed = Number(result.numDeletedRows) > 0;
      if (removed) change('hostname_association', name, zoneId, 'delete');
      return removed;
    });
  }

  async listForMtlsCertificate(mtlsCertificateId: string): Promise<HostnameAssociation[]> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('hostname_associations')
        .selectAll()
        .where('mtls_certificate_id', '=', mtlsCertificateId)
        .orderBy('zone_id')
        .orderBy('hostname')
        .execute();
      return rows.map(toAssociation);
    });
  }

  async listForHostname(hostname: string): Promise<HostnameAssociation[]> {
    const name = dnsKey(hostname);
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('hostname_associations')
        .selectAll()
        .where('hostname', '=', name)
        .orderBy('created_on')
        .orderBy('ca_id')
        .execute();
      return rows.map(toAssociation);
    });
  }

  async listAll(): Promise<HostnameAssociation[]> {
    return this.#x.read(async (db) => {
      const rows = await db
        .selectFrom('hostname_associations')
        .selectAll()
        .orderBy('zone_id')
        .orderBy('hostname')
        .orderBy('created_on')
        .execute();
      return rows.map(toAssociation);
    });
  }
}
