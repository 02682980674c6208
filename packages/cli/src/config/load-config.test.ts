// Tests of the config loader: precedence, defaults, freezing, and errors that name key and source.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load-config.js';
import { parseListenAddress } from './listen-address.js';

const cwd = '/srv/portcullis';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect((error as { code: string }).code).toMatch(/^CLI_CONFIG/);
    return [...((error as { details: string[] }).details ?? []), (error as Error).message];
  }
  throw new Error('expected the loader to throw');
}

describe('loadGatewayConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadGatewayConfig({ flags: { data: 'data' }, env: {}, cwd });
    expect(config.dataDir).toBe('/srv/portcullis/data');
    expect(config.edge.listen).toBe('0.0.0.0:8443');
    expect(config.admin.listen).toBe('127.0.0.1:8080');
    expect(config.log.level).toBe('info');
    expect(config.snapshot.pollIntervalMs).toBe(5000);
    expect(config.version).toBe(1);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.edge)).toBe(true);
  });

  it('takes flags over environment over file over command defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-'));
    const file = join(dir, 'portcullis.json');
    writeFileSync(
      file,
      JSON.stringify({
        dataDir: 'from-file',
        edge: { listen: '127.0.0.1:1' },
        admin: { listen: '127.0.0.1:2' },
        log: { level: 'warn' },
      }),
    );
    const config = loadGatewayConfig({
      flags: { config: file, edgeListen: '127.0.0.1:3' },
      env: {
        PORTCULLIS_EDGE_LISTEN: '127.0.0.1:4',
        PORTCULLIS_ADMIN_LISTEN: '127.0.0.1:5',
        PORTCULLIS_SNAPSHOT_POLL_MS: '250',
      },
      defaults: { dataDir: 'demo' },
      cwd,
    });
    expect(config.edge.listen).toBe('127.0.0.1:3');
    expect(config.admin.listen).toBe('127.0.0.1:5');
    expect(config.log.level).toBe('warn');
    expect(config.snapshot.pollIntervalMs).toBe(250);
    // Paths in a config file are relative to the file.
    expect(config.dataDir).toBe(join(dir, 'from-file'));
  });

  it('reads the config file named by PORTCULLIS_CONFIG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ dataDir: '/var/lib/portcullis', database: 'postgres://u@db/p' }));
    const config = loadGatewayConfig({ env: { PORTCULLIS_CONFIG: file }, cwd });
    expect(config.database).toBe('postgres://u@db/p');
    expect(config.dataDir).toBe('/var/lib/portcullis');
  });

  it('names the key, the problem and the source of every bad value', () => {
    const problems = problemsOf(() =>
      loadGatewayConfig({
        flags: { data: 'd', edgeListen: 'nonsense', logLevel: 'loud' },
        env: { PORTCULLIS_SNAPSHOT_POLL_MS: 'soon', PORTCULLIS_DATABASE: 'mysql://x' },
        cwd,
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^snapshot\.pollIntervalMs: must be a whole number .*PORTCULLIS_SNAPSHOT_POLL_MS/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^log\.level: must be one of fatal, error, warn, info, debug, trace, silent \(from --log-level\)/,
      ),
    );
    // Every problem in one run, schema and beyond.
    expect(problems).toContainEqual(expect.stringMatching(/^edge\.listen: must be host:port/));
    expect(problems).toContainEqual(expect.stringMatching(/^database: must be a postgres/));
  });

  it('reports listen and database problems after the schema passes', () => {
    const problems = problemsOf(() =>
      loadGatewayConfig({
        flags: { data: 'd', edgeListen: 'nonsense', database: 'mysql://x' },
        env: {},
        cwd,
      }),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^edge\.listen: must be host:port.*\(from --edge-listen\)/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^database: must be a postgres:\/\/.*\(from --database\)/),
    );
  });

  it('rejects unknown keys and missing required keys with a hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ edge: { lisen: '1.2.3.4:5' } }));
    const problems = problemsOf(() => loadGatewayConfig({ flags: { config: file }, env: {}, cwd }));
    expect(problems).toContainEqual(expect.stringMatching(/^edge\.lisen: unknown key \(from config file/));
    expect(problems).toContainEqual('dataDir: is required (set --data or PORTCULLIS_DATA)');
  });

  it('never echoes a bad master key', () => {
    const problems = problemsOf(() =>
      loadGatewayConfig({ flags: { data: 'd' }, env: { PORTCULLIS_MASTER_KEY: 'c2hvcnQ=' }, cwd }),
    );
    expect(problems.join('\n')).not.toContain('c2hvcnQ=');
    expect(problems).toContainEqual(
      expect.stringMatching(/^masterKey\.value: must be the base64 encoding of exactly 32 bytes/),
    );
  });

  it('reports a malformed config file as CLI_CONFIG_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, '{ "dataDir": ');
    expect(() => loadGatewayConfig({ flags: { config: file }, env: {}, cwd })).toThrow(/is not valid JSON/);
  });
});

describe('parseListenAddress', () => {
  it.each([
    ['127.0.0.1:8443', { host: '127.0.0.1', port: 8443 }],
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['localhost:1', { host: 'localhost', port: 1 }],
  ])('parses %s', (text, expected) => {
    expect(parseListenAddress(text)).toEqual(expected);
  });
  it.each(['8080', 'host:', 'host:99999', '::1:80'])('rejects %s', (text) => {
    expect(parseListenAddress(text)).toHaveProperty('error');
  });
});
