// Limits and failure paths: smuggling-shaped requests, oversized headers, slow clients, handshake
// timeouts, origin timeouts and origin TLS verification, chains through intermediates and the
// verify-depth cap, and a default host for clients without SNI.
import { once } from 'node:events';
import https from 'node:https';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, staticSource, type Edge, type EdgeConfig, type EdgeHost } from '../src/index.js';
import { rawTls, statusOf, undiciRequest } from './support/clients.js';
import { TestPki, type CertKey } from './support/openssl-pki.js';
import { echoHeader, startOrigin, type Echo, type OriginProcess } from './support/origin.js';
import { quietLogger, waitFor } from './support/wait.js';

let pki: TestPki;
let serverCa: CertKey;
let serverCert: CertKey;
let root: CertKey;
let chainLeaf: CertKey;
let chainPem: string;
let deepLeaf: CertKey;
let deepChainPem: string;
let intermediate: CertKey;
let origin: OriginProcess;
let tlsOrigin: https.Server;
let tlsOriginPort: number;
let edge: Edge;
let port: number;

function host(hostname: string, patch: Partial<EdgeHost>): EdgeHost {
  return {
    hostname,
    zoneId: 'z',
    mtlsMode: 'optional',
    certificatePem: serverCert.certPem,
    privateKeyPem: serverCert.keyPem,
    trustedCas: [{ id: 'root', certificatePem: root.certPem }],
    originUrl: origin.url,
    forwardClientCertificate: true,
    ...patch,
  };
}

beforeAll(async () => {
  pki = new TestPki();
  serverCa = pki.rootCa('server-ca');
  serverCert = pki.server('server', serverCa, [
    'h.example.test',
    'tls-origin.example.test',
    'bad-origin.example.test',
    'slow.example.test',
    'empty.example.test',
    'localhost',
  ]);
  root = pki.rootCa('root');
  intermediate = pki.intermediateCa('intermediate', root);
  chainLeaf = pki.client('chain-leaf', intermediate);
  chainPem = chainLeaf.certPem + intermediate.certPem;
  let issuer = root;
  const chain: CertKey[] = [];
  for (let i = 0; i < 7; i++) {
    issuer = pki.intermediateCa(`deep-${i}`, issuer);
    chain.unshift(issuer);
  }
  deepLeaf = pki.client('deep-leaf', issuer);
  deepChainPem = deepLeaf.certPem + chain.map((c) => c.certPem).join('');
  origin = await startOrigin();
  tlsOrigin = https.createServer({ cert: serverCert.certPem, key: serverCert.keyPem }, (req, res) =>
    res.end(`tls origin ${req.url ?? ''}`),
  );
  tlsOrigin.listen(0, '127.0.0.1');
  await once(tlsOrigin, 'listening');
  tlsOriginPort = (tlsOrigin.address() as net.AddressInfo).port;
  const config: EdgeConfig = {
    version: 1,
    hosts: [
      host('h.example.test', {}),
      host('tls-origin.example.test', {
        mtlsMode: 'off',
        originUrl: `https://localhost:${tlsOriginPort}`,
        originCaPem: serverCa.certPem,
      }),
      host('bad-origin.example.test', { mtlsMode: 'off', originUrl: `https://localhost:${tlsOriginPort}` }),
      host('slow.example.test', { mtlsMode: 'off' }),
      host('empty.example.test', { trustedCas: [] }),
    ],
    zones: [
      {
        id: 'z',
        name: 'z',
        rules: [
          {
            id: 'r',
            expression: 'not cf.tls_client_auth.cert_verified and http.request.uri.path eq "/admin"',
            action: 'block',
          },
        ],
      },
    ],
    revokedSerials: {},
    defaultHost: 'h.example.test',
  };
  edge = createEdge({
    listen: { host: '127.0.0.1', port: 0 },
    source: staticSource(config),
    logger: quietLogger(),
    limits: {
      handshakeTimeoutMs: 400,
      headersTimeoutMs: 400,
      originHeadersTimeoutMs: 400,
      maxHeaderBytes: 8192,
      maxConnectionsPerIp: 24,
    },
  });
  await edge.start();
  port = edge.address().port;
});

afterAll(async () => {
  await edge?.close();
  await origin?.stop();
  tlsOrigin?.close();
  pki?.dispose();
});

const ca = (): string => serverCa.certPem;
const tlsOpts = () => ({ servername: 'h.example.test', ca: ca() });

describe('request smuggling and parser limits (THREATS T10, T11)', () => {
  it('refuses Content-Length with Transfer-Encoding and never forwards the inner request', async () => {
    const smuggle =
      'POST /x HTTP/1.1\r\nHost: h.example.test\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\nHost: h.example.test\r\n\r\n';
    const res = await rawTls(port, smuggle, tlsOpts());
    expect(statusOf(res.text)).toBe(400);
    expect(res.text).not.toContain('"url"');
  });

  it.each([
    'Content-Length: 5\r\nContent-Length: 6',
    'Transfer-Encoding: xchunked',
    'Transfer-Encoding : chunked',
  ])('refuses ambiguous framing: %j', async (framing) => {
    const res = await rawTls(
      port,
      `POST /x HTTP/1.1\r\nHost: h.example.test\r\n${framing}\r\n\r\nhello`,
      tlsOpts(),
    );
    expect([400, 501]).toContain(statusOf(res.text));
  });

  it('answers 431 to oversized headers', async () => {
    const res = await rawTls(
      port,
      `GET / HTTP/1.1\r\nHost: h.example.test\r\nX-Big: ${'a'.repeat(16 * 1024)}\r\n\r\n`,
      tlsOpts(),
    );
    expect(statusOf(res.text)).toBe(431);
  });

  it('closes a connection whose headers never finish (408)', async () => {
    const started = Date.now();
    const res = await rawTls(port, 'GET / HTTP/1.1\r\nHost: h.example.test\r\nX-Slow: 1\r\n', tlsOpts());
    expect(statusOf(res.text)).toBe(408);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('closes a connection that never sends a ClientHello', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    await once(socket, 'close');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('caps open connections per client address', async () => {
    const sockets = Array.from({ length: 30 }, () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      return s;
    });
    // 24 are allowed; the others are closed on accept and counted.
    const deadline = Date.now() + 5000;
    let refused = 0;
    while (Date.now() < deadline) {
      const m = /tls_handshakes_total\{host="-",result="refused_ip_limit"\} (\d+)/.exec(await edge.metrics());
      refused = m ? Number(m[1]) : 0;
      if (refused >= 6) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(refused).toBeGreaterThanOrEqual(6);
    for (const s of sockets) s.destroy();
    await waitFor(() => sockets.every((s) => s.closed), 'sockets closed');
    // The edge gives the places back once it has seen the closes.
    while (!/portcullis_edge_open_connections 0\b/.test(await edge.metrics())) {
      if (Date.now() > deadline + 5000) throw new Error('connections not released');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await undiciRequest(port, '/ok', { ...tlsOpts(), host: 'h.example.test' })).status).toBe(200);
  });

  it('refuses a ClientHello dripped one byte at a time', async () => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.resume();
    const header = Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]);
    let i = 0;
    const drip = (): void => {
      if (socket.destroyed) return;
      socket.write(header.subarray(i % header.length, (i % header.length) + 1));
      i++;
      setImmediate(drip);
    };
    socket.once('connect', drip);
    // Not events.once: it rejects on 'error', and a write racing the edge's close fails with
    // EPIPE or ECONNRESET depending on the Node version; only the close matters here.
    await new Promise<void>((resolve) => socket.once('close', () => resolve()));
    expect(i).toBeGreaterThan(9);
    // Refused as too fragmented (result "invalid"), not left to the handshake timeout.
    expect(await edge.metrics()).toMatch(
      /portcullis_edge_tls_handshakes_total\{host="-",result="invalid"\} 1/,
    );
  });

  it('survives garbage, an SSLv2 hello and a truncated record, and keeps serving', async () => {
    for (const bytes of [
      Buffer.from([0x80, 0x2e, 0x01, 0x00, 0x02]),
      Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0xff, 0xff, 0xff, 0xff]),
      Buffer.alloc(100, 0x41),
    ]) {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
      socket.on('error', () => undefined);
      socket.resume();
      await once(socket, 'close');
    }
    expect((await undiciRequest(port, '/ok', { ...tlsOpts(), host: 'h.example.test' })).status).toBe(200);
  });
});

describe('origins', () => {
  it('verifies an https origin against its hostname and the configured CA', async () => {
    const res = await undiciRequest(port, '/p?q=1', { ca: ca(), servername: 'tls-origin.example.test' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('tls origin /p?q=1');
  });

  it('answers 502 when the origin certificate is not trusted', async () => {
    const res = await undiciRequest(port, '/', { ca: ca(), servername: 'bad-origin.example.test' });
    expect(res.status).toBe(502);
    expect(res.body).toContain('origin TLS certificate not trusted');
  });

  it('answers 504 when the origin does not answer in time', async () => {
    const res = await undiciRequest(port, '/slow', { ca: ca(), servername: 'slow.example.test' });
    expect(res.status).toBe(504);
    expect(res.body).toContain('gateway timeout');
  });
});

describe('chains and verify depth (THREATS T6)', () => {
  it('verifies a leaf sent with its intermediate against the root, and forwards the chain (RFC 9440)', async () => {
    const res = await undiciRequest(port, '/admin', {
      ...tlsOpts(),
      cert: { ...chainLeaf, certPem: chainPem },
    });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    expect(echoHeader(echo, 'cf-cert-verified')).toEqual(['true']);
    const interDer = Buffer.from(intermediate.certPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(echoHeader(echo, 'client-cert-chain')).toEqual([`:${interDer.toString('base64')}:`]);
    expect(echoHeader(echo, 'cf-cert-issuer-dn')[0]).toContain('CN=intermediate');
  });

  it('does not verify a leaf whose intermediate is missing', async () => {
    const res = await undiciRequest(port, '/admin', { ...tlsOpts(), cert: chainLeaf });
    expect(res.status).toBe(403);
  });

  it('does not verify a chain deeper than the cap', async () => {
    const res = await undiciRequest(port, '/admin', {
      ...tlsOpts(),
      cert: { ...deepLeaf, certPem: deepChainPem },
    });
    expect(res.status).toBe(403);
  });
});

describe('fail closed (THREATS T9)', () => {
  it('verifies nothing on an mTLS host without trusted CAs (never the system roots)', async () => {
    const res = await undiciRequest(port, '/admin', {
      ca: ca(),
      servername: 'empty.example.test',
      cert: { ...chainLeaf, certPem: chainPem },
    });
    expect(res.status).toBe(403);
    const echo = await undiciRequest(port, '/x', {
      ca: ca(),
      servername: 'empty.example.test',
      cert: { ...chainLeaf, certPem: chainPem },
    });
    expect(echoHeader(JSON.parse(echo.body) as Echo, 'cf-cert-verified')).toEqual(['false']);
    expect(echoHeader(JSON.parse(echo.body) as Echo, 'cf-cert-presented')).toEqual(['true']);
  });
});

describe('default host', () => {
  it('serves a client without SNI on the configured default host', async () => {
    const res = await rawTls(port, 'GET /x HTTP/1.1\r\nHost: h.example.test\r\nConnection: close\r\n\r\n', {
      ca: ca(),
      servername: '',
    });
    expect(statusOf(res.text)).toBe(200);
  });
});
