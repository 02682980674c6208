// `/accounts/{account_id}/tokens`: API tokens — created with their secret shown once, listed, revoked.
import { PERMISSION_FAMILIES, hasPermission } from '@portcullis/model';
import type {
  ApiTokenPermissions,
  ApiTokenWithValue,
  PermissionFamily,
  PermissionLevel,
} from '@portcullis/model';
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { apiTokenSchema, idResultSchema, responses } from '../schemas.js';
import { audit } from '../services/audit.js';
import { secretHashPrefix } from '../services/token-lookup.js';
import { mintToken } from '../tokens.js';
import { checkId, idSchema, requireAccount, type RoutePlugin } from './common.js';

const level = Type.Union([Type.Literal('read'), Type.Literal('edit')]);
const permissionsSchema = Type.Object(
  Object.fromEntries(PERMISSION_FAMILIES.map((family) => [family, Type.Optional(level)])),
  { additionalProperties: false, description: 'resource family → read | edit (edit implies read)' },
);

const createBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    permissions: permissionsSchema,
    expires_on: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

const params = Type.Object({ account_id: idSchema, token_id: idSchema });

/** Registers the token routes and `GET /user/tokens/verify`. */
export const tokenRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'api_tokens', level: 'read' } } as const;
  const edit = { auth: { family: 'api_tokens', level: 'edit' } } as const;

  app.post(
    '/accounts/:account_id/tokens',
    {
      config: edit,
      schema: {
        tags: ['tokens'],
        summary: 'Create a token; its value is in this response only',
        params: Type.Object({ account_id: idSchema }),
        body: createBody,
        response: responses(apiTokenSchema),
      },
    },
    async (request) => {
      await requireAccount(store, request.params.account_id);
      const permissions = request.body.permissions as ApiTokenPermissions;
      const granted = request.principal!.permissions;
      // A token can hand out at most what it holds itself: no escalation through token creation.
      for (const [family, wanted] of Object.entries(permissions) as [PermissionFamily, PermissionLevel][]) {
        if (!hasPermission(granted, family, wanted)) {
          throw new ApiError(
            'API_FORBIDDEN',
            `cannot grant ${family} ${wanted}: the calling token does not hold it`,
          );
        }
      }
      if (Object.keys(permissions).length === 0)
        throw new ApiError('API_VALIDATION', 'body.permissions must grant at least one family');
      const expires = request.body.expires_on ?? null;
      if (expires !== null && new Date(expires).getTime() <= context.now().getTime()) {
        throw new ApiError('API_VALIDATION', 'body.expires_on must be in the future');
      }
      const minted = mintToken();
      const token = await store.transaction(async (tx) => {
        const row = await tx.apiTokens.create({
          id: minted.id,
          name: request.body.name,
          permissions,
          secret_hash: `${secretHashPrefix}${minted.secretHash}`,
          expires_on: expires === null ? null : new Date(expires).toISOString(),
        });
        await audit(tx, request, {
          action: 'create',
          resourceType: 'api_token',
          resourceId: row.id,
          accountId: request.params.account_id,
          details: { name: row.name, permissions },
        });
        return row;
      });
      const withValue: ApiTokenWithValue = { ...token, value: minted.value };
      return ok(withValue);
    },
  );

  app.get(
    '/accounts/:account_id/tokens',
    {
      config: read,
      schema: {
        tags: ['tokens'],
        summary: 'List tokens (never their values)',
        params: Type.Object({ account_id: idSchema }),
        querystring: Type.Object({ ...pageQuery }),
        response: responses(Type.Array(apiTokenSchema), { list: true }),
      },
    },
    async (request) => {
      await requireAccount(store, request.params.account_id);
      const window = resolveWindow(request.query);
      const result = await store.apiTokens.list({ page: window.page, per_page: window.perPage });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );

  app.get(
    '/accounts/:account_id/tokens/:token_id',
    {
      config: read,
      schema: { tags: ['tokens'], summary: 'Token details', params, response: responses(apiTokenSchema) },
    },
    async (request) => {
      await requireAccount(store, request.params.account_id);
      const id = checkId(request.params.token_id, 'token id');
      const token = await store.apiTokens.get(id);
      if (token === undefined) throw new ApiError('API_NOT_FOUND', `token ${id} not found`);
      return ok(token);
    },
  );

  app.delete(
    '/accounts/:account_id/tokens/:token_id',
    {
      config: edit,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke (delete) a token',
        params,
        response: responses(idResultSchema),
      },
    },
    async (request) => {
      await requireAccount(store, request.params.account_id);
      const id = checkId(request.params.token_id, 'token id');
      await store.transaction(async (tx) => {
        const token = await tx.apiTokens.get(id);
        if (token === undefined) throw new ApiError('API_NOT_FOUND', `token ${id} not found`);
        await tx.apiTokens.delete(id);
        await audit(tx, request, {
          action: 'revoke',
          resourceType: 'api_token',
          resourceId: id,
          accountId: request.params.account_id,
          details: { name: token.name },
        });
      });
      return ok({ id });
    },
  );

  app.get(
    '/user/tokens/verify',
    {
      config: { auth: 'token' },
      schema: {
        tags: ['tokens'],
        summary: 'Verify the calling token (as Cloudflare)',
        response: responses(
          Type.Object({ id: Type.String(), status: Type.String(), expires_on: Type.Optional(Type.String()) }),
        ),
      },
    },
    async (request) => {
      const principal = request.principal!;
      const token = await store.apiTokens.get(principal.tokenId);
      return ok({
        id: principal.tokenId,
        status: token?.status ?? 'active',
        ...(token?.expires_on ? { expires_on: token.expires_on } : {}),
      });
    },
  );
};
