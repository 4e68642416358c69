import { AgreementContent } from '../../../../contracts/agreements.ts';
import type { RequestContext } from '../../../platform/context.ts';
import { inTransaction, type Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireAgreementParty } from '../access.ts';
import { checkContent } from '../content-rules.ts';
import { dateFieldIssues, dateRulesOf, shiftDate } from '../dates.ts';
import { notifyParticipants } from '../notifications.ts';
import { draftingInstitution } from '../policy.ts';
import * as repo from '../repository.ts';
import { auditAgreement } from './audit-agreement.ts';
import { getAgreement, RENEWAL_LABEL } from './present-agreement.ts';
import { checkParent, insertAgreement } from './write-agreement.ts';

// Renewal: an agreement has at most one successor (agreements_one_successor). Both ways hold the
// predecessor's row lock and look for a successor first, so two requests cannot both start one.

const RENEWABLE = ['active', 'expiring', 'expired'];

/** Renewal by decision: a successor draft with the same content and new dates, in one transaction. */
export async function renewAgreement(deps: AppDeps, ctx: RequestContext, id: string, dates: { startDate: string; endDate: string | null }) {
  const dateIssues = dateFieldIssues(dateRulesOf(deps), dates);
  if (dateIssues.length > 0) throw new AppError('validation_failed', { fields: dateIssues });
  const successorId = await inTransaction(deps.db, async (tx) => {
    const row = await requireAgreementParty(tx, ctx, id, { capability: 'agreements.act', lock: true });
    if (!RENEWABLE.includes(row.status) || row.successor_id) {
      throw new AppError('conflict', { messageKey: 'errors.transition_forbidden', params: { from: `statuses.${row.status}`, to: 'statuses.renewed' } });
    }
    if (await repo.successorOf(tx, id)) throw new AppError('conflict', { messageKey: 'errors.already_renewed' });
    const actor = ctx.actor!;
    const current = AgreementContent.parse((await repo.versionRow(tx, id, row.current_version))!.content);
    const content = { ...current, startDate: dates.startDate, endDate: dates.endDate, signingDate: null, signingPlace: null };
    await checkContent(tx, content, { requiredParty: draftingInstitution(actor) });
    await checkParent(tx, ctx, content.parentId);
    const created = await insertAgreement(tx, ctx, { owner: actor.institutionId, content, visibility: row.visibility, predecessorId: id });
    await auditAgreement(tx, ctx, created.id, { action: 'create', after: { versionNo: 1, contentHash: created.hash, titleVi: content.titleVi } });
    await auditAgreement(tx, ctx, id, { action: 'renew', after: { successorDraftId: created.id } });
    return created.id;
  });
  return getAgreement(deps, ctx, successorId);
}

/**
 * An agreement that renews automatically does not expire: on the day after its end, a successor with the
 * same content runs for the agreed number of years. The parties agreed to that in the approved version,
 * so the successor is in force at once: its approvals say they come from the renewal clause, and the
 * signed document is the predecessor's. The predecessor becomes `renewed`, linked to its successor.
 * The caller (applyDueStatus) holds the predecessor's row lock and found no successor.
 */
export async function renewAutomatically(tx: Tx, deps: AppDeps, ctx: RequestContext, row: repo.AgreementRow, content: AgreementContent, now: Date) {
  const startDate = shiftDate(row.end_date!, { days: 1 });
  const renewed = { ...content, startDate, endDate: shiftDate(startDate, { years: content.renewalYears!, days: -1 }) };
  const { id, hash } = await insertAgreement(tx, ctx, { owner: row.owner_institution_id, content: renewed, visibility: row.visibility, predecessorId: row.id });
  const parties = await repo.partyInstitutionIds(tx, id);
  await repo.insertApprovals(
    tx,
    parties.map((p) => ({ agreement_id: id, institution_id: p, version_no: 1, content_hash: hash, approved_by: null, approved_by_label: `${RENEWAL_LABEL}${row.current_version}` })),
  );
  await repo.activateRenewal(tx, id, now, row.signed_document_id);
  await repo.markRenewed(tx, row.id, id, now);
  await auditAgreement(tx, ctx, row.id, { action: 'renew', after: { automatic: true, successorId: id } });
  await auditAgreement(tx, ctx, id, { action: 'create', after: { automaticRenewalOf: row.id, versionNo: 1, contentHash: hash } });
  const mails = await notifyParticipants(tx, deps, 'status', row.id, { status: 'statuses.renewed' });
  mails.push(...(await notifyParticipants(tx, deps, 'activated', id)));
  return mails;
}
