#!/usr/bin/env node
// `npm test`: build, type-check, lint, formatting and import arrows, then every vitest project (unit, e2e, browser).
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
step('format', 'npm', ['run', '--silent', 'format:check']);
step('import arrows', npx, ['depcruise', 'packages', '--config', '.dependency-cruiser.cjs']);

const outDir = join(root, '.test-results');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const extra = process.argv.slice(2);

/** Runs vitest with `args` (and `env`), adding its passed and failed tests to the totals. */
function vitestPhase(name, args, env = {}) {
  const report = join(outDir, `${name.replace(/\W+/g, '-')}.json`);
  process.stdout.write(`\n== ${name}: vitest run ${args.join(' ')}\n`);
  const vitest = spawnSync(
    npx,
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    let phaseFailed = json.numFailedTests ?? 0;
    // A file that fails to load has no failed test of its own: count it so it cannot pass unseen.
    for (const file of json.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed'))
        phaseFailed += 1;
    }
    if (vitest.status !== 0 && phaseFailed === 0) phaseFailed += 1;
    passed += json.numPassedTests ?? 0;
    failed += phaseFailed;
  } catch (error) {
    process.stdout.write(`== ${name}: no report (${error.message})\n`);
    failed += 1;
  }
}

vitestPhase('tests', extra);
// The README's Quick start in a clean copy of the repository: `npm ci` from nothing loads the
// machine, so it runs alone after everything else (skipped when arguments select other tests).
if (extra.length === 0) vitestPhase('quick start', ['--project', 'fresh'], { PORTCULLIS_FRESH_COPY: '1' });

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
