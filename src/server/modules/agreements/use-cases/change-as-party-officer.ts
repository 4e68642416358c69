import type { Actor, RequestContext } from '../../../platform/context.ts';
import { inTransaction, type Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { dispatchMail } from '../../notifications/service.ts';
import { requireAgreementParty } from '../access.ts';
import type { AgreementWithParties } from '../repository.ts';
import { getAgreement } from './present-agreement.ts';

/**
 * The frame of every change a party's officer makes: one transaction holding the agreement's row lock
 * (so concurrent changes serialise), 404 for agreements the caller may not see, 403 for anyone who does
 * not act for a party (access.ts), e-mails handed to the delivery job only after commit, and the fresh
 * agreement as the answer. `change` returns the ids of the mails it queued.
 */
export async function changeAsPartyOfficer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  change: (tx: Tx, row: AgreementWithParties, parties: string[], actor: Actor) => Promise<string[]>,
) {
  const mailIds = await inTransaction(deps.db, async (tx) => {
    const row = await requireAgreementParty(tx, ctx, id, { capability: 'agreements.act', lock: true });
    return change(tx, row, row.party_ids, ctx.actor!);
  });
  await dispatchMail(deps, mailIds);
  return getAgreement(deps, ctx, id);
}
