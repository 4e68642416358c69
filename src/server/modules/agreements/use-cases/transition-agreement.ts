import type { z } from 'zod';
import type { Transition } from '../../../../contracts/agreements.ts';
import { canTransition, type Status } from '../../../../engines/agreements/lifecycle.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { dateFieldIssues, dateRulesOf } from '../dates.ts';
import { notifyParticipants } from '../notifications.ts';
import * as repo from '../repository.ts';
import { auditAgreement } from './audit-agreement.ts';
import { changeAsPartyOfficer } from './change-as-party-officer.ts';

/** Moves the agreement to another status, as the state machine (engines/agreements/lifecycle.ts) allows. */
export function transitionAgreement(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof Transition>) {
  return changeAsPartyOfficer(deps, ctx, id, async (tx, row, _parties, actor) => {
    if (!canTransition(row.status as Status, input.to)) {
      throw new AppError('conflict', {
        messageKey: 'errors.transition_forbidden',
        params: { from: `statuses.${row.status}`, to: `statuses.${input.to}` },
        fields: [{ field: 'to', code: 'invalid_value', labelKey: 'fields.newStatus' }],
      });
    }
    if (input.to === 'terminated') {
      const missing = [!input.reason && 'reason', !input.noticeDate && 'noticeDate'].filter(Boolean) as string[];
      if (missing.length > 0) throw new AppError('validation_failed', { fields: missing.map((field) => ({ field, code: 'required' })) });
      const dateIssues = dateFieldIssues(dateRulesOf(deps), { noticeDate: input.noticeDate });
      if (dateIssues.length > 0) throw new AppError('validation_failed', { fields: dateIssues });
    }
    await repo.setStatus(tx, id, {
      status: input.to,
      at: deps.clock.now(),
      reason: input.reason ?? null,
      noticeDate: input.to === 'terminated' ? (input.noticeDate ?? null) : null,
      touch: true,
    });
    await auditAgreement(tx, ctx, id, { action: 'status', before: { status: row.status }, after: { status: input.to, reason: input.reason ?? null } });
    return notifyParticipants(tx, deps, 'status', id, { status: `statuses.${input.to}` }, actor.userId);
  });
}
