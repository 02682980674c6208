// Test helper: runs the real `openssl` command on temporary files and returns its output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory for one test file's artefacts; call `cleanup` in afterAll. */
export function tempDir(): { path: string; file(name: string, content: string | Uint8Array): string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), 'portcullis-pki-'));
  return {
    path,
    file(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** Runs openssl; returns stdout (throws with stderr when it exits non-zero). */
export function openssl(args: string[], input?: string | Uint8Array): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs openssl and returns its exit status and combined output instead of throwing. */
export function opensslStatus(args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { status: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
