// Real TLS requests to the edge with node:https: chosen SNI, Host header, client certificate and keep-alive agent.
import { request as httpsRequest, Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

/** What one request sends. */
export interface EdgeRequest {
  readonly port: number;
  /** TLS SNI; the Host header too unless `host` is given. */
  readonly servername: string;
  readonly host?: string;
  readonly path: string;
  readonly method?: string;
  readonly ca: string;
  readonly cert?: string;
  readonly key?: string;
  readonly headers?: Record<string, string>;
  readonly agent?: Agent;
}

/** The answer, and whether the request went over a reused (kept-alive) connection. */
export interface EdgeResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly reusedSocket: boolean;
  readonly localPort: number | undefined;
}

/** Sends one HTTPS request to 127.0.0.1:`port` with the given SNI and Host. */
export function edgeRequest(options: EdgeRequest): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: options.port,
        servername: options.servername,
        method: options.method ?? 'GET',
        path: options.path,
        ca: options.ca,
        ...(options.cert ? { cert: options.cert, key: options.key } : {}),
        headers: { host: options.host ?? options.servername, ...options.headers },
        agent: options.agent ?? false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            reusedSocket: req.reusedSocket,
            localPort: req.socket?.localPort,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A keep-alive agent with one connection, so consecutive requests share it. */
export function keepAliveAgent(options: {
  ca: string;
  cert?: string;
  key?: string;
  servername: string;
}): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets: 1,
    ca: options.ca,
    servername: options.servername,
    ...(options.cert ? { cert: options.cert, key: options.key } : {}),
  });
}
