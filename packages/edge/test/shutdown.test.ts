// Shutdown: close() lets requests in flight finish within the grace period, and then ends
// everything that is left, so no client and no origin can hold an edge open.
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { certificateInfo } from '@portcullis/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, staticSource, type Edge } from '../src/index.js';
import { buildConfig, createWorld, type World } from './support/fixture.js';
import { statusOf } from './support/clients.js';
import { startOrigin, type OriginProcess } from './support/origin.js';
import { quietLogger } from './support/wait.js';

let world: World;
let origin: OriginProcess;
let managedCaSki: string;

beforeAll(async () => {
  world = createWorld();
  origin = await startOrigin();
  managedCaSki = certificateInfo(world.managedCa.certPem).skiHex.toUpperCase();
});

afterAll(async () => {
  await origin?.stop();
  world?.pki.dispose();
});

async function startEdge(shutdownGraceMs: number): Promise<{ edge: Edge; port: number }> {
  const edge = createEdge({
    listen: { host: '127.0.0.1', port: 0 },
    source: staticSource(buildConfig(world, { originUrl: origin.url, managedCaSki })),
    logger: quietLogger(),
    limits: { shutdownGraceMs },
  });
  await edge.start();
  return { edge, port: edge.address().port };
}

/** Resolves with what settled first: the promise ('settled') or a generous safety timer ('stuck'). */
function settlesBefore(promise: Promise<unknown>, ms: number): Promise<'settled' | 'stuck'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('stuck'), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve('settled');
      },
      () => {
        clearTimeout(timer);
        resolve('settled');
      },
    );
  });
}

/** An HTTP/1.1 request over TLS whose response headers have arrived; `closed` settles when the server ends it. */
async function hangingHttp1(port: number): Promise<{ head: string; closed: Promise<void> }> {
  const socket = tls.connect({
    host: '127.0.0.1',
    port,
    servername: 'api.example.test',
    ca: world.serverCa.certPem,
    ALPNProtocols: ['http/1.1'],
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const head = await new Promise<string>((resolve, reject) => {
    socket.once('secureConnect', () => socket.write('GET /hang HTTP/1.1\r\nHost: api.example.test\r\n\r\n'));
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
    socket.once('close', () => reject(new Error('closed before the response headers')));
  });
  return { head, closed };
}

/** An HTTP/2 stream whose response headers have arrived; `closed` settles when the session ends. */
async function hangingHttp2(port: number): Promise<{ status: number; closed: Promise<void> }> {
  const session = http2.connect(`https://127.0.0.1:${port}`, {
    ca: world.serverCa.certPem,
    servername: 'api.example.test',
  });
  session.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
  const stream = session.request({ ':path': '/hang', ':authority': 'api.example.test' });
  stream.on('error', () => undefined);
  const status = await new Promise<number>((resolve) =>
    stream.once('response', (headers) => resolve(Number(headers[':status']))),
  );
  return { status, closed };
}

/** A TCP connection that never sends its ClientHello. */
async function silentTcp(port: number): Promise<{ closed: Promise<void> }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { closed };
}

describe('close()', () => {
  it('ends hung origin requests, HTTP/2 sessions and silent connections after the grace period', async () => {
    const { edge, port } = await startEdge(300);
    const h1 = await hangingHttp1(port);
    expect(statusOf(h1.head)).toBe(200);
    const h2 = await hangingHttp2(port);
    expect(h2.status).toBe(200);
    const silent = await silentTcp(port);

    // The origin never finishes these responses: only the grace deadline can end them.
    expect(await settlesBefore(edge.close(), 15_000)).toBe('settled');
    expect(await settlesBefore(Promise.all([h1.closed, h2.closed, silent.closed]), 5_000)).toBe('settled');

    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('lets a request in flight finish when it fits in the grace period', async () => {
    const { edge, port } = await startEdge(8_000);
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      ALPNProtocols: ['http/1.1'],
    });
    socket.on('error', () => undefined);
    let text = '';
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // /late sends its first part at once and the rest 1.5 s later; close() starts in between.
    await new Promise<void>((resolve) => {
      socket.once('secureConnect', () =>
        socket.write('GET /late HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n'),
      );
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('first part;')) resolve();
      });
    });
    const closing = edge.close();
    await ended;
    expect(statusOf(text)).toBe(200);
    expect(text).toMatch(/first part;\r\n9\r\nlast part\r\n0\r\n\r\n$/);
    expect(await settlesBefore(closing, 15_000)).toBe('settled');
  });

  it('is safe to call twice and before start', async () => {
    const idle = createEdge({
      listen: { host: '127.0.0.1', port: 0 },
      source: staticSource(buildConfig(world, { originUrl: origin.url, managedCaSki })),
      logger: quietLogger(),
    });
    await idle.close();
    const { edge } = await startEdge(100);
    await Promise.all([edge.close(), edge.close()]);
    expect(edge.health().status).toBe('stopped');
  });
});
