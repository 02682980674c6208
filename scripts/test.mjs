#!/usr/bin/env node
// `npm test`: type-check, lint and import arrows, then every vitest project (unit, e2e, browser).
// Ends with one plain line `N passed, N failed`, counting each check step and each test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;

function step(name, command, args) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) {
    passed += 1;
    process.stdout.write(`== ${name}: ok\n`);
  } else {
    failed += 1;
    process.stdout.write(`== ${name}: FAILED (exit ${result.status ?? result.signal})\n`);
  }
}

step('build', 'npm', ['run', '--silent', 'build']);
step('typecheck', npx, ['tsc', '-b', 'tsconfig.json']);
step('lint', npx, ['eslint', '.']);
step('import arrows', npx, ['depcruise', 'packages', '--config', '.dependency-cruiser.cjs']);

const outDir = join(root, '.test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const report = join(outDir, 'vitest.json');
const extra = process.argv.slice(2);
process.stdout.write('\n== tests: vitest run\n');
const vitest = spawnSync(
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { cwd: root, stdio: 'inherit' },
);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  failed += json.numFailedTests ?? 0;
  // A file that fails to load has no failed test of its own: count it so it cannot pass unseen.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed')) failed += 1;
  }
  if (vitest.status !== 0 && failed === 0) failed += 1;
} catch (error) {
  process.stdout.write(`== tests: no report (${error.message})\n`);
  failed += 1;
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
