import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { MAIL_MAX_ATTEMPTS, mailDue } from './mail.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('puts lost and failed mail on the queue again, with a growing pause, and gives up after the last attempt', async () => {
  const db = database.db;
  const now = new Date('2026-11-27T10:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const mail = (subject: string, status: 'queued' | 'sent' | 'failed' | 'outbox_only', attempts: number, created: Date) => ({
    to_address: 'someone@example.org',
    subject,
    text_body: 'x',
    display_body: 'x',
    template: 'test',
    status,
    attempts,
    created_at: created,
  });
  await db
    .insertInto('mail_outbox')
    .values([
      mail('queued just now', 'queued', 0, ago(10)),
      mail('queued, job lost', 'queued', 0, ago(120)),
      mail('sent', 'sent', 1, ago(3600)),
      mail('outbox only', 'outbox_only', 0, ago(3600)),
      // 6 attempts (the job's retries): due 30 s × 64 = 32 min after it was written.
      mail('failed 6, 31 min ago', 'failed', 6, ago(31 * 60)),
      mail('failed 6, 33 min ago', 'failed', 6, ago(33 * 60)),
      mail('failed 8, 2 h ago', 'failed', 8, ago(2 * 3600)),
      mail('failed 8, 2.2 h ago', 'failed', 8, ago(2.2 * 3600)),
      mail('failed too often', 'failed', MAIL_MAX_ATTEMPTS, ago(10 * 86400)),
    ])
    .execute();
  const due = await mailDue(db, now);
  const subjects = await db.selectFrom('mail_outbox').select(['id', 'subject']).execute();
  const subjectOf = new Map(subjects.map((s) => [s.id, s.subject]));
  expect(due.map((d) => subjectOf.get(d.id)).sort()).toEqual(['failed 6, 33 min ago', 'failed 8, 2.2 h ago', 'queued, job lost']);
});
