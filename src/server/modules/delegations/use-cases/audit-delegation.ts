import { recordAudit } from '../../../platform/audit.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import * as repo from '../repository.ts';

// What the audit log keeps of a delegation: owned by the handling institution only, and never the guests'
// personal data — only their number.

/** The record as the audit log keeps it: no guests' personal data, only their number. */
export function auditRecord(row: repo.DelegationRow, extra: Record<string, unknown> = {}) {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    direction: row.direction,
    status: row.status,
    institutionId: row.institution_id,
    partnerId: row.partner_id,
    areaKey: row.area_key,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    startDate: row.start_date,
    endDate: row.end_date,
    budgetSource: row.budget_source,
    guestCount: row.guest_count,
    version: row.version,
    ...extra,
  };
}

/**
 * After a change of the delegation `before`: reads it again and records the change (`extra`: what the record does
 * not show, kept with the record after it); the delegation as it is now.
 */
export async function auditChange(tx: Tx, ctx: RequestContext, before: repo.DelegationRow, action: string, extra: Record<string, unknown> = {}) {
  const after = (await repo.findDelegation(tx, before.id))!;
  await recordAudit(tx, ctx, {
    entity: 'delegation',
    entityId: before.id,
    action,
    owners: [before.institution_id],
    before: auditRecord(before),
    after: auditRecord(after, extra),
  });
  return after;
}

/** Each reading of the guests' personal data (the list, a generated document), with how many guests it showed. */
export async function auditGuestsView(tx: Tx, ctx: RequestContext, row: repo.DelegationRow, what: string, guests: number) {
  await recordAudit(tx, ctx, { entity: 'delegation', entityId: row.id, action: 'view_guests', owners: [row.institution_id], after: { what, guests } });
}
