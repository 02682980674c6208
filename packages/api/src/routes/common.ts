// Helpers shared by the route plugins: id checks, zone/account lookups, typed plugin signature.
import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isId } from '@portcullis/model';
import type { Account, Zone } from '@portcullis/model';
import type { StoreRepositories } from '@portcullis/store';
import { Type } from 'typebox';
import { ApiError } from '../errors.js';
import type { ApiContext } from '../context.js';

/** The Fastify instance type the route plugins get (TypeBox-typed requests). */
export type ApiInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A route plugin: registers one resource family's routes. */
export type RoutePlugin = (app: ApiInstance, context: ApiContext) => Promise<void> | void;

/** Schema of a 32-hex identifier in a path. */
export const idSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  description: '32 lowercase hex characters',
});

/** Throws `API_INVALID_ID` unless `value` is a well-formed identifier. */
export function checkId(value: string, what: string): string {
  if (!isId(value))
    throw new ApiError(
      'API_INVALID_ID',
      `invalid ${what} "${truncate(value)}": expected 32 lowercase hex characters`,
    );
  return value;
}

/** Returns the zone or throws `API_NOT_FOUND` (`API_INVALID_ID` for a malformed id). */
export async function requireZone(repos: StoreRepositories, zoneId: string): Promise<Zone> {
  checkId(zoneId, 'zone id');
  const zone = await repos.zones.get(zoneId);
  if (zone === undefined) throw new ApiError('API_NOT_FOUND', `zone ${zoneId} not found`);
  return zone;
}

/** Returns the account or throws `API_NOT_FOUND` (`API_INVALID_ID` for a malformed id). */
export async function requireAccount(repos: StoreRepositories, accountId: string): Promise<Account> {
  checkId(accountId, 'account id');
  const account = await repos.accounts.get(accountId);
  if (account === undefined) throw new ApiError('API_NOT_FOUND', `account ${accountId} not found`);
  return account;
}

/** Shortens user input quoted back in messages. */
export function truncate(value: string, max = 80): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}…` : printable;
}

/** An `API_NOT_FOUND` error naming the missing resource. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError('API_NOT_FOUND', `${what} ${truncate(id)} not found`);
}
