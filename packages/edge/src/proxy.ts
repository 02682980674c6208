// Forwarding to origins over kept-alive undici pools (one per origin identity, shared across
// snapshots), streaming bodies both ways, with origin failures mapped to typed errors.
import { Pool, type Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import { EdgeError, type EdgeErrorCode } from './errors.js';
import type { OriginTarget } from './snapshot.js';

/** Origin timeouts and pool sizes. */
export interface ProxyLimits {
  /** Connect timeout, ms (504 after). */
  readonly originConnectTimeoutMs: number;
  /** Time to the origin's response headers, ms (504 after). */
  readonly originHeadersTimeoutMs: number;
  /** Longest pause inside a response body, ms. */
  readonly originBodyTimeoutMs: number;
  /** Upper bound of connections per origin. */
  readonly originConnections: number;
  /** Idle time before a pooled origin connection is closed, ms. */
  readonly originKeepAliveTimeoutMs: number;
}

/** An origin response: status, headers (lower-cased names) and the streaming body. */
export interface OriginResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Readable;
}

/** One request to an origin. */
export interface OriginRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: string[];
  readonly body: Readable | null;
  readonly signal?: AbortSignal;
}

/** Streams an origin exchange straight into the client response (no intermediate body stream). */
export type OriginHandler = Dispatcher.DispatchHandler;

const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_SSL|ERR_TLS|HOSTNAME/;

/** Maps an undici/socket error to an edge error code. */
export function originErrorCode(error: unknown): EdgeErrorCode {
  const code = String((error as { code?: unknown }).code ?? '');
  const causeCode = String((error as { cause?: { code?: unknown } }).cause?.code ?? '');
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT'
  ) {
    return 'EDGE_ORIGIN_TIMEOUT';
  }
  if (TLS_ERROR.test(code) || TLS_ERROR.test(causeCode)) return 'EDGE_ORIGIN_TLS';
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_') || code === 'UND_ERR_INFO')
    return 'EDGE_ORIGIN_PROTOCOL';
  return 'EDGE_ORIGIN_UNREACHABLE';
}

/** The origin pools of one edge. */
export class OriginPools {
  private readonly pools = new Map<string, Pool>();
  private readonly limits: ProxyLimits;

  constructor(limits: ProxyLimits) {
    this.limits = limits;
  }

  private pool(target: OriginTarget): Pool {
    let pool = this.pools.get(target.key);
    if (!pool) {
      const l = this.limits;
      pool = new Pool(target.origin, {
        connections: l.originConnections,
        pipelining: 1,
        keepAliveTimeout: l.originKeepAliveTimeoutMs,
        headersTimeout: l.originHeadersTimeoutMs,
        bodyTimeout: l.originBodyTimeoutMs,
        connectTimeout: l.originConnectTimeoutMs,
        connect:
          target.protocol === 'https:'
            ? {
                rejectUnauthorized: target.tlsVerify,
                ...(target.caPem ? { ca: target.caPem } : {}),
                servername: target.servername,
              }
            : {},
      });
      this.pools.set(target.key, pool);
    }
    return pool;
  }

  /** Sends a request; rejects with an EdgeError (EDGE_ORIGIN_*) on failure before response headers. */
  async request(target: OriginTarget, request: OriginRequest): Promise<OriginResponse> {
    try {
      const response = await this.pool(target).request({
        method: request.method as 'GET',
        path: request.path,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
      });
      return { statusCode: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw new EdgeError(originErrorCode(error), `origin ${target.origin}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /**
   * Sends a request with a streaming handler: the lowest-overhead path (no promise, no body
   * stream object, no pipeline), used for every proxied request. Errors reach the handler's
   * `onResponseError`.
   */
  dispatch(target: OriginTarget, request: OriginRequest, handler: OriginHandler): void {
    this.pool(target).dispatch(
      { method: request.method as 'GET', path: request.path, headers: request.headers, body: request.body },
      handler,
    );
  }

  /** Closes (gracefully) pools no longer used by the serving snapshot. */
  retain(keys: ReadonlySet<string>): void {
    for (const [key, pool] of this.pools) {
      if (!keys.has(key)) {
        this.pools.delete(key);
        pool.close().catch(() => undefined);
      }
    }
  }

  /**
   * Closes every pool, letting in-flight requests finish for up to `graceMs`, then destroys the
   * pools that still wait (an origin that never answers must not hold shutdown).
   */
  async close(graceMs: number): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, graceMs));
      timer.unref();
    });
    await Promise.all(
      pools.map(async (pool) => {
        const closing = pool.close().then(
          () => 'closed' as const,
          () => 'closed' as const,
        );
        if ((await Promise.race([closing, deadline])) === 'late') await pool.destroy().catch(() => undefined);
      }),
    );
    clearTimeout(timer);
  }

  /** Destroys every pool now. */
  async destroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.allSettled(pools.map((p) => p.destroy()));
  }
}
