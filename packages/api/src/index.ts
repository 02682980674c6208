/**
 * @module @portcullis/api
 * Portcullis' control plane: a Fastify app serving Cloudflare's v4 API shapes for zones,
 * hostnames, client certificates, uploaded CAs with CRLs, hostname associations, custom rules,
 * tokens, the audit log and security events; plus the first-start bootstrap.
 *
 * @example
 * ```ts
 * import { bootstrap, buildApp } from '@portcullis/api';
 * const store = await openStore({ kind: 'sqlite', file: 'data/portcullis.db' });
 * const first = await bootstrap(store, { masterKey });
 * if (first.adminToken) console.log('admin token:', first.adminToken);
 * const app = await buildApp({ store, masterKey, logger: true });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 * ```
 */
export { buildApp, basePath, defaultBodyLimit, redactPaths } from './app.js';
export type { BuildAppOptions } from './app.js';
export type { ApiOptions, ApiLimits, SigningCa } from './context.js';
export { bootstrap, adminPermissions, minAdminTokenLength } from './bootstrap.js';
export type { BootstrapOptions, BootstrapResult } from './bootstrap.js';
export { ApiError, isApiError, toApiError, errorEnvelope } from './errors.js';
export type { ApiErrorCode } from './errors.js';
export { refreshDueCrls } from './services/crl.js';
export type { CrlRefreshReport } from './services/crl.js';
export { settleRevocations } from './services/settle.js';
export { renewEdgeCertificates } from './services/edge-renewal.js';
export type { EdgeRenewalReport } from './services/edge-renewal.js';
export { mintToken, splitToken, hashSecret } from './tokens.js';
export type { MintedToken, TokenParts } from './tokens.js';
