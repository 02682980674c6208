// API tokens: who may call the API and with which permissions; the secret itself never appears here.
import type { Id, Timestamp } from './common.js';

/** Resource families a permission applies to. */
export type PermissionFamily =
  | 'accounts'
  | 'zones'
  | 'hostnames'
  | 'client_certificates'
  | 'mtls_certificates'
  | 'rulesets'
  | 'api_tokens'
  | 'audit_log'
  | 'security_events';

/** Every {@link PermissionFamily}, for validation and for the admin token. */
export const PERMISSION_FAMILIES: readonly PermissionFamily[] = Object.freeze([
  'accounts',
  'zones',
  'hostnames',
  'client_certificates',
  'mtls_certificates',
  'rulesets',
  'api_tokens',
  'audit_log',
  'security_events',
]);

/** `edit` implies `read`. */
export type PermissionLevel = 'read' | 'edit';

/** Permission per family; a missing family grants nothing. */
export type ApiTokenPermissions = Readonly<Partial<Record<PermissionFamily, PermissionLevel>>>;

/** Token statuses as Cloudflare spells them. */
export type ApiTokenStatus = 'active' | 'disabled' | 'expired';

/** An API token, never including its secret or the secret's hash. */
export interface ApiToken {
  readonly id: Id;
  readonly name: string;
  readonly status: ApiTokenStatus;
  readonly permissions: ApiTokenPermissions;
  readonly issued_on: Timestamp;
  readonly modified_on: Timestamp;
  readonly last_used_on: Timestamp | null;
  readonly expires_on: Timestamp | null;
}

/** The creation response: the only time the token value is shown. */
export interface ApiTokenWithValue extends ApiToken {
  readonly value: string;
}

/** Whether `permissions` grant `level` on `family` (`edit` implies `read`). */
export function hasPermission(
  permissions: ApiTokenPermissions,
  family: PermissionFamily,
  level: PermissionLevel,
): boolean {
  const granted = permissions[family];
  if (granted === undefined) return false;
  return level === 'read' || granted === 'edit';
}
