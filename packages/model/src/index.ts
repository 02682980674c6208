/**
 * @module @portcullis/model
 * Resource types in Cloudflare's JSON spelling, the v4 envelope and the API error catalogue.
 * Isomorphic: no I/O, no Node modules.
 *
 * @example
 * ```ts
 * import { success, resultInfo, failure, apiErrorSpec } from '@portcullis/model';
 * const body = success(certs, resultInfo(1, 20, certs.length, total));
 * const spec = apiErrorSpec('API_CA_LIMIT'); // { status: 400, cloudflare: 1489, message: 'Hit maximum CA cert allocation.' }
 * const error = failure([{ code: spec.cloudflare, message: spec.message }]);
 * ```
 */
export type { Id, Timestamp, Pem } from './resources/common.js';
export { ID_PATTERN, isId } from './resources/common.js';
export type { Account } from './resources/account.js';
export type { Zone, ZoneStatus } from './resources/zone.js';
export type { Hostname, MtlsMode, EdgeCertificateInfo, EdgeCertificateSource } from './resources/hostname.js';
export { MTLS_MODES } from './resources/hostname.js';
export type {
  ClientCertificate,
  ClientCertificateStatus,
  ClientCertificateWithKey,
} from './resources/client-certificate.js';
export { CLIENT_CERTIFICATE_STATUSES } from './resources/client-certificate.js';
export type { CertificateAuthority } from './resources/certificate-authority.js';
export type {
  MtlsCertificate,
  MtlsCertificateType,
  MtlsCertificateAssociation,
  Crl,
  CrlSource,
} from './resources/mtls-certificate.js';
export type { HostnameAssociation, HostnameAssociations } from './resources/hostname-association.js';
export type {
  Ruleset,
  RulesetKind,
  RulesetPhase,
  RulesetVersionSummary,
  Rule,
  RuleAction,
  RuleActionParameters,
  RulePosition,
  BlockResponse,
} from './resources/ruleset.js';
export { CUSTOM_RULES_PHASE, RULE_ACTIONS } from './resources/ruleset.js';
export type {
  ApiToken,
  ApiTokenWithValue,
  ApiTokenPermissions,
  ApiTokenStatus,
  PermissionFamily,
  PermissionLevel,
} from './resources/api-token.js';
export { PERMISSION_FAMILIES, hasPermission } from './resources/api-token.js';
export type { AuditEntry, AuditActor } from './resources/audit-entry.js';
export type { SecurityEvent, SecurityEventClientAuth } from './resources/security-event.js';
export type { Envelope, SuccessEnvelope, FailureEnvelope, EnvelopeMessage, ResultInfo } from './envelope.js';
export { success, failure, resultInfo } from './envelope.js';
export type { ApiErrorCode, ApiErrorSpec } from './error-codes.js';
export { API_ERRORS, apiErrorSpec, isApiErrorCode } from './error-codes.js';
