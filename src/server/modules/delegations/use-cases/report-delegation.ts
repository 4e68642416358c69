import type { z } from 'zod';
import type { ReportDelegation } from '../../../../contracts/delegations.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { createActivity } from '../../activities/service.ts';
import * as repo from '../repository.ts';
import { auditChange } from './audit-delegation.ts';
import { lockForChange } from './find-delegation.ts';
import { byLang, present, today } from './present-delegation.ts';

/**
 * The report after the visit: the delegation is done and an activity (kind `visit`, done, under the delegation's
 * area, organised by the handling institution, with its staff as participants and the guests counted) is recorded
 * through the activities service, which checks its own rules. The activity is written in its own transaction
 * while this one holds the delegation's lock, so a second report waits and then finds the delegation done.
 */
export async function reportDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof ReportDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, ['approved']);
    if (row.end_date > today(deps)) throw new AppError('conflict', { messageKey: 'errors.delegation_visit_not_over', params: { endDate: row.end_date } });
    const members = await repo.membersOf(tx, [id]);
    const place =
      row.direction === 'incoming' ? byLang(ctx, row.institution_name_vi, row.institution_name_en) : byLang(ctx, row.partner_name_vi, row.partner_name_en);
    const created = await createActivity(deps, ctx, row.agreement_id, {
      areaKey: row.area_key,
      kind: 'visit',
      status: 'done',
      titleVi: row.title_vi,
      titleEn: row.title_en,
      descriptionVi: row.purpose_vi,
      descriptionEn: row.purpose_en,
      startDate: row.start_date,
      endDate: row.end_date,
      place,
      online: false,
      outcomes: input.outcomes,
      isPublic: false,
      organiserIds: [row.institution_id],
      participants: members.map((m) => ({ personId: m.person_id, role: 'staff' as const })),
      counts: row.direction === 'incoming' && row.guest_count > 0 ? [{ institutionId: row.partner_id, role: 'expert' as const, count: row.guest_count }] : [],
      recurrence: null,
    });
    const activityId = created.items[0].id;
    await repo.updateDelegation(tx, id, { status: 'done', outcomes: input.outcomes, activity_id: activityId });
    const after = await auditChange(tx, ctx, row, 'report', { activityId });
    return present(deps, ctx, after, tx);
  });
}
