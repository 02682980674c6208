// The README's Quick start, first command, exactly as written, in a clean copy of the repository:
// `npm ci` installs and builds from nothing, `npx portcullis demo` starts the demo, and the printed
// curl commands answer 403, 200, revoke, 403. Run by `npm test` in its own phase (npm ci loads the
// machine), or alone: `PORTCULLIS_FRESH_COPY=1 npx vitest run --project fresh`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNextSteps, httpStatus, quickStartCommands, runPasted } from './support/demo.js';
import { repoRoot } from './support/paths.js';
import { startProcess, waitFor, type RunningProcess } from './support/processes.js';

let copy: string;
let demo: RunningProcess | undefined;
let commands: string[];
let output: string;

/** Copies what git tracks (and new files it would track), never node_modules or build output. */
function cleanCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-fresh-'));
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0')) {
    if (file === '' || !existsSync(join(repoRoot, file))) continue; // deleted in the work tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dir, file));
  }
  return dir;
}

beforeAll(async () => {
  copy = cleanCopy();
  expect(existsSync(join(copy, 'node_modules'))).toBe(false);
  const first = quickStartCommands(copy)[0]!;
  expect(first).toBe('npm ci && npx portcullis demo');
  // Exactly the README's command; only the listeners move to free loopback ports (through the
  // environment, which the demo reads like its flags), so the test never collides with anything.
  demo = startProcess(
    'sh',
    ['-c', first],
    { PORTCULLIS_EDGE_LISTEN: '127.0.0.1:0', PORTCULLIS_ADMIN_LISTEN: '127.0.0.1:0' },
    copy,
  );
  ({ output, commands } = await demoNextSteps(demo, 20 * 60_000));
}, 21 * 60_000);

afterAll(async () => {
  await demo?.stop();
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
});

describe('the Quick start in a clean copy of the repository', () => {
  it('installs, builds and starts the demo, with its data in ./portcullis-demo', () => {
    expect(output).toMatch(/admin token/);
    expect(existsSync(join(copy, 'portcullis-demo', 'demo', 'client.pem'))).toBe(true);
    expect(existsSync(join(copy, 'packages', 'dashboard', 'dist', 'index.html'))).toBe(true);
    expect(commands).toHaveLength(4);
  });

  it('answers the printed commands: 403 without the certificate, 200 with it, revoke, 403 again', async () => {
    expect(httpStatus(runPasted(commands[0]!, copy))).toBe(403);
    expect(httpStatus(runPasted(commands[1]!, copy))).toBe(200);
    const revoked = JSON.parse(runPasted(commands[2]!, copy)) as { success: boolean };
    expect(revoked.success).toBe(true);
    await waitFor(
      'the revocation to apply',
      () => (httpStatus(runPasted(commands[3]!, copy)) === 403 ? true : undefined),
      10_000,
    );
  });
});
