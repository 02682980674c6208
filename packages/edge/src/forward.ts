// Forwards one request to its host's origin and streams the answer back: headers rebuilt for the
// origin (forwarded certificate headers included when the host asks), the response relayed with
// backpressure, a client that goes away aborts the origin request, failures become 502/504.
import type { Http2ServerRequest } from 'node:http2';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { ConnectionState } from './connection.js';
import { EdgeError, type EdgeErrorCode } from './errors.js';
import type { RequestView } from './fields.js';
import { forwardedCertificateHeaders } from './forward-cert.js';
import { clientResponseHeaders, originRequestHeaders } from './headers.js';
import { originErrorCode, type OriginPools, type OriginRequest } from './proxy.js';
import { sendError, type Req, type Res } from './respond.js';
import type { EdgeSnapshot, HostRuntime } from './snapshot.js';

/** The request being forwarded. */
export interface ForwardInput {
  readonly req: Req;
  readonly res: Res;
  readonly view: RequestView;
  readonly host: HostRuntime;
  readonly conn: ConnectionState;
  readonly snapshot: EdgeSnapshot;
}

/** Decisions reported back to the pipeline (each at most once). */
export interface ForwardHooks {
  onResponse(statusCode: number): void;
  onFailure(code: EdgeErrorCode, status: number, message: string): void;
}

/** Sends the request to the origin; never throws. */
export function forwardToOrigin(
  pools: OriginPools,
  logger: Logger,
  input: ForwardInput,
  hooks: ForwardHooks,
): void {
  const { req, res, view, host, conn, snapshot } = input;
  const origin = host.origin;
  const headers = originRequestHeaders(view.rawHeaders, {
    host: view.host,
    clientIp: view.clientIp,
    rayId: view.rayId,
    clientCert: host.forwardClientCertificate
      ? forwardedCertificateHeaders(conn.clientAuth, snapshot)
      : undefined,
  });
  const hasBody =
    req.httpVersionMajor === 2
      ? !(req as Http2ServerRequest).stream.endAfterHeaders
      : (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
        req.headers['transfer-encoding'] !== undefined;
  const path = origin.basePath + view.target.path + (view.target.hasQuery ? `?${view.target.query}` : '');
  let controller: Dispatcher.DispatchController | undefined;
  let clientGone = false;
  let bodyStarted = false;
  let done = false;
  const onClientClose = (): void => {
    if (done || res.writableFinished) return;
    clientGone = true;
    controller?.abort(new Error('client closed the connection'));
  };
  res.once('close', onClientClose);
  const onDrain = (): void => controller?.resume();
  const fail = (error: Error): void => {
    if (done) return;
    done = true;
    if (clientGone) return;
    const code = error instanceof EdgeError ? error.code : originErrorCode(error);
    if (res.headersSent) {
      logger.warn({ ray: view.rayId, err: error.message }, 'origin response ended early');
      res.destroy(error);
      return;
    }
    const status = sendError(req, res, code, view.rayId);
    hooks.onFailure(code, status, error.message);
  };
  const request: OriginRequest = {
    method: view.method,
    path,
    headers,
    body: hasBody ? (req as unknown as Readable) : null,
  };
  try {
    pools.dispatch(origin, request, {
      onRequestStart(c) {
        controller = c;
        if (clientGone) c.abort(new Error('client closed the connection'));
      },
      onResponseStart(_c, statusCode, responseHeaders) {
        if (statusCode < 200) return; // informational responses are not relayed
        const out = clientResponseHeaders(responseHeaders as Record<string, string | string[] | undefined>);
        out['cf-ray'] = view.rayId;
        try {
          res.writeHead(statusCode, out);
        } catch (error) {
          controller?.abort(error as Error);
          fail(
            new EdgeError(
              'EDGE_ORIGIN_PROTOCOL',
              `origin response headers refused: ${(error as Error).message}`,
            ),
          );
          return;
        }
        hooks.onResponse(statusCode);
        // HTTP/1.1 holds written headers until the first body write (HTTP/2 sends them at
        // writeHead). Body bytes parsed from the same origin packet are written before this
        // microtask runs, so only a response whose body is late (server-sent events, long polls)
        // pays for a separate header flush.
        if (req.httpVersionMajor === 1) {
          queueMicrotask(() => {
            if (!bodyStarted && !res.destroyed) (res as ServerResponse).flushHeaders();
          });
        }
      },
      onResponseData(c, chunk) {
        bodyStarted = true;
        if (!(res as ServerResponse).write(chunk)) {
          c.pause();
          res.once('drain', onDrain);
        }
      },
      onResponseEnd() {
        bodyStarted = true;
        done = true;
        res.end();
      },
      onResponseError(_c, error) {
        fail(error);
      },
    });
  } catch (error) {
    fail(error as Error); // a request undici refuses to build (never expected: headers are ours)
  }
}
