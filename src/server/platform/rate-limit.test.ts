import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { takeAttempt } from './rate-limit.ts';

// takeAttempt records an attempt and then counts it with every attempt recorded before, without a lock: however many
// run at once, at most `max` pass; a refused attempt is not kept, so retrying while refused does not prolong the wait.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const LIMIT = { max: 5, maxPerIp: 8, windowMinutes: 15 };
const now = new Date('2026-05-30T08:00:00Z');
const events = (subject: string) => t.db.selectFrom('rate_events').select('id').where('subject', '=', subject).execute();

describe('takeAttempt', () => {
  it('lets exactly max attempts pass one after another, and keeps none of the refused ones', async () => {
    const passed = [];
    for (let i = 0; i < 9; i++) passed.push(await takeAttempt(t.db, 'exam_lookup', 'seq', `10.0.0.${i}`, LIMIT, now));
    expect(passed).toEqual([true, true, true, true, true, false, false, false, false]);
    expect(await events('seq')).toHaveLength(5);
    // Out of the window, the subject may try again.
    expect(await takeAttempt(t.db, 'exam_lookup', 'seq', '10.0.0.1', LIMIT, new Date(now.getTime() + 16 * 60_000))).toBe(true);
  });

  it('lets at most max of a parallel burst pass, per subject and per address', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => takeAttempt(t.db, 'exam_lookup', 'burst', `10.1.0.${i}`, LIMIT, now)));
    // Attempts counted together may all be refused (each counts the others before they are taken back): the limit is
    // an upper bound. What passed is kept, what was refused is not, and the allowance left is there for the next ones.
    const passed = burst.filter(Boolean).length;
    expect(passed).toBeLessThanOrEqual(LIMIT.max);
    expect(await events('burst')).toHaveLength(passed);
    const after = [];
    for (let i = 0; i < 8; i++) after.push(await takeAttempt(t.db, 'exam_lookup', 'burst', `10.1.1.${i}`, LIMIT, now));
    expect(after.filter(Boolean)).toHaveLength(LIMIT.max - passed);

    const fromOneAddress = await Promise.all(Array.from({ length: 30 }, (_, i) => takeAttempt(t.db, 'exam_lookup', `ip-${i}`, '10.2.0.1', LIMIT, now)));
    expect(fromOneAddress.filter(Boolean).length).toBeLessThanOrEqual(LIMIT.maxPerIp);
  });

  it('counts each action apart', async () => {
    for (let i = 0; i < 5; i++) await takeAttempt(t.db, 'login_failure', 'apart', '10.3.0.1', LIMIT, now);
    expect(await takeAttempt(t.db, 'login_failure', 'apart', '10.3.0.1', LIMIT, now)).toBe(false);
    expect(await takeAttempt(t.db, 'password_reset', 'apart', '10.3.0.1', LIMIT, now)).toBe(true);
  });
});
