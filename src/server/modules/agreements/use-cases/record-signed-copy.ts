import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { requireAgreementParty } from '../access.ts';
import { attachCapability } from '../policy.ts';
import * as repo from '../repository.ts';
import { applyDueStatus } from './apply-due-status.ts';

/**
 * Records `documentId` (just attached by the documents module, in `tx`) as the agreement's signed copy and
 * applies the status that now follows (in force when every party approved and the start date came). Only
 * those who may attach the signed copy (policy.ts) get here; the mails to dispatch after commit.
 */
export async function recordSignedCopy(tx: Tx, deps: AppDeps, ctx: RequestContext, agreementId: string, documentId: string): Promise<string[]> {
  await requireAgreementParty(tx, ctx, agreementId, { capability: attachCapability('signed'), lock: true });
  await repo.setSignedDocument(tx, agreementId, documentId);
  return applyDueStatus(tx, deps, ctx, agreementId, deps.clock.now());
}
