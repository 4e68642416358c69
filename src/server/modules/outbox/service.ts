import type { z } from 'zod';
import type { OutboxQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { hiddenRecipientRoles, requireOutboxReader } from './policy.ts';
import * as repo from './repository.ts';

type OutboxStatus = 'queued' | 'sent' | 'failed' | 'outbox_only';

/**
 * Mail sent (or, without SMTP, kept) for my institution's people, newest first. Who reads whose mail is
 * outbox/policy.ts; secret links are masked for everyone (`display_body`): they reach only the recipient,
 * by SMTP.
 */
export async function listOutbox(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof OutboxQuery>) {
  const actor = requireOutboxReader(ctx);
  const rows = await repo.listOutbox(
    deps.db,
    tenantScope(ctx),
    { userId: actor.userId, hiddenRoles: hiddenRecipientRoles(actor) },
    { status: query.status, limit: query.limit, cursor: decodeCursor(query.cursor, repo.OUTBOX_CURSOR) },
  );
  const page = pageOf(rows, query.limit, (m) => m.created_key);
  return {
    items: page.items.map((m) => ({
      id: m.id,
      toAddress: m.to_address,
      recipientName: m.recipient_name,
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
