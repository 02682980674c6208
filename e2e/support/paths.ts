// Where things are, for end-to-end tests: the repository root and the built CLI.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliBin = join(repoRoot, 'packages', 'cli', 'bin', 'portcullis.js');
