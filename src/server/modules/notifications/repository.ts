import { sql } from 'kysely';
import type { NotificationKind } from '../../../contracts/notifications.ts';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { NotificationSubject } from './registry.ts';

export interface Recipient {
  id: string;
  email: string;
  language: string;
  institution_id: string;
  email_on: boolean;
  in_app_on: boolean;
}

/** Active accounts among `userIds`, with what each chose for `kind` (the kind's defaults where they did not). */
export async function recipientsWithPreferences(tx: Tx, userIds: string[], kind: string, defaults: { email: boolean; inApp: boolean }) {
  if (userIds.length === 0) return [];
  const rows = await sql<Recipient>`
    SELECT u.id, u.email, u.language, u.institution_id,
      coalesce(np.email, ${defaults.email}) AS email_on, coalesce(np.in_app, ${defaults.inApp}) AS in_app_on
    FROM users u
    LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.kind = ${kind}
    WHERE u.status = 'active' AND u.id = ANY(${sql.val(userIds)}::uuid[])
    ORDER BY u.id`.execute(tx);
  return rows.rows;
}

export async function insertNotification(tx: Tx, values: { userId: string; kind: NotificationKind; subjectType: string; subjectId: string; params: unknown }) {
  await tx
    .insertInto('notifications')
    .values({ user_id: values.userId, kind: values.kind, subject_type: values.subjectType, subject_id: values.subjectId, params: JSON.stringify(values.params) })
    .execute();
}

/** A user's notifications about records they may still read (each subject's own rule for that user, within `scope`). */
function readableNotifications(db: Db, scope: TenantScope, userId: string, subjects: NotificationSubject[]) {
  return db
    .selectFrom('notifications as n')
    .where('n.user_id', '=', userId)
    .where((eb) =>
      subjects.length === 0
        ? sql<boolean>`false`
        : eb.or(subjects.map((s) => eb.and([eb('n.subject_type', '=', s.type), s.readableIn(scope, 'n.subject_id', 'n.user_id')]))),
    );
}

export function listNotifications(db: Db, scope: TenantScope, userId: string, subjects: NotificationSubject[], unreadOnly: boolean, limit: number) {
  let q = readableNotifications(db, scope, userId, subjects).selectAll('n');
  if (unreadOnly) q = q.where('n.read_at', 'is', null);
  return q.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, scope: TenantScope, userId: string, subjects: NotificationSubject[]) {
  const row = await readableNotifications(db, scope, userId, subjects)
    .select(sql<number>`count(*)::int`.as('n'))
    .where('n.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks one (or, with id null, every) unread notification of the user read; the number marked. */
export async function markRead(db: Db, userId: string, id: string | null) {
  let q = db.updateTable('notifications').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function notificationExists(db: Db, userId: string, id: string) {
  return (await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

export function preferencesOf(db: Db, userId: string) {
  return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute();
}

export async function savePreferences(db: Db, userId: string, items: { kind: NotificationKind; email: boolean; inApp: boolean }[]) {
  await db.transaction().execute(async (tx) => {
    for (const p of items) {
      await tx
        .insertInto('notification_preferences')
        .values({ user_id: userId, kind: p.kind, email: p.email, in_app: p.inApp })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: p.email, in_app: p.inApp }))
        .execute();
    }
  });
}

/**
 * How people are named in notifications, by account id or e-mail: the linked person's title and full name
 * when the person is shared with the consortium (the directory shows them to partners), else the account's
 * display name.
 */
export async function namesOfUsers(db: Db | Tx, by: { ids?: string[]; emails?: string[] }): Promise<{ id: string; email: string; name: string }[]> {
  const ids = by.ids ?? [];
  const emails = by.emails ?? [];
  if (ids.length === 0 && emails.length === 0) return [];
  return db
    .selectFrom('users as u')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'u.person_id').on('p.visibility', '=', 'consortium'))
    .select(['u.id', 'u.email', sql<string>`coalesce(nullif(concat_ws(' ', p.title, p.full_name), ''), u.display_name)`.as('name')])
    .where((eb) => eb.or([...(ids.length > 0 ? [eb('u.id', 'in', ids)] : []), ...(emails.length > 0 ? [eb('u.email', 'in', emails)] : [])]))
    .execute();
}
