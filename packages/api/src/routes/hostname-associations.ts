// `/zones/{zone_id}/certificate_authorities/hostname_associations`: which CA each hostname trusts.
import type { Hostname, Zone } from '@portcullis/model';
import type { StoreRepositories } from '@portcullis/store';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { ok } from '../envelope.js';
import { ApiError } from '../errors.js';
import { hostnameAssociationsSchema, responses } from '../schemas.js';
import { audit } from '../services/audit.js';
import { normaliseDnsName } from '../services/names.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';

const path = '/zones/:zone_id/certificate_authorities/hostname_associations';
const caId = Type.String({
  maxLength: 64,
  description: "an uploaded CA (mtls_certificates); omit for the zone's managed CA",
});

/** Registers GET/PUT (replace-all, as Cloudflare) and the granular add/remove of one hostname. */
export const hostnameAssociationRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'hostnames', level: 'read' } } as const;
  const edit = { auth: { family: 'hostnames', level: 'edit' } } as const;

  app.get(
    path,
    {
      config: read,
      schema: {
        tags: ['hostname_associations'],
        summary: 'Hostnames associated with a CA (the managed CA when mtls_certificate_id is omitted)',
        params: Type.Object({ zone_id: idSchema }),
        querystring: Type.Object({ mtls_certificate_id: Type.Optional(caId) }),
        response: responses(hostnameAssociationsSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await resolveCa(store, zone, request.query.mtls_certificate_id ?? null);
      return ok({ hostnames: await store.hostnameAssociations.list(zone.id, ca) });
    },
  );

  app.put(
    path,
    {
      config: edit,
      schema: {
        tags: ['hostname_associations'],
        summary: 'Replace the hostnames associated with a CA',
        description:
          "Replace-all, as Cloudflare: an empty array removes every association of that CA. Hostnames whose mtls_mode is 'off' become 'optional'.",
        params: Type.Object({ zone_id: idSchema }),
        body: Type.Object(
          {
            hostnames: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
              maxItems: 1000,
              description: 'the whole list; [] removes every association of that CA',
            }),
            mtls_certificate_id: Type.Optional(Type.Union([caId, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: responses(hostnameAssociationsSchema),
      },
    },
    async (request) => {
      const { hostnames } = request.body;
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await resolveCa(store, zone, request.body.mtls_certificate_id ?? null);
      const names = [
        ...new Set(hostnames.map((h, i) => normaliseDnsName(h, `body.hostnames[${i}]`, { wildcard: true }))),
      ];
      const result = await store.transaction(async (tx) => {
        const rows = await requireHostnames(tx, zone, names);
        const before = await tx.hostnameAssociations.list(zone.id, ca);
        const after = await tx.hostnameAssociations.replace(zone.id, ca, names);
        const enabled = await enableMtls(tx, rows);
        await recordChange(tx, request, zone, ca, 'replace', { before, after, mtls_enabled: enabled });
        return after;
      });
      return ok({ hostnames: result });
    },
  );

  app.post(
    `${path}/hostnames`,
    {
      config: edit,
      schema: {
        tags: ['hostname_associations'],
        summary: 'Associate one more hostname with a CA (Portcullis addition)',
        params: Type.Object({ zone_id: idSchema }),
        body: Type.Object(
          {
            hostname: Type.String({ minLength: 1, maxLength: 253 }),
            mtls_certificate_id: Type.Optional(Type.Union([caId, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: responses(hostnameAssociationsSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await resolveCa(store, zone, request.body.mtls_certificate_id ?? null);
      const name = normaliseDnsName(request.body.hostname, 'body.hostname', { wildcard: true });
      const result = await store.transaction(async (tx) => {
        const rows = await requireHostnames(tx, zone, [name]);
        const added = await tx.hostnameAssociations.add(zone.id, ca, name);
        const enabled = await enableMtls(tx, rows);
        if (added)
          await recordChange(tx, request, zone, ca, 'add', { hostname: name, mtls_enabled: enabled });
        return tx.hostnameAssociations.list(zone.id, ca);
      });
      return ok({ hostnames: result });
    },
  );

  app.delete(
    `${path}/hostnames/:hostname`,
    {
      config: edit,
      schema: {
        tags: ['hostname_associations'],
        summary: 'Remove one hostname from a CA (Portcullis addition)',
        params: Type.Object({ zone_id: idSchema, hostname: Type.String({ minLength: 1, maxLength: 253 }) }),
        querystring: Type.Object({ mtls_certificate_id: Type.Optional(caId) }),
        response: responses(hostnameAssociationsSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await resolveCa(store, zone, request.query.mtls_certificate_id ?? null);
      const name = normaliseDnsName(request.params.hostname, 'hostname', { wildcard: true });
      const result = await store.transaction(async (tx) => {
        const removed = await tx.hostnameAssociations.remove(zone.id, ca, name);
        if (!removed) throw new ApiError('API_NOT_FOUND', `hostname ${name} is not associated with this CA`);
        await recordChange(tx, request, zone, ca, 'remove', { hostname: name });
        return tx.hostnameAssociations.list(zone.id, ca);
      });
      return ok({ hostnames: result });
    },
  );
};

/** Checks an uploaded CA id: it must exist in the zone's account and be a CA. Null = managed CA. */
async function resolveCa(repos: StoreRepositories, zone: Zone, id: string | null): Promise<string | null> {
  if (id === null || id === '') return null;
  checkId(id, 'mtls_certificate_id');
  const certificate = await repos.mtlsCertificates.get(zone.account.id, id);
  if (certificate === undefined)
    throw new ApiError('API_NOT_FOUND', `mtls certificate ${id} not found in the zone's account`);
  if (!certificate.ca)
    throw new ApiError('API_VALIDATION', `mtls certificate ${id} is not a CA and cannot verify clients`);
  return id;
}

/** The hostname resources of `names`; each must exist in `zone`. */
async function requireHostnames(
  tx: StoreRepositories,
  zone: Zone,
  names: readonly string[],
): Promise<Hostname[]> {
  const rows: Hostname[] = [];
  for (const name of names) {
    const row = await tx.hostnames.getByName(name);
    if (row === undefined || row.zone_id !== zone.id) {
      throw new ApiError(
        'API_VALIDATION',
        `hostname ${name} is not a hostname of zone ${zone.name}: create it first with POST /zones/${zone.id}/hostnames`,
      );
    }
    rows.push(row);
  }
  return rows;
}

/** As Cloudflare: associating a CA turns the hostname's mTLS on (`off` → `optional`). */
async function enableMtls(tx: StoreRepositories, rows: readonly Hostname[]): Promise<string[]> {
  const enabled: string[] = [];
  for (const row of rows) {
    if (row.mtls_mode !== 'off') continue;
    await tx.hostnames.update(row.zone_id, row.id, { mtls_mode: 'optional' });
    enabled.push(row.hostname);
  }
  return enabled;
}

async function recordChange(
  tx: StoreRepositories,
  request: FastifyRequest,
  zone: Zone,
  ca: string | null,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await audit(tx, request, {
    action,
    resourceType: 'hostname_association',
    resourceId: ca,
    accountId: zone.account.id,
    zoneId: zone.id,
    details: { mtls_certificate_id: ca, ...details },
  });
}
