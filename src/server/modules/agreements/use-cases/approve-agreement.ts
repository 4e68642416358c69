import { EDITABLE, type Status } from '../../../../engines/agreements/lifecycle.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { notifyParticipants } from '../notifications.ts';
import * as repo from '../repository.ts';
import { applyDueStatus } from './apply-due-status.ts';
import { auditAgreement } from './audit-agreement.ts';
import { changeAsPartyOfficer } from './change-as-party-officer.ts';

/**
 * Approves the current version for the actor's institution, named by its hash. When every party approved
 * it the agreement is fully approved, and in force once the signed copy is attached and its start date came.
 */
export function approveAgreement(deps: AppDeps, ctx: RequestContext, id: string, hash: string) {
  // The row lock serialises approvals of one agreement: two parties approving at the same moment
  // both count, exactly once, and the second sees the first when it checks for completeness.
  return changeAsPartyOfficer(deps, ctx, id, async (tx, row, parties, actor) => {
    if (!EDITABLE.has(row.status as Status)) {
      throw new AppError('conflict', { messageKey: 'errors.not_open_for_approval', params: { status: `statuses.${row.status}` } });
    }
    if (hash !== row.content_hash) {
      throw new AppError('conflict', {
        messageKey: 'errors.stale_hash',
        fields: [{ field: 'contentHash', code: 'stale' }],
        details: { currentHash: row.content_hash, currentVersion: row.current_version },
      });
    }
    const inserted = await repo.insertApproval(tx, {
      agreement_id: id,
      institution_id: actor.institutionId,
      version_no: row.current_version,
      content_hash: hash,
      approved_by: actor.userId,
      approved_by_label: actor.label,
    });
    if (!inserted) throw new AppError('conflict', { messageKey: 'errors.already_approved' });
    await auditAgreement(tx, ctx, id, { action: 'approve', after: { versionNo: row.current_version, contentHash: hash } });
    const approvedBy = await repo.approvingInstitutions(tx, id, hash);
    // The first approval ends drafting: from now on the parties are approving this content.
    if (row.status !== 'awaiting_approval') await repo.setStatus(tx, id, { status: 'awaiting_approval', at: deps.clock.now() });
    const mails = await notifyParticipants(tx, deps, 'approved', id, { actor: actor.label, version: row.current_version }, actor.userId);
    if (parties.every((p) => approvedBy.has(p))) {
      await repo.markFullyApproved(tx, id);
      mails.push(...(await applyDueStatus(tx, deps, ctx, id, deps.clock.now())));
    }
    return mails;
  });
}
