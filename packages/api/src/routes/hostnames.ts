// `/zones/{zone_id}/hostnames`: hostnames the edge serves, with their origin, mTLS mode and edge certificate.
import { MTLS_MODES } from '@portcullis/model';
import type { Hostname, Zone } from '@portcullis/model';
import { sealSecret } from '@portcullis/pki';
import type { EdgeCertificateInput, HostnamePatch } from '@portcullis/store';
import { Type } from 'typebox';
import type { ApiContext } from '../context.js';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { hostnameSchema, idResultSchema, responses } from '../schemas.js';
import { audit } from '../services/audit.js';
import { checkEdgeCertificate, checkOriginCa, normaliseOrigin } from '../services/edge-certificate-input.js';
import { edgeInfo, issueEdgeCertificate } from '../services/edge-ca.js';
import { isInZone, normaliseDnsName } from '../services/names.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';

const pemText = Type.String({ minLength: 1, maxLength: 65536 });
const edgeCertificate = Type.Object(
  { certificate: pemText, private_key: pemText },
  {
    additionalProperties: false,
    description: 'omit (or null) to have Portcullis issue one from the local edge CA',
  },
);
const mtlsMode = Type.Union(MTLS_MODES.map((m) => Type.Literal(m)));
const fields = {
  origin: Type.String({ minLength: 1, maxLength: 2048, description: 'e.g. http://127.0.0.1:9000' }),
  origin_tls_verify: Type.Boolean(),
  origin_ca: Type.Union([pemText, Type.Null()]),
  edge_certificate: Type.Union([edgeCertificate, Type.Null()]),
  mtls_mode: mtlsMode,
  forward_client_certificate: Type.Boolean(),
};

const createBody = Type.Object(
  {
    hostname: Type.String({ minLength: 1, maxLength: 253 }),
    origin: fields.origin,
    origin_tls_verify: Type.Optional(fields.origin_tls_verify),
    origin_ca: Type.Optional(fields.origin_ca),
    edge_certificate: Type.Optional(fields.edge_certificate),
    mtls_mode: Type.Optional(fields.mtls_mode),
    forward_client_certificate: Type.Optional(fields.forward_client_certificate),
  },
  { additionalProperties: false },
);

const patchBody = Type.Object(
  {
    origin: Type.Optional(fields.origin),
    origin_tls_verify: Type.Optional(fields.origin_tls_verify),
    origin_ca: Type.Optional(fields.origin_ca),
    edge_certificate: Type.Optional(fields.edge_certificate),
    mtls_mode: Type.Optional(fields.mtls_mode),
    forward_client_certificate: Type.Optional(fields.forward_client_certificate),
  },
  { additionalProperties: false },
);

const params = Type.Object({ zone_id: idSchema, hostname_id: idSchema });

/** Registers the hostname routes. */
export const hostnameRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'hostnames', level: 'read' } } as const;
  const edit = { auth: { family: 'hostnames', level: 'edit' } } as const;

  app.post(
    '/zones/:zone_id/hostnames',
    {
      config: edit,
      schema: {
        tags: ['hostnames'],
        summary: 'Add a hostname (an edge certificate is issued when none is given)',
        params: Type.Object({ zone_id: idSchema }),
        body: createBody,
        response: responses(hostnameSchema),
      },
    },
    async (request) => {
      const body = request.body;
      const zone = await requireZone(store, request.params.zone_id);
      const hostname = hostnameInZone(body.hostname, zone);
      const origin = normaliseOrigin(body.origin);
      const originCa = body.origin_ca == null ? null : checkOriginCa(body.origin_ca);
      if ((await store.hostnames.getByName(hostname)) !== undefined) {
        throw new ApiError('API_CONFLICT', `hostname ${hostname} already exists`);
      }
      const edge = await edgeCertificateFor(context, hostname, body.edge_certificate ?? null);
      const created = await store.transaction(async (tx) => {
        const row = await tx.hostnames.create({
          zone_id: zone.id,
          hostname,
          origin,
          origin_tls_verify: body.origin_tls_verify ?? true,
          origin_ca: originCa,
          mtls_mode: body.mtls_mode ?? 'off',
          forward_client_certificate: body.forward_client_certificate ?? false,
          edge_certificate: edge,
        });
        await audit(tx, request, {
          action: 'create',
          resourceType: 'hostname',
          resourceId: row.id,
          accountId: zone.account.id,
          zoneId: zone.id,
          details: { hostname, edge_certificate: edge.source, mtls_mode: row.mtls_mode },
        });
        return row;
      });
      return ok(created);
    },
  );

  app.get(
    '/zones/:zone_id/hostnames',
    {
      config: read,
      schema: {
        tags: ['hostnames'],
        summary: 'List hostnames',
        params: Type.Object({ zone_id: idSchema }),
        querystring: Type.Object({
          ...pageQuery,
          hostname: Type.Optional(Type.String({ maxLength: 253 })),
          mtls_mode: Type.Optional(mtlsMode),
        }),
        response: responses(Type.Array(hostnameSchema), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const window = resolveWindow(request.query);
      const result = await store.hostnames.list(zone.id, {
        page: window.page,
        per_page: window.perPage,
        ...(request.query.hostname === undefined ? {} : { hostname: request.query.hostname.toLowerCase() }),
        ...(request.query.mtls_mode === undefined ? {} : { mtls_mode: request.query.mtls_mode }),
      });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );

  app.get(
    '/zones/:zone_id/hostnames/:hostname_id',
    {
      config: read,
      schema: {
        tags: ['hostnames'],
        summary: 'Hostname details',
        params,
        response: responses(hostnameSchema),
      },
    },
    async (request) => ok(await requireHostname(context, request.params.zone_id, request.params.hostname_id)),
  );

  app.patch(
    '/zones/:zone_id/hostnames/:hostname_id',
    {
      config: edit,
      schema: {
        tags: ['hostnames'],
        summary: 'Change a hostname (the name itself is immutable)',
        params,
        body: patchBody,
        response: responses(hostnameSchema),
      },
    },
    async (request) => {
      const body = request.body;
      const current = await requireHostname(context, request.params.zone_id, request.params.hostname_id);
      const patch: { -readonly [K in keyof HostnamePatch]: HostnamePatch[K] } = {};
      if (body.origin !== undefined) patch.origin = normaliseOrigin(body.origin);
      if (body.origin_tls_verify !== undefined) patch.origin_tls_verify = body.origin_tls_verify;
      if (body.origin_ca !== undefined)
        patch.origin_ca = body.origin_ca === null ? null : checkOriginCa(body.origin_ca);
      if (body.mtls_mode !== undefined) patch.mtls_mode = body.mtls_mode;
      if (body.forward_client_certificate !== undefined)
        patch.forward_client_certificate = body.forward_client_certificate;
      if (body.edge_certificate !== undefined) {
        patch.edge_certificate = await edgeCertificateFor(context, current.hostname, body.edge_certificate);
      }
      if (Object.keys(patch).length === 0)
        throw new ApiError('API_VALIDATION', 'body has no field to change');
      const updated = await store.transaction(async (tx) => {
        const row = await tx.hostnames.update(current.zone_id, current.id, patch);
        await audit(tx, request, {
          action: 'update',
          resourceType: 'hostname',
          resourceId: row.id,
          zoneId: row.zone_id,
          details: { hostname: row.hostname, fields: Object.keys(patch) },
        });
        return row;
      });
      return ok(updated);
    },
  );

  app.delete(
    '/zones/:zone_id/hostnames/:hostname_id',
    {
      config: edit,
      schema: {
        tags: ['hostnames'],
        summary: 'Remove a hostname and its CA associations',
        params,
        response: responses(idResultSchema),
      },
    },
    async (request) => {
      const current = await requireHostname(context, request.params.zone_id, request.params.hostname_id);
      await store.transaction(async (tx) => {
        await tx.hostnames.delete(current.zone_id, current.id);
        await audit(tx, request, {
          action: 'delete',
          resourceType: 'hostname',
          resourceId: current.id,
          zoneId: current.zone_id,
          details: { hostname: current.hostname },
        });
      });
      return ok({ id: current.id });
    },
  );
};

/** Normalises `value` and checks that it belongs to `zone`. */
export function hostnameInZone(value: string, zone: Zone): string {
  const hostname = normaliseDnsName(value, 'hostname', { wildcard: true });
  if (!isInZone(hostname.replace(/^\*\./, ''), zone.name)) {
    throw new ApiError('API_VALIDATION', `hostname ${hostname} is not in zone ${zone.name}`);
  }
  return hostname;
}

async function requireHostname(context: ApiContext, zoneId: string, id: string): Promise<Hostname> {
  const zone = await requireZone(context.store, zoneId);
  checkId(id, 'hostname id');
  const row = await context.store.hostnames.get(zone.id, id);
  if (row === undefined) throw new ApiError('API_NOT_FOUND', `hostname ${id} not found in zone ${zone.id}`);
  return row;
}

async function edgeCertificateFor(
  context: ApiContext,
  hostname: string,
  uploaded: { certificate: string; private_key: string } | null,
): Promise<EdgeCertificateInput> {
  if (uploaded === null) {
    const issued = await issueEdgeCertificate(context, hostname);
    return { ...issued.info, private_key_sealed: await sealSecret(context.masterKey, issued.privateKeyPem) };
  }
  checkEdgeCertificate(uploaded, hostname, context.now());
  return {
    ...edgeInfo('uploaded', uploaded.certificate),
    private_key_sealed: await sealSecret(context.masterKey, uploaded.private_key),
  };
}
