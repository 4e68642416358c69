import type { z } from 'zod';
import type { CancelDelegation } from '../../../../contracts/delegations.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { CANCELLABLE } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditChange } from './audit-delegation.ts';
import { lockForChange } from './find-delegation.ts';
import { present } from './present-delegation.ts';

/** The handling office calls the delegation off, saying why. */
export async function cancelDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof CancelDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, CANCELLABLE);
    await repo.updateDelegation(tx, id, { status: 'cancelled', cancel_reason: input.reason });
    const after = await auditChange(tx, ctx, row, 'cancel', { reason: input.reason });
    return present(deps, ctx, after, tx);
  });
}
