// Compatibility: the official `cloudflare` SDK, pointed at Portcullis on loopback, drives the mTLS API.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Cloudflare from 'cloudflare';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, buildApp } from '@portcullis/api';
import { createClient } from '@portcullis/client';
import { openStore, type Store } from '@portcullis/store';
import { opensslCaAndLeaf, opensslKeyAndCsr } from './support/openssl.js';

describe('the official Cloudflare SDK against Portcullis', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  let cf: Cloudflare;
  let token: string;
  let baseURL: string;
  let accountId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-sdk-'));
    store = await openStore({ kind: 'sqlite', file: join(dir, 'portcullis.db') });
    const masterKey = new Uint8Array(randomBytes(32));
    const first = await bootstrap(store, { masterKey });
    token = first.adminToken!;
    accountId = first.account.id;
    app = await buildApp({ store, masterKey, settleIntervalMs: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    baseURL = `http://127.0.0.1:${address.port}/client/v4`;
    cf = new Cloudflare({ apiToken: token, baseURL, maxRetries: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the account and creates a zone', async () => {
    const accounts = [];
    for await (const account of cf.accounts.list()) accounts.push(account);
    expect(accounts.map((a) => a.id)).toEqual([accountId]);
    const zone = await cf.zones.create({ account: { id: accountId }, name: 'sdk.example.test' });
    expect(zone.name).toBe('sdk.example.test');
    const read = await cf.zones.get({ zone_id: zone.id });
    expect(read.id).toBe(zone.id);
    const verified = await cf.user.tokens.verify();
    expect(verified.status).toBe('active');
    const temporary = await cf.zones.create({ account: { id: accountId }, name: 'gone.sdk.test' });
    expect((await cf.zones.delete({ zone_id: temporary.id }))?.id).toBe(temporary.id);
    await expect(cf.zones.get({ zone_id: temporary.id })).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
  });

  it('creates a client certificate from an openssl CSR, lists, gets, revokes and reactivates it', async () => {
    const zone = await cf.zones.create({ account: { id: accountId }, name: 'certs.sdk.test' });
    const { csr } = opensslKeyAndCsr('sdk-device-1');
    const created = await cf.clientCertificates.create({ zone_id: zone.id, csr, validity_days: 3650 });
    expect(created).toMatchObject({
      common_name: 'sdk-device-1',
      organization: 'Portcullis e2e',
      status: 'active',
      validity_days: 3650,
    });
    expect(new X509Certificate(created.certificate!).subject).toContain('CN=sdk-device-1');

    for (let i = 2; i <= 3; i += 1) {
      await cf.clientCertificates.create({
        zone_id: zone.id,
        csr: opensslKeyAndCsr(`sdk-device-${i}`).csr,
        validity_days: 30,
      });
    }
    // The SDK pages through v4 pagination by itself (per_page 2 → two pages, then an empty one).
    const listed = [];
    for await (const certificate of cf.clientCertificates.list({ zone_id: zone.id, per_page: 2 }))
      listed.push(certificate);
    expect(listed.map((c) => c.common_name).sort()).toEqual(['sdk-device-1', 'sdk-device-2', 'sdk-device-3']);
    const page = await cf.clientCertificates.list({ zone_id: zone.id, status: 'active', per_page: 2 });
    expect(page.result).toHaveLength(2);
    // The SDK types result_info as {page, per_page}; Portcullis also sends Cloudflare's counts.
    expect((page.result_info as { total_count?: number }).total_count).toBe(3);

    const got = await cf.clientCertificates.get(created.id!, { zone_id: zone.id });
    expect(got.serial_number).toBe(created.serial_number);
    expect(got.fingerprint_sha256).toBe(created.fingerprint_sha256);

    const revoked = await cf.clientCertificates.delete(created.id!, { zone_id: zone.id });
    expect(revoked.status).toBe('pending_revocation');
    const pending = [];
    for await (const certificate of cf.clientCertificates.list({
      zone_id: zone.id,
      status: 'pending_revocation',
    }))
      pending.push(certificate.id);
    expect(pending).toEqual([created.id]);

    const reactivated = await cf.clientCertificates.edit(created.id!, { zone_id: zone.id, reactivate: true });
    expect(reactivated.status).toBe('active');
    expect((await cf.clientCertificates.get(created.id!, { zone_id: zone.id })).status).toBe('active');
  });

  it('uploads a CA and sets and reads hostname associations', async () => {
    const zone = await cf.zones.create({ account: { id: accountId }, name: 'byoca.sdk.test' });
    // Hostnames are Portcullis' own resource: created with the typed client.
    const portcullis = createClient({ baseUrl: baseURL, token });
    await portcullis.hostnames.create(zone.id, {
      hostname: 'api.byoca.sdk.test',
      origin: 'http://127.0.0.1:9',
    });

    const { caCert } = opensslCaAndLeaf('SDK Partner CA', 'partner-device');
    const uploaded = await cf.mtlsCertificates.create({
      account_id: accountId,
      ca: true,
      certificates: caCert,
      name: 'sdk-partner',
    });
    expect(uploaded).toMatchObject({ ca: true, name: 'sdk-partner', type: 'custom' });
    const all = [];
    for await (const certificate of cf.mtlsCertificates.list({ account_id: accountId }))
      all.push(certificate.id);
    expect(all).toContain(uploaded.id);
    expect((await cf.mtlsCertificates.get(uploaded.id!, { account_id: accountId })).issuer).toContain(
      'SDK Partner CA',
    );

    const set = await cf.certificateAuthorities.hostnameAssociations.update({
      zone_id: zone.id,
      hostnames: ['api.byoca.sdk.test'],
      mtls_certificate_id: uploaded.id!,
    });
    expect(set.hostnames).toEqual(['api.byoca.sdk.test']);
    const read = await cf.certificateAuthorities.hostnameAssociations.get({
      zone_id: zone.id,
      mtls_certificate_id: uploaded.id!,
    });
    expect(read.hostnames).toEqual(['api.byoca.sdk.test']);
    const managed = await cf.certificateAuthorities.hostnameAssociations.get({ zone_id: zone.id });
    expect(managed.hostnames).toEqual([]);
    const uses = [];
    for await (const association of cf.mtlsCertificates.associations.get(uploaded.id!, {
      account_id: accountId,
    }))
      uses.push(association);
    expect(uses).toHaveLength(1);
    expect((await portcullis.hostnames.list(zone.id)).items[0]?.mtls_mode).toBe('optional');

    // Deleting a CA in use is refused, as Cloudflare does; after clearing the list it goes.
    await expect(cf.mtlsCertificates.delete(uploaded.id!, { account_id: accountId })).rejects.toMatchObject({
      status: 409,
    });
    await cf.certificateAuthorities.hostnameAssociations.update({
      zone_id: zone.id,
      hostnames: [],
      mtls_certificate_id: uploaded.id!,
    });
    expect((await cf.mtlsCertificates.delete(uploaded.id!, { account_id: accountId })).id).toBe(uploaded.id);
  });

  it('puts and reads the custom-rules entrypoint, adds a rule, and gets 400 with the caret for a bad expression', async () => {
    const zone = await cf.zones.create({ account: { id: accountId }, name: 'rules.sdk.test' });
    const expression =
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}';
    type RulesetView = {
      id: string;
      phase: string;
      rules: { id: string; action: string; expression: string; enabled: boolean }[];
    };
    const put = (await cf.rulesets.phases.update('http_request_firewall_custom', {
      zone_id: zone.id,
      description: 'mTLS',
      rules: [
        {
          action: 'block',
          expression,
          description: 'require a client certificate',
          action_parameters: {
            response: {
              status_code: 403,
              content: 'client certificate required',
              content_type: 'text/plain',
            },
          },
        },
      ],
    })) as unknown as RulesetView;
    expect(put.phase).toBe('http_request_firewall_custom');
    expect(put.rules).toHaveLength(1);
    const read = await cf.rulesets.phases.get('http_request_firewall_custom', { zone_id: zone.id });
    expect(read.id).toBe(put.id);
    expect(read.rules[0]).toMatchObject({ action: 'block', expression, enabled: true });

    const added = (await cf.rulesets.rules.create(put.id, {
      zone_id: zone.id,
      action: 'log',
      expression: 'cf.tls_client_auth.cert_presented',
      position: { before: '' },
    })) as unknown as RulesetView;
    expect(added.rules.map((r) => r.action)).toEqual(['log', 'block']);
    const logRule = added.rules[0]!;
    const edited = (await cf.rulesets.rules.edit(logRule.id, {
      zone_id: zone.id,
      ruleset_id: put.id,
      action: 'log',
      expression: 'cf.tls_client_auth.cert_presented and not cf.tls_client_auth.cert_verified',
      position: { after: '' },
    })) as unknown as RulesetView;
    expect(edited.rules.map((r) => r.action)).toEqual(['block', 'log']);
    const afterDelete = (await cf.rulesets.rules.delete(logRule.id, {
      zone_id: zone.id,
      ruleset_id: put.id,
    })) as unknown as RulesetView;
    expect(afterDelete.rules.map((r) => r.action)).toEqual(['block']);
    const byId = (await cf.rulesets.get(put.id, { zone_id: zone.id })) as unknown as RulesetView;
    expect(byId.rules).toHaveLength(1);
    const replaced = (await cf.rulesets.update(put.id, {
      zone_id: zone.id,
      rules: [
        { action: 'log', expression: 'ssl' },
        { action: 'block', expression },
      ],
    })) as unknown as RulesetView;
    expect(replaced.rules.map((r) => r.action)).toEqual(['log', 'block']);

    const versions = [];
    for await (const version of cf.rulesets.phases.versions.list('http_request_firewall_custom', {
      zone_id: zone.id,
    }))
      versions.push(version.version);
    expect(versions.length).toBeGreaterThanOrEqual(2);

    const failure = await cf.rulesets.phases
      .update('http_request_firewall_custom', {
        zone_id: zone.id,
        rules: [{ action: 'block', expression: 'http.host eq' }],
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Cloudflare.BadRequestError);
    const apiError = failure as InstanceType<typeof Cloudflare.BadRequestError>;
    expect(apiError.status).toBe(400);
    expect(apiError.errors[0]?.message).toMatch(/Filter parsing error \(1:\d+\):\nhttp\.host eq\n +\^/);
    expect(
      (await cf.rulesets.phases.get('http_request_firewall_custom', { zone_id: zone.id })).rules,
    ).toHaveLength(2);
  });

  it('is refused with a wrong token', async () => {
    const wrong = new Cloudflare({ apiToken: `${token.slice(0, -3)}xyz`, baseURL, maxRetries: 0 });
    await expect(wrong.zones.list().then((page) => page.result)).rejects.toBeInstanceOf(
      Cloudflare.AuthenticationError,
    );
  });
});
