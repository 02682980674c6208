// `/accounts/{account_id}/audit_logs`: every change, who made it (token id), what and when; newest first.
import { Type } from 'typebox';
import { page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { auditEntrySchema, responses } from '../schemas.js';
import { checkId, idSchema, requireAccount, type RoutePlugin } from './common.js';

const time = Type.String({ format: 'date-time' });

/** Registers the audit-log read route. */
export const auditLogRoutes: RoutePlugin = (app, { store }) => {
  app.get(
    '/accounts/:account_id/audit_logs',
    {
      config: { auth: { family: 'audit_log', level: 'read' } },
      schema: {
        tags: ['audit_logs'],
        summary: 'Audit log, newest first',
        params: Type.Object({ account_id: idSchema }),
        querystring: Type.Object({
          ...pageQuery,
          since: Type.Optional(time),
          before: Type.Optional(time),
          zone_id: Type.Optional(Type.String({ maxLength: 64 })),
          resource_type: Type.Optional(Type.String({ maxLength: 64 })),
          actor_id: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: responses(Type.Array(auditEntrySchema), { list: true }),
      },
    },
    async (request) => {
      const account = await requireAccount(store, request.params.account_id);
      const q = request.query;
      if (q.since !== undefined && q.before !== undefined && q.since >= q.before) {
        throw new ApiError('API_INVALID_QUERY', 'query.since must be before query.before');
      }
      const window = resolveWindow(q);
      const result = await store.auditLog.list({
        page: window.page,
        per_page: window.perPage,
        account_id: account.id,
        ...(q.zone_id === undefined ? {} : { zone_id: checkId(q.zone_id, 'zone_id') }),
        ...(q.resource_type === undefined ? {} : { resource_type: q.resource_type }),
        ...(q.actor_id === undefined ? {} : { actor_id: q.actor_id }),
        ...(q.since === undefined ? {} : { since: new Date(q.since).toISOString() }),
        ...(q.before === undefined ? {} : { until: new Date(q.before).toISOString() }),
      });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );
};
