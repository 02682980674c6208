// The edge end to end in one process: real TLS on 127.0.0.1, real client certificates from
// openssl, a real origin process, and real clients (undici, node:https, raw TLS, curl).
import { certificateInfo, parseCrl } from '@portcullis/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, staticSource, type Edge, type EdgeConfig } from '../src/index.js';
import type { SecurityEvent } from '@portcullis/model';
import { buildConfig, createWorld, type World } from './support/fixture.js';
import { curl, keepAliveClient, rawTls, statusOf, undiciRequest } from './support/clients.js';
import { echoHeader, startOrigin, type Echo, type OriginProcess } from './support/origin.js';
import { quietLogger, waitFor } from './support/wait.js';

let world: World;
let origin: OriginProcess;
let edge: Edge;
let port: number;
let source: ReturnType<typeof staticSource>;
let managedCaSki: string;
const events: SecurityEvent[] = [];

function config(patch: { revokedSerials?: Record<string, string[]>; version?: number } = {}): EdgeConfig {
  return buildConfig(world, { originUrl: origin.url, managedCaSki, ...patch });
}

async function swap(next: EdgeConfig): Promise<void> {
  source.set(next);
  await waitFor(() => edge.snapshot()?.version === next.version, 'snapshot swap');
}

beforeAll(async () => {
  world = createWorld();
  origin = await startOrigin();
  managedCaSki = certificateInfo(world.managedCa.certPem).skiHex.toUpperCase();
  source = staticSource(config());
  edge = createEdge({
    listen: { host: '127.0.0.1', port: 0 },
    source,
    logger: quietLogger(),
    onSecurityEvent: (e) => events.push(e),
  });
  await edge.start();
  port = edge.address().port;
});

afterAll(async () => {
  await edge?.close();
  await origin?.stop();
  world?.pki.dispose();
});

const ca = (): string => world.serverCa.certPem;

describe('the seed rule on /admin (optional mode, rules decide)', () => {
  it('passes a valid managed-CA certificate to the origin', async () => {
    const res = await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.valid });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.url).toBe('/admin');
    expect(res.headers['x-origin']).toBe('yes');
  });

  it.each([
    ['no certificate', undefined],
    ['an untrusted CA', 'untrusted'],
    ['an expired certificate', 'expired'],
    ['a not-yet-valid certificate', 'notYetValid'],
    ['a self-signed certificate', 'selfSigned'],
    ['a CA:TRUE leaf', 'leafCa'],
    ['an RSA-1024 key', 'rsa1024'],
    ['a serverAuth-only certificate', 'serverAuthOnly'],
  ] as const)('blocks %s with 403 and never reaches the origin', async (_label, which) => {
    const cert = which ? world.certs[which] : undefined;
    const res = await undiciRequest(port, '/admin', { ca: ca(), ...(cert ? { cert } : {}) });
    expect(res.status).toBe(403);
    expect(res.body).toContain('blocked');
    expect(res.headers['x-origin']).toBeUndefined();
  });

  it('blocks a certificate from a CA that copies the trusted CA name (issuer spoof)', async () => {
    const spoofCa = world.pki.rootCa('spoof-ca', 'ec', 'managed-ca'); // same subject DN, another key
    const spoofed = world.pki.client('spoofed', spoofCa);
    const res = await undiciRequest(port, '/admin', { ca: ca(), cert: spoofed });
    expect(res.status).toBe(403);
  });

  it('lets the same clients through on other paths (Cloudflare semantics: the handshake completes)', async () => {
    for (const cert of [undefined, world.certs.untrusted, world.certs.expired, world.certs.selfSigned]) {
      const res = await undiciRequest(port, '/public', { ca: ca(), ...(cert ? { cert } : {}) });
      expect(res.status).toBe(200);
    }
  });

  it('blocks a revoked certificate (verified stays true, revoked true) and records a security event', async () => {
    await swap(config({ version: 2, revokedSerials: { 'ca-managed': [world.certs.toRevoke.serialHex] } }));
    const before = events.length;
    const res = await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.toRevoke });
    expect(res.status).toBe(403);
    const event = events.slice(before).find((e) => e.rule_id === 'rule-seed');
    expect(event).toBeDefined();
    expect(event!.client_auth).toMatchObject({
      cert_presented: true,
      cert_verified: true,
      cert_revoked: true,
      cert_serial: world.certs.toRevoke.serialHex,
    });
    expect(event!.client_auth.cert_issuer_ski).toBe(managedCaSki);
    expect(event!.action).toBe('block');
    expect(event!.path).toBe('/admin');
    // The other certificate of the same CA still passes.
    expect((await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.valid })).status).toBe(200);
    await swap(config({ version: 3 }));
  });

  it('answers a custom block response and keeps going after log rules', async () => {
    const teapot = await undiciRequest(port, '/teapot', { ca: ca() });
    expect(teapot.status).toBe(418);
    expect(teapot.headers['content-type']).toBe('application/json');
    expect(teapot.body).toBe('{"blocked":"teapot"}');
    const before = events.length;
    const logged = await undiciRequest(port, '/logged', { ca: ca() });
    expect(logged.status).toBe(200);
    expect(events.slice(before).map((e) => [e.rule_id, e.action])).toEqual([['rule-log', 'log']]);
    expect((await undiciRequest(port, '/open', { ca: ca() })).status).toBe(200); // disabled rule
  });
});

describe('URL normalisation before rules (and the same path to the origin)', () => {
  it.each([
    '/./admin',
    '//admin',
    '/%61dmin',
    '/x/../admin',
    '/%2e/admin',
    '/%2E%2E/admin',
    '\\admin',
    '/admin?x=1',
    '///admin/./',
  ])('blocks %s without a certificate', async (target) => {
    const res = await rawTls(
      port,
      `GET ${target} HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n`,
      { servername: 'api.example.test', ca: ca() },
    );
    const status = statusOf(res.text);
    if (target === '///admin/./')
      expect(status).toBe(200); // '/admin/' is another path, as on Cloudflare
    else if (target === '\\admin')
      expect([400, 403]).toContain(status); // Node's parser may refuse it first
    else expect(status).toBe(403);
  });

  it('blocks an absolute-form target and uses its authority as the host', async () => {
    const res = await rawTls(
      port,
      'GET https://api.example.test/admin HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n',
      { servername: 'api.example.test', ca: ca() },
    );
    expect(statusOf(res.text)).toBe(403);
    const upper = await rawTls(
      port,
      'GET https://API.EXAMPLE.TEST./%61dmin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      { servername: 'api.example.test', ca: ca() },
    );
    expect(statusOf(upper.text)).toBe(403);
  });

  it('forwards the normalised path to the origin', async () => {
    const res = await rawTls(
      port,
      'GET /a//b/./c/../%7Euser/%2F?q=%41 HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n',
      { servername: 'api.example.test', ca: ca() },
    );
    expect(statusOf(res.text)).toBe(200);
    expect(res.text).toContain('"url":"/a/b/~user/%2F?q=%41"');
  });

  it('refuses a bad percent-encoding with 400', async () => {
    const res = await rawTls(
      port,
      'GET /%zz HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n',
      { servername: 'api.example.test', ca: ca() },
    );
    expect(statusOf(res.text)).toBe(400);
  });
});

describe('host checks (THREATS T2, T3)', () => {
  it('answers 421 when Host names another host than the SNI, including case, port and trailing-dot variants', async () => {
    for (const hostHeader of [
      'api.example.test',
      'API.Example.Test',
      'api.example.test.',
      'api.example.test:443',
    ]) {
      const res = await rawTls(
        port,
        `GET /admin HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`,
        { servername: 'open.example.test', ca: ca() },
      );
      expect(statusOf(res.text)).toBe(421);
    }
    const ok = await rawTls(
      port,
      'GET /x HTTP/1.1\r\nHost: OPEN.example.test.:8443\r\nConnection: close\r\n\r\n',
      { servername: 'open.example.test', ca: ca() },
    );
    expect(statusOf(ok.text)).toBe(200);
  });

  it('normalises an upper-case SNI the same way as the Host header', async () => {
    const res = await rawTls(
      port,
      'GET /admin HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n',
      {
        servername: 'API.Example.TEST',
        ca: ca(),
        cert: world.certs.valid,
      },
    );
    expect(statusOf(res.text)).toBe(200);
  });

  it('answers 421 for an absolute-form target naming another host', async () => {
    const res = await rawTls(
      port,
      'GET https://api.example.test/admin HTTP/1.1\r\nHost: open.example.test\r\nConnection: close\r\n\r\n',
      { servername: 'open.example.test', ca: ca() },
    );
    expect(statusOf(res.text)).toBe(421);
  });

  it('checks every request of a keep-alive connection', async () => {
    const res = await rawTls(
      port,
      'GET /x HTTP/1.1\r\nHost: open.example.test\r\n\r\nGET /admin HTTP/1.1\r\nHost: api.example.test\r\nConnection: close\r\n\r\n',
      { servername: 'open.example.test', ca: ca() },
    );
    const statuses = [...res.text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 421]);
  });

  it('refuses an unknown SNI and a missing SNI at the TLS layer', async () => {
    await expect(undiciRequest(port, '/', { ca: ca(), servername: 'unknown.example.test' })).rejects.toThrow(
      /unrecognized name|alert/i,
    );
    await expect(
      rawTls(port, 'GET / HTTP/1.1\r\nHost: api.example.test\r\n\r\n', { ca: ca() }),
    ).rejects.toThrow(/unrecognized name|alert|hostname|altnames/i);
  });

  it('answers a plain HTTP request on the TLS port with 400', async () => {
    const net = await import('node:net');
    const text = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () =>
        s.write('GET / HTTP/1.1\r\nHost: api.example.test\r\n\r\n'),
      );
      let t = '';
      s.on('data', (d) => (t += d.toString()));
      s.on('close', () => resolve(t));
      s.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
  });
});

describe('forwarded client-certificate headers (THREATS T4, T5)', () => {
  const spoofed = {
    'cf-cert-verified': 'true',
    'cf-cert-presented': 'true',
    'CF-Cert-Serial': 'DEADBEEF',
    'client-cert': ':AAAA:',
    'client-cert-chain': ':AAAA:',
    'x-forwarded-client-cert': 'Hash=abc',
    x_ssl_client_verify: 'SUCCESS',
    'x-ssl-client-verify': 'SUCCESS',
    'cf-connecting-ip': '10.0.0.1',
    'x-forwarded-proto': 'http',
    'x-forwarded-for': '192.0.2.1',
  };

  it('sends the verified certificate facts and never the client copies', async () => {
    const res = await undiciRequest(port, '/echo', { ca: ca(), cert: world.certs.valid, headers: spoofed });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    const info = certificateInfo(world.certs.valid.certPem);
    expect(echoHeader(echo, 'cf-cert-verified')).toEqual(['true']);
    expect(echoHeader(echo, 'cf-cert-presented')).toEqual(['true']);
    expect(echoHeader(echo, 'cf-cert-revoked')).toEqual(['false']);
    expect(echoHeader(echo, 'cf-cert-serial')).toEqual([world.certs.valid.serialHex]);
    expect(echoHeader(echo, 'cf-cert-fingerprint-sha256')).toEqual([info.fingerprintSha256]);
    expect(echoHeader(echo, 'cf-cert-issuer-ski')).toEqual([managedCaSki]);
    expect(echoHeader(echo, 'cf-cert-subject-dn')[0]).toContain('CN=valid');
    const der = Buffer.from(world.certs.valid.certPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(echoHeader(echo, 'client-cert')).toEqual([`:${der.toString('base64')}:`]);
    expect(echoHeader(echo, 'client-cert-chain')).toEqual([]);
    expect(echoHeader(echo, 'x-forwarded-client-cert')).toEqual([]);
    expect(echoHeader(echo, 'x_ssl_client_verify')).toEqual([]);
    expect(echoHeader(echo, 'x-ssl-client-verify')).toEqual([]);
    expect(echoHeader(echo, 'cf-connecting-ip')).toEqual(['127.0.0.1']);
    expect(echoHeader(echo, 'x-forwarded-proto')).toEqual(['https']);
    expect(echoHeader(echo, 'x-forwarded-for')).toEqual(['192.0.2.1, 127.0.0.1']);
    expect(echoHeader(echo, 'host')).toEqual(['api.example.test']);
  });

  it('forwards verified=false and no Client-Cert without a certificate, spoofed or not', async () => {
    const res = await undiciRequest(port, '/echo', { ca: ca(), headers: spoofed });
    const echo = JSON.parse(res.body) as Echo;
    expect(echoHeader(echo, 'cf-cert-verified')).toEqual(['false']);
    expect(echoHeader(echo, 'cf-cert-presented')).toEqual(['false']);
    expect(echoHeader(echo, 'cf-cert-serial')).toEqual(['']);
    expect(echoHeader(echo, 'client-cert')).toEqual([]);
    expect(echoHeader(echo, 'client-cert-chain')).toEqual([]);
  });

  it('strips the spoofed headers on hosts that do not forward certificates too', async () => {
    const res = await undiciRequest(port, '/echo', {
      ca: ca(),
      servername: 'open.example.test',
      headers: spoofed,
    });
    const echo = JSON.parse(res.body) as Echo;
    for (const name of [
      'cf-cert-verified',
      'cf-cert-presented',
      'cf-cert-serial',
      'client-cert',
      'client-cert-chain',
      'x-forwarded-client-cert',
      'x_ssl_client_verify',
    ]) {
      expect(echoHeader(echo, name)).toEqual([]);
    }
  });

  it('escapes CR/LF from a certificate DN instead of injecting a header', async () => {
    const res = await undiciRequest(port, '/echo', { ca: ca(), cert: world.certs.crlfSubject });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    expect(echoHeader(echo, 'injected')).toEqual([]);
    const dn = echoHeader(echo, 'cf-cert-subject-dn')[0]!;
    expect(dn).not.toMatch(/[\r\n]/);
    expect(dn).toContain('injected');
  });
});

describe('revocation on an open keep-alive connection', () => {
  it('blocks the next request of the same connection after a snapshot change', async () => {
    const client = keepAliveClient(port, { ca: ca(), cert: world.certs.valid2 });
    try {
      const first = await client.get('/admin');
      expect(first.status).toBe(200);
      await swap(
        config({
          version: 10,
          revokedSerials: { 'ca-managed': [world.certs.valid2.serialHex.replace(/^0+/, '')] },
        }),
      );
      const second = await client.get('/admin');
      expect(second.reused).toBe(true);
      expect(second.status).toBe(403);
      await swap(config({ version: 11 }));
      const third = await client.get('/admin');
      expect(third.reused).toBe(true);
      expect(third.status).toBe(200);
    } finally {
      client.close();
    }
  });
});

describe('trust changes on open connections (THREATS T13)', () => {
  it('answers 421 and closes a connection whose host changed its trusted CAs since the handshake', async () => {
    const client = keepAliveClient(port, {
      ca: ca(),
      cert: world.certs.valid,
      servername: 'pinned.example.test',
    });
    try {
      expect((await client.get('/')).status).toBe(200);
      const base = config({ version: 40 });
      await swap({
        ...base,
        hosts: base.hosts.map((h) =>
          h.hostname === 'pinned.example.test' ? { ...h, trustedCas: h.trustedCas.slice(1) } : h,
        ),
      });
      const stale = await client.get('/');
      expect(stale.reused).toBe(true);
      expect(stale.status).toBe(421);
      expect(stale.headers['connection']).toBe('close');
      // The client reconnects under the new policy: the managed CA is no longer trusted there.
      const fresh = await client.get('/');
      expect(fresh.reused).toBe(false);
      expect(fresh.status).toBe(403);
    } finally {
      client.close();
      await swap(config({ version: 41 }));
    }
  });
});

describe('HTTP/2 and trust changes', () => {
  it('answers 421 on the open session and sends GOAWAY', async () => {
    const http2 = await import('node:http2');
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      ca: ca(),
      servername: 'pinned.example.test',
      cert: world.certs.valid.certPem,
      key: world.certs.valid.keyPem,
    });
    const get = (): Promise<number> =>
      new Promise((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': 'pinned.example.test' });
        stream.on('response', (h) => resolve(Number(h[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
    const goaway = new Promise<void>((resolve) => session.once('goaway', () => resolve()));
    try {
      expect(await get()).toBe(200);
      const base = config({ version: 50 });
      await swap({
        ...base,
        hosts: base.hosts.map((h) =>
          h.hostname === 'pinned.example.test' ? { ...h, mtlsMode: 'off' as const } : h,
        ),
      });
      expect(await get()).toBe(421);
      await goaway;
    } finally {
      session.destroy();
      await swap(config({ version: 51 }));
    }
  });
});

describe('uploaded (BYO) CA with a CRL', () => {
  it('trusts the uploaded CA and blocks the serials of its CRL', async () => {
    const crlPem = world.pki.revokeAndCrl(world.byoCa, [world.certs.byoRevoked]);
    const crl = parseCrl(crlPem, world.byoCa.certPem);
    expect(crl.verified).toBe(true);
    await swap(config({ version: 20, revokedSerials: { 'ca-byo': [...crl.revokedSerials] } }));
    expect((await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.byo })).status).toBe(200);
    expect((await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.byoRevoked })).status).toBe(
      403,
    );
    expect((await undiciRequest(port, '/admin', { ca: ca(), cert: world.certs.valid })).status).toBe(200);
    await swap(config({ version: 21 }));
  });
});

describe('issuer pinning by SKI (THREATS T8)', () => {
  it('accepts only certificates of the pinned CA', async () => {
    const opts = { ca: ca(), servername: 'pinned.example.test' };
    expect((await undiciRequest(port, '/', { ...opts, cert: world.certs.valid })).status).toBe(200);
    expect((await undiciRequest(port, '/', { ...opts, cert: world.certs.byo })).status).toBe(403);
    expect((await undiciRequest(port, '/', { ...opts, cert: world.certs.untrusted })).status).toBe(403);
    expect((await undiciRequest(port, '/', opts)).status).toBe(403);
  });
});

describe("'required' mode", () => {
  const opts = () => ({ ca: ca(), servername: 'strict.example.test' });

  it('passes a valid certificate', async () => {
    expect((await undiciRequest(port, '/admin', { ...opts(), cert: world.certs.valid })).status).toBe(200);
  });

  it.each([
    ['no certificate', undefined],
    ['an untrusted certificate', 'untrusted'],
    ['a CA:TRUE leaf', 'leafCa'],
    ['an expired certificate', 'expired'],
  ] as const)('refuses %s without reaching a rule or the origin', async (_label, which) => {
    const cert = which ? world.certs[which] : undefined;
    await expect(undiciRequest(port, '/', { ...opts(), ...(cert ? { cert } : {}) })).rejects.toThrow();
  });

  it('refuses a revoked certificate and records the refusal as a security event', async () => {
    await swap(config({ version: 30, revokedSerials: { 'ca-managed': [world.certs.toRevoke.serialHex] } }));
    const before = events.length;
    await expect(undiciRequest(port, '/', { ...opts(), cert: world.certs.toRevoke })).rejects.toThrow();
    await waitFor(() => events.length > before, 'security event');
    expect(events.slice(before)[0]).toMatchObject({
      action: 'handshake_refused',
      rule_id: null,
      host: 'strict.example.test',
      count: 1,
      client_auth: {
        cert_presented: true,
        cert_verified: true,
        cert_revoked: true,
        cert_serial: world.certs.toRevoke.serialHex,
      },
    });
    await swap(config({ version: 31 }));
  });
});

describe('origin failures', () => {
  it('answers 502 with a clear body when the origin is down', async () => {
    const res = await undiciRequest(port, '/', { ca: ca(), servername: 'down.example.test' });
    expect(res.status).toBe(502);
    expect(res.body).toContain('origin unreachable');
  });

  it('streams request and response bodies both ways', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    const res = await undiciRequest(port, '/upload', {
      ca: ca(),
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.size).toBe(body.length);
    const streamed = await undiciRequest(port, '/stream', { ca: ca() });
    expect(streamed.body.length).toBe(64 * 16 * 1024);
    expect(streamed.headers['x-hop']).toBeUndefined();
  });
});

describe('responses whose body is late', () => {
  it('relays the response headers at once (server-sent events, long polls), over HTTP/1.1 and HTTP/2', async () => {
    const tls = await import('node:tls');
    const head = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port, servername: 'api.example.test', ca: ca(), ALPNProtocols: ['http/1.1'] },
        () => socket.write('GET /hang HTTP/1.1\r\nHost: api.example.test\r\n\r\n'),
      );
      socket.once('data', (chunk: Buffer) => {
        resolve(chunk.toString('latin1'));
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(statusOf(head)).toBe(200);
    expect(head.toLowerCase()).toContain('content-type: text/plain');
    const http2 = await import('node:http2');
    const session = http2.connect(`https://127.0.0.1:${port}`, { ca: ca(), servername: 'api.example.test' });
    const status = await new Promise<number>((resolve) => {
      const stream = session.request({ ':path': '/hang', ':authority': 'api.example.test' });
      stream.once('response', (headers) => {
        resolve(Number(headers[':status']));
        stream.close(http2.constants.NGHTTP2_CANCEL);
      });
      stream.on('error', () => undefined);
    });
    session.destroy();
    expect(status).toBe(200);
  });
});

describe('clients that go away', () => {
  it('survives a client closing mid-response (HTTP/1.1) and a stream reset (HTTP/2)', async () => {
    const tls = await import('node:tls');
    await new Promise<void>((resolve, reject) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port, servername: 'api.example.test', ca: ca(), ALPNProtocols: ['http/1.1'] },
        () => socket.write('GET /stream HTTP/1.1\r\nHost: api.example.test\r\n\r\n'),
      );
      socket.once('data', () => socket.destroy());
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const http2 = await import('node:http2');
    const session = http2.connect(`https://127.0.0.1:${port}`, { ca: ca(), servername: 'api.example.test' });
    await new Promise<void>((resolve) => {
      const stream = session.request({ ':path': '/stream', ':authority': 'api.example.test' });
      stream.once('data', () => stream.close(http2.constants.NGHTTP2_CANCEL));
      stream.on('close', () => resolve());
      stream.on('error', () => undefined);
    });
    session.close();
    expect((await undiciRequest(port, '/after', { ca: ca() })).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('forwards a chunked HTTP/1.1 upload without a Content-Length', async () => {
    const { Readable } = await import('node:stream');
    const parts = [Buffer.alloc(100_000, 1), Buffer.alloc(50_000, 2)];
    const res = await undiciRequest(port, '/chunked', {
      ca: ca(),
      method: 'POST',
      body: Readable.from(parts),
    });
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.size).toBe(150_000);
    expect(echoHeader(echo, 'transfer-encoding')).toEqual(['chunked']);
  });
});

describe('HTTP/2', () => {
  it('applies rules and the host check per stream', async () => {
    const http2 = await import('node:http2');
    const session = http2.connect(`https://127.0.0.1:${port}`, {
      ca: ca(),
      servername: 'api.example.test',
      cert: world.certs.valid.certPem,
      key: world.certs.valid.keyPem,
    });
    const get = (path: string, authority: string): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const stream = session.request({ ':path': path, ':authority': authority });
        let status = 0;
        let body = '';
        stream.on('response', (h) => (status = Number(h[':status'])));
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => (body += d));
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
      });
    try {
      const ok = await get('/admin', 'api.example.test');
      expect(ok.status).toBe(200);
      expect((JSON.parse(ok.body) as Echo).url).toBe('/admin');
      expect((await get('//%61dmin', 'api.example.test')).status).toBe(200);
      const post = await new Promise<Echo>((resolve, reject) => {
        const stream = session.request({
          ':path': '/upload',
          ':method': 'POST',
          ':authority': 'api.example.test',
        });
        let body = '';
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => (body += d));
        stream.on('end', () => resolve(JSON.parse(body) as Echo));
        stream.on('error', reject);
        stream.end(Buffer.alloc(70_000, 3));
      });
      expect(post.size).toBe(70_000);
      expect(post.method).toBe('POST');
      // Coalescing: the server certificate also covers open.example.test, but this connection's SNI is api.
      expect((await get('/x', 'open.example.test')).status).toBe(421);
    } finally {
      session.close();
    }
  });

  it('blocks over HTTP/2 with curl (no certificate) and passes with one', async () => {
    const base = [
      '--http2',
      '--cacert',
      world.serverCa.certPath,
      '--resolve',
      `api.example.test:${port}:127.0.0.1`,
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{http_version}',
    ];
    const blocked = await curl([...base, `https://api.example.test:${port}/%61dmin`]);
    expect(blocked.stdout).toBe('403 2');
    const passed = await curl([
      ...base,
      '--cert',
      world.certs.valid.certPath,
      '--key',
      world.certs.valid.keyPath,
      `https://api.example.test:${port}/admin`,
    ]);
    expect(passed.stdout).toBe('200 2');
  });
});

describe('metrics and health', () => {
  it('counts requests by host, action and certificate status', async () => {
    const text = await edge.metrics();
    expect(text).toMatch(
      /portcullis_edge_requests_total\{host="api.example.test",action="block",cert_status="none"\} \d+/,
    );
    expect(text).toMatch(
      /portcullis_edge_requests_total\{host="api.example.test",action="pass",cert_status="verified"\} \d+/,
    );
    expect(text).toMatch(/portcullis_edge_tls_handshakes_total\{host="api.example.test",result="ok"\} \d+/);
    expect(text).toContain('portcullis_edge_request_duration_seconds_bucket');
    expect(edge.metricsContentType).toContain('text/plain');
    const health = edge.health();
    expect(health).toMatchObject({ status: 'ok', ready: true, hosts: 5 });
  });

  it('keeps serving the last snapshot when a new config is invalid', async () => {
    const good = edge.snapshot()!.version;
    source.set({
      ...config({ version: 99 }),
      hosts: [{ ...config().hosts[0]!, mtlsMode: 'sometimes' as never }],
    });
    await waitFor(() => edge.health().lastReloadError !== null, 'reload error');
    expect(edge.snapshot()!.version).toBe(good);
    expect(edge.health().status).toBe('degraded');
    expect((await undiciRequest(port, '/admin', { ca: ca() })).status).toBe(403);
    await swap(config({ version: 100 }));
    expect(edge.health().status).toBe('ok');
  });
});
