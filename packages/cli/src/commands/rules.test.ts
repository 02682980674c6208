// Runs the real `portcullis rules` command (built dist, spawned with node) against both vendored corpora.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const cliRoot = join(here, '..', '..');
const repoRoot = join(cliRoot, '..', '..');
const bin = join(cliRoot, 'bin', 'portcullis.js');
const fixtures = join(repoRoot, 'packages', 'rules', 'test', 'fixtures');

interface CorpusCase {
  readonly id: string;
  readonly expression: string;
  readonly fields?: Record<string, unknown>;
  readonly expect?: boolean;
  readonly expect_error?: string;
  readonly phase?: string;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function loadCases(name: string): CorpusCase[] {
  return (JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { cases: CorpusCase[] }).cases;
}

/** Runs the CLI with `args`, feeding `input` on stdin. */
function run(args: readonly string[], input: string | Buffer = ''): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    cwd: repoRoot,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function answers(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** The newest modification time of the files under `dir` whose names end with `suffix` (tests excluded). */
function newest(dir: string, suffix: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) time = Math.max(time, newest(path, suffix));
    else if (entry.name.endsWith(suffix) && !entry.name.includes('.test.'))
      time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

/** Builds the CLI when its compiled commands, or the rules engine they run, are missing or older than the sources. */
function ensureBuilt(): void {
  const built = join(cliRoot, 'dist', 'commands');
  const engine = join(repoRoot, 'packages', 'rules', 'dist');
  const stale =
    !existsSync(join(built, 'rules.js')) ||
    !existsSync(join(engine, 'index.js')) ||
    newest(here, '.ts') > newest(built, '.js') ||
    newest(join(repoRoot, 'packages', 'rules', 'src'), '.ts') > newest(engine, '.js');
  if (stale) {
    // Type errors elsewhere in the workspace must not stop the emit this test needs; the outcome is checked below.
    spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli'],
      {
        cwd: repoRoot,
        stdio: 'ignore',
        timeout: 300_000,
      },
    );
  }
  if (!existsSync(join(built, 'rules.js')))
    throw new Error('packages/cli did not build: run `npx tsc -b packages/cli`');
}

beforeAll(() => {
  ensureBuilt();
}, 300_000);

describe('portcullis rules eval --jsonl', () => {
  for (const name of ['rules-conformance.json', 'rules-functions.json']) {
    it(`answers every case of ${name}, in order`, () => {
      const cases = loadCases(name);
      const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
      const result = run(['rules', 'eval', '--jsonl'], input);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const lines = answers(result.stdout);
      expect(lines).toHaveLength(cases.length);
      cases.forEach((c, i) => {
        const answer = lines[i] as {
          result?: boolean;
          error?: { category: string; code: string; message: string; span: unknown };
        };
        if (c.expect_error !== undefined) {
          expect(answer.error?.category, c.id).toBe(c.expect_error);
          expect(answer.error?.code, c.id).toMatch(/^RULES_/);
          expect(typeof answer.error?.message, c.id).toBe('string');
          expect(answer.error?.span, c.id).toEqual([expect.any(Number), expect.any(Number)]);
        } else {
          expect(answer, c.id).toEqual({ result: c.expect });
        }
      });
    });
  }

  it('answers malformed lines with input errors, skips blank lines and keeps going', () => {
    const input = Buffer.concat([
      Buffer.from(
        [
          '{"expression": "ssl", "fields": {"ssl": true}}',
          '',
          'not json',
          '   ',
          '["an", "array"]',
          '{"expression": "ssl", "fields": {"nope": 1}}',
          '{"expression": "ssl", "fields": {"ssl": "true"}}',
          '{"expression": "ssl and", "fields": {}}',
          '',
        ].join('\n'),
      ),
      Buffer.from([0xff, 0xfe, 0x0a]),
      Buffer.from('{"expression": "not ssl"}'),
    ]);
    const result = run(['rules', 'eval', '--jsonl'], input);
    expect(result.status).toBe(0);
    const lines = answers(result.stdout) as {
      result?: boolean;
      error?: { category: string; code: string; line?: number };
    }[];
    expect(lines.map((l) => l.result ?? `${l.error?.category}:${l.error?.code}`)).toEqual([
      true,
      'input:CLI_INPUT_JSON',
      'input:CLI_INPUT_SHAPE',
      'input:CLI_INPUT_FIELD',
      'input:CLI_INPUT_VALUE',
      'parse:RULES_PARSE_UNEXPECTED',
      'input:CLI_INPUT_ENCODING',
      true,
    ]);
    expect(lines[1]?.error?.line).toBe(3);
    expect(lines[6]?.error?.line).toBe(9);
  });

  it('streams: answers each line before the next one is written', async () => {
    const child = spawn(process.execPath, [bin, 'rules', 'eval', '--jsonl'], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffered = '';
    const waitForLine = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer; stdout so far: ${buffered}`)), 20_000);
        const check = (): void => {
          const newline = buffered.indexOf('\n');
          if (newline < 0) return;
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          clearTimeout(timer);
          child.stdout.off('data', onData);
          resolve(line);
        };
        const onData = (chunk: Buffer): void => {
          buffered += chunk.toString('utf8');
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    for (const host of ['a.example', 'b.example', 'a.example']) {
      child.stdin.write(
        `${JSON.stringify({ expression: 'http.host eq "a.example"', fields: { 'http.host': host } })}\n`,
      );
      expect(JSON.parse(await waitForLine())).toEqual({ result: host === 'a.example' });
    }
    child.stdin.end();
    expect(await exited).toBe(0);
  });

  it('refuses to run without --jsonl', () => {
    const result = run(['rules', 'eval']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--jsonl');
  });
});

describe('portcullis rules check', () => {
  it('prints OK and exits 0 for a valid expression', () => {
    const result = run([
      'rules',
      'check',
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
    ]);
    expect(result).toEqual({ status: 0, stdout: 'OK\n', stderr: '' });
  });

  it('prints the Filter parsing error block and exits 1 for an invalid one', () => {
    const result = run(['rules', 'check', 'http.host eq']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^Filter parsing error \(1:\d+\):\nhttp\.host eq\n *\^+/);
  });

  it('allows transform-only functions with --phase transform only', () => {
    const expression = 'to_string(cf.edge.server_port) eq "443"';
    expect(run(['rules', 'check', '--phase', 'transform', expression]).status).toBe(0);
    const custom = run(['rules', 'check', expression]);
    expect(custom.status).toBe(1);
    expect(custom.stdout).toContain('to_string');
  });

  it('reads the expression from standard input with -', () => {
    expect(run(['rules', 'check', '-'], 'ssl\n')).toEqual({ status: 0, stdout: 'OK\n', stderr: '' });
    expect(run(['rules', 'check', '-'], 'nope\n').status).toBe(1);
    const huge = run(['rules', 'check', '-'], 'a'.repeat(1024 * 1024 + 1));
    expect(huge.status).toBe(2);
    expect(huge.stderr).toContain('longer than');
  });

  it('prints JSON with --json', () => {
    const ok = run(['rules', 'check', '--json', 'http.host eq "a" and ssl']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      referencedFields: expect.arrayContaining(['http.host', 'ssl']) as unknown,
    });
    const bad = run(['rules', 'check', '--json', 'nope']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, diagnostics: [{ category: 'unknown_field' }] });
  });

  it('formats a valid expression canonically and refuses an invalid one', () => {
    const formatted = run(['rules', 'format', 'http.host   ==  "a"&&ssl']);
    expect(formatted.status).toBe(0);
    expect(formatted.stdout.trim()).not.toBe('http.host   ==  "a"&&ssl');
    expect(run(['rules', 'check', formatted.stdout.trim()]).status).toBe(0);
    const invalid = run(['rules', 'format', 'http.host eq']);
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toContain('Filter parsing error');
  });

  it('exits 2 on bad usage', () => {
    expect(run(['rules', 'check']).status).toBe(2);
    expect(run(['rules', 'check', '--phase', 'response', 'ssl']).status).toBe(2);
  });
});
