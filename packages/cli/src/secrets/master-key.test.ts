// Tests of master-key loading: created once with mode 0600, reused, validated, never minted for explicit files.
import { mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/load-config.js';
import { masterKeyId } from '@portcullis/pki';
import { loadMasterKey, loadMasterKeyRing } from './master-key.js';

function config(extra: Record<string, unknown> = {}, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-key-'));
  return loadGatewayConfig({ flags: { data: dir, ...extra }, env });
}

describe('loadMasterKey', () => {
  it('creates a 0600 key under the data dir on first start and reuses it', () => {
    const c = config();
    const first = loadMasterKey(c, { create: true });
    expect(first.source).toBe('created');
    expect(first.key).toHaveLength(32);
    const file = join(c.dataDir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadMasterKey(c, { create: true });
    expect(second.source).toBe('file');
    expect(Buffer.from(second.key).equals(Buffer.from(first.key))).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(first.key).toString('base64'));
  });

  it('takes the key from the environment when set', () => {
    const value = Buffer.alloc(32, 7).toString('base64');
    const key = loadMasterKey(config({}, { PORTCULLIS_MASTER_KEY: value }), { create: true });
    expect(key.source).toBe('config');
    expect(key.key[0]).toBe(7);
  });

  it('refuses to mint a key for an explicitly named missing file, or when not allowed to create', () => {
    expect(() =>
      loadMasterKey(config({ masterKeyFile: '/nonexistent/master.key' }), { create: true }),
    ).toThrow(/does not exist/);
    expect(() => loadMasterKey(config(), { create: false })).toThrow(/does not exist/);
  });

  it('rejects a malformed key file and warns about loose permissions', () => {
    const c = config();
    const file = join(c.dataDir, 'master.key');
    writeFileSync(file, 'not a key', { mode: 0o644 });
    expect(() => loadMasterKey(c, { create: true })).toThrow(/exactly 32 bytes/);
    writeFileSync(file, Buffer.alloc(32, 1).toString('base64'), { mode: 0o644 });
    expect(loadMasterKey(c, { create: true }).warning).toMatch(/chmod 600/);
  });
});

describe('loadMasterKeyRing', () => {
  const b64 = (fill: number) => Buffer.alloc(32, fill).toString('base64');
  const ids = (keys: readonly Uint8Array[]) => keys.map((key) => masterKeyId(key));

  it('is the current key alone without rotation files', () => {
    const ring = loadMasterKeyRing(config(), { create: true });
    expect(ring.keys).toEqual([ring.current.key]);
    expect(ring.previousKeys).toEqual([]);
  });

  it('adds master.key.previous, master.key.next and PORTCULLIS_MASTER_KEY_PREVIOUS, current first, without duplicates', () => {
    const c = config({}, { PORTCULLIS_MASTER_KEY_PREVIOUS: b64(3) });
    const file = join(c.dataDir, 'master.key');
    writeFileSync(file, b64(1), { mode: 0o600 });
    writeFileSync(`${file}.previous`, `${b64(2)}\n`, { mode: 0o600 });
    writeFileSync(`${file}.next`, b64(4), { mode: 0o644 });
    const ring = loadMasterKeyRing(c, { create: true });
    expect(ids(ring.keys)).toEqual(ids([1, 3, 2, 4].map((fill) => new Uint8Array(Buffer.alloc(32, fill)))));
    expect(ring.extra.map((key) => `${key.role}:${key.source}`)).toEqual([
      'previous:config',
      'previous:file',
      'next:file',
    ]);
    expect(ring.warnings).toEqual([
      expect.stringMatching(/master\.key\.next is readable by group or others/),
    ]);
    writeFileSync(`${file}.next`, b64(1), { mode: 0o600 });
    expect(ring.previousKeys).toHaveLength(3);
    expect(loadMasterKeyRing(c, { create: true }).previousKeys).toHaveLength(2);
  });

  it('names the config key or the file holding a malformed extra key', () => {
    expect(() => config({}, { PORTCULLIS_MASTER_KEY_PREVIOUS: 'short' })).toThrow(
      /masterKey\.previous: must be the base64 encoding of exactly 32 bytes \(from PORTCULLIS_MASTER_KEY_PREVIOUS\)/,
    );
    const c = config();
    loadMasterKey(c, { create: true });
    writeFileSync(join(c.dataDir, 'master.key.previous'), 'nope');
    expect(() => loadMasterKeyRing(c, { create: true })).toThrow(
      /master\.key\.previous must hold the base64 encoding/,
    );
  });

  it('never mints a new key while an interrupted rotation left master.key.next behind', () => {
    const c = config();
    const file = join(c.dataDir, 'master.key');
    loadMasterKey(c, { create: true });
    renameSync(file, `${file}.next`);
    expect(() => loadMasterKey(c, { create: true })).toThrow(/rotation was interrupted/);
  });
});
