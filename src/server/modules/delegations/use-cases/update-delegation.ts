import type { z } from 'zod';
import type { UpdateDelegation } from '../../../../contracts/delegations.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { EDITABLE, mayReadGuests } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditChange } from './audit-delegation.ts';
import { candidateOf, checkDelegation, columnsOf, guestValues, storedGuests } from './delegation-rules.ts';
import { lockForChange } from './find-delegation.ts';
import { present } from './present-delegation.ts';

/** An edit of a draft or rejected request, with the version read (stale: 409); it is a draft again afterwards. */
export async function updateDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row, agreement } = await lockForChange(tx, ctx, id, input.version, EDITABLE);
    if (input.guests !== undefined && !mayReadGuests(actor, row)) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
    // Once erased, the guests' personal data is not taken again for this delegation (the visit is long past).
    if (input.guests !== undefined && row.guests_erased_at !== null) throw new AppError('conflict', { messageKey: 'errors.guests_erased' });
    const members =
      input.members ?? (await repo.membersOf(tx, [id])).map((m) => ({ personId: m.person_id, role: m.role }));
    const guests = input.guests ?? storedGuests(await repo.guestsOf(tx, id));
    await checkDelegation(deps, tx, ctx, agreement, candidateOf(row, { ...input, members, guests }), row.area_key);
    await repo.updateDelegation(tx, id, {
      ...columnsOf(input),
      // An edit of a rejected request makes it a draft again, to be submitted anew.
      status: 'draft',
    });
    if (input.members !== undefined) await repo.replaceMembers(tx, id, row.institution_id, input.members);
    if (input.guests !== undefined) await repo.replaceGuests(tx, id, input.guests.map(guestValues));
    const after = await auditChange(tx, ctx, row, 'update', { guestsChanged: input.guests !== undefined });
    return present(deps, ctx, after, tx);
  });
}
