// `/zones`: create (with the zone's managed CA and empty custom-rules entrypoint), list, get, delete.
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { idResultSchema, responses, zoneSchema } from '../schemas.js';
import { audit } from '../services/audit.js';
import { mintManagedCa, storeManagedCa } from '../services/managed-ca.js';
import { normaliseDnsName } from '../services/names.js';
import { checkId, idSchema, requireAccount, requireZone, type RoutePlugin } from './common.js';

const createBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 253, description: 'the domain, e.g. example.test' }),
    account: Type.Object({ id: idSchema }, { additionalProperties: false }),
    type: Type.Optional(Type.Literal('full', { description: 'only full zones exist in Portcullis' })),
  },
  { additionalProperties: false },
);

/** Registers the zone routes. */
export const zoneRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'zones', level: 'read' } } as const;
  const edit = { auth: { family: 'zones', level: 'edit' } } as const;

  app.post(
    '/zones',
    {
      config: edit,
      schema: {
        tags: ['zones'],
        summary: 'Create a zone and its managed CA',
        body: createBody,
        response: responses(zoneSchema),
      },
    },
    async (request) => {
      const name = normaliseDnsName(request.body.name, 'body.name');
      const accountId = request.body.account.id;
      await requireAccount(store, accountId);
      if ((await store.zones.getByName(name)) !== undefined) {
        throw new ApiError('API_ZONE_EXISTS', `a zone named ${name} already exists`);
      }
      const minted = await mintManagedCa(context, name);
      const zone = await store.transaction(async (tx) => {
        const created = await tx.zones.create({ account_id: accountId, name });
        const ca = await storeManagedCa(tx, created, minted);
        await tx.rulesets.ensureEntrypoint(created.id, CUSTOM_RULES_PHASE);
        await audit(tx, request, {
          action: 'create',
          resourceType: 'zone',
          resourceId: created.id,
          accountId,
          zoneId: created.id,
          details: { name, managed_ca_id: ca.id },
        });
        return created;
      });
      return ok(zone);
    },
  );

  app.get(
    '/zones',
    {
      config: read,
      schema: {
        tags: ['zones'],
        summary: 'List zones',
        querystring: Type.Object({
          ...pageQuery,
          name: Type.Optional(Type.String({ maxLength: 253 })),
          'account.id': Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: responses(Type.Array(zoneSchema), { list: true }),
      },
    },
    async (request) => {
      const window = resolveWindow(request.query);
      const accountId = request.query['account.id'];
      const result = await store.zones.list({
        page: window.page,
        per_page: window.perPage,
        ...(request.query.name === undefined
          ? {}
          : { name: request.query.name.toLowerCase().replace(/\.$/, '') }),
        ...(accountId === undefined ? {} : { account_id: checkId(accountId, 'account.id') }),
      });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );

  app.get(
    '/zones/:zone_id',
    {
      config: read,
      schema: {
        tags: ['zones'],
        summary: 'Zone details',
        params: Type.Object({ zone_id: idSchema }),
        response: responses(zoneSchema),
      },
    },
    async (request) => ok(await requireZone(store, request.params.zone_id)),
  );

  app.delete(
    '/zones/:zone_id',
    {
      config: edit,
      schema: {
        tags: ['zones'],
        summary: 'Delete a zone and everything in it',
        params: Type.Object({ zone_id: idSchema }),
        response: responses(idResultSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      await store.transaction(async (tx) => {
        await tx.zones.delete(zone.id);
        await audit(tx, request, {
          action: 'delete',
          resourceType: 'zone',
          resourceId: zone.id,
          accountId: zone.account.id,
          zoneId: zone.id,
          details: { name: zone.name },
        });
      });
      return ok({ id: zone.id });
    },
  );
};
