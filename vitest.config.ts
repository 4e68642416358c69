import { defineConfig } from 'vitest/config';

// One embedded PostgreSQL cluster per run (started in the global setup); each test file that needs
// the database clones its own database from a migrated template, so files run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['src/server/testing/global-setup.ts'],
    testTimeout: 60_000,
    // expect.poll retries for 1 s by default: a browser page on a busy 2-core machine takes longer to
    // render after a navigation, and the journeys failed on it without anything being wrong.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 3,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
