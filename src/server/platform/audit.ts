import type { Db, Tx } from './db.ts';
import type { RequestContext } from './context.ts';

// Every write records who did what to which record, with the record before and after.
export interface AuditEntryInput {
  entity: string;
  entityId: string;
  action: string;
  institutionId: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(db: Db | Tx, ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      institution_id: entry.institutionId,
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
    .execute();
}
