import { sql } from 'kysely';
import type { z } from 'zod';
import type { OutboxQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import { requireRole, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { afterCursor, decodeCursor, exactTimestamp, pageOf } from '../../platform/pagination.ts';
import { PRIVILEGED_ROLES } from '../accounts/policy.ts';

type OutboxStatus = 'queued' | 'sent' | 'failed' | 'outbox_only';

/**
 * Mail sent (or, without SMTP, kept) for my institution's people, newest first. An admin reads the mail
 * of the institution's ordinary members, of addresses without an account (invitees) and their own —
 * never the mail of another admin or of the operator; platform admins read all. Secret links are
 * masked for everyone (`display_body`): they reach only the recipient, by SMTP.
 */
export async function listOutbox(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof OutboxQuery>) {
  const actor = requireRole(ctx, 'institution_admin');
  const scope = tenantScope(ctx);
  let q = deps.db
    .selectFrom('mail_outbox')
    .leftJoin('users as r', 'r.id', 'mail_outbox.recipient_user_id')
    .selectAll('mail_outbox')
    .select(exactTimestamp('mail_outbox.created_at').as('created_key'))
    .where(scope.own('mail_outbox.institution_id'))
    .$if(!scope.allInstitutions, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('r.id', 'is', null),
          eb('r.id', '=', actor.userId),
          sql<boolean>`NOT (r.roles && ${sql.val(PRIVILEGED_ROLES)}::text[])`,
        ]),
      ),
    );
  if (query.status) q = q.where('mail_outbox.status', '=', query.status);
  const cursor = decodeCursor(query.cursor, { key: 'timestamp' });
  if (cursor) q = q.where(afterCursor('mail_outbox.created_at', 'mail_outbox.id', cursor, 'desc'));
  const rows = await q.orderBy('mail_outbox.created_at', 'desc').orderBy('mail_outbox.id', 'desc').limit(query.limit + 1).execute();
  const page = pageOf(rows, query.limit, (m) => m.created_key);
  return {
    items: page.items.map((m) => ({
      id: m.id,
      toAddress: m.to_address,
      subject: m.subject,
      textBody: m.display_body,
      template: m.template,
      status: m.status as OutboxStatus,
      error: m.error,
      createdAt: new Date(m.created_at).toISOString(),
      sentAt: m.sent_at ? m.sent_at.toISOString() : null,
    })),
    nextCursor: page.nextCursor,
  };
}
