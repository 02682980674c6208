// Configuration of the real process: a JSON config file, PORTCULLIS_* variables, and errors that name the key.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './support/paths.js';
import { startProcess, waitFor } from './support/processes.js';

describe('portcullis configuration', () => {
  it('starts from a config file and PORTCULLIS_* variables alone, writing the secrets with mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-e2e-'));
    const config = join(dir, 'portcullis.json');
    writeFileSync(
      config,
      JSON.stringify({
        version: 1,
        dataDir: 'data',
        edge: { listen: '127.0.0.1:0' },
        log: { level: 'warn' },
      }),
    );
    const adminFile = join(dir, 'admin.address');
    const proc = startProcess(process.execPath, [cliBin, 'serve'], {
      PORTCULLIS_CONFIG: config,
      PORTCULLIS_ADMIN_LISTEN: '127.0.0.1:0',
      PORTCULLIS_ADMIN_ADDRESS_FILE: adminFile,
    });
    try {
      const admin = await waitFor('the admin address', () => {
        if (proc.child.exitCode !== null) throw new Error(proc.stderr());
        return existsSync(adminFile) ? readFileSync(adminFile, 'utf8').trim() || undefined : undefined;
      });
      const health = (await (await fetch(`http://${admin}/healthz`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      // dataDir in the file is relative to the file.
      for (const secret of ['master.key', 'admin-token'])
        expect(statSync(join(dir, 'data', secret)).mode & 0o777).toBe(0o600);
      expect(proc.stdout()).toContain('admin token (shown once');
    } finally {
      expect(await proc.stop()).toBe(0);
    }
  });

  it('refuses a bad configuration with exit code 2 and one line per problem, naming the key and its source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-e2e-'));
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ dataDir: dir, edge: { lisen: '0.0.0.0:443' } }));
    const result = spawnSync(
      process.execPath,
      [cliBin, 'serve', '--config', config, '--admin-listen', 'localhost'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', PORTCULLIS_SNAPSHOT_POLL_MS: 'often' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('edge.lisen: unknown key (from config file');
    expect(result.stderr).toContain(
      'snapshot.pollIntervalMs: must be a whole number (got "often") (from PORTCULLIS_SNAPSHOT_POLL_MS)',
    );
    expect(result.stderr).toContain('admin.listen: must be host:port');
    expect(result.stdout).toBe('');
  });
});
