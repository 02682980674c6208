// The README's first Quick start command: `npx portcullis demo`, then the printed curl commands, run with real curl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNextSteps, httpStatus, quickStartCommands, runPasted } from './support/demo.js';
import { cliBin } from './support/paths.js';
import { startProcess, waitFor, type RunningProcess } from './support/processes.js';

let demo: RunningProcess;
let dataDir: string;
let commands: string[];

/** Starts `npx portcullis demo` on `dir` and resolves with the printed curl commands once it is ready. */
async function startDemo(
  dir: string,
  via: 'npx' | 'node',
): Promise<{ process: RunningProcess; commands: string[]; output: string }> {
  const args = ['demo', '--data', dir, '--edge-listen', '127.0.0.1:0', '--admin-listen', '127.0.0.1:0'];
  const started =
    via === 'npx'
      ? startProcess('npx', ['--no-install', 'portcullis', ...args])
      : startProcess(process.execPath, [cliBin, ...args]);
  const { output, commands } = await demoNextSteps(started, 90_000);
  return { process: started, commands, output };
}

beforeAll(async () => {
  // The README says `npm ci && npx portcullis demo`; npm ci already ran for this checkout, so run
  // the second half exactly, on free loopback ports and a temporary data directory.
  expect(quickStartCommands()[0]).toBe('npm ci && npx portcullis demo');
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
    for (const command of [commands[0]!, commands[1]!, commands[3]!])
      expect(command).toMatch(/--resolve api\.example\.test:\d+:127\.0\.0\.1/);
    expect(commands[2]).toMatch(/-X DELETE .*client_certificates\//);
  });

  it('writes the client certificate material into the data directory', () => {
    for (const file of ['client.key', 'client.pem', 'client.p12', 'client-ca.pem'])
      expect(statSync(join(dataDir, 'demo', file)).size).toBeGreaterThan(0);
    expect(statSync(join(dataDir, 'demo', 'client.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    // The PKCS#12 opens with the printed password (browsers, iOS, Java KeyStore import this file).
    const p12 = execFileSync(
      'openssl',
      [
        'pkcs12',
        '-in',
        join(dataDir, 'demo', 'client.p12'),
        '-passin',
        'pass:portcullis',
        '-nokeys',
        '-clcerts',
      ],
      { encoding: 'utf8' },
    );
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
    await waitFor(
      'the revocation to apply',
      () => (httpStatus(runPasted(commands[3]!)) === 403 ? true : undefined),
      5_000,
    );
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
