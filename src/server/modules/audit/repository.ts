import { sql, type SqlBool } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { Cursor, CursorKind } from '../../platform/pagination.ts';
import { exactTimestamp } from '../../platform/pagination.ts';

/** Newest first by the exact time of the change; the id is the log's bigint. */
export const AUDIT_CURSOR: CursorKind = { key: 'timestamp', id: 'bigint' };

export interface AuditFilter {
  entity?: string;
  action?: string;
  /** Part of the actor's label (e-mail or token name), any case. */
  actor?: string;
  /** Calendar days in Vietnam's time (UTC+7), inclusive. */
  from?: string;
  to?: string;
  limit: number;
  cursor?: Cursor;
}

/**
 * One page (limit + 1 rows) of the entries the caller may read. An entry is read by the admins of the
 * institutions that own its record (audit_owners, written by platform/audit.ts); platform admins read all.
 * Joining on the time as well lets the owners' index deliver the newest first.
 */
export function listAuditEntries(db: Db, scope: TenantScope, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log as a')
    .$if(!scope.allInstitutions, (qb) =>
      qb
        .innerJoin('audit_owners as o', (join) => join.onRef('o.audit_id', '=', 'a.id').onRef('o.created_at', '=', 'a.created_at'))
        .where(scope.own('o.institution_id')),
    )
    .selectAll('a')
    .select(exactTimestamp('a.created_at').as('created_at_key'));
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actor) q = q.where(sql<SqlBool>`a.actor_label ILIKE '%' || ${f.actor} || '%'`);
  if (f.from) q = q.where('a.created_at', '>=', new Date(`${f.from}T00:00:00+07:00`));
  if (f.to) q = q.where('a.created_at', '<', sql<Date>`${`${f.to}T00:00:00+07:00`}::timestamptz + interval '1 day'`);
  // Newest first by the time of the change (imports and demo data may insert history out of order).
  if (f.cursor) q = q.where(sql<SqlBool>`(a.created_at, a.id) < (${f.cursor.k}::timestamptz, ${f.cursor.id}::bigint)`);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
}
