// Answers the edge writes itself (blocks, refusals, errors): fixed bodies, a content length, no
// caching, the ray id; HTTP/1.1 connections that must not be reused get `Connection: close`,
// HTTP/2 sessions a GOAWAY.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { errorResponse, type EdgeErrorCode } from './errors.js';

/** A request of either HTTP server. */
export type Req = IncomingMessage | Http2ServerRequest;
/** A response of either HTTP server. */
export type Res = ServerResponse | Http2ServerResponse;

/** Writes a complete response; destroys the stream when a response was already started. */
export function sendText(
  req: Req,
  res: Res,
  status: number,
  body: string | Buffer,
  contentType: string,
  close: boolean,
  rayId: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': payload.length,
    'cache-control': 'no-store',
    'cf-ray': rayId,
  };
  if (close && req.httpVersionMajor === 1) headers['connection'] = 'close';
  res.writeHead(status, headers);
  if (req.method === 'HEAD') res.end();
  else res.end(payload);
  if (close && req.httpVersionMajor === 2) (req as Http2ServerRequest).stream.session?.close();
}

/** Answers an error code with its status and fixed body; returns the status. */
export function sendError(req: Req, res: Res, code: EdgeErrorCode, rayId: string): number {
  const r = errorResponse(code);
  sendText(req, res, r.status, `${r.body}\nray id: ${rayId}\n`, 'text/plain; charset=utf-8', r.close, rayId);
  return r.status;
}
