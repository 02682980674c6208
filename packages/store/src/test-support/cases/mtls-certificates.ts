// Conformance cases: uploaded CAs (names, in-use refusal) and their CRLs (replace, errors, due refreshes).
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newMtlsCertificate, tenant } from '../fixtures.js';
import type { CrlInput } from '../../types.js';

function crl(overrides: Partial<CrlInput> = {}): CrlInput {
  return {
    source: 'upload',
    url: null,
    refresh_seconds: null,
    crl_pem: '-----BEGIN X509 CRL-----\nAA==\n-----END X509 CRL-----\n',
    crl_number: '7',
    this_update: '2026-01-01T00:00:00.000Z',
    next_update: '2026-01-08T00:00:00.000Z',
    revoked_serials: ['0a', '0B', '0a'],
    fetched_at: null,
    ...overrides,
  };
}

export function mtlsCertificateCases(ctx: SuiteContext): void {
  test('mtls certificates: create, get, list, count; names unique per account', async () => {
    const store = ctx.store();
    const { account } = await tenant(store);
    const other = await store.accounts.create({ name: 'Other' });
    const input = newMtlsCertificate(account.id, 'corp-ca');
    const cert = await store.mtlsCertificates.create(input);
    expect(cert).toMatchObject({
      name: 'corp-ca',
      ca: true,
      type: 'custom',
      issuer: input.issuer,
      certificates: input.certificates,
    });
    expect(cert.uploaded_on).toBe(cert.updated_at);
    expect(await store.mtlsCertificates.get(account.id, cert.id)).toEqual(cert);
    expect(await store.mtlsCertificates.get(other.id, cert.id)).toBeUndefined();
    expect(
      (await caught(() => store.mtlsCertificates.create(newMtlsCertificate(account.id, 'corp-ca')))).code,
    ).toBe('STORE_CONFLICT');
    await store.mtlsCertificates.create(newMtlsCertificate(other.id, 'corp-ca'));
    await store.mtlsCertificates.create(newMtlsCertificate(account.id, null));
    await store.mtlsCertificates.create(newMtlsCertificate(account.id, null));
    expect(await store.mtlsCertificates.count(account.id)).toBe(3);
    const page = await store.mtlsCertificates.list(account.id, { per_page: 2 });
    expect(page.total_count).toBe(3);
    expect(page.items[0]?.id).toBe(cert.id);
    expect(await store.mtlsCertificates.listAll()).toHaveLength(4);
  });

  test('an associated uploaded CA cannot be deleted until its associations are gone', async () => {
    const store = ctx.store();
    const { account, zone } = await tenant(store);
    const cert = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'in-use'));
    await store.hostnameAssociations.replace(zone.id, cert.id, ['a.example.test']);
    const refused = await caught(() => store.mtlsCertificates.delete(account.id, cert.id));
    expect(refused.code).toBe('STORE_IN_USE');
    expect(await store.mtlsCertificates.get(account.id, cert.id)).toBeDefined();
    await store.hostnameAssociations.replace(zone.id, cert.id, []);
    await store.mtlsCertificates.delete(account.id, cert.id);
    expect(await store.mtlsCertificates.get(account.id, cert.id)).toBeUndefined();
    expect((await caught(() => store.mtlsCertificates.delete(account.id, cert.id))).code).toBe(
      'STORE_NOT_FOUND',
    );
  });

  test('CRL: set, read, replace, serials by CA, error recording and delete', async () => {
    const store = ctx.store();
    const { account } = await tenant(store);
    const cert = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'crl-ca'));
    expect(await store.mtlsCertificates.getCrl(account.id, cert.id)).toBeUndefined();
    const status = await store.mtlsCertificates.setCrl(account.id, cert.id, crl());
    expect(status).toMatchObject({
      mtls_certificate_id: cert.id,
      source: 'upload',
      entries: 2,
      crl_number: '7',
      last_error: null,
    });
    expect(await store.mtlsCertificates.getCrl(account.id, cert.id)).toEqual(status);
    expect(await store.mtlsCertificates.getCrlPem(account.id, cert.id)).toContain('X509 CRL');
    expect(await store.mtlsCertificates.crlSerialsByCa()).toEqual({ [cert.id]: ['0A', '0B'] });

    const replaced = await store.mtlsCertificates.setCrl(
      account.id,
      cert.id,
      crl({
        source: 'url',
        url: 'http://crl.example.test/ca.crl',
        refresh_seconds: 3600,
        revoked_serials: ['FF'],
        fetched_at: '2026-01-01T00:00:00.000Z',
      }),
    );
    expect(replaced).toMatchObject({
      source: 'url',
      url: 'http://crl.example.test/ca.crl',
      refresh_seconds: 3600,
      entries: 1,
    });
    expect(await store.mtlsCertificates.crlSerialsByCa()).toEqual({ [cert.id]: ['FF'] });

    const failed = await store.mtlsCertificates.recordCrlError(
      account.id,
      cert.id,
      'connection refused',
      '2026-01-01T01:00:00.000Z',
    );
    expect(failed.last_error).toBe('connection refused');
    expect(await store.mtlsCertificates.crlSerialsByCa()).toEqual({ [cert.id]: ['FF'] });

    await store.mtlsCertificates.deleteCrl(account.id, cert.id);
    expect(await store.mtlsCertificates.getCrl(account.id, cert.id)).toBeUndefined();
    expect(await store.mtlsCertificates.crlSerialsByCa()).toEqual({});
    expect((await caught(() => store.mtlsCertificates.deleteCrl(account.id, cert.id))).code).toBe(
      'STORE_NOT_FOUND',
    );
    expect(
      (await caught(() => store.mtlsCertificates.setCrl(account.id, cert.id, crl({ source: 'url' })))).code,
    ).toBe('STORE_INVALID_ARGUMENT');
  });

  test('CRL: a large list is stored and read back whole', async () => {
    const store = ctx.store();
    const { account } = await tenant(store);
    const cert = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'big'));
    const serials = Array.from({ length: 5000 }, (_, i) =>
      (i + 1).toString(16).toUpperCase().padStart(8, '0'),
    );
    const status = await store.mtlsCertificates.setCrl(
      account.id,
      cert.id,
      crl({ revoked_serials: serials }),
    );
    expect(status.entries).toBe(5000);
    expect((await store.mtlsCertificates.crlSerialsByCa())[cert.id]).toEqual(serials);
    expect(await store.mtlsCertificates.crlSerials(cert.id)).toEqual(serials);
    expect(await store.mtlsCertificates.crlSerials('0'.repeat(32))).toEqual([]);

    const empty = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'empty'));
    await store.mtlsCertificates.setCrl(account.id, empty.id, crl({ revoked_serials: [] }));
    const none = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'none'));
    expect(
      await store.mtlsCertificates.crlSerialsOf([cert.id, empty.id, none.id, '0'.repeat(32), 'not an id']),
    ).toEqual({
      [cert.id]: serials,
      [empty.id]: [],
    });
    expect(await store.mtlsCertificates.crlSerialsOf([])).toEqual({});
    await store.mtlsCertificates.deleteCrl(account.id, empty.id);
    expect(await store.mtlsCertificates.crlSerialsOf([empty.id])).toEqual({});
  });

  test('CRL next updates: all of them or those asked for, null when the list names none', async () => {
    const store = ctx.store();
    const { account } = await tenant(store);
    const dated = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'dated'));
    const undated = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'undated'));
    const none = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'no crl'));
    await store.mtlsCertificates.setCrl(
      account.id,
      dated.id,
      crl({ next_update: '2026-03-01T00:00:00.000Z' }),
    );
    await store.mtlsCertificates.setCrl(account.id, undated.id, crl({ next_update: null }));
    const all = await store.mtlsCertificates.crlNextUpdates();
    expect(all[dated.id]).toBe('2026-03-01T00:00:00.000Z');
    expect(all[undated.id]).toBeNull();
    expect(none.id in all).toBe(false);
    expect(await store.mtlsCertificates.crlNextUpdates([dated.id, none.id, 'not an id'])).toEqual({
      [dated.id]: '2026-03-01T00:00:00.000Z',
    });
    expect(await store.mtlsCertificates.crlNextUpdates([])).toEqual({});
    await store.mtlsCertificates.setCrl(
      account.id,
      dated.id,
      crl({ next_update: '2026-04-01T00:00:00.000Z' }),
    );
    expect(await store.mtlsCertificates.crlNextUpdates([dated.id])).toEqual({
      [dated.id]: '2026-04-01T00:00:00.000Z',
    });
  });

  test('CRL refresh is due on the refresh period and before next_update, not after a recent failure', async () => {
    let now = Date.parse('2026-01-01T00:00:00.000Z');
    const store = await ctx.reopen({ now: () => new Date(now) });
    const { account } = await tenant(store);
    const cert = await store.mtlsCertificates.create(newMtlsCertificate(account.id, 'due'));
    await store.mtlsCertificates.setCrl(
      account.id,
      cert.id,
      crl({
        source: 'url',
        url: 'http://crl.example.test/a.crl',
        refresh_seconds: 600,
        fetched_at: new Date(now).toISOString(),
        this_update: '2026-01-01T00:00:00.000Z',
        next_update: '2026-01-02T00:00:00.000Z',
      }),
    );
    const due = (at: number) => store.mtlsCertificates.listDueCrls(new Date(at).toISOString());
    expect(await due(now + 599_000)).toEqual([]);
    const list = await due(now + 600_000);
    expect(list.map((d) => [d.account_id, d.crl.mtls_certificate_id])).toEqual([[account.id, cert.id]]);
    now += 600_000;
    await store.mtlsCertificates.recordCrlError(account.id, cert.id, 'timeout', new Date(now).toISOString());
    expect(await due(now + 1000)).toEqual([]);
    expect(await due(now + 600_000)).toHaveLength(1);
  });
}
