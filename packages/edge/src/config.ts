// The edge's input as plain, serialisable data (EdgeConfig) and its validation, done once per
// snapshot build so nothing on the hot path reads raw configuration.
import { EdgeError } from './errors.js';
import { normaliseHost } from './normalise-url.js';

/** How a host treats client certificates. */
export type MtlsMode = 'off' | 'optional' | 'required';

/** A CA trusted for client certificates on a host: the zone's managed CA or an uploaded one. */
export interface EdgeTrustedCa {
  /** CA id; keys `EdgeConfig.revokedSerials`. */
  readonly id: string;
  /** PEM; may be a bundle (issuing CA first, then intermediates and root). */
  readonly certificatePem: string;
  /**
   * Set when this CA's revocation list is configured but missing or past its nextUpdate: every
   * certificate it anchors then counts as revoked (fail closed, THREATS T7) until a fresh list arrives.
   */
  readonly revocationUnavailable?: boolean;
  /**
   * When this CA's revocation list stops being current (its nextUpdate, ISO 8601). From then on
   * every certificate the CA anchors counts as revoked until a fresh list arrives (fail closed,
   * THREATS T7); checked per request, so it takes effect without a configuration change.
   */
  readonly revocationListNextUpdate?: string;
}

/** One served hostname. */
export interface EdgeHost {
  /** Lower case, no trailing dot, no port. */
  readonly hostname: string;
  readonly zoneId: string;
  /** 'off': no certificate requested; 'optional': requested, rules decide (Cloudflare); 'required': refused without a valid, unrevoked one. */
  readonly mtlsMode: MtlsMode;
  /** Edge (server) certificate PEM, leaf first, then intermediates. */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** Managed CA plus associated uploaded CAs. Ignored when `mtlsMode` is 'off'. */
  readonly trustedCas: readonly EdgeTrustedCa[];
  /** `http://` or `https://` origin, optionally with a base path that is prefixed to every request path. */
  readonly originUrl: string;
  /** Verify the origin's TLS certificate (default true). */
  readonly originTlsVerify?: boolean;
  /** CA bundle for the origin's certificate; the system roots when absent. */
  readonly originCaPem?: string;
  /** Forward `cf-cert-*` and RFC 9440 `Client-Cert`/`Client-Cert-Chain` to the origin. */
  readonly forwardClientCertificate?: boolean;
}

/** Block response of a rule (Cloudflare `action_parameters.response`). */
export interface EdgeBlockResponse {
  readonly status_code?: number;
  readonly content?: string;
  readonly content_type?: string;
}

/** A custom rule in Cloudflare's JSON shape. */
export interface EdgeRule {
  readonly id: string;
  readonly ref?: string;
  readonly expression: string;
  readonly action: string;
  readonly action_parameters?: {
    readonly response?: EdgeBlockResponse;
    readonly ruleset?: string;
    readonly phase?: string;
    readonly phases?: readonly string[];
    readonly rules?: Readonly<Record<string, readonly string[]>>;
    readonly products?: readonly string[];
  };
  readonly enabled?: boolean;
  readonly logging?: { readonly enabled: boolean };
  readonly description?: string;
}

/** A zone and its custom rules (phase `http_request_firewall_custom`) in evaluation order. */
export interface EdgeZone {
  readonly id: string;
  readonly name: string;
  readonly rulesetId?: string;
  readonly rules: readonly EdgeRule[];
}

/** Everything the edge serves, as plain data (JSON-serialisable). */
export interface EdgeConfig {
  /** Change-feed version this config was built from. */
  readonly version: number | string;
  readonly hosts: readonly EdgeHost[];
  readonly zones: readonly EdgeZone[];
  /** CA id → revoked serials (hex, any case): managed-CA revocations and uploaded CAs' CRLs. */
  readonly revokedSerials: Readonly<Record<string, readonly string[]>>;
  /** Host used when a client sends no SNI; without it such connections are refused. */
  readonly defaultHost?: string;
}

/** Where the edge gets its configuration: the current value and a change notification. */
export interface SnapshotSource {
  current(): EdgeConfig | Promise<EdgeConfig>;
  /** Calls `onChange` after every change; returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

const MODES: ReadonlySet<string> = new Set(['off', 'optional', 'required']);

/** Validates a config; throws EDGE_CONFIG_INVALID naming every problem found. */
export function validateConfig(config: EdgeConfig): void {
  const problems: string[] = [];
  if (config === null || typeof config !== 'object')
    throw new EdgeError('EDGE_CONFIG_INVALID', 'config must be an object');
  if (!Array.isArray(config.hosts)) problems.push('hosts must be an array');
  if (!Array.isArray(config.zones)) problems.push('zones must be an array');
  if (config.revokedSerials === null || typeof config.revokedSerials !== 'object')
    problems.push('revokedSerials must be an object');
  const zoneIds = new Set<string>();
  for (const zone of Array.isArray(config.zones) ? config.zones : []) {
    if (typeof zone.id !== 'string' || zone.id === '') problems.push('zone without id');
    zoneIds.add(zone.id);
    if (!Array.isArray(zone.rules)) problems.push(`zone ${zone.id}: rules must be an array`);
    for (const rule of Array.isArray(zone.rules) ? zone.rules : []) {
      if (typeof rule.expression !== 'string')
        problems.push(`zone ${zone.id} rule ${rule.id}: expression must be a string`);
      if (typeof rule.action !== 'string')
        problems.push(`zone ${zone.id} rule ${rule.id}: action must be a string`);
    }
  }
  const seen = new Set<string>();
  for (const host of Array.isArray(config.hosts) ? config.hosts : []) {
    const name = String(host.hostname);
    if (normaliseHost(name) !== name)
      problems.push(`host ${name}: hostname must be lower case, without port or trailing dot`);
    if (seen.has(name)) problems.push(`host ${name}: listed twice`);
    seen.add(name);
    if (!MODES.has(host.mtlsMode))
      problems.push(`host ${name}: mtlsMode must be off, optional or required, got ${String(host.mtlsMode)}`);
    if (!zoneIds.has(host.zoneId)) problems.push(`host ${name}: unknown zone ${String(host.zoneId)}`);
    if (typeof host.certificatePem !== 'string' || typeof host.privateKeyPem !== 'string')
      problems.push(`host ${name}: edge certificate and key are required`);
    if (!Array.isArray(host.trustedCas)) problems.push(`host ${name}: trustedCas must be an array`);
    else
      for (const ca of host.trustedCas)
        if (
          ca.revocationListNextUpdate !== undefined &&
          Number.isNaN(Date.parse(ca.revocationListNextUpdate))
        )
          problems.push(
            `host ${name}: CA ${ca.id}: revocationListNextUpdate is not a date: ${ca.revocationListNextUpdate}`,
          );
    try {
      const url = new URL(host.originUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        problems.push(`host ${name}: origin must be http or https, got ${url.protocol}`);
      if (url.search !== '' || url.hash !== '' || url.username !== '')
        problems.push(`host ${name}: origin url must not carry a query, fragment or credentials`);
    } catch {
      problems.push(`host ${name}: origin url invalid: ${String(host.originUrl)}`);
    }
  }
  if (config.defaultHost !== undefined && !seen.has(config.defaultHost))
    problems.push(`defaultHost ${config.defaultHost} is not a listed host`);
  if (problems.length > 0)
    throw new EdgeError('EDGE_CONFIG_INVALID', `invalid edge config: ${problems.join('; ')}`);
}
