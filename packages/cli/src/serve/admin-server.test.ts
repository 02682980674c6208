// Tests of the admin listener: /metrics and /healthz routing, health status codes, API fall-through.
import { afterEach, describe, expect, it } from 'vitest';
import { startAdminServer, type AdminServer, type HealthReport } from './admin-server.js';

let server: AdminServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(health: HealthReport['status'], api?: boolean): Promise<string> {
  server = await startAdminServer({
    listen: { host: '127.0.0.1', port: 0 },
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: '# TYPE x counter\nx 1\n' }),
    health: async () => ({ status: health, detail: 'd' }),
    ...(api
      ? {
          api: (_request, response) => {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end('{"from":"api"}');
          },
        }
      : {}),
  });
  return `http://127.0.0.1:${server.address.port}`;
}

describe('admin listener', () => {
  it('serves Prometheus text at /metrics and health at /healthz', async () => {
    const base = await start('ok');
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('x 1');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', detail: 'd' });
  });

  it.each([
    ['degraded', 200],
    ['starting', 503],
    ['draining', 503],
  ] as const)('answers /healthz %s with %i', async (status, code) => {
    const base = await start(status);
    expect((await fetch(`${base}/healthz`)).status).toBe(code);
  });

  it('hands everything else to the API, or answers 404 when the process runs none', async () => {
    const withApi = await start('ok', true);
    expect(await (await fetch(`${withApi}/client/v4/zones`)).json()).toEqual({ from: 'api' });
    await server!.close();
    server = undefined;
    const edgeOnly = await start('ok', false);
    expect((await fetch(`${edgeOnly}/client/v4/zones`)).status).toBe(404);
  });

  it('fails with CLI_LISTEN when the address is taken', async () => {
    const base = await start('ok');
    const port = Number(new URL(base).port);
    await expect(
      startAdminServer({
        listen: { host: '127.0.0.1', port },
        metrics: async () => ({ contentType: 't', body: '' }),
        health: async () => ({ status: 'ok' }),
      }),
    ).rejects.toMatchObject({ code: 'CLI_LISTEN' });
  });
});
