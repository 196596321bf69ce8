import { defineConfig } from 'vitest/config';

/**
 * One run for every test: unit tests beside the code, integration tests (*.int.test.ts) against the real PostgreSQL
 * and Temporal that the global setup starts, and end-to-end tests in test/ (browser + whole stack).
 */
export default defineConfig({
  test: {
    globalSetup: ['./packages/testkit/src/global-setup.ts'],
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A poll's default second is shorter than a loaded CI machine takes to render a page or commit a click; a poll
    // that should fail still fails, only later.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    reporters: ['default', './packages/testkit/src/summary-reporter.ts'],
  },
});
