import type { z } from 'zod';
import type { CreateAgreement } from '../../../../contracts/agreements.ts';
import { tenantScope } from '../../../platform/access.ts';
import { requireActor, type RequestContext } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkContent } from '../content-rules.ts';
import { dateRulesOf } from '../dates.ts';
import { canDraft, draftingInstitution } from '../policy.ts';
import { auditAgreement } from './audit-agreement.ts';
import { getAgreement } from './present-agreement.ts';
import { checkParent, insertAgreement } from './write-agreement.ts';

/** Drafts an agreement: the actor's institution must be one of the parties (platform admins: any parties). */
export async function createAgreement(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateAgreement>) {
  const actor = requireActor(ctx);
  if (!canDraft(actor)) throw new AppError('forbidden');
  const content = input.content;
  const id = await inTransaction(deps.db, async (tx) => {
    await checkContent(tx, content, { requiredParty: draftingInstitution(actor), author: { scope: tenantScope(ctx) }, dates: dateRulesOf(deps) });
    await checkParent(tx, ctx, content.parentId);
    const { id, hash } = await insertAgreement(tx, ctx, { owner: actor.institutionId, content, visibility: input.visibility });
    await auditAgreement(tx, ctx, id, { action: 'create', after: { versionNo: 1, contentHash: hash, titleVi: content.titleVi } });
    return id;
  });
  return getAgreement(deps, ctx, id);
}
