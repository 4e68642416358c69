import { sql } from 'kysely';
import type { Db, Tx } from './db.ts';
import type { RequestContext } from './context.ts';

// Every write records who did what to which record, with the record before and after. An entry belongs
// to the institutions that own the record (`owners`: an agreement's parties, a person's institution), not
// to the actor's: that is whose admins read it in the audit log (modules/audit). An entry without owners
// (the operator's own account, consortia) is read by platform admins only.
export interface AuditEntryInput {
  entity: string;
  entityId: string;
  action: string;
  owners: readonly (string | null)[];
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db | Tx, ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor_user_id: ctx.actor?.userId ?? null,
      actor_token_id: ctx.actor?.tokenId ?? null,
      actor_label: ctx.actor?.label ?? 'system',
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const owners = [...new Set(entry.owners.filter((o): o is string => o !== null))];
  if (owners.length === 0) return;
  // The entry's exact time is copied in SQL: a JavaScript Date would drop its microseconds.
  await db
    .insertInto('audit_owners')
    .columns(['institution_id', 'created_at', 'audit_id'])
    .expression(
      db
        .selectFrom('audit_log')
        .select([sql<string>`unnest(${sql.val(owners)}::uuid[])`.as('institution_id'), 'created_at', 'id'])
        .where('id', '=', row.id),
    )
    .execute();
}
