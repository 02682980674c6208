// Expiry and security-event views: client certificates by expiry, event filters by certificate, the summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCertificate, Ruleset, SecurityEvent, Zone } from '@portcullis/model';
import type { NewSecurityEvent } from '@portcullis/store';
import { backends } from './support/backends.js';
import { must, startApi, type RunningApi } from './support/api.js';

interface Summary {
  since: string;
  until: string | null;
  total: number;
  by_rule: { rule_id: string | null; description: string | null; count: number }[];
  by_host: { host: string; count: number }[];
  by_certificate: { fingerprint_sha256: string; serial: string; common_name: string | null; count: number }[];
}

function event(zoneId: string, overrides: Partial<NewSecurityEvent> = {}): NewSecurityEvent {
  return {
    occurred_at: new Date().toISOString(),
    ray_id: `ray-${Math.random().toString(16).slice(2)}`,
    zone_id: zoneId,
    host: 'api.watch.test',
    method: 'GET',
    path: '/admin',
    client_ip: '192.0.2.7',
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
    ...overrides,
  };
}

describe.each(backends)('expiry and security-event views ($name)', (backend) => {
  let api: RunningApi;
  let zone: Zone;
  const issued: Record<string, ClientCertificate> = {};

  beforeAll(async () => {
    api = await startApi(backend);
    zone = await must(
      api.call<Zone>('POST', '/zones', { body: { name: 'watch.test', account: { id: api.account.id } } }),
    );
    for (const [name, days] of [
      ['five', 5],
      ['twenty', 20],
      ['hundred', 100],
      ['revoked', 3],
    ] as const) {
      issued[name] = await must(
        api.call<ClientCertificate>('POST', `/zones/${zone.id}/client_certificates`, {
          body: { validity_days: days, generate_key: { subject: { common_name: `device-${name}` } } },
        }),
      );
    }
    await must(api.call('DELETE', `/zones/${zone.id}/client_certificates/${issued['revoked']!.id}`));
  });
  afterAll(async () => api?.close());

  const names = (list: ClientCertificate[]) => list.map((c) => c.common_name);

  it('lists active certificates expiring within N days, soonest first', async () => {
    const base = `/zones/${zone.id}/client_certificates`;
    expect(
      names(
        await must(
          api.call<ClientCertificate[]>(
            'GET',
            `${base}?status=active&expiring_within_days=7&order=expires_on`,
          ),
        ),
      ),
    ).toEqual(['device-five']);
    const month = await api.call<ClientCertificate[]>(
      'GET',
      `${base}?status=active&expiring_within_days=30&order=expires_on`,
    );
    expect(names(month.body.result)).toEqual(['device-five', 'device-twenty']);
    expect(month.body.result_info?.total_count).toBe(2);
    expect(
      names(
        await must(api.call<ClientCertificate[]>('GET', `${base}?expiring_within_days=30&order=expires_on`)),
      ),
    ).toEqual(['device-revoked', 'device-five', 'device-twenty']);
    const paged = await api.call<ClientCertificate[]>(
      'GET',
      `${base}?expiring_within_days=365&order=expires_on&per_page=2&page=2`,
    );
    expect(names(paged.body.result)).toEqual(['device-twenty', 'device-hundred']);
    expect(paged.body.result_info?.total_count).toBe(4);
    const before = new Date(Date.parse(issued['twenty']!.expires_on) + 1000).toISOString();
    expect(
      names(
        await must(
          api.call<ClientCertificate[]>(
            'GET',
            `${base}?status=active&expires_before=${before}&order=expires_on`,
          ),
        ),
      ),
    ).toEqual(['device-five', 'device-twenty']);
    // Without the filters the list is as before: newest first.
    expect(names(await must(api.call<ClientCertificate[]>('GET', base)))[0]).toBe('device-revoked');
  });

  it('refuses malformed expiry filters with a 400 naming the parameter', async () => {
    const base = `/zones/${zone.id}/client_certificates`;
    for (const [query, name] of [
      ['expires_before=tomorrow', 'expires_before'],
      ['expires_before=2026-13-45T00:00:00Z', 'expires_before'],
      ['expiring_within_days=-1', 'expiring_within_days'],
      ['expiring_within_days=soon', 'expiring_within_days'],
      ['order=random', 'order'],
      ['expires_before=2030-01-01T00:00:00Z&expiring_within_days=3', 'expiring_within_days'],
    ] as const) {
      const response = await api.call('GET', `${base}?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.success).toBe(false);
      expect(response.body.result).toBeNull();
      expect(response.body.errors[0]?.message, query).toContain(name);
    }
  });

  it('filters events by certificate fingerprint and serial, host, rule and action', async () => {
    const ruleset = await must(
      api.call<Ruleset>('PUT', `/zones/${zone.id}/rulesets/phases/http_request_firewall_custom/entrypoint`, {
        body: {
          rules: [
            {
              expression: 'not cf.tls_client_auth.cert_verified',
              action: 'block',
              description: 'require a certificate',
            },
          ],
        },
      }),
    );
    const rule = ruleset.rules[0]!;
    const five = issued['five']!;
    const serialHex = BigInt(five.serial_number).toString(16).toUpperCase();
    const presented = {
      cert_presented: true,
      cert_verified: true,
      cert_revoked: false,
      cert_serial: serialHex,
      cert_issuer_ski: '',
      cert_fingerprint_sha256: five.fingerprint_sha256,
    };
    const stranger = {
      ...presented,
      cert_verified: false,
      cert_serial: '0BAD',
      cert_fingerprint_sha256: 'e'.repeat(64),
    };
    await api.store.securityEvents.append([
      event(zone.id, { rule_id: rule.id, ruleset_id: ruleset.id, client_auth: presented }),
      event(zone.id, {
        rule_id: rule.id,
        ruleset_id: ruleset.id,
        client_auth: presented,
        host: 'iot.watch.test',
      }),
      event(zone.id, { rule_id: rule.id, ruleset_id: ruleset.id, client_auth: presented, action: 'log' }),
      // A flood of 40 identical matches, folded by the serve sink into one event.
      event(zone.id, { rule_id: rule.id, ruleset_id: ruleset.id, client_auth: stranger, count: 40 }),
      event(zone.id, { action: 'handshake_refused', host: 'iot.watch.test' }),
      event(zone.id, { occurred_at: '2020-01-01T00:00:00.000Z', client_auth: stranger }),
    ]);
    const base = `/zones/${zone.id}/security_events`;
    const list = async (query: string) =>
      (await must(api.call<SecurityEvent[]>('GET', `${base}?${query}`))).length;
    expect(await list(`cert_fingerprint_sha256=${five.fingerprint_sha256.toUpperCase()}`)).toBe(3);
    expect(await list(`cert_serial=${serialHex.toLowerCase()}`)).toBe(3);
    expect(await list(`cert_serial=0bad`)).toBe(2);
    const strangers = await must(api.call<SecurityEvent[]>('GET', `${base}?cert_serial=0bad`));
    // Newest stored first: the 2020 event was appended after the folded one.
    expect(strangers.map((e) => e.count)).toEqual([1, 40]);
    expect(await list(`cert_fingerprint_sha256=${five.fingerprint_sha256}&host=IOT.watch.test`)).toBe(1);
    expect(await list(`rule_id=${rule.id}&action=log`)).toBe(1);
    expect(await list(`since=2025-01-01T00:00:00Z`)).toBe(5);

    for (const [query, name] of [
      ['cert_fingerprint_sha256=abc', 'cert_fingerprint_sha256'],
      ['cert_serial=xyz', 'cert_serial'],
      ['since=yesterday', 'since'],
      ['rule_id=nope', 'rule_id'],
    ] as const) {
      const response = await api.call('GET', `${base}?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0]?.message, query).toContain(name);
    }

    const summary = await must(api.call<Summary>('GET', `${base}/summary`));
    // Match counts: the folded event counts its 40 matches.
    expect(summary.total).toBe(44);
    expect(summary.until).toBeNull();
    expect(summary.by_rule).toEqual([
      { rule_id: rule.id, description: 'require a certificate', count: 43 },
      { rule_id: null, description: null, count: 1 },
    ]);
    expect(summary.by_host).toEqual([
      { host: 'api.watch.test', count: 42 },
      { host: 'iot.watch.test', count: 2 },
    ]);
    expect(summary.by_certificate).toEqual([
      { fingerprint_sha256: 'e'.repeat(64), serial: '0BAD', common_name: null, count: 40 },
      {
        fingerprint_sha256: five.fingerprint_sha256,
        serial: serialHex,
        common_name: 'device-five',
        count: 3,
      },
    ]);
    const wide = await must(api.call<Summary>('GET', `${base}/summary?since=2019-01-01T00:00:00Z&top=1`));
    expect(wide.total).toBe(45);
    expect(wide.by_certificate).toEqual([
      expect.objectContaining({ fingerprint_sha256: 'e'.repeat(64), count: 41 }),
    ]);
    expect(wide.by_host).toHaveLength(1);
    const old = await must(
      api.call<Summary>('GET', `${base}/summary?since=2019-01-01T00:00:00Z&until=2021-01-01T00:00:00Z`),
    );
    expect(old).toMatchObject({
      total: 1,
      until: '2021-01-01T00:00:00.000Z',
      by_rule: [{ rule_id: null, count: 1 }],
    });

    for (const [query, name] of [
      ['since=last-week', 'since'],
      ['top=0', 'top'],
      ['top=1000', 'top'],
      ['since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', 'until'],
    ] as const) {
      const response = await api.call('GET', `${base}/summary?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0]?.message, query).toContain(name);
    }
    expect((await api.call('GET', `/zones/${'0'.repeat(32)}/security_events/summary`)).status).toBe(404);
  });
});
