// Tests of the incremental edge inputs: random change sequences on a real store (SQLite always,
// PostgreSQL when it answers) must leave the reader's inputs equal to a fresh full read.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, CertificateAuthority, Zone } from '@portcullis/model';
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import { openStore, type CommonStoreOptions, type Store } from '@portcullis/store';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEdgeConfig, readEdgeInputs } from './edge-config-from-store.js';
import { IncrementalEdgeInputs, patchRevocations } from './incremental-edge-inputs.js';

const pgUrl = process.env['PORTCULLIS_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pgAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// Under CI (.ci/run starts PostgreSQL) the PostgreSQL cases always run, so an absent database fails loudly.
const pgAvailable = (await pgAnswers()) || process.env['CI'] !== undefined;
if (!pgAvailable)
  console.warn(
    `incremental edge inputs on PostgreSQL SKIPPED: nothing answers at ${pgUrl.replace(/\/\/[^@]*@/, '//')}`,
  );

type Open = (options?: CommonStoreOptions) => Promise<Store>;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const openSqlite: Open = async (options = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-incremental-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'p.db'), ...options });
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
};

const openPostgres: Open = async (options = {}) => {
  const schema = `incr_${randomBytes(6).toString('hex')}`;
  const store = await openStore({
    kind: 'postgres',
    url: pgUrl,
    schema,
    dropSchemaOnClose: true,
    poolSize: 4,
    ...options,
  });
  cleanups.push(() => store.close());
  return store;
};

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 0;
const pem = (label: string) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(`${label} ${(counter += 1)}`).toString('base64')}\n-----END CERTIFICATE-----\n`;

interface World {
  account: Account;
  zones: { zone: Zone; ca: CertificateAuthority }[];
  uploaded: string[];
  hostnames: { zoneId: string; id: string; name: string }[];
  certificates: { zoneId: string; id: string }[];
}

async function addZone(store: Store, world: World): Promise<void> {
  const name = `z${(counter += 1)}.example.test`;
  const created = await store.transaction(async (tx) => {
    const zone = await tx.zones.create({ account_id: world.account.id, name });
    const ca = await tx.certificateAuthorities.create({
      zone_id: zone.id,
      name: `CA ${name}`,
      certificate: pem('ca'),
      private_key_sealed: 'sealed',
      ski: 'ab'.repeat(20),
      serial: '01',
      expires_on: '2036-01-01T00:00:00.000Z',
    });
    return { zone, ca };
  });
  world.zones.push(created);
}

async function addCertificate(store: Store, world: World, zoneIndex: number): Promise<void> {
  const { zone, ca } = world.zones[zoneIndex]!;
  const n = (counter += 1);
  const certificate = await store.clientCertificates.create({
    zone_id: zone.id,
    certificate_authority_id: ca.id,
    certificate: pem('client'),
    csr: 'CSR',
    ski: n.toString(16).padStart(40, '0'),
    serial_number: String(n),
    // Mixed lengths and a lower-case spelling: the store upper-cases, the lists stay sorted.
    serial_hex: (n * 7919).toString(16),
    signature: 'SHA256WithECDSA',
    common_name: `d${n}`,
    organization: '',
    organizational_unit: '',
    country: '',
    state: '',
    location: '',
    issued_on: '2026-01-01T00:00:00.000Z',
    expires_on: '2036-01-01T00:00:00.000Z',
    fingerprint_sha256: n.toString(16).padStart(64, '0'),
    validity_days: 3650,
  });
  world.certificates.push({ zoneId: zone.id, id: certificate.id });
}

async function addHostname(
  store: Store,
  world: World,
  zoneIndex: number,
  mode: 'off' | 'optional' | 'required',
): Promise<void> {
  const { zone } = world.zones[zoneIndex]!;
  const name = `h${(counter += 1)}.${zone.name}`;
  const hostname = await store.hostnames.create({
    zone_id: zone.id,
    hostname: name,
    origin: 'http://127.0.0.1:9000',
    origin_tls_verify: true,
    origin_ca: null,
    mtls_mode: mode,
    forward_client_certificate: false,
    edge_certificate: {
      source: 'managed',
      certificate: pem('edge'),
      issuer: 'CN=edge',
      serial_number: '1',
      fingerprint_sha256: 'ab'.repeat(32),
      expires_on: '2027-01-01T00:00:00.000Z',
      private_key_sealed: `sealed-${name}`,
    },
  });
  world.hostnames.push({ zoneId: zone.id, id: hostname.id, name });
}

async function addUploaded(store: Store, world: World): Promise<string> {
  const n = (counter += 1);
  const uploaded = await store.mtlsCertificates.create({
    account_id: world.account.id,
    name: `byo ${n}`,
    ca: true,
    certificates: pem('byo'),
    issuer: `CN=BYO ${n}`,
    serial_number: String(n),
    signature: 'SHA256WithRSA',
    ski: n.toString(16).padStart(40, 'a'),
    expires_on: '2036-01-01T00:00:00.000Z',
  });
  world.uploaded.push(uploaded.id);
  return uploaded.id;
}

function crl(serials: string[]) {
  return {
    source: 'upload' as const,
    url: null,
    refresh_seconds: null,
    crl_pem: '-----BEGIN X509 CRL-----\nAA==\n-----END X509 CRL-----\n',
    crl_number: '1',
    this_update: null,
    next_update: null,
    revoked_serials: serials,
    fetched_at: null,
  };
}

async function seed(store: Store): Promise<World> {
  const { account } = await store.accounts.ensureDefault({ name: 'Default' });
  const world: World = { account, zones: [], uploaded: [], hostnames: [], certificates: [] };
  for (let i = 0; i < 3; i += 1) await addZone(store, world);
  for (let i = 0; i < 12; i += 1) await addCertificate(store, world, i % 3);
  for (let i = 0; i < 4; i += 1)
    await store.clientCertificates.revoke(world.certificates[i * 3]!.zoneId, world.certificates[i * 3]!.id);
  for (let i = 0; i < 5; i += 1) await addHostname(store, world, i % 3, i % 2 === 0 ? 'optional' : 'off');
  const uploaded = await addUploaded(store, world);
  await store.mtlsCertificates.setCrl(account.id, uploaded, crl(['0A', '0b', '1F00']));
  await store.hostnameAssociations.add(world.zones[0]!.zone.id, null, world.hostnames[0]!.name);
  await store.hostnameAssociations.add(world.zones[0]!.zone.id, uploaded, world.hostnames[0]!.name);
  await store.rulesets.putEntrypoint(world.zones[0]!.zone.id, CUSTOM_RULES_PHASE, {
    rules: [{ action: 'block', expression: 'not cf.tls_client_auth.cert_verified' }],
  });
  return world;
}

/** One random change; returns its name (for the failure message). */
async function randomChange(store: Store, world: World, random: () => number): Promise<string> {
  const pick = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[Math.floor(random() * list.length)];
  const zoneIndex = Math.floor(random() * world.zones.length);
  const zone = world.zones[zoneIndex]?.zone;
  const roll = random();
  if (roll < 0.2) {
    const certificate = pick(world.certificates);
    if (certificate === undefined) return 'nothing to revoke';
    await store.clientCertificates.revoke(certificate.zoneId, certificate.id, { pending: random() < 0.3 });
    return 'revoke';
  }
  if (roll < 0.32) {
    const certificate = pick(world.certificates);
    if (certificate === undefined) return 'nothing to reactivate';
    await store.clientCertificates.reactivate(certificate.zoneId, certificate.id, {
      pending: random() < 0.3,
    });
    return 'reactivate';
  }
  if (roll < 0.36) {
    await store.clientCertificates.settlePending();
    return 'settle pending';
  }
  if (roll < 0.42 && zone !== undefined) {
    await addCertificate(store, world, zoneIndex);
    return 'issue a certificate';
  }
  if (roll < 0.48 && zone !== undefined) {
    await addHostname(store, world, zoneIndex, pick(['off', 'optional', 'required'] as const)!);
    return 'add a hostname';
  }
  if (roll < 0.52) {
    const host = pick(world.hostnames);
    if (host === undefined) return 'no hostname to change';
    await store.hostnames.update(host.zoneId, host.id, {
      mtls_mode: pick(['off', 'optional', 'required'] as const)!,
      origin: `http://127.0.0.1:${9000 + Math.floor(random() * 100)}`,
    });
    return 'change a hostname';
  }
  if (roll < 0.55) {
    const host = pick(world.hostnames);
    if (host === undefined) return 'no hostname to delete';
    await store.hostnames.delete(host.zoneId, host.id);
    world.hostnames.splice(world.hostnames.indexOf(host), 1);
    return 'delete a hostname';
  }
  if (roll < 0.62) {
    const host = pick(world.hostnames);
    if (host === undefined) return 'no hostname to associate';
    const ca = random() < 0.5 ? null : (pick(world.uploaded) ?? null);
    if (random() < 0.7) await store.hostnameAssociations.add(host.zoneId, ca, host.name);
    else await store.hostnameAssociations.remove(host.zoneId, ca, host.name);
    return 'associate';
  }
  if (roll < 0.7 && zone !== undefined) {
    const rules = Array.from({ length: Math.floor(random() * 3) }, (_, i) => ({
      action: 'block' as const,
      expression: `http.request.uri.path eq "/p${Math.floor(random() * 1000)}-${i}"`,
    }));
    await store.rulesets.putEntrypoint(zone.id, CUSTOM_RULES_PHASE, { rules });
    return 'change rules';
  }
  if (roll < 0.78) {
    const uploaded = pick(world.uploaded);
    if (uploaded === undefined) return 'no uploaded CA';
    const serials = Array.from({ length: Math.floor(random() * 6) }, () =>
      Math.floor(random() * 0xfffff).toString(16),
    );
    await store.mtlsCertificates.setCrl(world.account.id, uploaded, crl(serials));
    return 'upload a CRL';
  }
  if (roll < 0.8) {
    const uploaded = pick(world.uploaded);
    if (uploaded === undefined) return 'no uploaded CA';
    await store.mtlsCertificates.deleteCrl(world.account.id, uploaded).catch(() => undefined);
    return 'delete a CRL';
  }
  if (roll < 0.82) {
    const uploaded = pick(world.uploaded);
    if (uploaded === undefined) return 'no uploaded CA';
    await store.mtlsCertificates
      .recordCrlError(world.account.id, uploaded, 'connection refused', new Date().toISOString())
      .catch(() => undefined);
    return 'CRL fetch failed';
  }
  if (roll < 0.84) {
    await addUploaded(store, world);
    return 'upload a CA';
  }
  if (roll < 0.86) {
    const uploaded = pick(world.uploaded);
    if (uploaded === undefined) return 'no uploaded CA';
    try {
      await store.mtlsCertificates.delete(world.account.id, uploaded);
      world.uploaded.splice(world.uploaded.indexOf(uploaded), 1);
      return 'delete an uploaded CA';
    } catch {
      return 'uploaded CA in use';
    }
  }
  if (roll < 0.88) {
    await addZone(store, world);
    return 'add a zone';
  }
  if (roll < 0.89 && world.zones.length > 2) {
    const [removed] = world.zones.splice(zoneIndex, 1);
    await store.zones.delete(removed!.zone.id);
    world.hostnames = world.hostnames.filter((host) => host.zoneId !== removed!.zone.id);
    world.certificates = world.certificates.filter((certificate) => certificate.zoneId !== removed!.zone.id);
    return 'delete a zone';
  }
  if (roll < 0.93) {
    await store.settings.set(`unrelated.${Math.floor(random() * 3)}`, String(random()));
    return 'write a setting';
  }
  // Several changes in one transaction: one version, many change rows.
  const certificates = [pick(world.certificates), pick(world.certificates)].filter((c) => c !== undefined);
  await store.transaction(async (tx) => {
    for (const certificate of certificates)
      await tx.clientCertificates.revoke(certificate.zoneId, certificate.id);
    if (zone !== undefined) await tx.rulesets.putEntrypoint(zone.id, CUSTOM_RULES_PHASE, { rules: [] });
  });
  return 'revoke and clear rules in one transaction';
}

function cases(name: string, open: Open, enabled: boolean) {
  describe.skipIf(!enabled)(`IncrementalEdgeInputs on ${name}`, () => {
    it('equals a fresh full read after every step of random change sequences', async () => {
      const store = await open();
      const world = await seed(store);
      const reader = new IncrementalEdgeInputs(store);
      // The same changes through small pages (several pages per delta, transactions kept whole).
      const paged = new IncrementalEdgeInputs(store, { pageSize: 3 });
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      await paged.read();
      const random = prng(20261130);
      const steps = name === 'sqlite' ? 160 : 80;
      const history: string[] = [];
      for (let step = 0; step < steps; step += 1) {
        // Sometimes several commits between two reads (one delta spanning versions).
        const burst = random() < 0.25 ? 1 + Math.floor(random() * 4) : 1;
        for (let i = 0; i < burst; i += 1) history.push(await randomChange(store, world, random));
        const incremental = await reader.read();
        const fresh = await readEdgeInputs(store);
        expect(incremental, `after: ${history.slice(-burst).join(', ')} (step ${step})`).toEqual(fresh);
        expect(
          await paged.read(),
          `paged, after: ${history.slice(-burst).join(', ')} (step ${step})`,
        ).toEqual(fresh);
      }
      expect(paged.stats().incremental).toBeGreaterThan(steps / 2);
      // The sequence (fixed seed) exercised what matters.
      for (const kind of [
        'revoke',
        'reactivate',
        'settle pending',
        'add a hostname',
        'associate',
        'change rules',
        'upload a CRL',
        'delete a zone',
      ]) {
        expect(history).toContain(kind);
      }
      const stats = reader.stats();
      // Only the first read and deleted zones need a full read.
      expect(stats.incremental).toBeGreaterThan(steps / 2);
      expect(stats.full).toBe(1 + history.filter((entry) => entry === 'delete a zone').length);
    }, 60_000);

    it('re-reads only what changed: untouched lists and rows keep their identity', async () => {
      const store = await open();
      const world = await seed(store);
      const reader = new IncrementalEdgeInputs(store);
      const before = await reader.read();
      const options = { openKey: (sealed: string) => sealed };
      const configBefore = buildEdgeConfig(before, options);
      const target = world.certificates.find((_, i) => i % 3 === 1)!; // active, zone 1
      await store.clientCertificates.revoke(target.zoneId, target.id);
      const after = await reader.read();
      expect(reader.lastReadKind()).toBe('incremental');
      expect(after).toEqual(await readEdgeInputs(store));
      expect(after.hostnames).toBe(before.hostnames);
      expect(after.credentials).toBe(before.credentials);
      expect(after.rulesets).toBe(before.rulesets);
      expect(after.crlRevocations).toBe(before.crlRevocations);
      const changedCa = world.zones[1]!.ca.id;
      for (const [caId, list] of Object.entries(after.managedRevocations)) {
        if (caId !== changedCa) expect(list).toBe(before.managedRevocations[caId]);
      }
      const configAfter = buildEdgeConfig(after, options);
      const uploaded = world.uploaded[0]!;
      // The million-serial case: an unchanged CRL list reaches the edge as the same array.
      expect(configAfter.revokedSerials[uploaded]).toBe(configBefore.revokedSerials[uploaded]);
      expect(configAfter.revokedSerials[changedCa]).not.toBe(configBefore.revokedSerials[changedCa]);

      await store.settings.set('unrelated', 'x');
      const unrelated = await reader.read();
      expect(reader.lastReadKind()).toBe('unchanged');
      expect(unrelated).toEqual({ ...after, version: unrelated.version });
      expect(unrelated.managedRevocations).toBe(after.managedRevocations);
    });

    it('reads in full when the change log no longer reaches back, then goes on incrementally', async () => {
      const store = await open({ changeLogRetention: 3 });
      const world = await seed(store);
      const reader = new IncrementalEdgeInputs(store);
      await reader.read();
      for (let i = 0; i < 6; i += 1)
        await store.clientCertificates.revoke(world.certificates[i]!.zoneId, world.certificates[i]!.id);
      // The store prunes every 64th version.
      for (let i = 0; i < 64; i += 1) await store.settings.set('unrelated', String(i));
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.lastReadKind()).toBe('full');
      expect(reader.stats().lastFullReason).toMatch(/does not reach back \(pruned\)/);
      await store.clientCertificates.reactivate(world.certificates[0]!.zoneId, world.certificates[0]!.id);
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.lastReadKind()).toBe('incremental');
    });

    it('follows a long history page by page, and reads in full past five pages', async () => {
      const store = await open();
      const world = await seed(store);
      const reader = new IncrementalEdgeInputs(store, { pageSize: 2 });
      await reader.read();
      for (let i = 0; i < 6; i += 1)
        await store.clientCertificates.revoke(world.certificates[i]!.zoneId, world.certificates[i]!.id);
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.lastReadKind()).toBe('incremental');
      await store.clientCertificates.reactivate(world.certificates[0]!.zoneId, world.certificates[0]!.id);
      for (let i = 0; i < 11; i += 1) await store.settings.set('unrelated', String(i));
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.lastReadKind()).toBe('full');
      expect(reader.stats().lastFullReason).toMatch(/^more than \d+ changes to apply$/);
    });

    it('reads in full after an error in a delta, and keeps the last inputs when that fails too', async () => {
      const store = await open();
      const world = await seed(store);
      const reader = new IncrementalEdgeInputs(store);
      const first = await reader.read();
      await store.clientCertificates.revoke(world.certificates[1]!.zoneId, world.certificates[1]!.id);
      const original = store.clientCertificates.revocationStates.bind(store.clientCertificates);
      const repository = store.clientCertificates as { revocationStates: typeof original };
      repository.revocationStates = () => Promise.reject(new Error('connection reset'));
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.stats().lastFullReason).toBe('delta failed: connection reset');
      const recovered = await reader.read();
      expect(first.version).toBeLessThan(recovered.version);

      // The full read fails too: the error reaches the caller (which keeps serving), the last inputs stay.
      await store.clientCertificates.revoke(world.certificates[2]!.zoneId, world.certificates[2]!.id);
      const zones = store.zones as { listAll: () => Promise<unknown> };
      const listAll = zones.listAll;
      zones.listAll = () => Promise.reject(new Error('database unreachable'));
      await expect(reader.read()).rejects.toThrow('database unreachable');
      zones.listAll = listAll;
      repository.revocationStates = original;
      expect(await reader.read()).toEqual(await readEdgeInputs(store));
      expect(reader.lastReadKind()).toBe('incremental');
    });
  });
}

cases('sqlite', openSqlite, true);
cases('postgres', openPostgres, pgAvailable);

describe('patchRevocations', () => {
  it('inserts and removes in sorted order without touching the given lists', () => {
    const lists = { a: ['01', '0A', 'FF'], b: ['10'] } as const;
    const frozen = JSON.stringify(lists);
    const patched = patchRevocations(lists, [
      { certificate_authority_id: 'a', serial_hex: '0b', revoked: true },
      { certificate_authority_id: 'a', serial_hex: '01', revoked: false },
      { certificate_authority_id: 'b', serial_hex: '10', revoked: false },
      { certificate_authority_id: 'c', serial_hex: '05', revoked: true },
      { certificate_authority_id: 'c', serial_hex: '06', revoked: false },
    ]);
    expect(patched).toEqual({ a: ['0A', '0B', 'FF'], c: ['05'] });
    expect(JSON.stringify(lists)).toBe(frozen);
  });

  it('returns the same record when nothing changes', () => {
    const lists = { a: ['01'] };
    expect(
      patchRevocations(lists, [{ certificate_authority_id: 'a', serial_hex: '01', revoked: true }]),
    ).toBe(lists);
    expect(
      patchRevocations(lists, [{ certificate_authority_id: 'b', serial_hex: '01', revoked: false }]),
    ).toBe(lists);
  });
});
