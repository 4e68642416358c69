import type { z } from 'zod';
import type { DecideDelegation } from '../../../../contracts/delegations.ts';
import { type RequestContext, requireActor } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { assertVersion } from '../../../platform/versioning.ts';
import { dispatchMail, notify } from '../../notifications/service.ts';
import { DELEGATION_NOTIFICATIONS } from '../notifications.ts';
import { mayDecide } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditChange } from './audit-delegation.ts';
import { delegationForActor } from './find-delegation.ts';
import { present } from './present-delegation.ts';

/** An approver's decision on a submitted request, approve or reject (a rejection says why); the requester hears it. */
export async function decideDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof DecideDelegation>) {
  const actor = requireActor(ctx);
  const { result, mailIds } = await inTransaction(deps.db, async (tx) => {
    const { row } = await delegationForActor(tx, ctx, id, true);
    const approvers = (await repo.approversOf(tx, [id])).map((a) => a.user_id);
    if (!mayDecide(actor, { ...row, status: 'submitted' }, approvers)) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_approver' });
    assertVersion(row, input.version, (r) => ({ id: r.id, version: r.version, status: r.status }));
    if (row.status !== 'submitted') throw new AppError('conflict', { messageKey: 'errors.delegation_wrong_status', params: { status: row.status } });
    if (input.decision === 'reject' && input.comment === '') {
      throw new AppError('validation_failed', { fields: [{ field: 'comment', code: 'required' }] });
    }
    await repo.updateDelegation(tx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decision: input.decision,
      decided_by: actor.userId,
      decided_by_label: actor.label,
      decided_at: deps.clock.now(),
      decision_comment: input.comment,
    });
    const after = await auditChange(tx, ctx, row, input.decision, { comment: input.comment });
    // Who requested it hears the decision.
    const mailIds = row.created_by
      ? await notify(tx, deps, DELEGATION_NOTIFICATIONS.delegation_decided, {
          subjectId: row.agreement_id,
          recipients: [row.created_by],
          params: { actor: actor.label },
          exceptUserId: actor.userId,
        })
      : [];
    return { result: await present(deps, ctx, after, tx), mailIds };
  });
  await dispatchMail(deps, mailIds);
  return result;
}
