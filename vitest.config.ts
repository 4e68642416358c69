import { defineConfig } from 'vitest/config';

// One embedded PostgreSQL cluster per run (started in the global setup); each test file that needs
// the database clones its own database from a migrated template, so files run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 3,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
