// The demo's origin: a small real HTTP server that echoes what reached it, so users can see the gateway's work.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running demo origin. */
export interface DemoOrigin {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

/** Request headers the origin echoes back: forwarded client-certificate facts and proxy headers. */
const echoed = /^(cf-cert-|client-cert|x-forwarded-|x-real-ip|cf-ray|forwarded$)/;

/**
 * Starts the demo origin on `host:port` (port 0 picks a free one). It answers every request with
 * JSON naming the method, path, and the client-certificate and forwarding headers it received;
 * `/admin` answers as a protected page would.
 */
export async function startDemoOrigin(
  listen: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<DemoOrigin> {
  const server = createServer({ keepAliveTimeout: 30_000 }, respond);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, close: () => closeServer(server) };
}

function respond(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= 64 * 1024) chunks.push(chunk);
  });
  request.on('end', () => {
    const path = request.url ?? '/';
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && echoed.test(name)) headers[name] = value;
    }
    const body = {
      message: path.startsWith('/admin')
        ? 'welcome to /admin: only clients with a valid, unrevoked certificate get here'
        : 'hello from the Portcullis demo origin',
      method: request.method,
      path,
      host: request.headers.host ?? null,
      body_bytes: size,
      headers,
    };
    const text = `${JSON.stringify(body, null, 2)}\n`;
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  });
  request.on('error', () => response.destroy());
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
