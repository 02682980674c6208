// The CRL refresher's scheduling against a real SQLite store; what a refresh does is tested with refreshDueCrls in the api.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCrl, certificateInfo, createCa } from '@portcullis/pki';
import { openStore, type Store } from '@portcullis/store';
import { CrlRefresher } from './crl-refresher.js';

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

describe('CrlRefresher', () => {
  it('runs refreshDueCrls with its clock and fetch, ahead of nextUpdate', async () => {
    const next = await crlPem(['01', 'ABCDEF'], minutes(60 * 24));
    const refresher = new CrlRefresher(store, {
      checkIntervalMs: 60_000,
      now: () => now,
      fetch: fetchReturning(next),
    });
    await refresher.runOnce();
    expect((await store.mtlsCertificates.crlSerialsByCa())[caId]?.sort()).toEqual(['01', 'ABCDEF']);
    expect((await store.mtlsCertificates.getCrl(accountId, caId))?.last_error).toBeNull();
  });

  it('checks at start and then every interval, and stops when closed', async () => {
    let fetched = 0;
    // A failing CRL stays due (its retry pause is inside the horizon), so every check fetches it again.
    const failing = (async () => {
      fetched += 1;
      return new Response('gone', { status: 404 });
    }) as typeof fetch;
    const refresher = new CrlRefresher(store, { checkIntervalMs: 10, now: () => now, fetch: failing });
    refresher.start();
    await vi.waitFor(() => expect(fetched).toBeGreaterThanOrEqual(2));
    await refresher.close();
    const atClose = fetched;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetched).toBe(atClose);
    expect((await store.mtlsCertificates.getCrl(accountId, caId))?.last_error).toMatch(/404/);
  });

  it('logs, rather than throws, when the due CRLs cannot be listed', async () => {
    const warnings: string[] = [];
    const logger = {
      info: () => undefined,
      warn: (_: unknown, message: string) => warnings.push(message),
    } as unknown as Logger;
    const broken = {
      mtlsCertificates: { listDueCrls: () => Promise.reject(new Error('database down')) },
    } as unknown as Store;
    await new CrlRefresher(broken, { checkIntervalMs: 60_000, now: () => now, logger }).runOnce();
    expect(warnings).toEqual(['cannot list CRLs due for refresh']);
  });
});
