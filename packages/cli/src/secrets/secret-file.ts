// Writes secret files with mode 0600, atomically created so two starting processes cannot both write.
import { chmodSync, closeSync, openSync, statSync, writeSync } from 'node:fs';

/**
 * Creates `path` with `content` and mode 0600; returns false (and writes nothing) if it already
 * exists, so the first writer wins.
 */
export function createSecretFile(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  // The umask may have removed bits but never adds them; make the mode exact anyway.
  chmodSync(path, 0o600);
  return true;
}

/** True when group or others may read `path` (a secret file should be 0600 or stricter). */
export function isReadableByOthers(path: string): boolean {
  if (process.platform === 'win32') return false;
  return (statSync(path).mode & 0o077) !== 0;
}
