// Tokens and permissions: missing/wrong tokens, read-only tokens, no escalation, revocation, audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken, AuditEntry, Zone } from '@portcullis/model';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

describe.each(backends)('tokens, permissions and the audit log ($name)', (backend) => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi(backend);
  });
  afterAll(async () => api?.close());

  const tokens = () => `/accounts/${api.account.id}/tokens`;

  it('refuses a missing, malformed or wrong token with 401 in the envelope', async () => {
    const missing = await api.call('GET', '/zones', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ success: false, result: null, errors: [{ code: 9106 }] });
    expect(missing.body.errors[0]!.message).toContain('Authorization');
    const wrong = await api.call('GET', '/zones', { token: `${api.adminToken.slice(0, -4)}AAAA` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors[0]).toMatchObject({ code: 9109, message: 'invalid access token' });
    const legacy = await api.call('GET', '/zones', {
      token: null,
      headers: { 'x-auth-key': 'k', 'x-auth-email': 'a@b.test' },
    });
    expect(legacy.status).toBe(401);
    expect(legacy.body.errors[0]!.message).toContain('X-Auth-Key');
    const basic = await api.call('GET', '/zones', {
      token: null,
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
    const unknown = await api.call('GET', '/zones', {
      token: 'pct_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(unknown.status).toBe(401);
  });

  it('guards every route of the OpenAPI document except the public ones', async () => {
    const doc = JSON.parse((await api.call('GET', '/openapi.json', { token: null })).text) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const publicRoutes: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const url = path.replace('/client/v4', '').replace(/\{[^}]+\}/g, '0123456789abcdef0123456789abcdef');
        if (Array.isArray(operation.security) && operation.security.length === 0) {
          publicRoutes.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        const response = await api.call(method.toUpperCase(), url, {
          token: null,
          ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
        });
        expect(response.status, `${method} ${path}`).toBe(401);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(35);
    expect(publicRoutes.sort()).toEqual([
      'GET /client/v4/health',
      'GET /client/v4/pki/ca/{ca_id}/{file}',
      'GET /client/v4/pki/edge-ca/{file}',
    ]);
  });

  it('creates a read-only token whose value is shown once and which cannot edit', async () => {
    const created = await must(
      api.call<ApiToken & { value: string }>('POST', tokens(), {
        body: { name: 'reader', permissions: { zones: 'read', client_certificates: 'read' } },
      }),
    );
    expect(created.value).toMatch(/^pct_/);
    const listed = await must(api.call<ApiToken[]>('GET', tokens()));
    expect(listed.find((t) => t.id === created.id)).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(created.value.slice(-20));

    expect((await api.call('GET', '/zones', { token: created.value })).status).toBe(200);
    const denied = await api.call('POST', '/zones', {
      token: created.value,
      body: { name: 'ro.test', account: { id: api.account.id } },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0]).toMatchObject({ code: 10000 });
    expect(denied.body.errors[0]!.message).toContain('zones edit');
    expect(await api.store.zones.getByName('ro.test')).toBeUndefined();
    expect(
      (await api.call('GET', `/accounts/${api.account.id}/mtls_certificates`, { token: created.value }))
        .status,
    ).toBe(403);
    const verify = await must(
      api.call<{ id: string; status: string }>('GET', '/user/tokens/verify', { token: created.value }),
    );
    expect(verify).toMatchObject({ id: created.id, status: 'active' });

    expect(await must(api.call('DELETE', `${tokens()}/${created.id}`))).toEqual({ id: created.id });
    expect((await api.call('GET', '/zones', { token: created.value })).status).toBe(401);
  });

  it('does not let a token grant more than it holds', async () => {
    const limited = await must(
      api.call<{ value: string }>('POST', tokens(), {
        body: { name: 'token-admin', permissions: { api_tokens: 'edit', zones: 'read' } },
      }),
    );
    const escalate = await api.call('POST', tokens(), {
      token: limited.value,
      body: { name: 'x', permissions: { zones: 'edit' } },
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.errors[0]!.message).toContain('cannot grant zones edit');
    const allowed = await api.call('POST', tokens(), {
      token: limited.value,
      body: { name: 'y', permissions: { zones: 'read' } },
    });
    expect(allowed.status).toBe(200);
    const badFamily = await api.call('POST', tokens(), {
      body: { name: 'z', permissions: { everything: 'edit' } },
    });
    expect(badFamily.status).toBe(400);
    expect(badFamily.body.errors[0]!.message).toContain('unknown field "everything"');
  });

  it('records every change in the audit log with the token id', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'audited.test', account: { id: api.account.id } } }),
    );
    const log = await must(
      api.call<AuditEntry[]>('GET', `/accounts/${api.account.id}/audit_logs?per_page=50`),
    );
    const entry = log.find((e) => e.resource.type === 'zone' && e.resource.id === zone.id);
    expect(entry).toMatchObject({ action: 'create', zone_id: zone.id, actor: { type: 'token' } });
    expect(entry!.actor.id).toMatch(/^[0-9a-f]{32}$/);
    expect(api.adminToken).toContain(entry!.actor.id!);
    expect(JSON.stringify(log)).not.toContain(api.adminToken);
    const filtered = await must(
      api.call<AuditEntry[]>('GET', `/accounts/${api.account.id}/audit_logs?zone_id=${zone.id}`),
    );
    expect(filtered.every((e) => e.zone_id === zone.id)).toBe(true);
  });

  it('reads security events of a zone', async () => {
    const zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'events.test', account: { id: api.account.id } } }),
    );
    await api.store.securityEvents.append([
      {
        occurred_at: new Date().toISOString(),
        ray_id: 'ray-1',
        zone_id: zone.id,
        host: 'api.events.test',
        method: 'GET',
        path: '/admin',
        client_ip: '127.0.0.1',
        ruleset_id: null,
        rule_id: null,
        action: 'block',
        client_auth: {
          cert_presented: false,
          cert_verified: false,
          cert_revoked: false,
          cert_serial: '',
          cert_issuer_ski: '',
          cert_fingerprint_sha256: '',
        },
      },
    ]);
    const events = await api.call<{ ray_id: string }[]>('GET', `/zones/${zone.id}/security_events`);
    expect(events.status).toBe(200);
    expect(events.body.result.map((e) => e.ray_id)).toEqual(['ray-1']);
    expect(events.body.result_info?.total_count).toBe(1);
  });
});
