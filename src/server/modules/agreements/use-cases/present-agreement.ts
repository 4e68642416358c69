import { type Agreement, AgreementContent, type AgreementStatus } from '../../../../contracts/agreements.ts';
import { contentHash } from '../../../../engines/agreements/canonical-hash.ts';
import type { Status } from '../../../../engines/agreements/lifecycle.ts';
import { translate } from '../../../../locales/index.ts';
import { tenantScope } from '../../../platform/access.ts';
import { requireActor, type RequestContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { requireVisibleAgreement } from '../access.ts';
import { agreementPermissions } from '../policy.ts';
import * as repo from '../repository.ts';

/** Label of approvals that come from a renewal clause, with the predecessor's version; shown localized. */
export const RENEWAL_LABEL = 'renewal-clause:';

/** The agreement as the API answers it: content, parties, people, approvals (verified), and what the caller may do. */
export async function presentAgreement(db: Db | Tx, ctx: RequestContext, row: repo.AgreementRow): Promise<Agreement> {
  const actor = requireActor(ctx);
  const [version, parties, approvals, children] = await Promise.all([
    repo.versionRow(db, row.id, row.current_version),
    repo.partyViews(db, row.id),
    repo.approvalsWithVersions(db, row.id),
    repo.childAgreements(db, tenantScope(ctx), row.id),
  ]);
  const content = AgreementContent.parse(version!.content);
  const personIds = [...new Set(content.areas.flatMap((a) => a.contacts.map((c) => c.personId)))];
  const people = await repo.peopleByIds(db, personIds);
  const partyIds = parties.map((p) => p.institutionId);
  // Each approved version's hash, recomputed now from its stored content (once per version).
  const recomputed = new Map<number, string>();
  for (const a of approvals) {
    if (!recomputed.has(a.version_no)) recomputed.set(a.version_no, contentHash(AgreementContent.parse(a.version_content)));
  }
  return {
    id: row.id,
    status: row.status as AgreementStatus,
    visibility: row.visibility as Agreement['visibility'],
    versionNo: row.current_version,
    contentHash: row.content_hash,
    content,
    parties,
    people: Object.fromEntries(people.map((p) => [p.id, { fullName: p.full_name, title: p.title, institutionId: p.institution_id }])),
    approvals: approvals.map((a) => ({
      id: a.id,
      institutionId: a.institution_id,
      institutionCode: a.institution_code,
      versionNo: a.version_no,
      contentHash: a.content_hash,
      approvedBy: a.approved_by_label.startsWith(RENEWAL_LABEL)
        ? translate(ctx.lang, 'approvals.renewalClause', { version: a.approved_by_label.slice(RENEWAL_LABEL.length) })
        : a.approved_by_label,
      approvedAt: new Date(a.approved_at).toISOString(),
      voided: a.voided_at !== null,
      voidedByVersion: a.voided_by_version,
      voidReason: a.void_reason,
      verified: a.content_hash === recomputed.get(a.version_no) && a.content_hash === a.version_hash,
    })),
    fullyApproved: row.fully_approved_at !== null,
    signedDocumentId: row.signed_document_id,
    statusReason: row.status_reason,
    noticeDate: row.notice_date,
    successorId: row.successor_id,
    predecessorId: row.predecessor_id,
    children: children.map((c) => ({ id: c.id, kind: c.kind as Agreement['content']['kind'], titleVi: c.title_vi, titleEn: c.title_en, status: c.status as AgreementStatus })),
    permissions: agreementPermissions(actor, { partyIds, status: row.status as Status }),
    myInstitutionIsParty: partyIds.includes(actor.institutionId),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function getAgreement(deps: AppDeps, ctx: RequestContext, id: string) {
  return presentAgreement(deps.db, ctx, await requireVisibleAgreement(deps.db, ctx, id));
}
