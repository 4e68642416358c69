import { sql, type SqlBool } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';

/** Newest first by the exact time the mail was queued. */
export const OUTBOX_CURSOR: CursorKind = { key: 'timestamp' };

export interface OutboxFilter {
  status?: 'queued' | 'sent' | 'failed' | 'outbox_only';
  limit: number;
  cursor?: Cursor;
}

/**
 * One page (limit + 1 rows) of the mail the caller may read: their institution's (all for platform admins),
 * except mail to accounts holding one of `hiddenRoles` other than the caller's own account.
 */
export function listOutbox(db: Db, scope: TenantScope, viewer: { userId: string | null; hiddenRoles: readonly Role[] }, f: OutboxFilter) {
  let q = db
    .selectFrom('mail_outbox')
    .leftJoin('users as r', 'r.id', 'mail_outbox.recipient_user_id')
    .leftJoin('people as rp', 'rp.id', 'r.person_id')
    .selectAll('mail_outbox')
    .select(exactTimestamp('mail_outbox.created_at').as('created_key'))
    .select(
      // The recipient by name: the account's person (title and name) or display name; else whom the address was invited as.
      sql<string | null>`coalesce(nullif(concat_ws(' ', rp.title, rp.full_name), ''), r.display_name,
        (SELECT inv.display_name FROM invitations inv WHERE inv.email = mail_outbox.to_address
          AND inv.institution_id IS NOT DISTINCT FROM mail_outbox.institution_id ORDER BY inv.created_at DESC LIMIT 1))`.as('recipient_name'),
    )
    .where(scope.own('mail_outbox.institution_id'))
    .$if(viewer.hiddenRoles.length > 0, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('r.id', 'is', null),
          eb('r.id', '=', viewer.userId),
          sql<SqlBool>`NOT (r.roles && ${sql.val(viewer.hiddenRoles)}::text[])`,
        ]),
      ),
    );
  if (f.status) q = q.where('mail_outbox.status', '=', f.status);
  if (f.cursor) q = q.where(afterCursor('mail_outbox.created_at', 'mail_outbox.id', f.cursor, 'desc'));
  return q.orderBy('mail_outbox.created_at', 'desc').orderBy('mail_outbox.id', 'desc').limit(f.limit + 1).execute();
}
