// Bearer-token authentication and per-family read/edit authorisation, checked before every route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPermission } from '@portcullis/model';
import type { ApiTokenPermissions, PermissionFamily, PermissionLevel } from '@portcullis/model';
import { ApiError } from './errors.js';
import { secretMatches, splitToken } from './tokens.js';

/** What a route requires: a permission on a family, any valid token (`token`), or nothing (`public`). */
export type RouteAuth = { family: PermissionFamily; level: PermissionLevel } | 'token' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: registration fails without it, so nothing is public by mistake. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** The authenticated caller; null on public routes. */
    principal: Principal | null;
  }
}

/** The caller of an authenticated request. */
export interface Principal {
  tokenId: string;
  tokenName: string;
  permissions: ApiTokenPermissions;
}

/** A stored token as authentication needs it. */
export interface StoredToken {
  id: string;
  name: string;
  secretHash: string;
  permissions: ApiTokenPermissions;
  active: boolean;
  expiresOn: Date | null;
}

/** Finds a stored token by its id; null when there is none. */
export type TokenLookup = (id: string) => Promise<StoredToken | null>;

const bearer = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/**
 * Installs authentication on `app`: every route under `prefix` must declare `config.auth`; non-public routes
 * need `Authorization: Bearer <token>` whose secret hash matches in constant time and whose
 * permissions grant the route's family at the route's level (`edit` implies `read`).
 */
export function installAuth(
  app: FastifyInstance,
  options: { prefix: string; lookup: TokenLookup; now: () => Date; onUse?: (id: string) => void },
): void {
  const { prefix, lookup, now, onUse } = options;
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.auth === undefined && route.url.startsWith(prefix)) {
      throw new Error(`route ${route.method} ${route.url} declares no config.auth`);
    }
  });
  app.addHook('preValidation', async (request) => {
    // Routes outside the API prefix (dashboard files) are public; API routes all declare auth.
    const auth = request.routeOptions.config.auth;
    if (auth === undefined || auth === 'public') return;
    const principal = await authenticate(request, lookup, now);
    if (auth !== 'token' && !hasPermission(principal.permissions, auth.family, auth.level)) {
      throw new ApiError(
        'API_FORBIDDEN',
        `authentication error: the token lacks ${auth.family} ${auth.level} permission`,
      );
    }
    request.principal = principal;
    onUse?.(principal.tokenId);
  });
}

async function authenticate(
  request: FastifyRequest,
  lookup: TokenLookup,
  now: () => Date,
): Promise<Principal> {
  const header = request.headers.authorization;
  if (header === undefined || header === '') {
    if (request.headers['x-auth-key'] !== undefined || request.headers['x-auth-email'] !== undefined) {
      throw new ApiError(
        'API_AUTH_MISSING',
        'X-Auth-Key/X-Auth-Email (global API key) authentication is not supported: send "Authorization: Bearer <token>"',
      );
    }
    throw new ApiError(
      'API_AUTH_MISSING',
      'missing Authorization header: send "Authorization: Bearer <token>"',
    );
  }
  const match = bearer.exec(header);
  if (match === null)
    throw new ApiError('API_AUTH_INVALID', 'invalid Authorization header: expected "Bearer <token>"');
  const { id, secret } = splitToken(match[1]!);
  const stored = await lookup(id);
  // Compare even when there is no such token, so timing does not reveal which ids exist.
  const matches = secretMatches(secret, stored?.secretHash ?? '0'.repeat(64));
  if (stored === null || !matches) throw new ApiError('API_AUTH_INVALID', 'invalid access token');
  if (!stored.active) throw new ApiError('API_AUTH_INVALID', 'invalid access token: the token is disabled');
  if (stored.expiresOn !== null && stored.expiresOn.getTime() <= now().getTime()) {
    throw new ApiError('API_AUTH_INVALID', 'invalid access token: the token has expired');
  }
  return { tokenId: stored.id, tokenName: stored.name, permissions: stored.permissions };
}
