// `/zones/{zone_id}/security_events`: rule matches and edge decisions recorded by the edge, newest first.
import { Type } from 'typebox';
import { page } from '../envelope.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { responses, securityEventSchema } from '../schemas.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';

const time = Type.String({ format: 'date-time' });

/** Registers the security-events read route. */
export const securityEventRoutes: RoutePlugin = (app, { store }) => {
  app.get(
    '/zones/:zone_id/security_events',
    {
      config: { auth: { family: 'security_events', level: 'read' } },
      schema: {
        tags: ['security_events'],
        summary: 'Security events of a zone, newest first',
        params: Type.Object({ zone_id: idSchema }),
        querystring: Type.Object({
          ...pageQuery,
          since: Type.Optional(time),
          until: Type.Optional(time),
          host: Type.Optional(Type.String({ maxLength: 253 })),
          action: Type.Optional(Type.String({ maxLength: 64 })),
          rule_id: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: responses(Type.Array(securityEventSchema), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const q = request.query;
      const window = resolveWindow(q);
      const result = await store.securityEvents.list({
        page: window.page,
        per_page: window.perPage,
        zone_id: zone.id,
        ...(q.host === undefined ? {} : { host: q.host.toLowerCase() }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.rule_id === undefined ? {} : { rule_id: checkId(q.rule_id, 'rule_id') }),
        ...(q.since === undefined ? {} : { since: new Date(q.since).toISOString() }),
        ...(q.until === undefined ? {} : { until: new Date(q.until).toISOString() }),
      });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );
};
