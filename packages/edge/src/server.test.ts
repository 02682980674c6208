// HTTP/1.1 connections before their first request: idle like a keep-alive connection (kept for
// keepAliveTimeoutMs, closed at shutdown), not subject to the headers timeout until bytes arrive.
import { once } from 'node:events';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, staticSource, type Edge } from './index.js';
import { statusOf } from '../test/support/clients.js';
import { TestPki, type CertKey } from '../test/support/openssl-pki.js';
import { startOrigin, type OriginProcess } from '../test/support/origin.js';
import { quietLogger } from '../test/support/wait.js';

let pki: TestPki;
let serverCa: CertKey;
let origin: OriginProcess;
let edge: Edge;
let port: number;

beforeAll(async () => {
  pki = new TestPki();
  serverCa = pki.rootCa('server-ca');
  const serverCert = pki.server('server', serverCa, ['h.example.test']);
  origin = await startOrigin();
  edge = createEdge({
    listen: { host: '127.0.0.1', port: 0 },
    source: staticSource({
      version: 1,
      hosts: [
        {
          hostname: 'h.example.test',
          zoneId: 'z',
          mtlsMode: 'off',
          certificatePem: serverCert.certPem,
          privateKeyPem: serverCert.keyPem,
          trustedCas: [],
          originUrl: origin.url,
        },
      ],
      zones: [{ id: 'z', name: 'z', rules: [] }],
      revokedSerials: {},
    }),
    logger: quietLogger(),
    limits: { headersTimeoutMs: 300, keepAliveTimeoutMs: 1500, shutdownGraceMs: 5000 },
  });
  await edge.start();
  port = edge.address().port;
});

afterAll(async () => {
  await edge?.close();
  await origin?.stop();
  pki?.dispose();
});

async function connect(): Promise<tls.TLSSocket> {
  const socket = tls.connect({
    host: '127.0.0.1',
    port,
    servername: 'h.example.test',
    ca: serverCa.certPem,
    ALPNProtocols: ['http/1.1'],
  });
  await once(socket, 'secureConnect');
  return socket;
}

function request(socket: tls.TLSSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = /content-length: *(\d+)/i.exec(text.slice(0, end));
      const complete = length ? text.length >= end + 4 + Number(length[1]) : text.endsWith('0\r\n\r\n');
      if (complete) {
        socket.removeListener('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write('GET /x HTTP/1.1\r\nHost: h.example.test\r\n\r\n');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HTTP/1.1 connections before their first request', () => {
  it('serves a first request sent after the headers timeout, then keeps the connection', async () => {
    const socket = await connect();
    try {
      await sleep(800);
      expect(socket.destroyed).toBe(false);
      expect(statusOf(await request(socket))).toBe(200);
      expect(statusOf(await request(socket))).toBe(200);
    } finally {
      socket.destroy();
    }
  });

  it('closes a connection that never sends a request after the keep-alive timeout', async () => {
    const started = Date.now();
    const socket = await connect();
    socket.resume();
    await once(socket, 'close');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    expect(elapsed).toBeLessThan(5000);
  });

  it('does not hold shutdown for a connection that never sent a request', async () => {
    const socket = await connect();
    socket.resume();
    await sleep(100); // the server has finished its side of the handshake
    const closed = once(socket, 'close');
    const started = Date.now();
    await edge.close();
    await closed;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
