import { type Agreement, AgreementContent, type AgreementStatus } from '../../../../contracts/agreements.ts';
import { contentHash } from '../../../../engines/agreements/canonical-hash.ts';
import { requireActor, type RequestContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { readerOf, requireVisibleAgreement } from '../access.ts';
import { agreementPermissions, agreementReading } from '../policy.ts';
import * as repo from '../repository.ts';
import { actorNamer } from './name-actors.ts';

export { RENEWAL_LABEL } from './name-actors.ts';

/**
 * What was announced of an agreement (docs/agreement-visibility.md), for institutions that see it without
 * being a party: kind, framework, titles, summaries, signing place and date, start and end, parties, and the
 * areas by key, kind and titles. The renewal terms, area descriptions, contacts, commitments and targets are
 * left out — absent, not empty (contracts/agreements.ts AgreementContentView).
 */
function announcement(content: AgreementContent): Agreement['content'] {
  const { renewal: _renewal, renewalYears: _years, areas, ...announced } = content;
  return { ...announced, areas: areas.map(({ key, kind, titleVi, titleEn }) => ({ key, kind, titleVi, titleEn })) };
}

/**
 * The agreement as the API answers it to this caller: content, parties, people, approvals (verified), and what
 * the caller may do and read — the whole file for its parties, the announcement for everyone else.
 */
export async function presentAgreement(db: Db | Tx, ctx: RequestContext, row: repo.AgreementRow): Promise<Agreement> {
  const actor = requireActor(ctx);
  const [version, parties, approvals, children, involved] = await Promise.all([
    repo.versionRow(db, row.id, row.current_version),
    repo.partyViews(db, row.id),
    repo.approvalsWithVersions(db, row.id),
    repo.childAgreements(db, readerOf(ctx), row.id),
    repo.isContactUser(db, row.id, actor.userId),
  ]);
  const content = AgreementContent.parse(version!.content);
  const partyIds = parties.map((p) => p.institutionId);
  const reading = agreementReading(actor, { partyIds, status: row.status, involved });
  const full = reading.view === 'full';
  const personIds = full ? [...new Set(content.areas.flatMap((a) => a.contacts.map((c) => c.personId)))] : [];
  // A party's members read the approvals that brought a signed agreement into force, not those voided in the negotiation.
  const shownApprovals = reading.negotiation ? approvals : reading.approvals ? approvals.filter((a) => a.voided_at === null) : [];
  const [people, nameOf] = await Promise.all([
    repo.peopleByIds(db, personIds),
    actorNamer(db, ctx, reading.view, shownApprovals.map((a) => ({ userId: a.approved_by, label: a.approved_by_label }))),
  ]);
  // Each approved version's hash, recomputed now from its stored content (once per version).
  const recomputed = new Map<number, string>();
  for (const a of shownApprovals) {
    if (!recomputed.has(a.version_no)) recomputed.set(a.version_no, contentHash(AgreementContent.parse(a.version_content)));
  }
  return {
    id: row.id,
    status: row.status as AgreementStatus,
    visibility: row.visibility as Agreement['visibility'],
    view: reading.view,
    versionNo: row.current_version,
    contentHash: row.content_hash,
    content: full ? content : announcement(content),
    parties,
    people: Object.fromEntries(people.map((p) => [p.id, { fullName: p.full_name, title: p.title, institutionId: p.institution_id }])),
    approvals: shownApprovals.map((a) => {
      const by = nameOf({ userId: a.approved_by, label: a.approved_by_label });
      return {
        id: a.id,
        institutionId: a.institution_id,
        institutionCode: a.institution_code,
        versionNo: a.version_no,
        contentHash: a.content_hash,
        approvedBy: by.name,
        approvedByName: by.name,
        approvedByEmail: by.email,
        approvedAt: new Date(a.approved_at).toISOString(),
        voided: a.voided_at !== null,
        voidedByVersion: a.voided_by_version,
        voidReason: a.void_reason,
        verified: a.content_hash === recomputed.get(a.version_no) && a.content_hash === a.version_hash,
      };
    }),
    // Whether every party approved is part of the approvals: false to who does not read them (the announcement).
    fullyApproved: reading.approvals && row.fully_approved_at !== null,
    signedDocumentId: reading.documents ? row.signed_document_id : null,
    statusReason: full ? row.status_reason : null,
    noticeDate: row.notice_date,
    successorId: row.successor_id,
    predecessorId: row.predecessor_id,
    children: children.map((c) => ({ id: c.id, kind: c.kind as Agreement['content']['kind'], titleVi: c.title_vi, titleEn: c.title_en, status: c.status as AgreementStatus })),
    permissions: agreementPermissions(actor, { partyIds, status: row.status, involved }),
    myInstitutionIsParty: partyIds.includes(actor.institutionId),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function getAgreement(deps: AppDeps, ctx: RequestContext, id: string) {
  return presentAgreement(deps.db, ctx, await requireVisibleAgreement(deps.db, ctx, id));
}
