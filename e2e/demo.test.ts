// The README's first Quick start command: `npx portcullis demo`, then the printed curl commands, run with real curl.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './support/paths.js';
import { startProcess, waitFor, type RunningProcess } from './support/processes.js';

let demo: RunningProcess;
let dataDir: string;
let commands: string[];

/** Starts `npx portcullis demo` on `dir` and resolves with the printed curl commands once it is ready. */
async function startDemo(dir: string, via: 'npx' | 'node'): Promise<{ process: RunningProcess; commands: string[]; output: string }> {
  const args = ['demo', '--data', dir, '--edge-listen', '127.0.0.1:0', '--admin-listen', '127.0.0.1:0'];
  const started = via === 'npx' ? startProcess('npx', ['--no-install', 'portcullis', ...args]) : startProcess(process.execPath, [cliBin, ...args]);
  const output = await waitFor(
    'the demo to print its next steps',
    () => {
      if (started.child.exitCode !== null) throw new Error(`the demo exited with ${started.child.exitCode}: ${started.stderr()}`);
      return /^4\. .*\n\s+curl .+$/m.test(started.stdout()) ? started.stdout() : undefined;
    },
    90_000,
  );
  const printed = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '));
  return { process: started, commands: printed, output };
}

/** Runs one printed command in a shell, as a user pasting it would; returns its output. */
function runPasted(command: string): string {
  const result = spawnSync('sh', ['-c', command], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`\`${command}\` failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

function httpStatus(output: string): number {
  const match = /HTTP (\d{3})\s*$/.exec(output);
  if (!match) throw new Error(`no "HTTP nnn" line in: ${output}`);
  return Number(match[1]);
}

beforeAll(async () => {
  // The README says `npm ci && npx portcullis demo`; npm ci already ran for this checkout, so run
  // the second half exactly, on free loopback ports and a temporary data directory.
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  expect(readme).toMatch(/npm ci && npx portcullis demo/);
  dataDir = mkdtempSync(join(tmpdir(), 'portcullis-demo-'));
  const started = await startDemo(dataDir, 'npx');
  demo = started.process;
  commands = started.commands;
}, 120_000);

afterAll(async () => {
  await demo?.stop();
});

describe('portcullis demo', () => {
  it('prints the four curl steps with --resolve, so no DNS is needed', () => {
    expect(commands).toHaveLength(4);
    for (const command of [commands[0]!, commands[1]!, commands[3]!]) expect(command).toMatch(/--resolve api\.example\.test:\d+:127\.0\.0\.1/);
    expect(commands[2]).toMatch(/-X DELETE .*client_certificates\//);
  });

  it('writes the client certificate material into the data directory', () => {
    for (const file of ['client.key', 'client.pem', 'client.p12', 'client-ca.pem']) expect(statSync(join(dataDir, 'demo', file)).size).toBeGreaterThan(0);
    expect(statSync(join(dataDir, 'demo', 'client.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    // The PKCS#12 opens with the printed password (browsers, iOS, Java KeyStore import this file).
    const p12 = execFileSync('openssl', ['pkcs12', '-in', join(dataDir, 'demo', 'client.p12'), '-passin', 'pass:portcullis', '-nokeys', '-clcerts'], { encoding: 'utf8' });
    expect(p12).toContain('BEGIN CERTIFICATE');
  });

  it('runs the printed commands: 403 without the certificate, 200 with it, revoke, 403 again', async () => {
    expect(httpStatus(runPasted(commands[0]!))).toBe(403);
    const allowed = runPasted(commands[1]!);
    expect(httpStatus(allowed)).toBe(200);
    expect(allowed).toContain('welcome to /admin');
    const revoked = JSON.parse(runPasted(commands[2]!)) as { success: boolean; result: { status: string } };
    expect(revoked.success).toBe(true);
    expect(['revoked', 'pending_revocation']).toContain(revoked.result.status);
    // The revocation reaches the edge through the change feed within moments.
    await waitFor('the revocation to apply', () => (httpStatus(runPasted(commands[3]!)) === 403 ? true : undefined), 5_000);
  });

  it('resumes on the same data directory with a fresh certificate, and stops cleanly on SIGTERM', async () => {
    // npx re-raises the signal it forwarded, so its own exit status says nothing about the CLI's.
    await demo.stop();
    const again = await startDemo(dataDir, 'node');
    demo = again.process;
    // The admin token is printed only on the first start; the revoked certificate is replaced.
    expect(again.output).not.toMatch(/shown once/);
    expect(again.output).toMatch(/admin token: in /);
    expect(again.output).toMatch(/client certificate \(just issued\)/);
    expect(httpStatus(runPasted(again.commands[0]!))).toBe(403);
    expect(httpStatus(runPasted(again.commands[1]!))).toBe(200);
    expect(await demo.stop()).toBe(0);
  }, 120_000);
});
