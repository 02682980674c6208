// `portcullis serve` as a real process: configured only through the API, called with real TLS clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type PortcullisClient } from '@portcullis/client';
import type { ClientCertificate, Hostname, Zone } from '@portcullis/model';
import { buildCrl } from '@portcullis/pki';
import { opensslCaAndLeaf, opensslKeyAndCsr } from './support/openssl.js';
import {
  startEchoOrigin,
  startPortcullis,
  waitFor,
  type Portcullis,
  type RunningProcess,
} from './support/processes.js';
import { edgeRequest, keepAliveAgent, type EdgeRequest } from './support/tls-request.js';

const seedRule =
  '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}';

let portcullis: Portcullis;
let origin: RunningProcess & { url: string };
let api: PortcullisClient;
let zone: Zone;
let host: Hostname;
let edgeCa: string;
let client: { key: string; certificate: ClientCertificate };
let managedSki: string;
let uploaded: ReturnType<typeof opensslCaAndLeaf>;

const send = (options: Omit<EdgeRequest, 'port' | 'ca'> & { ca?: string }) =>
  edgeRequest({ port: portcullis.edgePort, ca: edgeCa, ...options });
const asJson = (body: string) => JSON.parse(body) as { path: string; headers: Record<string, string> };

beforeAll(async () => {
  origin = await startEchoOrigin();
  portcullis = await startPortcullis();
  expect(portcullis.token).not.toBe('');
  api = createClient({ baseUrl: portcullis.adminUrl, token: portcullis.token });
  const account = (await api.accounts.list()).items[0]!;
  zone = await api.zones.create({ name: 'example.test', account: { id: account.id } });
  host = await api.hostnames.create(zone.id, {
    hostname: 'api.example.test',
    origin: origin.url,
    mtls_mode: 'optional',
    forward_client_certificate: true,
  });
  await api.hostnames.create(zone.id, { hostname: 'www.example.test', origin: origin.url, mtls_mode: 'off' });
  await api.hostnameAssociations.add(zone.id, 'api.example.test');
  const ca = await api.zones.managedCa(zone.id);
  managedSki = ca.ski.toUpperCase();

  const { key, csr } = opensslKeyAndCsr('device-1');
  const certificate = (await api.clientCertificates.create(zone.id, {
    csr,
    validity_days: 30,
  })) as ClientCertificate;
  client = { key, certificate };

  // A second, uploaded CA trusted on the same host, to prove issuer pinning.
  uploaded = opensslCaAndLeaf('Partner CA', 'partner-device');
  const mtls = await api.mtlsCertificates.create(account.id, {
    ca: true,
    certificates: uploaded.caCert,
    name: 'partner',
  });
  await api.hostnameAssociations.add(zone.id, 'api.example.test', mtls.id);

  await api.rulesets.putEntrypoint(zone.id, {
    name: 'default',
    rules: [
      { action: 'block', expression: seedRule, description: 'seed' },
      {
        action: 'block',
        expression: `not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq "${managedSki}") and http.request.uri.path eq "/pinned"`,
        description: 'issuer pinning',
      },
    ],
  });
  edgeCa = new TextDecoder().decode(await api.downloadEdgeCa('pem'));
  // Configuration reaches the edge through the change feed: wait until the host answers.
  await waitFor('the edge to serve api.example.test', async () =>
    (await send({ servername: 'api.example.test', path: '/' })).status === 200 ? true : undefined,
  );
}, 120_000);

afterAll(async () => {
  const code = await portcullis?.stop();
  await origin?.stop();
  // A clean shutdown on SIGTERM exits 0.
  expect(code).toBe(0);
});

describe('portcullis serve', () => {
  it('blocks /admin without a client certificate (403) and never contacts the origin', async () => {
    const response = await send({ servername: 'api.example.test', path: '/admin' });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('"path"');
  });

  it('passes /admin with a valid certificate to the origin (200), forwarding the certificate facts', async () => {
    const response = await send({
      servername: 'api.example.test',
      path: '/admin',
      cert: client.certificate.certificate,
      key: client.key,
    });
    expect(response.status).toBe(200);
    const echoed = asJson(response.body);
    expect(echoed.path).toBe('/admin');
    expect(echoed.headers['cf-cert-verified']).toBe('true');
    expect(echoed.headers['cf-cert-presented']).toBe('true');
    expect(echoed.headers['cf-cert-revoked']).toBe('false');
    expect(echoed.headers['cf-cert-issuer-ski']).toBe(managedSki);
    expect(echoed.headers['client-cert']).toMatch(/^:[A-Za-z0-9+/=]+:$/);
  });

  it('blocks a certificate from an untrusted, self-made CA', async () => {
    const stranger = opensslCaAndLeaf('Stranger CA', 'intruder');
    const response = await send({
      servername: 'api.example.test',
      path: '/admin',
      cert: stranger.leafCert,
      key: stranger.leafKey,
    });
    expect(response.status).toBe(403);
  });

  it('pins the issuer: the uploaded CA verifies, but the SKI rule admits only the managed CA', async () => {
    const partner = await send({
      servername: 'api.example.test',
      path: '/admin',
      cert: uploaded.leafCert,
      key: uploaded.leafKey,
    });
    expect(partner.status).toBe(200);
    expect(asJson(partner.body).headers['cf-cert-issuer-ski']).toBe(uploaded.caSki);
    const pinnedPartner = await send({
      servername: 'api.example.test',
      path: '/pinned',
      cert: uploaded.leafCert,
      key: uploaded.leafKey,
    });
    expect(pinnedPartner.status).toBe(403);
    const pinnedOwn = await send({
      servername: 'api.example.test',
      path: '/pinned',
      cert: client.certificate.certificate,
      key: client.key,
    });
    expect(pinnedOwn.status).toBe(200);
  });

  it('strips spoofed certificate headers: they never reach the origin', async () => {
    const spoofed = {
      'cf-cert-verified': 'true',
      'cf-cert-presented': 'true',
      'cf-cert-serial': 'DEADBEEF',
      'client-cert': ':AAAA:',
      'client-cert-chain': ':AAAA:',
      'x-forwarded-client-cert': 'Hash=abc',
    };
    const response = await send({ servername: 'api.example.test', path: '/', headers: spoofed });
    expect(response.status).toBe(200);
    const headers = asJson(response.body).headers;
    // Forwarding is on: the origin sees the edge's own facts (no certificate), never the client's copies.
    expect(headers['cf-cert-verified']).toBe('false');
    expect(headers['cf-cert-presented']).toBe('false');
    expect(headers['cf-cert-serial'] ?? '').toBe('');
    expect(headers['client-cert']).toBeUndefined();
    expect(headers['client-cert-chain']).toBeUndefined();
    expect(headers['x-forwarded-client-cert']).toBeUndefined();

    // On a host without forwarding, nothing of the kind reaches the origin at all.
    const plain = await send({ servername: 'www.example.test', path: '/', headers: spoofed });
    expect(plain.status).toBe(200);
    const plainHeaders = asJson(plain.body).headers;
    for (const name of Object.keys(spoofed)) expect(plainHeaders[name]).toBeUndefined();
  });

  it('refuses a Host that the SNI did not authenticate for (421)', async () => {
    const response = await send({
      servername: 'www.example.test',
      host: 'api.example.test',
      path: '/admin',
      cert: client.certificate.certificate,
      key: client.key,
    });
    expect(response.status).toBe(421);
  });

  it('applies a revocation made through the API to the next request of an open keep-alive connection', async () => {
    const { key, csr } = opensslKeyAndCsr('device-2');
    const cert = (await api.clientCertificates.create(zone.id, {
      csr,
      validity_days: 30,
    })) as ClientCertificate;
    const agent = keepAliveAgent({ ca: edgeCa, cert: cert.certificate, key, servername: 'api.example.test' });
    try {
      const first = await send({
        servername: 'api.example.test',
        path: '/admin',
        cert: cert.certificate,
        key,
        agent,
      });
      expect(first.status).toBe(200);
      const revoked = await api.clientCertificates.revoke(zone.id, cert.id);
      expect(['revoked', 'pending_revocation']).toContain(revoked.status);
      const started = Date.now();
      const blocked = await waitFor(
        'the revocation to reach the edge',
        async () => {
          const next = await send({
            servername: 'api.example.test',
            path: '/admin',
            cert: cert.certificate,
            key,
            agent,
          });
          expect(next.reusedSocket).toBe(true);
          expect(next.localPort).toBe(first.localPort);
          return next.status === 403 ? next : undefined;
        },
        5_000,
      );
      expect(blocked.status).toBe(403);
      // DESIGN.md's target: a revocation blocks within one second.
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('reports health and Prometheus metrics on the admin listener', async () => {
    const health = (await (await fetch(`${portcullis.adminUrl}/healthz`)).json()) as {
      status: string;
      database: string;
    };
    expect(health.status).toBe('ok');
    expect(health.database).toBe('ok');
    const metrics = await fetch(`${portcullis.adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# (HELP|TYPE) /m);
  });

  it('records security events for blocked requests', async () => {
    const events = await waitFor(
      'a security event',
      async () => {
        const page = await api.securityEvents.list(zone.id);
        return page.items.some((event) => event.action === 'block' && event.path === '/admin')
          ? page.items
          : undefined;
      },
      10_000,
    );
    expect(events.find((event) => event.action === 'block')?.host).toBe('api.example.test');
    // Each stored event stands for the identical matches folded into it within a second.
    for (const event of events) expect(event.count).toBeGreaterThanOrEqual(1);
  });

  it("applies an uploaded CA's CRL, and fails closed once the list is past its next update", async () => {
    const account = (await api.accounts.list()).items[0]!;
    const partnerCa = (await api.mtlsCertificates.list(account.id)).find((item) => item.name === 'partner')!;
    const partnerAdmin = async () =>
      (
        await send({
          servername: 'api.example.test',
          path: '/admin',
          cert: uploaded.leafCert,
          key: uploaded.leafKey,
        })
      ).status;
    const crl = async (serials: string[], nextUpdateMs: number) =>
      (
        await buildCrl({
          ca: { certificatePem: uploaded.caCert, privateKeyPem: uploaded.caKey },
          entries: serials.map((serialHex) => ({ serialHex, revokedAt: new Date(Date.now() - 60_000) })),
          crlNumber: Date.now(),
          thisUpdate: new Date(Date.now() - 60_000),
          nextUpdate: new Date(Date.now() + nextUpdateMs),
        })
      ).pem;
    // The partner leaf has serial 4242 (0x1092): listed, it is revoked and the seed rule blocks it.
    await api.mtlsCertificates.putCrl(account.id, partnerCa.id, { crl: await crl(['1092'], 86_400_000) });
    await waitFor(
      'the CRL to block the listed certificate',
      async () => ((await partnerAdmin()) === 403 ? true : undefined),
      10_000,
    );
    // A list without it, valid for a few seconds: admitted, then refused once the list is stale.
    await api.mtlsCertificates.putCrl(account.id, partnerCa.id, { crl: await crl([], 4_000) });
    await waitFor(
      'the fresh CRL to admit the certificate',
      async () => ((await partnerAdmin()) === 200 ? true : undefined),
      10_000,
    );
    await waitFor(
      'the stale CRL to fail closed',
      async () => ((await partnerAdmin()) === 403 ? true : undefined),
      15_000,
    );
    // A fresh list restores it; without any list the CA is trusted as Cloudflare does (no revocation checking).
    await api.mtlsCertificates.putCrl(account.id, partnerCa.id, { crl: await crl([], 86_400_000) });
    await waitFor(
      'a fresh CRL to admit the certificate again',
      async () => ((await partnerAdmin()) === 200 ? true : undefined),
      10_000,
    );
    await api.mtlsCertificates.deleteCrl(account.id, partnerCa.id);
    expect(await partnerAdmin()).toBe(200);
  });

  it('keeps the host usable after the forwarding toggle through the API', async () => {
    await api.hostnames.update(zone.id, host.id, { forward_client_certificate: false });
    await waitFor(
      'forwarding to stop',
      async () => {
        const response = await send({
          servername: 'api.example.test',
          path: '/',
          cert: client.certificate.certificate,
          key: client.key,
        });
        return response.status === 200 && asJson(response.body).headers['cf-cert-verified'] === undefined
          ? true
          : undefined;
      },
      10_000,
    );
  });
});
