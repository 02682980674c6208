// Conformance cases: every sealed secret listed and rewritten in one transaction, or none at all.
import { expect, test } from 'vitest';
import type { SuiteContext } from '../harness.js';
import { caught } from '../harness.js';
import { newHostname, tenant } from '../fixtures.js';
import type { SealedSecret, Store } from '../../types.js';

/** A zone with its CA, a hostname, the edge CA key setting and an unrelated setting. */
async function seed(store: Store): Promise<{ caId: string; hostId: string; zoneId: string }> {
  const t = await tenant(store, 'secrets.example.test');
  const host = await store.hostnames.create(newHostname(t.zone.id, 'api.secrets.example.test'));
  await store.settings.set('edge_ca.private_key_sealed', 'sealed:v1:edge-ca');
  await store.settings.set('edge_ca.certificate', 'PEM');
  return { caId: t.ca.id, hostId: host.id, zoneId: t.zone.id };
}

const describeSecret = (s: SealedSecret) => `${s.kind}:${s.id}`;

export function secretCases(ctx: SuiteContext): void {
  test('secrets: list names every sealed value (CA, hostname, sealed setting) and nothing else', async () => {
    const store = ctx.store();
    const { caId, hostId, zoneId } = await seed(store);
    expect(await store.secrets.list()).toEqual([
      {
        kind: 'certificate_authority',
        id: caId,
        zone_id: zoneId,
        sealed: 'sealed:v1:ca-key-of-secrets.example.test',
      },
      {
        kind: 'hostname',
        id: hostId,
        zone_id: zoneId,
        sealed: 'sealed:v1:edge-key-of-api.secrets.example.test',
      },
      { kind: 'setting', id: 'edge_ca.private_key_sealed', zone_id: null, sealed: 'sealed:v1:edge-ca' },
    ]);
  });

  test('secrets: reseal rewrites all three kinds in one feed version and skips unchanged values', async () => {
    const store = ctx.store();
    const { caId, hostId } = await seed(store);
    const version = await store.changes.version();
    const seen: string[] = [];
    const result = await store.secrets.reseal(async (secret) => {
      seen.push(describeSecret(secret));
      await Promise.resolve();
      return secret.sealed.replace('sealed:v1:', 'sealed:v2:');
    });
    expect(result).toEqual({ count: 3, total: 3 });
    expect(seen).toHaveLength(3);
    expect(await store.certificateAuthorities.sealedKey(caId)).toBe(
      'sealed:v2:ca-key-of-secrets.example.test',
    );
    expect((await store.hostnames.edgeCredentials(hostId))?.private_key_sealed).toBe(
      'sealed:v2:edge-key-of-api.secrets.example.test',
    );
    expect(await store.settings.get('edge_ca.private_key_sealed')).toBe('sealed:v2:edge-ca');
    expect(await store.settings.get('edge_ca.certificate')).toBe('PEM');
    const after = await store.changes.version();
    expect(after).toBe(version + 1);
    const changes = await store.changes.changesSince(version);
    expect(changes.changes.map((c) => `${c.kind}:${c.id}`).sort()).toEqual(
      [`certificate_authority:${caId}`, `hostname:${hostId}`, 'setting:edge_ca.private_key_sealed'].sort(),
    );

    // A second pass that returns every value unchanged rewrites nothing and moves no version.
    expect(await store.secrets.reseal((secret) => secret.sealed)).toEqual({ count: 0, total: 3 });
    expect(await store.changes.version()).toBe(after);
  });

  test('secrets: a reseal that throws part-way leaves every value as it was', async () => {
    const store = ctx.store();
    await seed(store);
    const before = await store.secrets.list();
    const version = await store.changes.version();
    let calls = 0;
    const failure = await caught(() =>
      store.secrets.reseal((secret) => {
        calls += 1;
        if (secret.kind === 'setting') throw new Error(`cannot open ${secret.id}`);
        return `rewritten:${secret.id}`;
      }),
    );
    expect(failure.message).toBe('cannot open edge_ca.private_key_sealed');
    expect(calls).toBe(3);
    expect(await store.secrets.list()).toEqual(before);
    expect(await store.changes.version()).toBe(version);
    expect((await caught(() => store.secrets.reseal(() => ''))).code).toBe('STORE_INVALID_ARGUMENT');
    expect(await store.secrets.list()).toEqual(before);
  });

  test('secrets: reseal joins a caller transaction with its audit entry, all or nothing', async () => {
    const store = ctx.store();
    const { caId } = await seed(store);
    const { account } = await store.accounts.ensureDefault({ name: 'Default account' });
    const audit = (count: number) => ({
      actor: { type: 'system' as const, id: null, name: 'master-key rotate', ip: null },
      action: 'rotate_master_key',
      resource: { type: 'master_key', id: 'new-key-id' },
      account_id: account.id,
      zone_id: null,
      details: { resealed: count },
    });
    await caught(() =>
      store.transaction(async (tx) => {
        const { count } = await tx.secrets.reseal((secret) => `${secret.sealed}!`);
        await tx.auditLog.append(audit(count));
        throw new Error('abort');
      }),
    );
    expect(await store.certificateAuthorities.sealedKey(caId)).toBe(
      'sealed:v1:ca-key-of-secrets.example.test',
    );
    expect((await store.auditLog.list()).total_count).toBe(0);

    await store.transaction(async (tx) => {
      const { count } = await tx.secrets.reseal((secret) => `${secret.sealed}!`);
      await tx.auditLog.append(audit(count));
    });
    expect(await store.certificateAuthorities.sealedKey(caId)).toBe(
      'sealed:v1:ca-key-of-secrets.example.test!',
    );
    const entries = (await store.auditLog.list()).items;
    expect(entries).toEqual([
      expect.objectContaining({ action: 'rotate_master_key', details: { resealed: 3 } }),
    ]);
  });
}
