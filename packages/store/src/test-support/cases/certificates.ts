// Conformance cases: managed CAs (sealed keys, CRL numbers) and client certificates (status machine, lists).
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newClientCertificate, tenant } from '../fixtures.js';

export function certificateCases(ctx: SuiteContext): void {
  test('managed CA: one per zone, key only through sealedKey, CRL numbers count up', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    expect(await store.certificateAuthorities.getForZone(zone.id)).toEqual(ca);
    expect(await store.certificateAuthorities.get(ca.id)).toEqual(ca);
    expect(ca).toMatchObject({ zone_id: zone.id, ski: 'a5ac'.repeat(10), serial: '0F' });
    expect(JSON.stringify(ca)).not.toContain('sealed:');
    expect(JSON.stringify(await store.certificateAuthorities.listAll())).not.toContain('sealed:');
    expect(await store.certificateAuthorities.sealedKey(ca.id)).toBe(`sealed:v1:ca-key-of-${zone.name}`);
    const second = await caught(() =>
      store.certificateAuthorities.create({
        zone_id: zone.id,
        name: 'again',
        certificate: 'PEM',
        private_key_sealed: 'sealed:x',
        ski: 'aa',
        serial: '01',
        expires_on: ca.expires_on,
      }),
    );
    expect(second.code).toBe('STORE_CONFLICT');
    expect(await store.certificateAuthorities.nextCrlNumber(ca.id)).toBe(1);
    expect(await store.certificateAuthorities.nextCrlNumber(ca.id)).toBe(2);
    expect((await caught(() => store.certificateAuthorities.nextCrlNumber('0'.repeat(32)))).code).toBe(
      'STORE_NOT_FOUND',
    );
  });

  test('client certificates: create returns Cloudflare fields with the issuing CA', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const input = newClientCertificate(zone.id, ca.id, { serial_hex: 'abcdef' });
    const cert = await store.clientCertificates.create(input);
    expect(cert).toMatchObject({
      certificate: input.certificate,
      csr: input.csr,
      certificate_authority: { id: ca.id, name: ca.name },
      serial_number: input.serial_number,
      status: 'active',
      revoked_at: null,
      validity_days: 3650,
      common_name: input.common_name,
    });
    expect(await store.clientCertificates.get(zone.id, cert.id)).toEqual(cert);
    const duplicate = await caught(() => store.clientCertificates.create({ ...input, serial_hex: 'ABCDEF' }));
    expect(duplicate.code).toBe('STORE_CONFLICT');
  });

  test('client certificates must be issued by their own zone CA and are invisible from other zones', async () => {
    const store = ctx.store();
    const a = await tenant(store);
    const b = await tenant(store);
    expect(
      (await caught(() => store.clientCertificates.create(newClientCertificate(a.zone.id, b.ca.id)))).code,
    ).toBe('STORE_NOT_FOUND');
    const cert = await store.clientCertificates.create(newClientCertificate(a.zone.id, a.ca.id));
    expect(await store.clientCertificates.get(b.zone.id, cert.id)).toBeUndefined();
    expect((await caught(() => store.clientCertificates.revoke(b.zone.id, cert.id))).code).toBe(
      'STORE_NOT_FOUND',
    );
  });

  test('client certificates: status machine with and without the pending states', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const cert = await store.clientCertificates.create(newClientCertificate(zone.id, ca.id));
    const revoked = await store.clientCertificates.revoke(zone.id, cert.id);
    expect(revoked.status).toBe('revoked');
    expect(revoked.revoked_at).not.toBeNull();
    expect(await store.clientCertificates.revoke(zone.id, cert.id)).toEqual(revoked);
    const active = await store.clientCertificates.reactivate(zone.id, cert.id);
    expect(active).toMatchObject({ status: 'active', revoked_at: null });
    expect(await store.clientCertificates.reactivate(zone.id, cert.id)).toEqual(active);

    const pending = await store.clientCertificates.revoke(zone.id, cert.id, { pending: true });
    expect(pending.status).toBe('pending_revocation');
    const back = await store.clientCertificates.reactivate(zone.id, cert.id, { pending: true });
    expect(back.status).toBe('pending_reactivation');
    expect(back.revoked_at).toBe(pending.revoked_at);
    expect(await store.clientCertificates.settlePending()).toBe(1);
    expect((await store.clientCertificates.get(zone.id, cert.id))?.status).toBe('active');
    await store.clientCertificates.revoke(zone.id, cert.id, { pending: true });
    expect(await store.clientCertificates.settlePending()).toBe(1);
    expect((await store.clientCertificates.get(zone.id, cert.id))?.status).toBe('revoked');
    expect(await store.clientCertificates.settlePending()).toBe(0);
  });

  test('client certificates: list filters by status and paginates with a total', async () => {
    const store = ctx.store();
    const { zone, ca } = await tenant(store);
    const ids: string[] = [];
    for (let i = 0; i < 25; i += 1)
      ids.push((await store.clientCertificates.create(newClientCertificate(zone.id, ca.id))).id);
    for (const id of ids.slice(0, 4)) await store.clientCertificates.revoke(zone.id, id);
    await store.clientCertificates.revoke(zone.id, ids[4] ?? '', { pending: true });
    const page3 = await store.clientCertificates.list(zone.id, { page: 3, per_page: 10 });
    expect(page3).toMatchObject({ page: 3, per_page: 10, total_count: 25 });
    expect(page3.items).toHaveLength(5);
    const all = [
      ...(await store.clientCertificates.list(zone.id, { page: 1, per_page: 10 })).items,
      ...(await store.clientCertificates.list(zone.id, { page: 2, per_page: 10 })).items,
      ...page3.items,
    ];
    expect(new Set(all.map((cert) => cert.id)).size).toBe(25);
    expect((await store.clientCertificates.list(zone.id, { status: 'revoked' })).total_count).toBe(4);
    expect((await store.clientCertificates.list(zone.id, { status: 'pending_revocation' })).total_count).toBe(
      1,
    );
    expect(
      (await store.clientCertificates.list(zone.id, { status: 'active', per_page: 100 })).items,
    ).toHaveLength(20);
    expect((await store.clientCertificates.list(zone.id, { status: 'all' })).total_count).toBe(25);
    expect(await store.clientCertificates.count(zone.id, ['active'])).toBe(20);
    expect(await store.clientCertificates.count(zone.id)).toBe(25);
    expect(
      (await caught(() => store.clientCertificates.list(zone.id, { status: 'gone' as never }))).code,
    ).toBe('STORE_INVALID_ARGUMENT');
  });

  test('revoked serials per CA: every status but active, upper-case hex', async () => {
    const store = ctx.store();
    const a = await tenant(store);
    const b = await tenant(store);
    const one = await store.clientCertificates.create(
      newClientCertificate(a.zone.id, a.ca.id, { serial_hex: '0a1b' }),
    );
    const two = await store.clientCertificates.create(
      newClientCertificate(a.zone.id, a.ca.id, { serial_hex: '0C' }),
    );
    await store.clientCertificates.create(newClientCertificate(a.zone.id, a.ca.id, { serial_hex: '0D' }));
    const three = await store.clientCertificates.create(
      newClientCertificate(b.zone.id, b.ca.id, { serial_hex: '0E' }),
    );
    await store.clientCertificates.revoke(a.zone.id, one.id);
    await store.clientCertificates.revoke(a.zone.id, two.id, { pending: true });
    await store.clientCertificates.revoke(b.zone.id, three.id);
    const serials = await store.clientCertificates.revokedSerials(a.ca.id);
    expect(serials.map((s) => s.serial_hex)).toEqual(['0A1B', '0C']);
    expect(serials.every((s) => !Number.isNaN(Date.parse(s.revoked_at)))).toBe(true);
    expect(await store.clientCertificates.revokedSerialsByCa()).toEqual({
      [a.ca.id]: ['0A1B', '0C'],
      [b.ca.id]: ['0E'],
    });

    const states = await store.clientCertificates.revocationStates([
      one.id,
      two.id,
      three.id,
      '0'.repeat(32),
      'not an id',
      one.id,
    ]);
    expect(states.sort((x, y) => x.serial_hex.localeCompare(y.serial_hex))).toEqual([
      { id: one.id, certificate_authority_id: a.ca.id, serial_hex: '0A1B', revoked: true },
      { id: two.id, certificate_authority_id: a.ca.id, serial_hex: '0C', revoked: true },
      { id: three.id, certificate_authority_id: b.ca.id, serial_hex: '0E', revoked: true },
    ]);
    await store.clientCertificates.reactivate(a.zone.id, one.id);
    expect(await store.clientCertificates.revocationStates([one.id])).toEqual([
      { id: one.id, certificate_authority_id: a.ca.id, serial_hex: '0A1B', revoked: false },
    ]);
    expect(await store.clientCertificates.revocationStates([])).toEqual([]);
  });

  test('revocation states of many certificates at once (more ids than one query takes)', async () => {
    const store = ctx.store();
    const a = await tenant(store);
    const ids: string[] = [];
    await store.transaction(async (tx) => {
      for (let i = 0; i < 600; i += 1) {
        ids.push(
          (
            await tx.clientCertificates.create(
              newClientCertificate(a.zone.id, a.ca.id, { serial_hex: (i + 1).toString(16) }),
            )
          ).id,
        );
      }
    });
    await store.clientCertificates.revoke(a.zone.id, ids[550]!);
    const states = await store.clientCertificates.revocationStates(ids);
    expect(states).toHaveLength(600);
    expect(states.filter((state) => state.revoked).map((state) => state.id)).toEqual([ids[550]]);
  });
}
