// createEdge: the composition of listener, snapshot reloads, pipeline, proxy pools and metrics,
// with start/close lifecycle, health and the Prometheus text for the admin listener.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { SecurityEvent } from '@portcullis/model';
import type { EdgeConfig, SnapshotSource } from './config.js';
import { EdgeError } from './errors.js';
import { unsupportedFields } from './fields.js';
import { EdgeMetrics } from './metrics.js';
import { createPipeline } from './pipeline.js';
import { OriginPools, type ProxyLimits } from './proxy.js';
import { EdgeServer, type ServerLimits } from './server.js';
import { buildSnapshot, createSnapshotCaches, type EdgeSnapshot } from './snapshot.js';
import { createHostTlsServer } from './tls/host-tls.js';

/** Every limit of the edge; each has a production default. */
export interface EdgeLimits extends ServerLimits, ProxyLimits {
  /** Grace period for requests in flight at close(), ms. */
  readonly shutdownGraceMs: number;
}

/**
 * Defaults: handshake 10 s, 16 KiB / 100 headers, verify depth 5 above the leaf, 30 s to origin
 * headers. An idle HTTP/1.1 keep-alive connection is kept 75 s (nginx's default): Node's 5 s made
 * clients that keep a pool of connections (most API clients and load balancers) reconnect, and pay
 * a full handshake, whenever a connection of the pool sat unused for 5 s.
 */
export const DEFAULT_LIMITS: EdgeLimits = Object.freeze({
  handshakeTimeoutMs: 10_000,
  maxHeaderBytes: 16 * 1024,
  maxHeaderCount: 100,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 75_000,
  idleTimeoutMs: 120_000,
  maxChainDepth: 5,
  maxConcurrentStreams: 100,
  maxConnectionsPerIp: 4096,
  originConnectTimeoutMs: 5_000,
  originHeadersTimeoutMs: 30_000,
  originBodyTimeoutMs: 60_000,
  originConnections: 256,
  originKeepAliveTimeoutMs: 4_000,
  shutdownGraceMs: 10_000,
});

/** Options of {@link createEdge}. */
export interface EdgeOptions {
  /** Where to listen for TLS (the default is 0.0.0.0:8443; port 0 picks a free port). */
  readonly listen: { readonly host?: string; readonly port: number };
  /** Configuration and its change notifications. */
  readonly source: SnapshotSource;
  /** A pino logger; by default one at level info writing JSON to stdout. */
  readonly logger?: Logger;
  /** Called once per rule match (never blocks the request; exceptions are logged). */
  readonly onSecurityEvent?: (event: SecurityEvent) => void;
  /** Log every passed request too (blocks, refusals and errors are always logged). */
  readonly accessLog?: boolean;
  readonly limits?: Partial<EdgeLimits>;
  /**
   * Secret for deriving per-host TLS ticket keys and session-id contexts; give every worker of
   * one edge the same 32+ random bytes so sessions resume across them. Random by default.
   */
  readonly sessionSecret?: Uint8Array;
}

/** Health of an edge, for the admin listener's health endpoint. */
export interface EdgeHealth {
  /** 'ok': serving the latest config; 'degraded': serving an older snapshot (the latest failed to build) or some hosts left out; 'starting'/'stopped'. */
  readonly status: 'starting' | 'ok' | 'degraded' | 'stopped';
  readonly ready: boolean;
  readonly snapshotVersion: number | string | null;
  readonly snapshotBuiltAt: string | null;
  readonly hosts: number;
  readonly problems: readonly string[];
  readonly lastReloadError: string | null;
}

/** A running (or ready to run) edge. */
export interface Edge {
  /** Builds the first snapshot (throws EDGE_CONFIG_INVALID if it cannot) and starts listening. */
  start(): Promise<void>;
  /** Stops accepting, drains requests in flight (up to the grace period), closes origin pools. */
  close(): Promise<void>;
  /** The bound address (after start). */
  address(): AddressInfo;
  /** Prometheus text exposition of this edge's metrics. */
  metrics(): Promise<string>;
  /** Content type of {@link Edge.metrics}' text. */
  readonly metricsContentType: string;
  health(): EdgeHealth;
  /** Rebuilds the snapshot from the source now (also done on every source notification). */
  reload(): Promise<void>;
  /** The serving snapshot (undefined before start). */
  snapshot(): EdgeSnapshot | undefined;
}

function defaultLogger(): Logger {
  return pino({
    level: 'info',
    base: { component: 'edge' },
    redact: {
      paths: ['*.privateKeyPem', '*.authorization', '*.cookie', 'headers', 'err.config'],
      censor: '[redacted]',
    },
  });
}

/**
 * Creates an edge: TLS by SNI on `listen`, per-host client-certificate checks, zone rules on every
 * request, proxy to origins; configuration from `source`, applied without restart.
 *
 * @example
 * const edge = createEdge({ listen: { host: '0.0.0.0', port: 8443 }, source });
 * await edge.start();
 * // admin listener: reply.type(edge.metricsContentType).send(await edge.metrics())
 */
export function createEdge(options: EdgeOptions): Edge {
  if (
    !options ||
    typeof options.source?.current !== 'function' ||
    typeof options.source.subscribe !== 'function'
  ) {
    throw new EdgeError('EDGE_CONFIG_INVALID', 'createEdge needs a source with current() and subscribe()');
  }
  const port = options.listen?.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new EdgeError('EDGE_CONFIG_INVALID', `invalid listen port ${String(port)}`);
  const limits: EdgeLimits = Object.freeze({ ...DEFAULT_LIMITS, ...options.limits });
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0)
      throw new EdgeError(
        'EDGE_CONFIG_INVALID',
        `limit ${name} must be a positive integer, got ${String(value)}`,
      );
  }
  const logger = (options.logger ?? defaultLogger()).child({ component: 'edge' });
  const secret = Buffer.from(options.sessionSecret ?? randomBytes(32));
  const metrics = new EdgeMetrics();
  const pools = new OriginPools(limits);
  const caches = createSnapshotCaches();
  let current: EdgeSnapshot | undefined;
  let state: 'idle' | 'starting' | 'running' | 'stopped' = 'idle';
  let lastReloadError: string | null = null;
  let unsubscribe: (() => void) | undefined;
  let building: Promise<void> | undefined;
  let again = false;

  const pipeline = createPipeline({
    current: () => current,
    pools,
    metrics,
    logger,
    accessLog: options.accessLog === true,
    onSecurityEvent: options.onSecurityEvent,
  });
  const server = new EdgeServer({
    current: () => current,
    metrics,
    logger,
    limits,
    onSecurityEvent: options.onSecurityEvent,
    handler: pipeline,
  });
  const factory = (input: Parameters<typeof createHostTlsServer>[0]) => {
    const tlsServer = createHostTlsServer(input, secret, { handshakeTimeoutMs: limits.handshakeTimeoutMs });
    server.wireHostServer(tlsServer, input);
    return tlsServer;
  };

  async function build(): Promise<void> {
    const config: EdgeConfig = await options.source.current();
    const started = performance.now();
    const next = buildSnapshot(config, caches, factory);
    for (const zone of new Set([...next.hosts.values()].map((h) => h.zone))) {
      const missing = unsupportedFields(zone);
      if (missing.length > 0)
        logger.warn(
          { zone: zone.id, fields: missing },
          'rules read fields the edge does not fill; they stay missing',
        );
    }
    current = next; // the swap: requests already running keep the snapshot they started with
    pools.retain(new Set([...next.hosts.values()].map((h) => h.origin.key)));
    metrics.snapshot(next.builtAt, true);
    lastReloadError = null;
    const level = next.problems.length > 0 ? 'warn' : 'info';
    logger[level](
      {
        version: next.version,
        hosts: next.hosts.size,
        problems: next.problems,
        ms: Math.round(performance.now() - started),
      },
      'snapshot built',
    );
  }

  function reload(): Promise<void> {
    if (building) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        try {
          await build();
        } catch (error) {
          lastReloadError = (error as Error).message;
          metrics.snapshot(new Date(), false);
          logger.error({ err: error }, 'snapshot build failed; still serving the previous snapshot');
          if (!current) throw error;
        }
      } while (again);
    })().finally(() => {
      building = undefined;
    });
    return building;
  }

  return {
    async start() {
      if (state !== 'idle') throw new EdgeError('EDGE_ALREADY_STARTED', 'edge already started');
      state = 'starting';
      try {
        unsubscribe = options.source.subscribe(() => {
          if (state === 'running' || state === 'starting') reload().catch(() => undefined);
        });
        await reload();
        await server.listen(options.listen.host, port);
        state = 'running';
        const a = server.listener.address() as AddressInfo;
        logger.info({ address: a.address, port: a.port }, 'edge listening');
      } catch (error) {
        state = 'stopped';
        unsubscribe?.();
        throw error;
      }
    },
    async close() {
      if (state === 'stopped' || state === 'idle') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      unsubscribe?.();
      const started = Date.now();
      await server.close(limits.shutdownGraceMs);
      // Client connections are gone by now; origin requests get what is left of the grace period.
      await pools.close(limits.shutdownGraceMs - (Date.now() - started));
      logger.info('edge closed');
    },
    address() {
      const a = server.listener.address();
      if (!a || typeof a === 'string') throw new EdgeError('EDGE_NOT_STARTED', 'edge is not listening');
      return a;
    },
    metrics: () => metrics.text(),
    get metricsContentType() {
      return metrics.contentType;
    },
    health() {
      const s = current;
      const status =
        state === 'stopped'
          ? 'stopped'
          : !s
            ? 'starting'
            : lastReloadError || s.problems.length > 0
              ? 'degraded'
              : 'ok';
      return {
        status,
        ready: state === 'running' && s !== undefined,
        snapshotVersion: s?.version ?? null,
        snapshotBuiltAt: s?.builtAt.toISOString() ?? null,
        hosts: s?.hosts.size ?? 0,
        problems: s?.problems ?? [],
        lastReloadError,
      };
    },
    reload,
    snapshot: () => current,
  };
}
