// THREATS T1: TLS session resumption must never carry one host's client authentication to
// another host, and a resumed session without a certificate must never count as verified
// (Node reports `authorized` for such a TLS 1.3 session).
import { certificateInfo } from '@portcullis/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, staticSource, type Edge } from '../src/index.js';
import { buildConfig, createWorld, type World } from './support/fixture.js';
import { rawTls, statusOf } from './support/clients.js';
import { startOrigin, type OriginProcess } from './support/origin.js';
import { quietLogger, waitFor } from './support/wait.js';

let world: World;
let origin: OriginProcess;
let edge: Edge;
let port: number;
let source: ReturnType<typeof staticSource>;
let managedCaSki: string;

beforeAll(async () => {
  world = createWorld();
  origin = await startOrigin();
  managedCaSki = certificateInfo(world.managedCa.certPem).skiHex.toUpperCase();
  source = staticSource(buildConfig(world, { originUrl: origin.url, managedCaSki }));
  edge = createEdge({ listen: { host: '127.0.0.1', port: 0 }, source, logger: quietLogger() });
  await edge.start();
  port = edge.address().port;
});

afterAll(async () => {
  await edge?.close();
  await origin?.stop();
  world?.pki.dispose();
});

const get = (path: string, host: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

/** A session (TLS 1.3 ticket, or TLS 1.2 ticket/id) from a finished request on `host`. */
async function ticket(host: string, cert?: World['certs']['valid'], tls12 = false): Promise<Buffer> {
  const first = await rawTls(port, get('/', host), {
    servername: host,
    ca: world.serverCa.certPem,
    tls12,
    ...(cert ? { cert } : {}),
  });
  expect(statusOf(first.text)).toBe(200);
  expect(first.session).toBeDefined();
  return first.session!;
}

describe('session resumption (TLS 1.2)', () => {
  it('resumes on the same host but never across hosts', async () => {
    const session = await ticket('open.example.test', undefined, true);
    const same = await rawTls(port, get('/', 'open.example.test'), {
      servername: 'open.example.test',
      ca: world.serverCa.certPem,
      session,
      tls12: true,
    });
    expect(same.reused).toBe(true);
    const cross = await rawTls(port, get('/admin', 'api.example.test'), {
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      session,
      tls12: true,
    });
    expect(cross.reused).toBe(false);
    expect(statusOf(cross.text)).toBe(403);
  });
});

describe('session resumption (TLS 1.3)', () => {
  it('resumes on the same host (tickets work at all)', async () => {
    const session = await ticket('open.example.test');
    const again = await rawTls(port, get('/', 'open.example.test'), {
      servername: 'open.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(again.reused).toBe(true);
    expect(statusOf(again.text)).toBe(200);
  });

  it('does not resume a ticket from an open host on an mTLS host', async () => {
    const session = await ticket('open.example.test');
    const cross = await rawTls(port, get('/admin', 'api.example.test'), {
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(cross.reused).toBe(false);
    expect(statusOf(cross.text)).toBe(403);
  });

  it('does not resume a verified session from one mTLS host on another with different trust', async () => {
    const session = await ticket('api.example.test', world.certs.valid);
    // A resumed session would skip the certificate request; a full handshake asks for one and,
    // in required mode, refuses the connection without it.
    await expect(
      rawTls(port, get('/', 'strict.example.test'), {
        servername: 'strict.example.test',
        ca: world.serverCa.certPem,
        session,
      }),
    ).rejects.toThrow(/certificate required/);
    const pinned = await rawTls(port, get('/', 'pinned.example.test'), {
      servername: 'pinned.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(pinned.reused).toBe(false);
    expect(statusOf(pinned.text)).toBe(403);
  });

  it('never counts a resumed session without a certificate as verified', async () => {
    const session = await ticket('api.example.test');
    const resumed = await rawTls(port, get('/admin', 'api.example.test'), {
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(resumed.reused).toBe(true);
    expect(statusOf(resumed.text)).toBe(403);
  });

  it('keeps the verified identity of a resumed session on the same host, and its revocation', async () => {
    const session = await ticket('api.example.test', world.certs.valid2);
    const resumed = await rawTls(port, get('/admin', 'api.example.test'), {
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(resumed.reused).toBe(true);
    expect(statusOf(resumed.text)).toBe(200);
    const revoked = buildConfig(world, {
      originUrl: origin.url,
      managedCaSki,
      version: 2,
      revokedSerials: { 'ca-managed': [world.certs.valid2.serialHex] },
    });
    source.set(revoked);
    await waitFor(() => edge.snapshot()?.version === 2, 'swap');
    const after = await rawTls(port, get('/admin', 'api.example.test'), {
      servername: 'api.example.test',
      ca: world.serverCa.certPem,
      session,
    });
    expect(after.reused).toBe(true);
    expect(statusOf(after.text)).toBe(403);
  });

  it('does not resume after the host changed its trust store (ticket keys follow the binding)', async () => {
    const session = await ticket('pinned.example.test', world.certs.valid);
    const base = buildConfig(world, { originUrl: origin.url, managedCaSki, version: 3 });
    source.set({
      ...base,
      hosts: base.hosts.map((h) =>
        h.hostname === 'pinned.example.test' ? { ...h, trustedCas: h.trustedCas.slice(1) } : h,
      ),
    });
    await waitFor(() => edge.snapshot()?.version === 3, 'swap');
    const after = await rawTls(port, get('/', 'pinned.example.test'), {
      servername: 'pinned.example.test',
      ca: world.serverCa.certPem,
      session,
      cert: world.certs.valid,
    });
    expect(after.reused).toBe(false);
    // The managed CA is no longer trusted on this host: the certificate no longer verifies.
    expect(statusOf(after.text)).toBe(403);
  });
});
