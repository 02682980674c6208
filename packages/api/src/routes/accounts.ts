// `/accounts`: the account that exists from first start (Cloudflare's list and get).
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { accountSchema, responses } from '../schemas.js';
import { idSchema, requireAccount, type RoutePlugin } from './common.js';

/** Registers `GET /accounts` and `GET /accounts/{account_id}`. */
export const accountRoutes: RoutePlugin = (app, { store }) => {
  const read = { auth: { family: 'accounts', level: 'read' } } as const;

  app.get(
    '/accounts',
    {
      config: read,
      schema: {
        tags: ['accounts'],
        summary: 'List accounts',
        querystring: Type.Object({ ...pageQuery }),
        response: responses(Type.Array(accountSchema), { list: true }),
      },
    },
    async (request) => {
      const window = resolveWindow(request.query);
      const result = await store.accounts.list({ page: window.page, per_page: window.perPage });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );

  app.get(
    '/accounts/:account_id',
    {
      config: read,
      schema: {
        tags: ['accounts'],
        summary: 'Account details',
        params: Type.Object({ account_id: idSchema }),
        response: responses(accountSchema),
      },
    },
    async (request) => ok(await requireAccount(store, request.params.account_id)),
  );
};
