// Conformance cases: the read options behind the dashboard's expiry panel and security-event drill-down.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { newClientCertificate, securityEvent, tenant } from '../fixtures.js';

export function observabilityCases(ctx: SuiteContext): void {
  test('client certificates: expires_before filter, soonest expiry first, with status and pages', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const other = await tenant(store);
    const make = (expires: string) =>
      store.clientCertificates.create(newClientCertificate(zone.id, ca.id, { expires_on: expires }));
    const late = await make('2026-06-20T00:00:00.000Z');
    const soon = await make('2026-06-05T00:00:00.000Z');
    const mid = await make('2026-06-10T00:00:00.000Z');
    // Created a few milliseconds later, so it is the newest (created_on has millisecond precision, and
    // certificates created in the same millisecond tie).
    await new Promise((resolve) => setTimeout(resolve, 5));
    await make('2027-01-01T00:00:00.000Z');
    await store.clientCertificates.create(
      newClientCertificate(other.zone.id, other.ca.id, { expires_on: '2026-06-01T00:00:00.000Z' }),
    );
    await store.clientCertificates.revoke(zone.id, mid.id);

    const due = await store.clientCertificates.list(zone.id, {
      expires_before: '2026-07-01T00:00:00.000Z',
      order: 'expires_on',
    });
    expect(due.items.map((c) => c.id)).toEqual([soon.id, mid.id, late.id]);
    expect(due.total_count).toBe(3);
    const active = await store.clientCertificates.list(zone.id, {
      status: 'active',
      expires_before: '2026-07-01T00:00:00.000Z',
      order: 'expires_on',
    });
    expect(active.items.map((c) => c.id)).toEqual([soon.id, late.id]);
    const second = await store.clientCertificates.list(zone.id, {
      expires_before: '2026-07-01T00:00:00.000Z',
      order: 'expires_on',
      per_page: 2,
      page: 2,
    });
    expect(second.items.map((c) => c.id)).toEqual([late.id]);
    expect(second.total_count).toBe(3);
    // The boundary is exclusive; the default order stays newest first.
    expect(
      (await store.clientCertificates.list(zone.id, { expires_before: '2026-06-05T00:00:00.000Z' }))
        .total_count,
    ).toBe(0);
    expect((await store.clientCertificates.list(zone.id)).items[0]?.expires_on).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  test('security events: certificate filters and the summary by rule, host and certificate', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const other = await tenant(store);
    const issued = await store.clientCertificates.create(
      newClientCertificate(zone.id, ca.id, { common_name: 'sensor-1' }),
    );
    const known = {
      ...securityEvent().client_auth,
      cert_fingerprint_sha256: issued.fingerprint_sha256,
      cert_serial: 'AB01',
    };
    const foreign = {
      ...securityEvent().client_auth,
      cert_fingerprint_sha256: 'f'.repeat(64),
      cert_serial: 'CD02',
    };
    const rule = 'b'.repeat(32);
    await store.securityEvents.append([
      securityEvent({ zone_id: zone.id, rule_id: rule, host: 'a.example.test', client_auth: known }),
      securityEvent({ zone_id: zone.id, rule_id: rule, host: 'a.example.test', client_auth: known }),
      securityEvent({ zone_id: zone.id, rule_id: rule, host: 'b.example.test', client_auth: foreign }),
      securityEvent({ zone_id: zone.id, rule_id: null, action: 'handshake_refused', host: 'b.example.test' }),
      securityEvent({ zone_id: zone.id, occurred_at: '2020-01-01T00:00:00.000Z', client_auth: known }),
      securityEvent({ zone_id: other.zone.id, rule_id: rule, client_auth: known }),
    ]);

    const byFingerprint = await store.securityEvents.list({
      zone_id: zone.id,
      cert_fingerprint_sha256: issued.fingerprint_sha256,
    });
    expect(byFingerprint.total_count).toBe(3);
    expect(
      (await store.securityEvents.list({ zone_id: zone.id, cert_serial: 'CD02' })).items.map((e) => e.host),
    ).toEqual(['b.example.test']);

    const summary = await store.securityEvents.summary({
      zone_id: zone.id,
      since: '2025-01-01T00:00:00.000Z',
    });
    expect(summary.total).toBe(4);
    expect(summary.by_rule).toEqual([
      { rule_id: rule, count: 3 },
      { rule_id: null, count: 1 },
    ]);
    expect(summary.by_host).toEqual([
      { host: 'a.example.test', count: 2 },
      { host: 'b.example.test', count: 2 },
    ]);
    expect(summary.by_certificate).toEqual([
      { fingerprint_sha256: issued.fingerprint_sha256, serial: 'AB01', common_name: 'sensor-1', count: 2 },
      { fingerprint_sha256: 'f'.repeat(64), serial: 'CD02', common_name: null, count: 1 },
    ]);
    const one = await store.securityEvents.summary({ zone_id: zone.id, top: 1 });
    expect(one.total).toBe(5);
    expect(one.by_certificate).toEqual([
      expect.objectContaining({ fingerprint_sha256: issued.fingerprint_sha256, count: 3 }),
    ]);
    expect(
      (await store.securityEvents.summary({ zone_id: zone.id, until: '2000-01-01T00:00:00.000Z' })).by_rule,
    ).toEqual([]);
    await expect(store.securityEvents.summary({ zone_id: zone.id, top: 0 })).rejects.toMatchObject({
      code: 'STORE_INVALID_ARGUMENT',
    });
  });

  test("security events: the summary counts matches, summing each event's count", async () => {
    const store = ctx.store();
    const { zone } = await tenant(store);
    const flood = {
      ...securityEvent().client_auth,
      cert_fingerprint_sha256: 'e'.repeat(64),
      cert_serial: 'EE01',
    };
    const rule = 'c'.repeat(32);
    const other = 'd'.repeat(32);
    await store.securityEvents.append([
      securityEvent({
        zone_id: zone.id,
        rule_id: rule,
        host: 'a.example.test',
        client_auth: flood,
        count: 5000,
      }),
      securityEvent({
        zone_id: zone.id,
        rule_id: rule,
        host: 'a.example.test',
        client_auth: flood,
        count: 4999,
      }),
      securityEvent({ zone_id: zone.id, rule_id: rule, host: 'a.example.test', client_auth: flood }),
      securityEvent({ zone_id: zone.id, rule_id: other, host: 'b.example.test' }),
      securityEvent({ zone_id: zone.id, rule_id: other, host: 'b.example.test' }),
      securityEvent({ zone_id: zone.id, rule_id: other, host: 'b.example.test' }),
      securityEvent({ zone_id: zone.id, rule_id: other, host: 'b.example.test' }),
    ]);
    expect((await store.securityEvents.list({ zone_id: zone.id })).total_count).toBe(7);
    const summary = await store.securityEvents.summary({ zone_id: zone.id });
    expect(summary.total).toBe(10_004);
    // Largest by matches, not by rows: four events of `other` rank below three folded ones.
    expect(summary.by_rule).toEqual([
      { rule_id: rule, count: 10_000 },
      { rule_id: other, count: 4 },
    ]);
    expect(summary.by_host).toEqual([
      { host: 'a.example.test', count: 10_000 },
      { host: 'b.example.test', count: 4 },
    ]);
    expect(summary.by_certificate).toEqual([
      { fingerprint_sha256: 'e'.repeat(64), serial: 'EE01', common_name: null, count: 10_000 },
    ]);
    const empty = await store.securityEvents.summary({ zone_id: zone.id, until: '2000-01-01T00:00:00.000Z' });
    expect(empty).toEqual({ total: 0, by_rule: [], by_host: [], by_certificate: [] });
  });
}
