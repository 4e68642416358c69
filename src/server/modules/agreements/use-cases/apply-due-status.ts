import { AgreementContent } from '../../../../contracts/agreements.ts';
import { dueStatus, type Status } from '../../../../engines/agreements/lifecycle.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { todayIn } from '../dates.ts';
import { notifyParticipants } from '../notifications.ts';
import * as repo from '../repository.ts';
import { auditAgreement } from './audit-agreement.ts';
import { renewAutomatically } from './renew-agreement.ts';

/**
 * Moves the agreement to the status its dates and approvals call for (activation on the start date once every
 * party approved, the signed copy is attached and the signing date recorded; expiring, expired) and, when a successor becomes active, marks its predecessor renewed. Takes the
 * agreement's row lock; runs for a caller (approval, signed copy) and for the daily job (`now` from it).
 */
export async function applyDueStatus(tx: Tx, deps: AppDeps, ctx: RequestContext, id: string, now: Date): Promise<string[]> {
  const row = await repo.lockAgreementById(tx, id);
  const next = dueStatus(
    {
      status: row.status as Status,
      startDate: row.start_date,
      endDate: row.end_date,
      fullyApproved: row.fully_approved_at !== null,
      signedDocument: row.signed_document_id !== null,
      signingDate: row.signing_date,
    },
    todayIn(now),
  );
  if (next === row.status) return [];
  // An automatic renewal clause renews instead of expiring — unless the parties already started a
  // successor by decision (which, once in force, marks this one renewed).
  if (next === 'expired' && !row.successor_id) {
    const content = AgreementContent.parse((await repo.versionRow(tx, id, row.current_version))!.content);
    if (content.renewal === 'automatic' && content.renewalYears && row.end_date && !(await repo.successorOf(tx, id))) {
      return renewAutomatically(tx, deps, ctx, row, content, now);
    }
  }
  await repo.setStatus(tx, id, { status: next, at: now, touch: true });
  await auditAgreement(tx, ctx, id, { action: 'status', before: { status: row.status }, after: { status: next } });
  if (next === 'active' && row.predecessor_id) {
    await repo.markRenewed(tx, row.predecessor_id, id, now);
    await auditAgreement(tx, ctx, row.predecessor_id, { action: 'status', after: { status: 'renewed', successorId: id } });
  }
  const kind = next === 'active' ? 'activated' : 'status';
  return notifyParticipants(tx, deps, kind, id, { status: `statuses.${next}` });
}
