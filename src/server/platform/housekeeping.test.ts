import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTenant } from '../testing/factories.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { purgeExpiredRows } from './housekeeping.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('removes expired sessions, old failed sign-ins and spent reset links, and keeps the rest', async () => {
  const db = database.db;
  const { member } = await buildTenant(db);
  const now = new Date('2026-11-23T10:00:00Z');
  const hour = 3_600_000;
  await db
    .insertInto('sessions')
    .values([
      { token_hash: 'expired', user_id: member.id, csrf_token: 'x', user_agent: null, expires_at: new Date(now.getTime() - hour) },
      { token_hash: 'live', user_id: member.id, csrf_token: 'x', user_agent: null, expires_at: new Date(now.getTime() + hour) },
    ])
    .execute();
  await db
    .insertInto('rate_events')
    .values([
      { action: 'login_failure', subject: member.email, ip: '127.0.0.1', at: new Date(now.getTime() - 25 * hour) },
      { action: 'password_reset', subject: member.email, ip: '127.0.0.1', at: new Date(now.getTime() - hour) },
    ])
    .execute();
  await db
    .insertInto('password_resets')
    .values([
      { user_id: member.id, token_hash: 'used', expires_at: new Date(now.getTime() + hour), used_at: new Date(now.getTime() - hour) },
      { user_id: member.id, token_hash: 'open', expires_at: new Date(now.getTime() + hour), used_at: null },
    ])
    .execute();
  expect(await purgeExpiredRows(db, now)).toEqual({ sessions: 1, rateEvents: 1, passwordResets: 1, ssoAttempts: 0 });
  expect((await db.selectFrom('sessions').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['live']);
  expect((await db.selectFrom('password_resets').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['open']);
  expect(await db.selectFrom('rate_events').select('id').execute()).toHaveLength(1);
});
