import type { z } from 'zod';
import type { OutboxQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import { requireRole, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { afterCursor, decodeCursor, exactTimestamp, pageOf } from '../../platform/pagination.ts';

type OutboxStatus = 'queued' | 'sent' | 'failed' | 'outbox_only';

/** Mail sent (or, without SMTP, kept) for my institution's people, newest first. */
export async function listOutbox(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof OutboxQuery>) {
  requireRole(ctx, 'institution_admin');
  let q = deps.db
    .selectFrom('mail_outbox')
    .selectAll()
    .select(exactTimestamp('mail_outbox.created_at').as('created_key'))
    .where(tenantScope(ctx).own('mail_outbox.institution_id'));
  if (query.status) q = q.where('status', '=', query.status);
  const cursor = decodeCursor(query.cursor);
  if (cursor) q = q.where(afterCursor('created_at', 'id', cursor, 'desc'));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  const page = pageOf(rows, query.limit, (m) => m.created_key);
  return {
    items: page.items.map((m) => ({
      id: m.id,
      toAddress: m.to_address,
      subject: m.subject,
      textBody: m.text_body,
      template: m.template,
      status: m.status as OutboxStatus,
      error: m.error,
      createdAt: new Date(m.created_at).toISOString(),
      sentAt: m.sent_at ? m.sent_at.toISOString() : null,
    })),
    nextCursor: page.nextCursor,
  };
}
