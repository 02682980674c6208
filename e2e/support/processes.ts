// Starts and stops real processes for end-to-end tests: the portcullis CLI and a stand-alone origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBin, repoRoot } from './paths.js';

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A child process with its output collected. */
export interface RunningProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Spawns `command args` in `cwd` (the repository root by default), collecting output. */
export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  cwd: string = repoRoot,
): RunningProcess {
  // Its own process group, so stop() reaches every process it starts (npx runs the CLI as a child).
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
      }
      return exited;
    },
  };
}

/** A running `portcullis serve` (or `api`/`edge`) with its addresses and admin token. */
export interface Portcullis extends RunningProcess {
  readonly dataDir: string;
  readonly adminUrl: string;
  readonly edgePort: number;
  readonly token: string;
}

/**
 * Starts `portcullis <command>` on loopback with free ports and a temporary data directory,
 * and waits (with a deadline) until /healthz answers.
 */
export async function startPortcullis(
  options: {
    command?: string;
    args?: readonly string[];
    dataDir?: string;
    env?: Record<string, string>;
  } = {},
): Promise<Portcullis> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portcullis-e2e-'));
  const edgeFile = join(dataDir, 'edge.address');
  const adminFile = join(dataDir, 'admin.address');
  const command = options.command ?? 'serve';
  const runsEdge = command === 'serve' || command === 'edge';
  const proc = startProcess(
    process.execPath,
    [
      cliBin,
      command,
      '--data',
      dataDir,
      '--admin-listen',
      '127.0.0.1:0',
      '--admin-address-file',
      adminFile,
      ...(runsEdge
        ? ['--edge-listen', '127.0.0.1:0', '--edge-address-file', edgeFile, '--snapshot-poll-ms', '500']
        : []),
      ...(options.args ?? []),
    ],
    options.env,
  );
  const admin = await waitFor('the admin address file', () => {
    if (proc.child.exitCode !== null)
      throw new Error(`portcullis exited with ${proc.child.exitCode}: ${proc.stderr()}`);
    return existsSync(adminFile) ? readFileSync(adminFile, 'utf8').trim() || undefined : undefined;
  });
  const adminUrl = `http://${admin}`;
  await waitFor('/healthz', async () => ((await fetch(`${adminUrl}/healthz`)).ok ? true : undefined));
  const edge = existsSync(edgeFile) ? readFileSync(edgeFile, 'utf8').trim() : '';
  const edgePort = Number(edge.split(':').pop());
  const tokenFile = join(dataDir, 'admin-token');
  const token = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
  return { ...proc, dataDir, adminUrl, edgePort, token };
}

/** Starts the stand-alone echo origin as its own process; resolves with its base URL. */
export async function startEchoOrigin(): Promise<RunningProcess & { url: string }> {
  const proc = startProcess(process.execPath, [join(repoRoot, 'e2e', 'support', 'echo-origin.mjs')]);
  const port = await waitFor('the origin to listen', () => /listening (\d+)/.exec(proc.stdout())?.[1]);
  return { ...proc, url: `http://127.0.0.1:${port}` };
}
