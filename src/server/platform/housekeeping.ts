import type { Db } from './db.ts';

// Rows that only matter for a while: expired sessions, old rate-limit events (failed sign-ins, reset
// requests; the limits look back minutes), used or expired reset links, abandoned single sign-on
// attempts. Run hourly by the jobs.
const DAY = 86_400_000;

export async function purgeExpiredRows(db: Db, now: Date) {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  const failures = await db.deleteFrom('rate_events').where('at', '<', new Date(now.getTime() - DAY)).executeTakeFirst();
  const resets = await db
    .deleteFrom('password_resets')
    .where((eb) => eb.or([eb('expires_at', '<', new Date(now.getTime() - DAY)), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  const sso = await db.deleteFrom('oidc_logins').where('expires_at', '<', now).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    rateEvents: Number(failures.numDeletedRows),
    passwordResets: Number(resets.numDeletedRows),
    ssoAttempts: Number(sso.numDeletedRows),
  };
}
