import { sql } from 'kysely';
import type { z } from 'zod';
import {
  type Agreement,
  AgreementContent,
  type AgreementListQuery,
  type AgreementStatus,
  type CreateAgreement,
  type CreateComment,
  METRICS,
  type Transition,
  type UpdateAgreement,
} from '../../../contracts/agreements.ts';
import { contentHash } from '../../../engines/agreements/canonical-hash.ts';
import { diffContent } from '../../../engines/agreements/content-diff.ts';
import { canTransition, dueStatus, EDITABLE, type Status } from '../../../engines/agreements/lifecycle.ts';
import { translate } from '../../../locales/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { type AuditEntryInput, recordAudit } from '../../platform/audit.ts';
import { type Actor, requireActor, requireScope, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { dispatchMail } from '../notifications/service.ts';
import { notifyParticipants } from './notifications.ts';
import { checkContent } from './content-rules.ts';
import * as repo from './repository.ts';

const OFFICER_ROLES = ['cooperation_officer', 'institution_admin'] as const;
const COMMENTER_ROLES = [...OFFICER_ROLES, 'coordinator'] as const;

/** The platform's calendar day (Vietnam), for dates in agreements. */
export function todayIn(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const isOfficer = (actor: Actor) => actor.roles.some((r) => (OFFICER_ROLES as readonly string[]).includes(r));
const isCommenter = (actor: Actor) => actor.roles.some((r) => (COMMENTER_ROLES as readonly string[]).includes(r));

/** An officer of one of the parties (platform admins operate, they do not act for a party). */
function requirePartyOfficer(actor: Actor, parties: string[]) {
  if (!parties.includes(actor.institutionId) || !isOfficer(actor)) throw new AppError('forbidden', { messageKey: 'errors.not_party_officer' });
}

const readScope = (ctx: RequestContext) => requireScope(ctx, 'agreements:read');
function writeScope(ctx: RequestContext) {
  return requireScope(ctx, 'agreements:write');
}

async function loadVisible(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string) {
  const row = await repo.findVisibleAgreement(db, tenantScope(ctx), id);
  if (!row) throw notFound('agreement');
  return row;
}

export async function presentAgreement(db: AppDeps['db'] | Tx, ctx: RequestContext, row: repo.AgreementRow): Promise<Agreement> {
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
  const mine = partyIds.includes(actor.institutionId);
  // Each approved version's hash, recomputed now from its stored content (once per version).
  const recomputed = new Map<number, string>();
  for (const a of approvals) {
    if (!recomputed.has(a.version_no)) recomputed.set(a.version_no, contentHash(AgreementContent.parse(a.version_content)));
  }
  const officer = mine && isOfficer(actor);
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
    permissions: {
      edit: officer && EDITABLE.has(row.status as Status),
      approve: officer && EDITABLE.has(row.status as Status),
      transition: officer,
      comment: mine && isCommenter(actor),
    },
    myInstitutionIsParty: mine,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function getAgreement(deps: AppDeps, ctx: RequestContext, id: string) {
  readScope(ctx);
  return presentAgreement(deps.db, ctx, await loadVisible(deps.db, ctx, id));
}

export async function listAgreements(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof AgreementListQuery>) {
  readScope(ctx);
  const rows = await repo.listAgreements(deps.db, tenantScope(ctx), { ...query, today: todayIn(deps.clock.now()), cursor: decodeCursor(query.cursor, repo.cursorKind(query.sort)) });
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(query.sort, r));
  const { parties, areas } = await repo.summariesOf(deps.db, page.items.map((r) => r.id));
  return {
    items: page.items.map((a) => ({
      id: a.id,
      kind: a.kind as Agreement['content']['kind'],
      status: a.status as AgreementStatus,
      visibility: a.visibility as Agreement['visibility'],
      titleVi: a.title_vi,
      titleEn: a.title_en,
      startDate: a.start_date,
      endDate: a.end_date,
      signingDate: a.signing_date,
      parties: parties.filter((p) => p.agreement_id === a.id).map(({ institutionId, code, nameVi, nameEn }) => ({ institutionId, code, nameVi, nameEn })),
      areaKinds: [...new Set(areas.filter((x) => x.agreement_id === a.id).map((x) => x.kind))] as Agreement['content']['areas'][number]['kind'][],
      versionNo: a.current_version,
      updatedAt: a.updated_at.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function summarizeAgreements(deps: AppDeps, ctx: RequestContext, query: Omit<z.infer<typeof AgreementListQuery>, 'limit' | 'cursor' | 'sort'>) {
  readScope(ctx);
  const rows = await repo.countAgreementsByStatus(deps.db, tenantScope(ctx), { ...query, today: todayIn(deps.clock.now()) });
  return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<AgreementStatus, number> };
}

async function checkParent(tx: Tx, ctx: RequestContext, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const parent = await repo.findVisibleAgreement(tx, tenantScope(ctx), parentId);
  if (!parent || parent.id === selfId) {
    throw new AppError('validation_failed', { fields: [{ field: 'content.parentId', code: 'unknown_reference' }] });
  }
}

async function insertVersion(tx: Tx, ctx: RequestContext, agreementId: string, versionNo: number, content: z.infer<typeof AgreementContent>, note: string | null) {
  const hash = contentHash(content);
  await tx
    .insertInto('agreement_versions')
    .values({
      agreement_id: agreementId,
      version_no: versionNo,
      content: JSON.stringify(content),
      content_hash: hash,
      change_note: note,
      created_by: ctx.actor?.userId ?? null,
      created_by_label: ctx.actor?.label ?? 'system',
    })
    .execute();
  await repo.writeProjections(tx, agreementId, content);
  return hash;
}

/** Inserts an agreement and its first version (the caller checked the content and may write). */
async function insertAgreement(
  tx: Tx,
  ctx: RequestContext,
  row: { owner: string; content: z.infer<typeof AgreementContent>; visibility: string; predecessorId?: string | null; changeNote?: string | null },
) {
  const { content } = row;
  const { id } = await tx
    .insertInto('agreements')
    .values({
      owner_institution_id: row.owner,
      kind: content.kind,
      parent_id: content.parentId,
      predecessor_id: row.predecessorId ?? null,
      visibility: row.visibility,
      title_vi: content.titleVi,
      title_en: content.titleEn,
      start_date: content.startDate,
      end_date: content.endDate,
      signing_date: content.signingDate,
      content_hash: contentHash(content),
      created_by: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const hash = await insertVersion(tx, ctx, id, 1, content, row.changeNote ?? null);
  return { id, hash };
}

export async function createAgreement(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateAgreement>) {
  const actor = writeScope(ctx);
  if (!isOfficer(actor) && !actor.roles.includes('platform_admin')) throw new AppError('forbidden');
  const content = input.content;
  const id = await deps.db.transaction().execute(async (tx) => {
    await checkContent(tx, content, { requiredParty: actor.roles.includes('platform_admin') ? null : actor.institutionId });
    await checkParent(tx, ctx, content.parentId);
    const { id, hash } = await insertAgreement(tx, ctx, { owner: actor.institutionId, content, visibility: input.visibility });
    await auditAgreement(tx, ctx, id, { action: 'create', after: { versionNo: 1, contentHash: hash, titleVi: content.titleVi } });
    return id;
  });
  return getAgreement(deps, ctx, id);
}

/**
 * An agreement's audit entries belong to its parties (also to those a change removed), so each party's
 * admins read them and nobody else does.
 */
export async function auditAgreement(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  entry: Omit<AuditEntryInput, 'entity' | 'entityId' | 'owners'>,
  alsoOwners: readonly string[] = [],
) {
  const parties = await repo.partyInstitutionIds(tx, id);
  await recordAudit(tx, ctx, { entity: 'agreement', entityId: id, owners: [...parties, ...alsoOwners], ...entry });
}

/**
 * The frame of every change a party's officer makes: one transaction holding the agreement's row lock
 * (so concurrent changes serialise), 404 for agreements the caller may not see, 403 for non-officers,
 * e-mails handed to the delivery job only after commit, and the fresh agreement as the answer.
 */
async function changeAsPartyOfficer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  change: (tx: Tx, row: repo.AgreementRow, parties: string[], actor: Actor) => Promise<string[]>,
) {
  const actor = writeScope(ctx);
  const mailIds = await deps.db.transaction().execute(async (tx) => {
    const row = await repo.lockVisibleAgreement(tx, tenantScope(ctx), id);
    if (!row) throw notFound('agreement');
    const parties = await repo.partyInstitutionIds(tx, id);
    requirePartyOfficer(actor, parties);
    return change(tx, row, parties, actor);
  });
  await dispatchMail(deps, mailIds);
  return getAgreement(deps, ctx, id);
}

export function updateAgreement(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateAgreement>) {
  return changeAsPartyOfficer(deps, ctx, id, async (tx, row, partiesBefore, actor) => {
    if (input.baseVersion !== row.current_version) {
      const base = await repo.versionRow(tx, id, input.baseVersion);
      const current = await repo.versionRow(tx, id, row.current_version);
      throw new AppError('version_conflict', {
        params: { current: row.current_version },
        details: {
          current: { versionNo: row.current_version, contentHash: row.content_hash, content: current?.content },
          changesSinceYourVersion: base && current ? diffContent(base.content as Record<string, unknown>, current.content as Record<string, unknown>) : [],
        },
      });
    }
    const changes: Record<string, unknown> = {};
    if (input.visibility && input.visibility !== row.visibility) {
      await tx.updateTable('agreements').set({ visibility: input.visibility, updated_at: sql`now()` }).where('id', '=', id).execute();
      changes.visibility = { before: row.visibility, after: input.visibility };
    }
    let mails: string[] = [];
    if (input.content && contentHash(input.content) !== row.content_hash) {
      if (!EDITABLE.has(row.status as Status)) {
        throw new AppError('conflict', { messageKey: 'errors.agreement_not_editable', params: { status: `statuses.${row.status}` } });
      }
      const content = input.content;
      await checkContent(tx, content, { requiredParty: null });
      await checkParent(tx, ctx, content.parentId, id);
      const versionNo = row.current_version + 1;
      const hash = await insertVersion(tx, ctx, id, versionNo, content, input.changeNote ?? null);
      await tx
        .updateTable('agreements')
        .set({
          kind: content.kind,
          parent_id: content.parentId,
          title_vi: content.titleVi,
          title_en: content.titleEn,
          start_date: content.startDate,
          end_date: content.endDate,
          signing_date: content.signingDate,
          current_version: versionNo,
          content_hash: hash,
          fully_approved_at: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      // Any edit voids every standing approval: they were given to other content.
      const voided = await tx
        .updateTable('agreement_approvals')
        .set({ voided_at: sql`now()`, voided_by_version: versionNo })
        .where('agreement_id', '=', id)
        .where('voided_at', 'is', null)
        .returning('id')
        .execute();
      const previous = await repo.versionRow(tx, id, row.current_version);
      const diff = diffContent(previous!.content as Record<string, unknown>, content as unknown as Record<string, unknown>);
      changes.content = { fromVersion: row.current_version, toVersion: versionNo, contentHash: hash, changes: diff.length, voidedApprovals: voided.length };
      mails = await notifyParticipants(tx, deps, 'changed', id, { actor: actor.label, version: versionNo }, actor.userId);
    }
    if (Object.keys(changes).length > 0) {
      await auditAgreement(tx, ctx, id, { action: 'update', after: changes }, partiesBefore);
    }
    return mails;
  });
}

/**
 * Moves the agreement to the status its dates and approvals call for (activation on the start date,
 * expiring, expired) and, when a successor becomes active, marks its predecessor renewed.
 */
export async function applyDueStatus(tx: Tx, deps: AppDeps, ctx: RequestContext, id: string, now: Date): Promise<string[]> {
  const row = await tx.selectFrom('agreements').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  const next = dueStatus(
    { status: row.status as Status, startDate: row.start_date, endDate: row.end_date, fullyApproved: row.fully_approved_at !== null, signedDocument: row.signed_document_id !== null },
    todayIn(now),
  );
  if (next === row.status) return [];
  if (next === 'expired' && !row.successor_id) {
    const content = AgreementContent.parse((await repo.versionRow(tx, id, row.current_version))!.content);
    if (content.renewal === 'automatic' && content.renewalYears && row.end_date) return renewAutomatically(tx, deps, ctx, row, content, now);
  }
  await tx.updateTable('agreements').set({ status: next, status_changed_at: now, updated_at: sql`now()` }).where('id', '=', id).execute();
  await auditAgreement(tx, ctx, id, { action: 'status', before: { status: row.status }, after: { status: next } });
  if (next === 'active' && row.predecessor_id) {
    await tx.updateTable('agreements').set({ status: 'renewed', successor_id: id, status_changed_at: now, updated_at: sql`now()` }).where('id', '=', row.predecessor_id).execute();
    await auditAgreement(tx, ctx, row.predecessor_id, { action: 'status', after: { status: 'renewed', successorId: id } });
  }
  const kind = next === 'active' ? 'activated' : 'status';
  return notifyParticipants(tx, deps, kind, id, { status: `statuses.${next}` });
}

/** Label of approvals that come from a renewal clause, with the predecessor's version; shown localized. */
const RENEWAL_LABEL = 'renewal-clause:';

/** `2026-12-31` plus `days` days / `years` years, as a calendar date. */
function shiftDate(iso: string, { days = 0, years = 0 }: { days?: number; years?: number }): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * An agreement that renews automatically does not expire: on the day after its end, a successor with the
 * same content runs for the agreed number of years. The parties agreed to that in the approved version,
 * so the successor is in force at once: its approvals say they come from the renewal clause, and the
 * signed document is the predecessor's. The predecessor becomes `renewed`, linked to its successor.
 */
async function renewAutomatically(tx: Tx, deps: AppDeps, ctx: RequestContext, row: repo.AgreementRow, content: z.infer<typeof AgreementContent>, now: Date) {
  const startDate = shiftDate(row.end_date!, { days: 1 });
  const renewed = { ...content, startDate, endDate: shiftDate(startDate, { years: content.renewalYears!, days: -1 }) };
  const { id, hash } = await insertAgreement(tx, ctx, {
    owner: row.owner_institution_id,
    content: renewed,
    visibility: row.visibility,
    predecessorId: row.id,
  });
  const parties = await repo.partyInstitutionIds(tx, id);
  await tx
    .insertInto('agreement_approvals')
    .values(parties.map((p) => ({ agreement_id: id, institution_id: p, version_no: 1, content_hash: hash, approved_by: null, approved_by_label: `${RENEWAL_LABEL}${row.current_version}` })))
    .execute();
  await tx
    .updateTable('agreements')
    .set({ status: 'active', fully_approved_at: now, signed_document_id: row.signed_document_id, status_changed_at: now })
    .where('id', '=', id)
    .execute();
  await tx.updateTable('agreements').set({ status: 'renewed', successor_id: id, status_changed_at: now, updated_at: sql`now()` }).where('id', '=', row.id).execute();
  await auditAgreement(tx, ctx, row.id, { action: 'renew', after: { automatic: true, successorId: id } });
  await auditAgreement(tx, ctx, id, { action: 'create', after: { automaticRenewalOf: row.id, versionNo: 1, contentHash: hash } });
  const mails = await notifyParticipants(tx, deps, 'status', row.id, { status: 'statuses.renewed' });
  mails.push(...(await notifyParticipants(tx, deps, 'activated', id)));
  return mails;
}

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
    const inserted = await tx
      .insertInto('agreement_approvals')
      .values({ agreement_id: id, institution_id: actor.institutionId, version_no: row.current_version, content_hash: hash, approved_by: actor.userId, approved_by_label: actor.label })
      .onConflict((oc) => oc.columns(['agreement_id', 'institution_id', 'content_hash']).where('voided_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new AppError('conflict', { messageKey: 'errors.already_approved' });
    await auditAgreement(tx, ctx, id, { action: 'approve', after: { versionNo: row.current_version, contentHash: hash } });
    const approvedBy = await tx
      .selectFrom('agreement_approvals')
      .select('institution_id')
      .where('agreement_id', '=', id)
      .where('content_hash', '=', hash)
      .where('voided_at', 'is', null)
      .execute();
    const approvedSet = new Set(approvedBy.map((a) => a.institution_id));
    // The first approval ends drafting: from now on the parties are approving this content.
    if (row.status !== 'awaiting_approval') {
      await tx.updateTable('agreements').set({ status: 'awaiting_approval', status_changed_at: deps.clock.now() }).where('id', '=', id).execute();
    }
    const mails = await notifyParticipants(tx, deps, 'approved', id, { actor: actor.label, version: row.current_version }, actor.userId);
    if (parties.every((p) => approvedSet.has(p))) {
      await tx.updateTable('agreements').set({ fully_approved_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
      mails.push(...(await applyDueStatus(tx, deps, ctx, id, deps.clock.now())));
    }
    return mails;
  });
}

export function transitionAgreement(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof Transition>) {
  return changeAsPartyOfficer(deps, ctx, id, async (tx, row, _parties, actor) => {
    if (!canTransition(row.status as Status, input.to)) {
      throw new AppError('conflict', {
        messageKey: 'errors.transition_forbidden',
        params: { from: `statuses.${row.status}`, to: `statuses.${input.to}` },
        fields: [{ field: 'to', code: 'invalid_value', labelKey: 'fields.newStatus' }],
      });
    }
    if (input.to === 'terminated') {
      const missing = [!input.reason && 'reason', !input.noticeDate && 'noticeDate'].filter(Boolean) as string[];
      if (missing.length > 0) throw new AppError('validation_failed', { fields: missing.map((field) => ({ field, code: 'required' })) });
    }
    await tx
      .updateTable('agreements')
      .set({
        status: input.to,
        status_reason: input.reason ?? null,
        notice_date: input.to === 'terminated' ? (input.noticeDate ?? null) : null,
        status_changed_at: deps.clock.now(),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await auditAgreement(tx, ctx, id, { action: 'status', before: { status: row.status }, after: { status: input.to, reason: input.reason ?? null } });
    return notifyParticipants(tx, deps, 'status', id, { status: `statuses.${input.to}` }, actor.userId);
  });
}

/** Starts the successor of an agreement: a draft with the same content and new dates. */
export async function renewAgreement(deps: AppDeps, ctx: RequestContext, id: string, dates: { startDate: string; endDate: string | null }) {
  const actor = writeScope(ctx);
  const current = await getAgreement(deps, ctx, id);
  requirePartyOfficer(actor, current.parties.map((p) => p.institutionId));
  if (!['active', 'expiring', 'expired'].includes(current.status) || current.successorId) {
    throw new AppError('conflict', { messageKey: 'errors.transition_forbidden', params: { from: `statuses.${current.status}`, to: 'statuses.renewed' } });
  }
  const content = { ...current.content, startDate: dates.startDate, endDate: dates.endDate, signingDate: null, signingPlace: null };
  const created = await createAgreement(deps, ctx, { content, visibility: current.visibility });
  await deps.db.transaction().execute(async (tx) => {
    await tx.updateTable('agreements').set({ predecessor_id: id }).where('id', '=', created.id).execute();
    await auditAgreement(tx, ctx, id, { action: 'renew', after: { successorDraftId: created.id } });
  });
  return getAgreement(deps, ctx, created.id);
}

export async function listVersions(deps: AppDeps, ctx: RequestContext, id: string) {
  readScope(ctx);
  await loadVisible(deps.db, ctx, id);
  const rows = await repo.listVersions(deps.db, id);
  return {
    items: rows.map((v) => ({ versionNo: v.version_no, contentHash: v.content_hash, createdBy: v.created_by_label, createdAt: new Date(v.created_at).toISOString(), changeNote: v.change_note })),
  };
}

export async function getVersion(deps: AppDeps, ctx: RequestContext, id: string, versionNo: number) {
  readScope(ctx);
  await loadVisible(deps.db, ctx, id);
  const v = await repo.versionRow(deps.db, id, versionNo);
  if (!v) throw notFound('version');
  return {
    versionNo: v.version_no,
    contentHash: v.content_hash,
    createdBy: v.created_by_label,
    createdAt: new Date(v.created_at).toISOString(),
    changeNote: v.change_note,
    content: AgreementContent.parse(v.content),
  };
}

export async function diffVersions(deps: AppDeps, ctx: RequestContext, id: string, from: number, to: number) {
  const [a, b] = await Promise.all([getVersion(deps, ctx, id, from), getVersion(deps, ctx, id, to)]);
  return { from, to, entries: diffContent(a.content as unknown as Record<string, unknown>, b.content as unknown as Record<string, unknown>) };
}

// ---- comments and proposals (parties only)
async function requireParty(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  const row = await loadVisible(db, ctx, id);
  const parties = await repo.partyInstitutionIds(db, id);
  if (!parties.includes(actor.institutionId)) throw notFound('agreement');
  return { actor, row };
}

export async function listComments(deps: AppDeps, ctx: RequestContext, id: string) {
  readScope(ctx);
  await requireParty(deps.db, ctx, id);
  const rows = await deps.db
    .selectFrom('agreement_comments as c')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.kind', 'c.area_key', 'c.clause', 'c.body', 'c.author_label', 'i.code', 'c.version_no', 'c.created_at'])
    .where('c.agreement_id', '=', id)
    .orderBy('c.created_at')
    .execute();
  return {
    items: rows.map((c) => ({
      id: c.id,
      kind: c.kind as 'comment' | 'proposal',
      areaKey: c.area_key,
      clause: c.clause,
      body: c.body,
      authorName: c.author_label,
      institutionCode: c.code,
      versionNo: c.version_no,
      createdAt: new Date(c.created_at).toISOString(),
    })),
  };
}

export async function addComment(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof CreateComment>) {
  writeScope(ctx);
  const { actor, row } = await requireParty(deps.db, ctx, id);
  if (!isCommenter(actor)) throw new AppError('forbidden');
  const mailIds = await deps.db.transaction().execute(async (tx) => {
    const c = await tx
      .insertInto('agreement_comments')
      .values({ agreement_id: id, institution_id: actor.institutionId, author_user_id: actor.userId, author_label: actor.label, kind: input.kind, area_key: input.areaKey, clause: input.clause, body: input.body, version_no: row.current_version })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditAgreement(tx, ctx, id, { action: input.kind === 'proposal' ? 'propose' : 'comment', after: { commentId: c.id, areaKey: input.areaKey } });
    return notifyParticipants(tx, deps, 'commented', id, { actor: actor.label }, actor.userId);
  });
  await dispatchMail(deps, mailIds);
  return (await listComments(deps, ctx, id)).items.at(-1)!;
}

// ---- private notes: one per party, never shown to the other parties
export async function getPrivateNote(deps: AppDeps, ctx: RequestContext, id: string) {
  readScope(ctx);
  const { actor } = await requireParty(deps.db, ctx, id);
  const note = await deps.db.selectFrom('agreement_notes').selectAll().where('agreement_id', '=', id).where('institution_id', '=', actor.institutionId).executeTakeFirst();
  return { body: note?.body ?? '', version: note?.version ?? 0, updatedAt: note ? new Date(note.updated_at).toISOString() : null };
}

export async function savePrivateNote(deps: AppDeps, ctx: RequestContext, id: string, input: { body: string; version: number }) {
  writeScope(ctx);
  const { actor } = await requireParty(deps.db, ctx, id);
  if (!isCommenter(actor)) throw new AppError('forbidden');
  await deps.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('agreement_notes').selectAll().where('agreement_id', '=', id).where('institution_id', '=', actor.institutionId).forUpdate().executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.version) {
      throw new AppError('version_conflict', { params: { current: currentVersion }, details: { current: { body: current?.body ?? '', version: currentVersion } } });
    }
    if (current) {
      await tx.updateTable('agreement_notes').set({ body: input.body, version: currentVersion + 1, updated_by: actor.userId, updated_at: sql`now()` }).where('agreement_id', '=', id).where('institution_id', '=', actor.institutionId).execute();
    } else {
      await tx.insertInto('agreement_notes').values({ agreement_id: id, institution_id: actor.institutionId, body: input.body, updated_by: actor.userId }).execute();
    }
    await recordAudit(tx, ctx, { entity: 'agreement_note', entityId: id, action: 'update', owners: [actor.institutionId], before: { body: current?.body ?? '' }, after: { body: input.body } });
  });
  return getPrivateNote(deps, ctx, id);
}

/** What happened to the agreement, from the audit log (private notes are not part of it). */
export async function getTimeline(deps: AppDeps, ctx: RequestContext, id: string) {
  readScope(ctx);
  await loadVisible(deps.db, ctx, id);
  const rows = await deps.db
    .selectFrom('audit_log')
    .select(['created_at', 'action', 'actor_label', 'after'])
    .where('entity', '=', 'agreement')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
  return { items: rows.map((r) => ({ at: new Date(r.created_at).toISOString(), action: r.action, actor: r.actor_label, detail: r.after })) };
}

/** The catalogue of target metrics, named in both languages (for signed-in users, like every catalogue). */
export function listMetrics(ctx: RequestContext) {
  requireActor(ctx);
  return { items: METRICS.map((code) => ({ code, nameVi: translate('vi', `metrics.${code}`), nameEn: translate('en', `metrics.${code}`) })) };
}
