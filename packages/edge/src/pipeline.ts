// One request, in order (DESIGN.md "The edge, one request"): match host to the connection's SNI
// → required-mode gate → zone rules → block or proxy. Never throws into the socket: every path
// ends in a response (or a reset when headers were already sent) and is logged once.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { cloudflareScheme } from '@portcullis/rules';
import type { SecurityEvent } from '@portcullis/model';
import { emitSecurityEvent, securityEvent, type EventScope } from './security-events.js';
import { connectionOf, type ConnectionState } from './connection.js';
import { forwardToOrigin } from './forward.js';
import { fieldPlan, fillContext, type RequestView } from './fields.js';
import type { EdgeMetrics } from './metrics.js';
import { normaliseHost, normaliseTarget } from './normalise-url.js';
import type { OriginPools } from './proxy.js';
import { sendError, sendText, type Req, type Res } from './respond.js';
import { evaluateZone, type BlockResponse, type CompiledRule } from './ruleset.js';
import type { EdgeSnapshot, HostRuntime } from './snapshot.js';

/** What the pipeline needs from the edge. */
export interface PipelineDeps {
  current(): EdgeSnapshot | undefined;
  readonly pools: OriginPools;
  readonly metrics: EdgeMetrics;
  readonly logger: Logger;
  readonly accessLog: boolean;
  readonly onSecurityEvent: ((event: SecurityEvent) => void) | undefined;
}

const RAY_PREFIX = randomBytes(4).toString('hex');
let rayCounter = 0;

function nextRayId(): string {
  rayCounter = (rayCounter + 1) >>> 0;
  return RAY_PREFIX + rayCounter.toString(16).padStart(8, '0');
}

function clientIpOf(req: Req): string {
  const ip = req.socket?.remoteAddress ?? '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

function rawHeadersOf(req: Req): string[] {
  const raw = req.rawHeaders;
  if (req.httpVersionMajor !== 2) return raw;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.charCodeAt(0) !== 58) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

/** Creates the request handler shared by the HTTP/1.1 and HTTP/2 servers. */
export function createPipeline(deps: PipelineDeps): (req: Req, res: Res) => void {
  const { metrics, logger } = deps;

  /**
   * Records a decision once: metrics labelled by the connection's host (a configured name, never
   * the client's Host header, so labels stay bounded) and one log line unless it is a plain pass.
   */
  function finish(
    metricHost: string,
    view: Partial<RequestView>,
    start: number,
    action: string,
    certStatus: string,
    status: number,
    extra?: Record<string, unknown>,
  ): void {
    const seconds = (performance.now() - start) / 1000;
    metrics.request(metricHost, action, certStatus, seconds);
    if ((deps.accessLog || action !== 'pass') && logger.isLevelEnabled('info')) {
      logger.info(
        {
          ray: view.rayId,
          host: view.host,
          method: view.method,
          path: view.target?.path,
          status,
          action,
          cert: certStatus,
          ip: view.clientIp,
          ms: Math.round(seconds * 1e4) / 10,
          ...extra,
        },
        action,
      );
    }
  }

  function scopeOf(view: RequestView, host: HostRuntime): EventScope {
    return {
      timeMs: view.timeMs,
      rayId: view.rayId,
      zoneId: host.zone.id,
      rulesetId: host.zone.rulesetId ?? null,
      host: view.host,
      method: view.method,
      path: view.target.path,
      clientIp: view.clientIp,
    };
  }

  function securityEvents(
    matches: readonly CompiledRule[],
    view: RequestView,
    host: HostRuntime,
    conn: ConnectionState,
    snapshot: EdgeSnapshot,
  ): void {
    let scope: EventScope | undefined;
    for (const rule of matches) {
      if (!rule.logEvent) continue;
      const action = rule.action === 'block' ? rule.configuredAction : rule.action;
      metrics.securityEvent(action);
      if (!deps.onSecurityEvent) continue;
      const event = securityEvent(
        (scope ??= scopeOf(view, host)),
        rule.id,
        action,
        conn.clientAuth,
        snapshot,
      );
      emitSecurityEvent(deps.onSecurityEvent, event, logger);
    }
  }

  function block(req: Req, res: Res, response: BlockResponse, rayId: string): void {
    sendText(req, res, response.status, response.bytes, response.contentType, false, rayId);
  }

  function proxy(
    req: Req,
    res: Res,
    view: RequestView,
    host: HostRuntime,
    conn: ConnectionState,
    snapshot: EdgeSnapshot,
    start: number,
    certStatus: string,
    ruleIds: string[] | undefined,
  ): void {
    forwardToOrigin(
      deps.pools,
      logger,
      { req, res, view, host, conn, snapshot },
      {
        onResponse: (statusCode) =>
          finish(
            host.hostname,
            view,
            start,
            'pass',
            certStatus,
            statusCode,
            ruleIds ? { rules: ruleIds } : undefined,
          ),
        onFailure: (code, status, message) =>
          finish(host.hostname, view, start, 'origin_error', certStatus, status, { code, err: message }),
      },
    );
  }

  return function handle(req: Req, res: Res): void {
    const start = performance.now();
    const rayId = nextRayId();
    const partial: { -readonly [K in keyof RequestView]?: RequestView[K] } = { rayId, method: req.method };
    try {
      const conn = connectionOf(req.socket);
      const snapshot = deps.current();
      if (!conn || !snapshot) {
        finish('-', partial, start, 'error', '-', sendError(req, res, 'EDGE_NOT_STARTED', rayId));
        return;
      }
      const rawTarget = req.url ?? '';
      const target = normaliseTarget(rawTarget);
      const isH2 = req.httpVersionMajor === 2;
      const hostHeader = isH2
        ? ((req.headers[':authority'] as string | undefined) ?? req.headers.host)
        : req.headers.host;
      let host: string | undefined;
      if (target?.authority !== undefined) host = target.authority;
      else if (hostHeader !== undefined) {
        const cached = conn.hostCache;
        if (cached !== undefined && cached.raw === hostHeader) host = cached.host;
        else {
          host = normaliseHost(hostHeader);
          conn.hostCache = { raw: hostHeader, host };
        }
      } else if (!isH2 && req.httpVersionMinor === 0) host = conn.hostname; // HTTP/1.0 may omit Host
      if (
        isH2 &&
        req.headers[':authority'] !== undefined &&
        req.headers.host !== undefined &&
        normaliseHost(req.headers.host) !== host
      )
        host = undefined;
      partial.host = host ?? conn.hostname;
      partial.clientIp = clientIpOf(req);
      if (target === undefined || host === undefined) {
        finish(
          conn.hostname,
          partial,
          start,
          'bad_request',
          '-',
          sendError(req, res, 'EDGE_BAD_REQUEST', rayId),
          { target: rawTarget.slice(0, 200) },
        );
        return;
      }
      partial.target = target;
      // THREATS T2/T3: a connection serves only the host its TLS server name selected.
      if (host !== conn.hostname) {
        finish(
          conn.hostname,
          partial,
          start,
          'misdirected',
          '-',
          sendError(req, res, 'EDGE_HOST_MISMATCH', rayId),
          { sni: conn.hostname },
        );
        return;
      }
      const hostRt = snapshot.hosts.get(host);
      if (!hostRt) {
        finish(
          conn.hostname,
          partial,
          start,
          'misdirected',
          '-',
          sendError(req, res, 'EDGE_HOST_UNAVAILABLE', rayId),
        );
        return;
      }
      // The host's client-auth policy changed since this connection's handshake: make the client reconnect.
      if (hostRt.binding !== conn.binding) {
        finish(
          conn.hostname,
          partial,
          start,
          'misdirected',
          '-',
          sendError(req, res, 'EDGE_STALE_CONNECTION', rayId),
        );
        return;
      }
      const certStatus = conn.clientAuth.status(snapshot);
      const view: RequestView = {
        method: req.method ?? 'GET',
        version: isH2 ? 'HTTP/2' : `HTTP/1.${req.httpVersionMinor}`,
        host,
        target,
        rawTarget,
        rawHeaders: rawHeadersOf(req),
        clientIp: partial.clientIp,
        rayId,
        timeMs: Date.now(),
      };
      if (hostRt.mode === 'required' && certStatus !== 'verified') {
        metrics.securityEvent('cert_required');
        emitSecurityEvent(
          deps.onSecurityEvent,
          securityEvent(scopeOf(view, hostRt), null, 'cert_required', conn.clientAuth, snapshot),
          logger,
        );
        finish(
          conn.hostname,
          view,
          start,
          'cert_required',
          certStatus,
          sendError(req, res, 'EDGE_CERT_REQUIRED', rayId),
        );
        return;
      }
      const zone = hostRt.zone;
      if (zone.broken.length > 0) {
        // A rule that cannot be compiled must not silently stop protecting the zone.
        finish(
          conn.hostname,
          view,
          start,
          'error',
          certStatus,
          sendError(req, res, 'EDGE_CONFIG_INVALID', rayId),
          { brokenRules: zone.broken.map((b) => b.id) },
        );
        return;
      }
      let ruleIds: string[] | undefined;
      if (zone.rules.length > 0) {
        const ctx = cloudflareScheme.createContext();
        fillContext(ctx, fieldPlan(zone), view, conn.info, snapshot);
        const verdict = evaluateZone(zone, ctx);
        if (verdict.matches.length > 0) {
          ruleIds = verdict.matches.map((r) => r.id);
          securityEvents(verdict.matches, view, hostRt, conn, snapshot);
        }
        if (verdict.blockedBy) {
          block(req, res, verdict.blockedBy.response, rayId);
          finish(conn.hostname, view, start, 'block', certStatus, verdict.blockedBy.response.status, {
            rule: verdict.blockedBy.id,
          });
          return;
        }
      }
      proxy(req, res, view, hostRt, conn, snapshot, start, certStatus, ruleIds);
    } catch (error) {
      logger.error({ err: error, ray: rayId }, 'request failed inside the edge');
      try {
        finish('-', partial, start, 'error', '-', sendError(req, res, 'EDGE_INTERNAL', rayId));
      } catch {
        res.destroy();
      }
    }
  };
}
