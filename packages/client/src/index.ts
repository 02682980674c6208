/**
 * @module @portcullis/client
 * A small typed client over Portcullis' Cloudflare-v4-shaped API, for the CLI and the dashboard.
 * Isomorphic: it uses `fetch` and nothing of Node.
 *
 * @example
 * ```ts
 * import { createClient, isPortcullisClientError } from '@portcullis/client';
 * const api = createClient({ baseUrl: 'http://127.0.0.1:8080', token: process.env.TOKEN });
 * try { await api.zones.get(zoneId); }
 * catch (e) { if (isPortcullisClientError(e)) console.error(e.status, e.errors); }
 * ```
 */
export { PortcullisClient, createClient } from './client.js';
export type {
  Page,
  PageOptions,
  HostnameInput,
  ClientCertificateInput,
  RuleInput,
  EntrypointInput,
  CrlInput,
  ManagedCa,
  TokenVerification,
  ClientCertificateListOptions,
  SecurityEventListOptions,
  AuditLogListOptions,
  SecurityEventSummary,
} from './client.js';
export { Transport } from './transport.js';
export type { TransportOptions, QueryValue, Unwrapped } from './transport.js';
export { PortcullisClientError, isPortcullisClientError } from './errors.js';
export type { PortcullisClientErrorKind } from './errors.js';
