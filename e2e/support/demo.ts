// Helpers for the demo tests: read the printed next steps, run a printed command as a user would.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { waitFor, type RunningProcess } from './processes.js';

/** Waits until a demo process has printed its four numbered steps; returns its output and curl commands. */
export async function demoNextSteps(
  started: RunningProcess,
  timeoutMs: number,
): Promise<{ output: string; commands: string[] }> {
  const output = await waitFor(
    'the demo to print its next steps',
    () => {
      if (started.child.exitCode !== null)
        throw new Error(`the demo exited with ${started.child.exitCode}: ${started.stderr()}`);
      return /^4\. .*\n\s+curl .+$/m.test(started.stdout()) ? started.stdout() : undefined;
    },
    timeoutMs,
  );
  const commands = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('curl '));
  return { output, commands };
}

/** Runs one printed command in a shell, as a user pasting it would; returns its output. */
export function runPasted(command: string, cwd: string = repoRoot): string {
  const result = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`\`${command}\` failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** The status of curl's `-w 'HTTP %{http_code}'` line at the end of a printed command's output. */
export function httpStatus(output: string): number {
  const match = /HTTP (\d{3})\s*$/.exec(output);
  if (!match) throw new Error(`no "HTTP nnn" line in: ${output}`);
  return Number(match[1]);
}

/** The commands of the README's Quick start block, without their comments. */
export function quickStartCommands(root: string = repoRoot): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /## Quick start\s+```sh\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no "## Quick start" sh block');
  return block[1]!
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.length > 0);
}
