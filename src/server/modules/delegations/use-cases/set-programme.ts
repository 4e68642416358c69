import type { z } from 'zod';
import type { SetProgramme } from '../../../../contracts/delegations.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { PROGRAMME_EDITABLE } from '../policy.ts';
import * as repo from '../repository.ts';
import { programmeIssues } from './delegation-rules.ts';
import { lockForChange } from './find-delegation.ts';
import { present } from './present-delegation.ts';

/** The programme of the visit, kept up to date by the handling office (also once approved); within the visit's days. */
export async function setProgramme(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof SetProgramme>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, PROGRAMME_EDITABLE);
    const issues = programmeIssues(input.programme, row.start_date, row.end_date);
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    await repo.updateDelegation(tx, id, { programme: JSON.stringify(input.programme) });
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: 'programme',
      owners: [row.institution_id],
      before: { programme: row.programme },
      after: { programme: input.programme },
    });
    return present(deps, ctx, after, tx);
  });
}
