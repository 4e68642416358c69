import { sql } from 'kysely';
import type { Db } from './db.ts';

// Rate limits kept in PostgreSQL, so every app process counts the same events. An action is limited per
// subject (an e-mail address) and, more loosely, per client address; the address is the proxy's view of
// the client only when TRUST_PROXY says which proxies to believe (platform/config.ts).
export type RateAction = 'login_failure' | 'password_reset' | 'exam_lookup';

export interface RateLimit {
  /** Events per subject within the window before the action is refused. */
  max: number;
  /** Events per client address within the window (several people behind one NAT share it). */
  maxPerIp: number;
  windowMinutes: number;
}

/** True when the subject or the address has gone beyond its allowance of `action` in the window (events recorded so far). */
async function isOverLimit(db: Db, action: RateAction, subject: string, ip: string, limit: RateLimit, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  // Two counts, each down its own index ((action, subject, at) and (action, ip, at)): one scan filtering
  // "subject or address" would read every event of the action in the window (on a results day, thousands).
  const { rows } = await sql<{ by_subject: number; by_ip: number }>`
    SELECT (SELECT count(*) FROM rate_events WHERE action = ${action} AND subject = ${subject} AND at > ${since})::int AS by_subject,
      (SELECT count(*) FROM rate_events WHERE action = ${action} AND ip = ${ip} AND at > ${since})::int AS by_ip`.execute(db);
  const row = rows[0];
  return row.by_subject > limit.max || row.by_ip > limit.maxPerIp;
}

/**
 * Counts one attempt of `action` against the limit, before the attempt is made: false (nothing kept) when the subject
 * or the address has used up its allowance. A sign-in that then succeeds clears its subject's events
 * (`clearRateEvents`).
 *
 * The attempt is recorded first and then counted, each statement committing on its own: the k-th attempt to be
 * recorded counts at least k events, so however many run in parallel, at most `max` pass — without a lock or a
 * transaction (two statements; this is on the public results lookup's path). A refused attempt is taken back, so
 * refusals do not prolong the wait. The limit is an upper bound: attempts made at the same moment that together go
 * beyond it may all be refused (a burst from one address), and the allowance left stays for the next ones.
 */
export async function takeAttempt(db: Db, action: RateAction, subject: string, ip: string, limit: RateLimit, now: Date): Promise<boolean> {
  const { id } = await db.insertInto('rate_events').values({ action, subject, ip, at: now }).returning('id').executeTakeFirstOrThrow();
  if (!(await isOverLimit(db, action, subject, ip, limit, now))) return true;
  await db.deleteFrom('rate_events').where('id', '=', id).execute();
  return false;
}

/** Forget a subject's events (a successful sign-in clears its failures). */
export async function clearRateEvents(db: Db, action: RateAction, subject: string) {
  await db.deleteFrom('rate_events').where('action', '=', action).where('subject', '=', subject).execute();
}
