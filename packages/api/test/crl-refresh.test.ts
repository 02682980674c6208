// refreshDueCrls against a real SQLite store and real CRLs: ahead of nextUpdate, verified, DER or PEM, errors kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCrl, certificateInfo, createCa } from '@portcullis/pki';
import { openStore, type Store } from '@portcullis/store';
import { refreshDueCrls } from '../src/index.js';

const now = new Date('2026-06-01T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

let store: Store;
let accountId: string;
let caId: string;
let ca: Awaited<ReturnType<typeof createCa>>;

async function crlPem(serials: string[], nextUpdate: Date, signer = ca): Promise<string> {
  const crl = await buildCrl({
    ca: { certificatePem: signer.certificatePem, privateKeyPem: signer.privateKeyPem },
    entries: serials.map((serialHex) => ({ serialHex, revokedAt: minutes(-60) })),
    crlNumber: serials.length + 1,
    thisUpdate: minutes(-1),
    nextUpdate,
  });
  return crl.pem;
}

function fetchReturning(body: string | (() => string)): typeof fetch {
  return (async () =>
    new Response(typeof body === 'function' ? body() : body, { status: 200 })) as typeof fetch;
}

beforeEach(async () => {
  store = await openStore({
    kind: 'sqlite',
    file: join(mkdtempSync(join(tmpdir(), 'portcullis-crl-')), 'p.db'),
    now: () => now,
  });
  accountId = (await store.accounts.ensureDefault({ name: 'test' })).account.id;
  ca = await createCa({ commonName: 'Partner CA', now: minutes(-24 * 60) });
  const info = certificateInfo(ca.certificatePem);
  caId = (
    await store.mtlsCertificates.create({
      account_id: accountId,
      name: 'partner',
      ca: true,
      certificates: ca.certificatePem,
      issuer: info.issuerDn,
      serial_number: info.serialDecimal,
      signature: info.signatureAlgorithm,
      ski: info.skiHex,
      expires_on: info.notAfter.toISOString(),
    })
  ).id;
  // The current list expires in 2 minutes: inside refreshDueCrls' default 5-minute horizon.
  const current = await crlPem(['01'], minutes(2));
  await store.mtlsCertificates.setCrl(accountId, caId, {
    source: 'url',
    url: 'http://crl.partner.test/ca.crl',
    refresh_seconds: 86_400,
    crl_pem: current,
    crl_number: '2',
    this_update: minutes(-1).toISOString(),
    next_update: minutes(2).toISOString(),
    revoked_serials: ['01'],
    fetched_at: minutes(-1).toISOString(),
  });
});

afterEach(async () => {
  await store.close();
});

describe('refreshDueCrls', () => {
  it('fetches a CRL before its nextUpdate and stores the new serials', async () => {
    const next = await crlPem(['01', 'ABCDEF'], minutes(60 * 24));
    await refreshDueCrls(store, { now: () => now, fetch: fetchReturning(next) });
    expect((await store.mtlsCertificates.crlSerialsByCa())[caId]?.sort()).toEqual(['01', 'ABCDEF']);
    const crl = await store.mtlsCertificates.getCrl(accountId, caId);
    expect(crl?.last_error).toBeNull();
    expect(crl?.entries).toBe(2);
  });

  it('keeps the previous list and records the error when the CRL is not signed by the CA', async () => {
    const stranger = await createCa({ commonName: 'Stranger', now: minutes(-60) });
    const forged = await crlPem([], minutes(60 * 24), stranger);
    await refreshDueCrls(store, { now: () => now, fetch: fetchReturning(forged) });
    expect((await store.mtlsCertificates.crlSerialsByCa())[caId]).toEqual(['01']);
    expect((await store.mtlsCertificates.getCrl(accountId, caId))?.last_error).toMatch(/.+/);
  });

  it('records an unreachable URL without touching the list', async () => {
    const failing = (async () => new Response('gone', { status: 404 })) as typeof fetch;
    await refreshDueCrls(store, { now: () => now, fetch: failing });
    expect((await store.mtlsCertificates.getCrl(accountId, caId))?.last_error).toMatch(/404/);
    expect((await store.mtlsCertificates.crlSerialsByCa())[caId]).toEqual(['01']);
  });

  it('accepts a DER CRL as distribution points usually serve it', async () => {
    const pem = await crlPem(['0B'], minutes(60 * 24));
    const der = Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const derFetch = (async () => new Response(der)) as typeof fetch;
    await refreshDueCrls(store, { now: () => now, fetch: derFetch });
    expect((await store.mtlsCertificates.crlSerialsByCa())[caId]).toEqual(['0B']);
  });

  it('leaves a CRL alone while its nextUpdate is far and its refresh period not over', async () => {
    let fetched = 0;
    const next = await crlPem(['01'], minutes(60 * 24));
    const counting = (async () => {
      fetched += 1;
      return new Response(next);
    }) as typeof fetch;
    await refreshDueCrls(store, { now: () => now, fetch: counting });
    expect(fetched).toBe(1);
    await refreshDueCrls(store, { now: () => now, fetch: counting });
    expect(fetched).toBe(1);
  });
});
