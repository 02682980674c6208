// One vitest set-up for the whole repository: a project per package, plus e2e.
// The `source` export condition makes workspace imports resolve to TypeScript sources, so tests need no build.
import { defineConfig } from 'vitest/config';

const packages = ['rules', 'pki', 'model', 'store', 'edge', 'api', 'client', 'cli'];
// No 'import' here: vitest passes ssr conditions to Node as --conditions, and with 'import' Node 20's
// require() resolves dual packages (pg → pg-pool) to their ESM build and breaks them. Vite adds import/require itself.
const conditions = ['source', 'node', 'module', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['node'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          include: [`packages/${name}/src/**/*.test.ts`, `packages/${name}/test/**/*.test.ts`],
          // `*.case.test.ts` files are shared suites (STYLE.md §2.9) run by the test files that import them.
          exclude: ['**/node_modules/**', '**/*.case.test.ts'],
        },
      })),
      {
        extends: true as const,
        test: {
          // The dashboard's logic and components in happy-dom; the whole UI runs in Chromium in e2e/dashboard.test.ts.
          name: 'dashboard',
          include: ['packages/dashboard/src/**/*.test.ts', 'packages/dashboard/src/**/*.test.tsx'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true as const,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'e2e/**/*.fresh.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      // The Quick start from a clean copy (`npm ci` from nothing): heavy, so `npm test` runs it in a
      // phase of its own after the rest, with PORTCULLIS_FRESH_COPY=1.
      ...(process.env['PORTCULLIS_FRESH_COPY'] === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'fresh',
                include: ['e2e/**/*.fresh.test.ts'],
                testTimeout: 120_000,
                hookTimeout: 22 * 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
