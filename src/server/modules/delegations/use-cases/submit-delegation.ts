import type { z } from 'zod';
import type { SubmitDelegation } from '../../../../contracts/delegations.ts';
import { tenantScope } from '../../../platform/access.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError, type FieldIssue } from '../../../platform/errors.ts';
import { dispatchMail, notify } from '../../notifications/service.ts';
import { DELEGATION_NOTIFICATIONS } from '../notifications.ts';
import { EDITABLE } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditChange } from './audit-delegation.ts';
import { candidateOf, checkDelegation, storedGuests } from './delegation-rules.ts';
import { lockForChange } from './find-delegation.ts';
import { present, today } from './present-delegation.ts';

/** Submits the request to the approvers named here, or else to the handling institution's leadership. */
export async function submitDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof SubmitDelegation>) {
  const { result, mailIds } = await inTransaction(deps.db, async (tx) => {
    const { row, agreement } = await lockForChange(tx, ctx, id, input.version, EDITABLE);
    const issues: FieldIssue[] = [];
    const t = today(deps);
    if (row.start_date < t) issues.push({ field: 'startDate', code: 'past_date', params: { today: t } });
    const guests = await repo.guestsOf(tx, id);
    if (row.direction === 'incoming' && guests.length === 0) issues.push({ field: 'guests', code: 'required' });
    const members = await repo.membersOf(tx, [id]);
    if (row.direction === 'outgoing' && members.length === 0) issues.push({ field: 'members', code: 'required' });
    const approvers = [...new Set(input.approverIds)];
    const found = new Set((await repo.activeUsersOf(tx, tenantScope(ctx), row.institution_id, approvers)).map((u) => u.id));
    input.approverIds.forEach((u, i) => {
      if (!found.has(u)) issues.push({ field: `approverIds.${i}`, code: 'unknown_reference' });
    });
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    // The rules of the record itself still hold (the agreement's period may have changed since the draft).
    const stored = candidateOf(row, { members: members.map((m) => ({ personId: m.person_id, role: m.role })), guests: storedGuests(guests) });
    await checkDelegation(deps, tx, ctx, agreement, stored, row.area_key);
    await repo.replaceApprovers(tx, id, approvers);
    await repo.updateDelegation(tx, id, {
      status: 'submitted',
      submitted_at: deps.clock.now(),
      decision: null,
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      decision_comment: null,
    });
    const after = await auditChange(tx, ctx, row, 'submit', { approverIds: approvers });
    // The named approvers, or else the handling institution's leadership, hear that the request waits for them.
    const recipients = approvers.length > 0 ? approvers : await repo.leadershipUserIds(tx, row.institution_id);
    const mailIds = await notify(tx, deps, DELEGATION_NOTIFICATIONS.delegation_submitted, {
      subjectId: row.agreement_id,
      recipients,
      params: { actor: ctx.actor?.label ?? '' },
      exceptUserId: ctx.actor?.userId ?? null,
    });
    return { result: await present(deps, ctx, after, tx), mailIds };
  });
  await dispatchMail(deps, mailIds);
  return result;
}
