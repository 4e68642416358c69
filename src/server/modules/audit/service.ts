import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuditQuery } from '../../../contracts/accounts.ts';
import { tenantScope } from '../../platform/access.ts';
import { requireActor, requireRole, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, exactTimestamp } from '../../platform/pagination.ts';

/** The audit trail of my institution, newest first (institution admins; tokens with audit:read). */
export async function listAuditEntries(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AuditQuery>) {
  const actor = requireActor(ctx);
  if (actor.scopes) {
    if (!actor.scopes.includes('audit:read')) throw new AppError('forbidden');
  } else requireRole(ctx, 'institution_admin');
  const scope = tenantScope(ctx);
  // An entry is read by the admins of the institutions that own its record (audit_owners, written by
  // platform/audit.ts). Joining on the time as well lets the owners' index deliver the newest first.
  let q = deps.db
    .selectFrom('audit_log as a')
    .$if(!scope.allInstitutions, (qb) =>
      qb
        .innerJoin('audit_owners as o', (join) => join.onRef('o.audit_id', '=', 'a.id').onRef('o.created_at', '=', 'a.created_at'))
        .where(scope.own('o.institution_id')),
    )
    .selectAll('a')
    .select(exactTimestamp('a.created_at').as('created_at_key'));
  if (query.entity) q = q.where('a.entity', '=', query.entity);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.actor) q = q.where(sql<boolean>`a.actor_label ILIKE '%' || ${query.actor} || '%'`);
  if (query.from) q = q.where('a.created_at', '>=', new Date(`${query.from}T00:00:00+07:00`));
  if (query.to) q = q.where('a.created_at', '<', sql<Date>`${`${query.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  const cursor = decodeCursor(query.cursor, { key: 'timestamp', id: 'bigint' });
  // Newest first by the time of the change (imports and demo data may insert history out of order).
  if (cursor) q = q.where(sql<boolean>`(a.created_at, a.id) < (${cursor.k}::timestamptz, ${cursor.id}::bigint)`);
  const rows = await q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(query.limit + 1).execute();
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
