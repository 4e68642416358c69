import type { z } from 'zod';
import type { CreateDelegation } from '../../../../contracts/delegations.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { type RequestContext, requireActor } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayReadGuests, mayRequestDelegations } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditRecord } from './audit-delegation.ts';
import { checkDelegation, columnsOf, guestValues } from './delegation-rules.ts';
import { agreementForDelegations, facts } from './find-delegation.ts';
import { present } from './present-delegation.ts';

/** A party's request for a delegation under the agreement, handled by the caller's institution (a draft). */
export async function createDelegation(deps: AppDeps, ctx: RequestContext, agreementId: string, input: z.infer<typeof CreateDelegation>) {
  const actor = requireActor(ctx);
  return inTransaction(deps.db, async (tx) => {
    const agreement = await agreementForDelegations(tx, ctx, agreementId, true);
    if (!mayRequestDelegations(actor, facts(agreement))) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_requester' });
    const institutionId = input.institutionId ?? actor.institutionId;
    if (institutionId !== actor.institutionId) {
      throw new AppError('validation_failed', { fields: [{ field: 'institutionId', code: 'own_institution_required' }] });
    }
    if (input.guests.length > 0 && !mayReadGuests(actor, { institution_id: institutionId })) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
    await checkDelegation(deps, tx, ctx, agreement, { ...input, institutionId });
    const id = await repo.insertDelegation(tx, {
      agreement_id: agreement.id,
      institution_id: institutionId,
      direction: input.direction,
      ...columnsOf(input),
      created_by: actor.userId,
      created_by_label: actor.label,
    });
    await repo.replaceMembers(tx, id, institutionId, input.members);
    await repo.replaceGuests(tx, id, input.guests.map(guestValues));
    const created = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, { entity: 'delegation', entityId: id, action: 'create', owners: [institutionId], after: auditRecord(created) });
    return present(deps, ctx, created, tx);
  });
}
