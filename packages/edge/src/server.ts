// The listener: reads the SNI from the ClientHello, hands the connection to that host's TLS server
// (so resumption, client-certificate request and trust store are the host's from the first byte),
// verifies the client certificate once, then passes the TLS socket to the HTTP/1.1 or HTTP/2 server.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type tls from 'node:tls';
import type { Logger } from 'pino';
import type { SecurityEvent } from '@portcullis/model';
import { emitSecurityEvent, securityEvent } from './security-events.js';
import { parseClientHello, MAX_CLIENT_HELLO_BYTES, type ClientHelloInfo } from './client-hello.js';
import { ConnectionClientAuth } from './client-auth.js';
import { attachConnection } from './connection.js';
import type { EdgeMetrics } from './metrics.js';
import { normaliseHost } from './normalise-url.js';
import type { EdgeSnapshot, HostRuntime } from './snapshot.js';
import type { HostTlsInput } from './tls/host-tls.js';
import { NOT_REQUESTED, verifyClient, type ClientVerification } from './tls/verify-client.js';

/** Connection-level limits. */
export interface ServerLimits {
  readonly handshakeTimeoutMs: number;
  readonly maxHeaderBytes: number;
  readonly maxHeaderCount: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxChainDepth: number;
  readonly maxConcurrentStreams: number;
  /** Open connections allowed from one client address (THREATS T10). */
  readonly maxConnectionsPerIp: number;
}

/** Most TCP segments a ClientHello may arrive in. */
const MAX_HELLO_SEGMENTS = 64;

/** TLS alert descriptions we send before any TLS object exists. */
const ALERT_UNRECOGNIZED_NAME = 112;
const ALERT_DECODE_ERROR = 50;
const ALERT_INTERNAL_ERROR = 80;

function alert(description: number): Buffer {
  return Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description]);
}

/** Time past the grace period that close() waits for destroyed sockets to report 'close', ms. */
const CLOSE_MARGIN_MS = 1000;
const PLAIN_HTTP_RESPONSE = Buffer.from(
  'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 39\r\nConnection: close\r\n\r\nplain HTTP request sent to a TLS port\r\n',
  'latin1',
);

interface Pending {
  readonly host: HostRuntime;
  readonly hello: ClientHelloInfo;
}

/** What the listener needs from the edge. */
export interface ServerDeps {
  current(): EdgeSnapshot | undefined;
  readonly metrics: EdgeMetrics;
  readonly logger: Logger;
  readonly limits: ServerLimits;
  readonly onSecurityEvent: ((event: SecurityEvent) => void) | undefined;
  readonly handler: (
    req: http.IncomingMessage | http2.Http2ServerRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ) => void;
}

/** The listener and its inner HTTP servers. */
export class EdgeServer {
  readonly listener: net.Server;
  private readonly deps: ServerDeps;
  private readonly h1: http.Server;
  private readonly h2: http2.Http2Server;
  private readonly pending = new Map<string, Pending>();
  readonly sockets = new Set<net.Socket>();
  private readonly sessions = new Set<http2.ServerHttp2Session>();
  private readonly answered = new WeakSet<net.Socket>();
  private readonly perIp = new Map<string, number>();
  /** HTTP/1.1 connections past the handshake whose first request has not begun yet. */
  private readonly awaitingFirstRequest = new Set<tls.TLSSocket>();

  constructor(deps: ServerDeps) {
    this.deps = deps;
    const l = deps.limits;
    this.h1 = http.createServer(
      {
        maxHeaderSize: l.maxHeaderBytes,
        requestTimeout: l.requestTimeoutMs,
        headersTimeout: l.headersTimeoutMs,
        keepAliveTimeout: l.keepAliveTimeoutMs,
        requireHostHeader: true,
        insecureHTTPParser: false,
        connectionsCheckingInterval: Math.min(1000, l.headersTimeoutMs),
      },
      deps.handler,
    );
    this.h1.maxHeadersCount = l.maxHeaderCount;
    this.h1.on('clientError', (error: Error & { code?: string }, socket: net.Socket) =>
      this.onClientError(error, socket),
    );
    this.h1.timeout = l.idleTimeoutMs;
    // Connections reach this server by 'connection' events, never by its own listen(); 'listening'
    // starts its request/headers timeout checks (slowloris), as listen() would.
    this.h1.emit('listening');
    this.h2 = http2.createServer(
      {
        maxHeaderListPairs: l.maxHeaderCount,
        maxSessionMemory: 10,
        settings: {
          maxConcurrentStreams: l.maxConcurrentStreams,
          maxHeaderListSize: l.maxHeaderBytes,
          enablePush: false,
        },
      },
      deps.handler,
    );
    this.h2.setTimeout(l.idleTimeoutMs);
    this.h2.on('session', (session: http2.ServerHttp2Session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
    });
    this.h2.on('sessionError', (error: Error) =>
      deps.logger.debug({ err: error.message }, 'http2 session error'),
    );
    this.listener = net.createServer({ noDelay: true, pauseOnConnect: false }, (socket) =>
      this.onConnection(socket),
    );
  }

  /** Wires a host's TLS server (created by the snapshot builder) to this listener. */
  wireHostServer(server: tls.Server, input: HostTlsInput): void {
    server.on('secureConnection', (socket: tls.TLSSocket) => this.onSecure(socket, input));
    server.on('tlsClientError', (error: Error & { code?: string }, socket: tls.TLSSocket) => {
      const result = error.code === 'ERR_TLS_HANDSHAKE_TIMEOUT' ? 'timeout' : 'failed';
      this.deps.metrics.handshake(input.hostname, result);
      this.deps.logger.info(
        { host: input.hostname, ip: socket.remoteAddress, code: error.code, reason: error.message },
        'tls handshake failed',
      );
    });
  }

  private onConnection(socket: net.Socket): void {
    const { metrics, logger, limits } = this.deps;
    const key = keyOf(socket);
    const ip = socket.remoteAddress ?? '';
    const open = (this.perIp.get(ip) ?? 0) + 1;
    if (open > limits.maxConnectionsPerIp) {
      metrics.handshake('-', 'refused_ip_limit');
      socket.destroy();
      return;
    }
    this.perIp.set(ip, open);
    this.sockets.add(socket);
    metrics.connections(1);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.pending.delete(key);
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
      metrics.connections(-1);
    });
    socket.on('error', () => undefined); // reported by the layers above; never crash on a reset
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      metrics.handshake('-', 'timeout');
      socket.destroy();
    }, limits.handshakeTimeoutMs);
    timer.unref();
    // `metricHost` is a configured host name or '-': a client's SNI never becomes a label.
    const refuse = (
      reply: Buffer,
      result: string,
      fields: Record<string, unknown>,
      metricHost = '-',
    ): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      metrics.handshake(metricHost, result);
      logger.info({ ip: socket.remoteAddress, result, ...fields }, 'connection refused before TLS');
      socket.end(reply);
      socket.destroySoon?.();
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      // Real clients send a ClientHello in a few segments; a drip-feed of tiny segments would make
      // the re-parse below quadratic, so the number of segments is capped (THREATS T10).
      if (chunks.length > MAX_HELLO_SEGMENTS || size > MAX_CLIENT_HELLO_BYTES + 1024) {
        refuse(alert(ALERT_DECODE_ERROR), 'invalid', { reason: 'ClientHello too large or too fragmented' });
        return;
      }
      const data = chunks.length === 1 ? chunk : Buffer.concat(chunks, size);
      const result = parseClientHello(data);
      if (result.kind === 'incomplete') return;
      if (result.kind === 'not-tls') {
        refuse(result.looksLikeHttp ? PLAIN_HTTP_RESPONSE : Buffer.alloc(0), 'not_tls', {});
        return;
      }
      if (result.kind === 'invalid') {
        refuse(alert(ALERT_DECODE_ERROR), 'invalid', { reason: result.reason });
        return;
      }
      const snapshot = this.deps.current();
      const name = result.serverName === undefined ? undefined : normaliseHost(result.serverName);
      const host =
        result.serverName === undefined
          ? snapshot?.defaultHost
          : name === undefined
            ? undefined
            : snapshot?.hosts.get(name);
      if (!host) {
        refuse(alert(ALERT_UNRECOGNIZED_NAME), result.serverName === undefined ? 'no_sni' : 'refused_sni', {
          sni: result.serverName?.slice(0, 255),
        });
        return;
      }
      let server: tls.Server;
      try {
        server = host.tls.server();
      } catch (error) {
        refuse(
          alert(ALERT_INTERNAL_ERROR),
          'host_unavailable',
          { sni: host.hostname, err: (error as Error).message },
          host.hostname,
        );
        return;
      }
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.pause();
      socket.unshift(data);
      this.pending.set(key, { host, hello: result.info });
      server.emit('connection', socket);
    };
    socket.on('data', onData);
  }

  private onSecure(socket: tls.TLSSocket, input: HostTlsInput): void {
    const { metrics, logger, limits } = this.deps;
    const key = keyOf(socket);
    const pending = this.pending.get(key);
    this.pending.delete(key);
    try {
      socket.disableRenegotiation(); // THREATS T12
      if (!pending) {
        socket.destroy();
        return;
      }
      const host = pending.host;
      const requested = input.mode !== 'off';
      const verification: ClientVerification = requested
        ? verifyClient(socket, input.trust, { maxChainDepth: limits.maxChainDepth })
        : NOT_REQUESTED;
      const clientAuth = new ConnectionClientAuth(verification, requested);
      const resumed = socket.isSessionReused();
      if (input.mode === 'required') {
        const snapshot = this.deps.current();
        const ok = verification.verified && !(snapshot && clientAuth.revoked(snapshot));
        if (!ok) {
          metrics.handshake(input.hostname, 'cert_refused');
          metrics.securityEvent('handshake_refused');
          const remote = socket.remoteAddress ?? '';
          const scope = {
            timeMs: Date.now(),
            rayId: '',
            zoneId: host.zone.id,
            rulesetId: host.zone.rulesetId ?? null,
            host: input.hostname,
            method: '',
            path: '',
            clientIp: remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice(7) : remote,
          };
          emitSecurityEvent(
            this.deps.onSecurityEvent,
            securityEvent(scope, null, 'handshake_refused', clientAuth, snapshot),
            logger,
          );
          logger.info(
            {
              host: input.hostname,
              ip: socket.remoteAddress,
              presented: verification.presented,
              failure: verification.failure ?? 'revoked',
            },
            'required client certificate refused',
          );
          socket.destroy();
          return;
        }
      }
      metrics.handshake(input.hostname, resumed ? 'resumed' : 'ok');
      const localPort = socket.localPort ?? 0;
      const localAddress = socket.localAddress ?? '';
      attachConnection(socket, {
        hostname: host.hostname,
        binding: host.binding,
        mode: input.mode,
        clientAuth,
        hostCache: undefined,
        info: {
          clientAuth,
          tlsVersion: () => socket.getProtocol() ?? '',
          tlsCipher: () => socket.getCipher()?.name ?? '',
          hello: pending.hello,
          serverIp:
            localAddress.startsWith('::ffff:') && localAddress.includes('.')
              ? localAddress.slice(7)
              : localAddress,
          serverPort: localPort,
        },
      });
      if (socket.alpnProtocol === 'h2') this.h2.emit('connection', socket);
      else this.handToH1(socket);
    } catch (error) {
      logger.error({ err: error, host: input.hostname }, 'connection setup failed');
      socket.destroy();
    }
  }

  /**
   * Hands an HTTP/1.1 connection to the HTTP server when the first bytes of its first request
   * arrive. Node's server starts the headers timeout when it receives a connection, so a client
   * that opens a pool of connections and leaves one unused for `headersTimeoutMs` (10 s) would get
   * a 408 and a close, then reconnect with a full handshake; until its first request a connection
   * is treated as an idle keep-alive connection instead (closed after `keepAliveTimeoutMs`). Slow
   * headers still get the headers timeout, counted from their first byte.
   */
  private handToH1(socket: tls.TLSSocket): void {
    if (!this.listener.listening) {
      socket.destroy(); // shutting down: an idle connection is closed at once
      return;
    }
    const onData = (chunk: Buffer): void => {
      done();
      socket.pause();
      socket.unshift(chunk);
      this.h1.emit('connection', socket);
      socket.resume();
    };
    const done = (): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', done);
      this.awaitingFirstRequest.delete(socket);
    };
    const timer = setTimeout(() => {
      done();
      socket.destroy();
    }, this.deps.limits.keepAliveTimeoutMs);
    timer.unref();
    this.awaitingFirstRequest.add(socket);
    socket.once('close', done);
    socket.on('data', onData);
  }

  /**
   * Answers a request the HTTP/1 parser refused (bad framing, oversized headers, slow headers)
   * with a status and closes the connection after the answer is flushed; Node's default handler
   * destroys a TLS socket before its answer leaves.
   */
  private onClientError(error: Error & { code?: string }, socket: net.Socket): void {
    if (this.answered.has(socket)) return; // the parser reports once per chunk; answer once
    const code = error.code ?? '';
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const inFlight = (socket as net.Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    this.deps.metrics.request('-', 'bad_request', '-', 0);
    this.deps.logger.info({ ip: socket.remoteAddress, code, status }, 'request refused by the HTTP parser');
    if (code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    this.answered.add(socket);
    const reason =
      status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
    const body = `${reason.toLowerCase()}\n`;
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.resume(); // drain what the client still sends, so closing does not reset the answer away
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  /** Starts listening. */
  listen(host: string | undefined, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen({ host, port }, () => {
        this.listener.removeListener('error', reject);
        resolve();
      });
    });
  }

  /**
   * Stops accepting, lets requests in flight finish for `graceMs`, then destroys what is left.
   * Always settles within `graceMs` plus a short margin, whatever a client or origin does:
   * a shutdown that waits on a peer is a shutdown a peer can hold hostage.
   */
  async close(graceMs: number): Promise<{ readonly forced: number }> {
    const listening = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    // Connections that have not begun a request are idle too (see handToH1).
    for (const socket of this.awaitingFirstRequest) socket.destroy();
    this.h1.closeIdleConnections();
    for (const session of this.sessions) session.close();
    let forced = 0;
    let pastGrace = false;
    const destroyAll = (): void => {
      for (const session of this.sessions) session.destroy();
      this.h1.closeAllConnections();
      for (const socket of this.sockets) {
        forced++;
        socket.destroy();
      }
    };
    const grace = setTimeout(() => {
      pastGrace = true;
      destroyAll();
    }, graceMs);
    grace.unref();
    const drained = new Promise<void>((resolve) => {
      const check = (): void => {
        this.h1.closeIdleConnections();
        if (this.sockets.size === 0) return resolve();
        if (pastGrace) destroyAll(); // a socket that ignored the first destroy, or arrived late
        setTimeout(check, 25).unref();
      };
      check();
    });
    // A destroyed socket that never reports 'close' must not stall shutdown forever.
    let cap: NodeJS.Timeout | undefined;
    const capped = new Promise<void>((resolve) => {
      cap = setTimeout(resolve, graceMs + CLOSE_MARGIN_MS);
      cap.unref();
    });
    await Promise.race([Promise.all([listening, drained]), capped]);
    clearTimeout(grace);
    clearTimeout(cap);
    if (this.sockets.size > 0) {
      this.deps.logger.warn({ sockets: this.sockets.size }, 'connections still open after shutdown deadline');
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    }
    this.h1.close();
    this.h2.close();
    return { forced };
  }
}

function keyOf(socket: net.Socket): string {
  return `${socket.remoteAddress ?? ''}|${socket.remotePort ?? 0}`;
}
