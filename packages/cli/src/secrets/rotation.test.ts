// Tests of master-key rotation on a real SQLite store: prepared and interrupted rotations finish, key-in-config mode writes no files.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envelopeKeyId, masterKeyId, openSecret, sealSecret } from '@portcullis/pki';
import { openStore, type Store } from '@portcullis/store';
import { loadGatewayConfig } from '../config/load-config.js';
import { loadMasterKey, loadMasterKeyRing } from './master-key.js';
import { masterKeyStatus, rotateMasterKey } from './rotation.js';

const b64 = (key: Uint8Array) => Buffer.from(key).toString('base64');
const fileKey = (file: string) => new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data dir whose store holds one sealed setting under `key` (the edge CA key's place). */
async function dataDir(env: Record<string, string> = {}, key?: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-rotate-'));
  made.push(dir);
  const config = loadGatewayConfig({ flags: { data: dir }, env });
  const sealWith = key ?? loadMasterKey(config, { create: true }).key;
  const open = () => openStore({ kind: 'sqlite', file: join(dir, 'portcullis.db') });
  const store = await open();
  await store.settings.set('edge_ca.private_key_sealed', sealSecret(sealWith, 'PRIVATE KEY PEM'));
  await store.close();
  const sealed = async () => {
    const s: Store = await open();
    try {
      return (await s.settings.get('edge_ca.private_key_sealed')) ?? '';
    } finally {
      await s.close();
    }
  };
  return { dir, config, open, sealed, file: join(dir, 'master.key') };
}

describe('rotateMasterKey', () => {
  it('uses a prepared master.key.next (e.g. copied to every node first) and keeps it when the store fails', async () => {
    const d = await dataDir();
    const prepared = new Uint8Array(randomBytes(32));
    writeFileSync(`${d.file}.next`, b64(prepared), { mode: 0o600 });
    const failing = await rotateMasterKey(d.config, {
      openStore: () => Promise.reject(new Error('database down')),
    }).catch((error: Error) => error);
    expect((failing as Error).message).toBe('database down');
    expect(existsSync(`${d.file}.next`)).toBe(true);

    const report = await rotateMasterKey(d.config, { openStore: d.open });
    expect(report).toMatchObject({
      mode: 'files',
      resumed: true,
      resealed: 1,
      total: 1,
      newKeyId: masterKeyId(prepared),
    });
    expect(masterKeyId(fileKey(d.file))).toBe(masterKeyId(prepared));
    expect(envelopeKeyId(await d.sealed())).toBe(masterKeyId(prepared));
    expect(openSecret(prepared, await d.sealed())).toBe('PRIVATE KEY PEM');
  });

  it('removes the master.key.next it wrote when the rotation fails', async () => {
    const d = await dataDir();
    await expect(
      rotateMasterKey(d.config, { openStore: () => Promise.reject(new Error('database down')) }),
    ).rejects.toThrow('database down');
    expect(existsSync(`${d.file}.next`)).toBe(false);
  });

  it('finishes a rotation interrupted between the two renames, and serve refuses to mint a key meanwhile', async () => {
    const d = await dataDir();
    const oldKey = fileKey(d.file);
    await rotateMasterKey(d.config, { openStore: d.open });
    const newKey = fileKey(d.file);
    // As if the process died after `master.key → master.key.previous`, before `master.key.next → master.key`.
    renameSync(d.file, `${d.file}.next`);
    expect(() => loadMasterKey(d.config, { create: true })).toThrow(/interrupted/);
    const report = await rotateMasterKey(d.config, { openStore: d.open });
    expect(report).toMatchObject({
      resumed: true,
      resealed: 0,
      total: 1,
      oldKeyId: masterKeyId(oldKey),
      newKeyId: masterKeyId(newKey),
    });
    expect(masterKeyId(fileKey(d.file))).toBe(masterKeyId(newKey));
    expect(masterKeyId(fileKey(`${d.file}.previous`))).toBe(masterKeyId(oldKey));
    expect(existsSync(`${d.file}.next`)).toBe(false);
  });

  it('with the key in PORTCULLIS_MASTER_KEY requires --new-key-file and writes no key file', async () => {
    const oldKey = new Uint8Array(randomBytes(32));
    const d = await dataDir({ PORTCULLIS_MASTER_KEY: b64(oldKey) }, oldKey);
    await expect(rotateMasterKey(d.config, { openStore: d.open })).rejects.toMatchObject({
      code: 'CLI_USAGE',
    });
    const newKey = new Uint8Array(randomBytes(32));
    const newKeyFile = join(d.dir, 'new.key');
    writeFileSync(newKeyFile, b64(newKey), { mode: 0o600 });
    const report = await rotateMasterKey(d.config, { newKeyFile, openStore: d.open });
    expect(report).toMatchObject({ mode: 'config', resealed: 1, keyFile: undefined });
    expect(existsSync(d.file) || existsSync(`${d.file}.next`) || existsSync(`${d.file}.previous`)).toBe(
      false,
    );
    expect(openSecret(newKey, await d.sealed())).toBe('PRIVATE KEY PEM');

    // The nodes then run with the new key and the old one as PORTCULLIS_MASTER_KEY_PREVIOUS.
    const next = loadGatewayConfig({
      flags: { data: d.dir },
      env: { PORTCULLIS_MASTER_KEY: b64(newKey), PORTCULLIS_MASTER_KEY_PREVIOUS: b64(oldKey) },
    });
    const store = await d.open();
    const status = await masterKeyStatus(store, loadMasterKeyRing(next, { create: false }));
    await store.close();
    expect(status).toMatchObject({
      currentKeyId: masterKeyId(newKey),
      envelopes: { [masterKeyId(newKey)]: 1 },
      unopened: [],
    });
    expect(status.keys.map((key) => key.role)).toEqual(['current', 'previous']);
  });

  it('reseal moves leftovers sealed under a previous key to the current key and touches no file', async () => {
    const oldKey = new Uint8Array(randomBytes(32));
    const d = await dataDir({}, oldKey);
    writeFileSync(`${d.file}.previous`, b64(oldKey), { mode: 0o600 });
    writeFileSync(d.file, b64(new Uint8Array(randomBytes(32))), { mode: 0o600 });
    const current = fileKey(d.file);
    const report = await rotateMasterKey(d.config, { resealOnly: true, openStore: d.open });
    expect(report).toMatchObject({ mode: 'reseal', resealed: 1, newKeyId: masterKeyId(current) });
    expect(envelopeKeyId(await d.sealed())).toBe(masterKeyId(current));
    expect(masterKeyId(fileKey(`${d.file}.previous`))).toBe(masterKeyId(oldKey));
  });

  it('refuses a new key file that disagrees with a prepared master.key.next, and the current key as the new one', async () => {
    const d = await dataDir();
    writeFileSync(`${d.file}.next`, b64(new Uint8Array(randomBytes(32))), { mode: 0o600 });
    const other = join(d.dir, 'other.key');
    writeFileSync(other, b64(new Uint8Array(randomBytes(32))), { mode: 0o600 });
    await expect(rotateMasterKey(d.config, { newKeyFile: other, openStore: d.open })).rejects.toThrow(
      /already holds another key/,
    );
    expect(existsSync(`${d.file}.next`)).toBe(true);
    rmSync(`${d.file}.next`);
    await expect(rotateMasterKey(d.config, { newKeyFile: d.file, openStore: d.open })).rejects.toThrow(
      /is the current master key/,
    );
    expect(existsSync(`${d.file}.next`)).toBe(false);
  });
});
