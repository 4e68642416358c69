import type { Delegation, DelegationSummary, ProgrammeItem } from '../../../../contracts/delegations.ts';
import { type RequestContext, requireActor } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { actorNamer, todayIn } from '../../agreements/service.ts';
import { delegationPermissions } from '../policy.ts';
import * as repo from '../repository.ts';

// A delegation as the caller reads it: the summary of lists and reports, and the whole record with what the
// caller may do with it.

export const today = (deps: AppDeps) => todayIn(deps.clock.now());
export const byLang = (ctx: RequestContext, vi: string, en: string) => (ctx.lang === 'en' ? en : vi);
/** The programme as stored (none yet: empty). */
export const programmeOf = (row: repo.DelegationRow) => (row.programme as ProgrammeItem[]) ?? [];

export function summary(ctx: RequestContext, row: repo.DelegationRow): DelegationSummary {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    agreementTitle: byLang(ctx, row.agreement_title_vi, row.agreement_title_en),
    direction: row.direction,
    status: row.status,
    institutionId: row.institution_id,
    institutionCode: row.institution_code,
    partnerId: row.partner_id,
    partnerCode: row.partner_code,
    partnerName: byLang(ctx, row.partner_name_vi, row.partner_name_en),
    titleVi: row.title_vi,
    titleEn: row.title_en,
    startDate: row.start_date,
    endDate: row.end_date,
    guestCount: row.guest_count,
  };
}

export async function present(deps: AppDeps, ctx: RequestContext, row: repo.DelegationRow, db: AppDeps['db'] | Tx = deps.db): Promise<Delegation> {
  const actor = requireActor(ctx);
  const members = await repo.membersOf(db, [row.id]);
  const approvers = await repo.approversOf(db, [row.id]);
  // People are named, not e-mailed (the readers of a delegation read its agreement whole).
  const name = await actorNamer(db, ctx, 'full', [
    { userId: row.created_by, label: row.created_by_label },
    { userId: row.decided_by, label: row.decided_by_label ?? '' },
  ]);
  return {
    ...summary(ctx, row),
    areaKey: row.area_key,
    institutionName: byLang(ctx, row.institution_name_vi, row.institution_name_en),
    purposeVi: row.purpose_vi,
    purposeEn: row.purpose_en,
    budgetSource: row.budget_source,
    budgetNote: row.budget_note,
    lodging: row.lodging,
    members: members.map((m) => ({ personId: m.person_id, name: [m.title, m.full_name].filter(Boolean).join(' '), role: m.role })),
    guestsErased: row.guests_erased_at !== null,
    programme: programmeOf(row),
    approvers: approvers.map((a) => ({ userId: a.user_id, name: a.display_name })),
    decision:
      row.decision && row.decided_at
        ? { decision: row.decision, by: name({ userId: row.decided_by, label: row.decided_by_label ?? '' }).name, at: new Date(row.decided_at).toISOString(), comment: row.decision_comment ?? '' }
        : null,
    cancelReason: row.cancel_reason,
    outcomes: row.outcomes,
    activityId: row.activity_id,
    createdBy: name({ userId: row.created_by, label: row.created_by_label }).name,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    permissions: delegationPermissions(actor, row, approvers.map((a) => a.user_id), today(deps)),
  };
}
