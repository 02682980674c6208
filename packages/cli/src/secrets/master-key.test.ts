// Tests of master-key loading: created once with mode 0600, reused, validated, never minted for explicit files.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config/load-config.js';
import { loadMasterKey } from './master-key.js';

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
    expect(() => loadMasterKey(config({ masterKeyFile: '/nonexistent/master.key' }), { create: true })).toThrow(/does not exist/);
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
