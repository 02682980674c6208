// The immutable snapshot the hot path reads: hosts with their trust stores, lazily created TLS
// servers and compiled zone rules, and revocation sets. Built off the hot path from an EdgeConfig,
// reusing whatever did not change since the previous snapshot, then swapped by reference.
import { createHash } from 'node:crypto';
import type tls from 'node:tls';
import type { EdgeConfig, EdgeHost, MtlsMode } from './config.js';
import { validateConfig } from './config.js';
import { compileZone, type CompiledZone, type FilterCache } from './ruleset.js';
import { sessionBinding, type HostTlsInput } from './tls/host-tls.js';
import {
  buildTrustStore,
  createTrustCache,
  pruneTrustCache,
  type TrustCache,
  type TrustStore,
} from './tls/trust-store.js';
import { revocationEntry, type RevocationEntry, type RevocationSet } from './revocations.js';

/** Up to this many hosts, TLS servers are created during the build instead of on first handshake. */
const EAGER_TLS_LIMIT = 200;

/** Where a host's requests go. */
export interface OriginTarget {
  /** Identity of the connection pool (equal keys share a pool across hosts and snapshots). */
  readonly key: string;
  readonly origin: string;
  readonly protocol: 'http:' | 'https:';
  /** Path prefix from the origin URL ('' when none). */
  readonly basePath: string;
  readonly tlsVerify: boolean;
  readonly caPem: string | undefined;
  readonly servername: string;
}

/** A host's TLS server, created on its first handshake and shared by snapshots with the same material. */
export interface HostTls {
  readonly key: string;
  readonly input: HostTlsInput;
  server(): tls.Server;
}

/** A served host, compiled. */
export interface HostRuntime {
  readonly hostname: string;
  readonly zone: CompiledZone;
  readonly mode: MtlsMode;
  readonly forwardClientCertificate: boolean;
  /** Session binding: hostname, mode and trust-store hash. A connection serves only requests whose host has the same binding. */
  readonly binding: string;
  readonly trust: TrustStore;
  readonly origin: OriginTarget;
  readonly tls: HostTls;
}

/** One immutable, compiled view of an EdgeConfig. */
export interface EdgeSnapshot {
  readonly version: number | string;
  readonly builtAt: Date;
  readonly hosts: ReadonlyMap<string, HostRuntime>;
  readonly defaultHost: HostRuntime | undefined;
  /** Hosts left out because their settings could not be loaded (fail closed), with the reason. */
  readonly problems: readonly string[];
  /** True when any of `serialKeys` is revoked by CA `caId`, or CA `caId` has no usable revocation list. */
  isRevoked(caId: string, serialKeys: readonly string[]): boolean;
}

/** Caches carried from one build to the next, so a rebuild only redoes what changed. */
export interface SnapshotCaches {
  readonly filters: FilterCache;
  readonly trust: TrustCache;
  readonly tls: Map<string, HostTls>;
  /** hostname → the material its TLS key was computed from (compared by string equality, not re-hashed). */
  readonly tlsKeys: Map<
    string,
    { readonly binding: string; readonly cert: string; readonly key: string; readonly hash: string }
  >;
  readonly revoked: Map<string, RevocationEntry>;
}

/** Creates empty caches. */
export function createSnapshotCaches(): SnapshotCaches {
  return {
    filters: new Map(),
    trust: createTrustCache(),
    tls: new Map(),
    tlsKeys: new Map(),
    revoked: new Map(),
  };
}

/** Turns host TLS settings into a TLS server (wired to the edge's connection handling). */
export type HostTlsFactory = (input: HostTlsInput) => tls.Server;

function originTarget(host: EdgeHost): OriginTarget {
  const url = new URL(host.originUrl);
  const tlsVerify = host.originTlsVerify !== false;
  const caPem = host.originCaPem || undefined;
  const origin = `${url.protocol}//${url.host}`;
  const caHash = caPem ? createHash('sha256').update(caPem).digest('hex').slice(0, 16) : '-';
  return {
    key: `${origin}|${tlsVerify ? 'verify' : 'noverify'}|${caHash}`,
    origin,
    protocol: url.protocol as 'http:' | 'https:',
    basePath: url.pathname === '/' ? '' : url.pathname.replace(/\/$/, ''),
    tlsVerify,
    caPem,
    servername: url.hostname.replace(/^\[|\]$/g, ''),
  };
}

function hostTls(
  input: HostTlsInput,
  caches: SnapshotCaches,
  used: Map<string, HostTls>,
  factory: HostTlsFactory,
): HostTls {
  const binding = sessionBinding(input);
  const known = caches.tlsKeys.get(input.hostname);
  let key: string;
  if (
    known &&
    known.binding === binding &&
    known.cert === input.certificatePem &&
    known.key === input.privateKeyPem
  ) {
    key = known.hash;
  } else {
    key = createHash('sha256')
      .update(binding)
      .update('\0')
      .update(input.certificatePem)
      .update('\0')
      .update(input.privateKeyPem)
      .digest('hex');
    caches.tlsKeys.set(input.hostname, {
      binding,
      cert: input.certificatePem,
      key: input.privateKeyPem,
      hash: key,
    });
  }
  let handle = caches.tls.get(key);
  if (!handle) {
    let server: tls.Server | undefined;
    handle = {
      key,
      input,
      server: () => (server ??= factory(input)),
    };
  }
  used.set(key, handle);
  return handle;
}

function revokedSets(config: EdgeConfig, caches: SnapshotCaches): Map<string, RevocationSet> {
  const sets = new Map<string, RevocationSet>();
  const next = new Map<string, RevocationEntry>();
  for (const [caId, serials] of Object.entries(config.revokedSerials)) {
    const entry = revocationEntry(serials, caches.revoked.get(caId));
    next.set(caId, entry);
    if (entry.set.size > 0) sets.set(caId, entry.set);
  }
  caches.revoked.clear();
  for (const [k, v] of next) caches.revoked.set(k, v);
  return sets;
}

/**
 * Builds a snapshot. Throws EDGE_CONFIG_INVALID for a malformed config; a host whose certificates
 * or CAs cannot be loaded is left out (its name is refused) and listed in `problems`.
 */
export function buildSnapshot(
  config: EdgeConfig,
  caches: SnapshotCaches,
  factory: HostTlsFactory,
): EdgeSnapshot {
  validateConfig(config);
  const problems: string[] = [];
  const zones = new Map<string, CompiledZone>();
  for (const zone of config.zones) {
    const compiled = compileZone(zone, caches.filters);
    zones.set(zone.id, compiled);
    for (const broken of compiled.broken)
      problems.push(`zone ${zone.id} rule ${broken.id}: ${broken.message}`);
  }
  const usedTls = new Map<string, HostTls>();
  const hosts = new Map<string, HostRuntime>();
  for (const host of config.hosts) {
    try {
      const trust = buildTrustStore(host.mtlsMode === 'off' ? [] : host.trustedCas, caches.trust);
      const input: HostTlsInput = {
        hostname: host.hostname,
        mode: host.mtlsMode,
        certificatePem: host.certificatePem,
        privateKeyPem: host.privateKeyPem,
        trust,
      };
      const handle = hostTls(input, caches, usedTls, factory);
      // Small configs load every certificate now, so a bad key or CA is reported at build time;
      // large ones create TLS servers on first use (a reload stays fast with 10,000 hosts).
      if (config.hosts.length <= EAGER_TLS_LIMIT) handle.server();
      hosts.set(host.hostname, {
        hostname: host.hostname,
        zone: zones.get(host.zoneId)!,
        mode: host.mtlsMode,
        forwardClientCertificate: host.forwardClientCertificate === true,
        binding: sessionBinding(input),
        trust,
        origin: originTarget(host),
        tls: handle,
      });
    } catch (error) {
      problems.push(`host ${host.hostname}: ${(error as Error).message}`);
    }
  }
  caches.tls.clear();
  for (const [k, v] of usedTls) caches.tls.set(k, v);
  for (const name of caches.tlsKeys.keys()) if (!hosts.has(name)) caches.tlsKeys.delete(name);
  pruneTrustCache(caches.trust);
  const expressions = new Set(config.zones.flatMap((z) => z.rules.map((r) => r.expression)));
  for (const expression of caches.filters.keys())
    if (!expressions.has(expression)) caches.filters.delete(expression);
  const revoked = revokedSets(config, caches);
  const unavailable = new Set(
    config.hosts.flatMap((h) =>
      h.trustedCas.filter((ca) => ca.revocationUnavailable === true).map((ca) => ca.id),
    ),
  );
  // A CA's list stops counting at its nextUpdate: checked per request, since time moves on
  // without a configuration change.
  const staleAfter = new Map<string, number>();
  for (const h of config.hosts)
    for (const ca of h.trustedCas)
      if (ca.revocationListNextUpdate !== undefined) {
        const at = Date.parse(ca.revocationListNextUpdate);
        staleAfter.set(ca.id, Math.min(at, staleAfter.get(ca.id) ?? at));
      }
  return {
    version: config.version,
    builtAt: new Date(),
    hosts,
    defaultHost: config.defaultHost === undefined ? undefined : hosts.get(config.defaultHost),
    problems,
    isRevoked(caId, serialKeys) {
      if (unavailable.has(caId)) return true;
      if (staleAfter.size > 0) {
        const at = staleAfter.get(caId);
        if (at !== undefined && Date.now() >= at) return true;
      }
      const set = revoked.get(caId);
      if (set === undefined) return false;
      for (const key of serialKeys) if (set.has(key)) return true;
      return false;
    },
  };
}
