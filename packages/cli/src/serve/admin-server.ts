// The admin listener: the API (when this process runs it), Prometheus /metrics and /healthz.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from '../config/listen-address.js';
import { CliError } from '../errors.js';

/** A health report; `status` decides the HTTP status (ok/degraded → 200, others → 503). */
export interface HealthReport {
  readonly status: 'ok' | 'degraded' | 'starting' | 'draining';
  readonly [detail: string]: unknown;
}

/** What the admin listener serves. */
export interface AdminServerOptions {
  readonly listen: ListenAddress;
  /** Prometheus text exposition. */
  readonly metrics: () => Promise<{ contentType: string; body: string }>;
  readonly health: () => Promise<HealthReport>;
  /** Everything else goes to the API (Fastify's `routing`), or 404 when this process runs no API. */
  readonly api?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** A listening admin server. */
export interface AdminServer {
  readonly address: ListenAddress;
  /** Stops accepting and closes idle keep-alive connections; resolves when all are closed. */
  close(): Promise<void>;
}

/** Starts the admin listener; fails with CLI_LISTEN when the address cannot be bound. */
export async function startAdminServer(options: AdminServerOptions): Promise<AdminServer> {
  const server: Server = createServer(
    { keepAliveTimeout: 5_000, requestTimeout: 60_000 },
    (request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/metrics' && (request.method === 'GET' || request.method === 'HEAD')) {
        void options.metrics().then(
          ({ contentType, body }) => send(response, 200, contentType, body),
          () => send(response, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n'),
        );
        return;
      }
      if (path === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        void options.health().then(
          (report) => {
            const code = report.status === 'ok' || report.status === 'degraded' ? 200 : 503;
            send(response, code, 'application/json; charset=utf-8', `${JSON.stringify(report)}\n`);
          },
          (error: unknown) =>
            send(
              response,
              503,
              'application/json; charset=utf-8',
              `${JSON.stringify({ status: 'error', error: String(error) })}\n`,
            ),
        );
        return;
      }
      if (options.api) {
        options.api(request, response);
        return;
      }
      send(
        response,
        404,
        'application/json; charset=utf-8',
        '{"error":"this process runs no API; see /healthz and /metrics"}\n',
      );
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new CliError(
          'CLI_LISTEN',
          `cannot listen on ${options.listen.host}:${options.listen.port} (admin): ${error.message}`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  const bound = server.address() as AddressInfo;
  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}
