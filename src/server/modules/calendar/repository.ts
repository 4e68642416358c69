import type { Db, Tx } from '../../platform/db.ts';

// The personal iCalendar feeds (0013): one per user, found by the SHA-256 of its secret.

/** The caller's own feed (the caller is the user: no other scope applies). */
export function feedOfUser(db: Db | Tx, userId: string) {
  return db.selectFrom('calendar_feeds').select(['id', 'user_id', 'created_at', 'last_used_at']).where('user_id', '=', userId).executeTakeFirst();
}

/** Makes the user's feed, or replaces its secret (the old one stops working at once). */
export function upsertFeed(tx: Tx, userId: string, tokenHash: string, now: Date) {
  return tx
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: tokenHash, created_at: now, last_used_at: null })
    .onConflict((oc) => oc.constraint('calendar_feeds_user_key').doUpdateSet({ token_hash: tokenHash, created_at: now, last_used_at: null }))
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

export function deleteFeed(tx: Tx, userId: string) {
  return tx.deleteFrom('calendar_feeds').where('user_id', '=', userId).returning(['id', 'created_at']).executeTakeFirst();
}

/** The feed of this secret's hash with its owner's account, as authn.ts reads a session's user. */
export function feedByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['f.id', 'f.last_used_at', 'u.id as user_id', 'u.institution_id', 'u.roles', 'u.email', 'u.language', 'u.status'])
    .where('f.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchFeed(db: Db, id: string, now: Date) {
  await db.updateTable('calendar_feeds').set({ last_used_at: now }).where('id', '=', id).execute();
}
