/**
 * The Portcullis data plane: TLS by SNI, per-host client-certificate checks, the
 * `cf.tls_client_auth.*` fields, zone rules on every request, and the proxy to each host's origin.
 *
 * @example
 * import { createEdge } from '@portcullis/edge';
 * const edge = createEdge({ listen: { host: '0.0.0.0', port: 8443 }, source });
 * await edge.start();
 *
 * @module @portcullis/edge
 */
export { createEdge, DEFAULT_LIMITS } from './edge.js';
export type { Edge, EdgeOptions, EdgeHealth, EdgeLimits } from './edge.js';
export { validateConfig } from './config.js';
export type {
  EdgeConfig,
  EdgeHost,
  EdgeZone,
  EdgeRule,
  EdgeTrustedCa,
  EdgeBlockResponse,
  MtlsMode,
  SnapshotSource,
} from './config.js';
export { EdgeError, errorResponse } from './errors.js';
export type { EdgeErrorCode, ErrorResponse } from './errors.js';
export { providedFields } from './fields.js';
export { normalisePath, normaliseHost, normaliseTarget } from './normalise-url.js';
export type { NormalisedTarget } from './normalise-url.js';
export { staticSource } from './static-source.js';
