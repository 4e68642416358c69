import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { type DataChanges, untilListening, watchDataChanges } from './data-changes.ts';

// Every table is watched for changes (0020) but the bookkeeping ones that requests write while reading; a new
// table must be one or the other (a later migration runs `SELECT hoptac_watch_changes('<table>')`, or adds it here).
const BOOKKEEPING = [
  'activity_imports',
  'activity_reminders',
  'admission_runs',
  'agreement_reminders',
  'api_tokens',
  'app_meta',
  'audit_log',
  'audit_owners',
  'calendar_feeds',
  'exam_imports',
  'exam_result_reads',
  'files',
  'invitations',
  'mail_outbox',
  'notification_preferences',
  'notifications',
  'oidc_logins',
  'password_resets',
  'rate_events',
  'schema_migrations',
  'sessions',
];

let database: TestDatabase;
let changes: DataChanges;
beforeAll(async () => {
  database = await createTestDatabase();
  changes = watchDataChanges(database.url);
  expect(await untilListening(changes)).toBe(true);
});
afterAll(async () => {
  await changes.close();
  await database.close();
});

async function changedBy(write: () => Promise<unknown>) {
  const before = changes.generation();
  await write();
  const deadline = Date.now() + 1_000;
  while (changes.generation() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return changes.generation() !== before;
}

describe('data changes', () => {
  it('watch every table but the bookkeeping ones', async () => {
    const { rows } = await sql<{ name: string; watched: boolean }>`
      SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'data_changed') AS watched
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`.execute(database.db);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((r) => !r.watched).map((r) => r.name)).toEqual(BOOKKEEPING);
  });

  it('are heard after a commit, not after a rollback nor a sign-in being recorded', async () => {
    expect(await changedBy(() => sql`INSERT INTO app_meta (key, value) VALUES ('x', '"y"') ON CONFLICT DO NOTHING`.execute(database.db))).toBe(false);
    expect(
      await changedBy(() =>
        database.db
          .transaction()
          .execute(async (tx) => {
            await sql`UPDATE institutions SET name_en = name_en`.execute(tx);
            throw new Error('rollback');
          })
          .catch(() => {}),
      ),
    ).toBe(false);
    expect(await changedBy(() => sql`UPDATE users SET last_login_at = now()`.execute(database.db))).toBe(false);
    expect(await changedBy(() => sql`UPDATE users SET roles = roles`.execute(database.db))).toBe(true);
    expect(await changedBy(() => sql`UPDATE institutions SET name_en = name_en`.execute(database.db))).toBe(true);
  });

  it('know nothing while the connection is down, and start a new generation when it is back', async () => {
    const before = changes.generation();
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hoptac-changes' AND datname = current_database()`.execute(database.db);
    const deadline = Date.now() + 2_000;
    while (changes.generation() !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(changes.generation()).toBeNull();
    expect(await untilListening(changes, 10_000)).toBe(true);
    expect(changes.generation()).not.toBe(before);
    expect(await changedBy(() => sql`UPDATE institutions SET name_en = name_en`.execute(database.db))).toBe(true);
  });
});
