import { sql } from 'kysely';
import { type Db, inTransaction, serialize } from './db.ts';

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

/** True when the subject or the address has used up its allowance of `action` in the window. */
async function isRateLimited(db: Db, action: RateAction, subject: string, ip: string, limit: RateLimit, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - limit.windowMinutes * 60_000);
  const row = await db
    .selectFrom('rate_events')
    .select([
      sql<number>`count(*) FILTER (WHERE subject = ${subject})::int`.as('by_subject'),
      sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('by_ip'),
    ])
    .where('action', '=', action)
    .where('at', '>', since)
    .where((eb) => eb.or([eb('subject', '=', subject), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return row.by_subject >= limit.max || row.by_ip >= limit.maxPerIp;
}

/**
 * Counts one attempt of `action` against the limit, before the attempt is made: false (nothing recorded)
 * when the subject or the address has used up its allowance. Attempts on one subject or from one address
 * are serialised, so a burst of parallel requests cannot all pass a check made before any of them is
 * recorded. A sign-in that then succeeds clears its subject's events (`clearRateEvents`).
 */
export async function takeAttempt(db: Db, action: RateAction, subject: string, ip: string, limit: RateLimit, now: Date): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    await serialize(tx, `rate:${action}:subject:${subject}`, `rate:${action}:ip:${ip}`);
    if (await isRateLimited(tx, action, subject, ip, limit, now)) return false;
    await tx.insertInto('rate_events').values({ action, subject, ip, at: now }).execute();
    return true;
  });
}

/** Forget a subject's events (a successful sign-in clears its failures). */
export async function clearRateEvents(db: Db, action: RateAction, subject: string) {
  await db.deleteFrom('rate_events').where('action', '=', action).where('subject', '=', subject).execute();
}
