// Key-file operations of a master-key rotation: atomic 0600 writes and renames, never printing key material.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { CliError } from '../errors.js';

/** Writes `key` (base64, one line) to `path` atomically: a 0600 temporary file beside it, then a rename. */
export function writeKeyFileAtomically(path: string, key: Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, `${Buffer.from(key).toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(
      'CLI_FILE',
      `cannot write master key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}

/** Renames a key file, failing with CLI_FILE naming both paths. */
export function moveKeyFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    throw new CliError(
      'CLI_FILE',
      `cannot move ${from} to ${to}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}
