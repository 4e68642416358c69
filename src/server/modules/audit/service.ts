import type { z } from 'zod';
import type { AuditQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import { requireAuditReader } from './policy.ts';
import * as repo from './repository.ts';

/** The audit trail of my institution, newest first (institution admins; tokens with audit:read). */
export async function listAuditEntries(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AuditQuery>) {
  requireAuditReader(ctx);
  const rows = await repo.listAuditEntries(deps.db, tenantScope(ctx), {
    entity: query.entity,
    action: query.action,
    actor: query.actor,
    from: query.from,
    to: query.to,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, repo.AUDIT_CURSOR),
  });
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const items = page.map((a) => ({
    id: String(a.id),
    actorLabel: a.actor_label,
    entity: a.entity,
    entityId: a.entity_id,
    action: a.action,
    before: a.before,
    after: a.after,
    requestId: a.request_id,
    createdAt: new Date(a.created_at).toISOString(),
  }));
  const last = page.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(last.created_at_key, String(last.id)) : null };
}
