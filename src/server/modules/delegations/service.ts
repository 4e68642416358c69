import type { z } from 'zod';
import type { CalendarEvent, CalendarRange } from '../../../contracts/calendar.ts';
import type {
  CancelDelegation,
  CreateDelegation,
  DecideDelegation,
  Delegation,
  DelegationListQuery,
  DelegationSummary,
  GuestInput,
  ProgrammeItem,
  ReportDelegation,
  SetProgramme,
  SubmitDelegation,
  UpdateDelegation,
} from '../../../contracts/delegations.ts';
import { yearProblem } from '../../../engines/agreements/date-rules.ts';
import { translate } from '../../../locales/index.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { can, requireCapability } from '../../platform/capabilities.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { createActivity } from '../activities/service.ts';
import { actorNamer, dateRulesOf, requireVisibleAgreement, todayIn, visibleAgreementFacts } from '../agreements/service.ts';
import {
  CANCELLABLE,
  delegationPermissions,
  EDITABLE,
  mayDecide,
  mayPrepare,
  mayReadDelegations,
  mayReadGuests,
  mayRequestAny,
  mayRequestDelegations,
  PROGRAMME_EDITABLE,
} from './policy.ts';
import { DELEGATION_NOTIFICATIONS } from './notifications.ts';
import { dispatchMail, notify } from '../notifications/service.ts';
import * as repo from './repository.ts';

// Delegations under an agreement (docs/delegations.md): request, edit (with the version read: stale is 409), submit
// to the leadership or named approvers, approve or reject with a comment, keep the programme, cancel, and report
// after the visit (the report becomes an activity through the activities service). Guests' personal data is read
// only by the handling office, and each reading (the list, a generated document) is an audit entry `view_guests`.
// Audit entries are owned by the handling institution only and never hold guests' personal data.

type Agreement = Awaited<ReturnType<typeof requireVisibleAgreement>>;
const facts = (a: { party_ids: string[]; status: Agreement['status']; reader_involved: boolean }) => ({
  partyIds: a.party_ids,
  status: a.status,
  involved: a.reader_involved,
});

/** The agreement, when the actor reads its delegations; 404 otherwise. */
async function agreementForDelegations(db: AppDeps['db'] | Tx, ctx: RequestContext, agreementId: string, lock = false) {
  const agreement = await requireVisibleAgreement(db, ctx, agreementId, { lock });
  if (!mayReadDelegations(requireActor(ctx), facts(agreement))) throw notFound('agreement');
  return agreement;
}

/** The delegation and its agreement when the actor reads it; 404 otherwise (a foreign delegation does not exist). */
async function delegationForActor(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  requireCapability(ctx, 'agreements.read');
  const row = await repo.findDelegation(db, id, { lock });
  if (!row) throw notFound('delegation');
  try {
    return { row, agreement: await agreementForDelegations(db, ctx, row.agreement_id) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('delegation');
    throw err;
  }
}

const today = (deps: AppDeps) => todayIn(deps.clock.now());
const byLang = (ctx: RequestContext, vi: string, en: string) => (ctx.lang === 'en' ? en : vi);

/** The record as the audit log keeps it: no guests' personal data, only their number. */
function auditRecord(row: repo.DelegationRow, extra: Record<string, unknown> = {}) {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    direction: row.direction,
    status: row.status,
    institutionId: row.institution_id,
    partnerId: row.partner_id,
    areaKey: row.area_key,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    startDate: row.start_date,
    endDate: row.end_date,
    budgetSource: row.budget_source,
    guestCount: row.guest_count,
    version: row.version,
    ...extra,
  };
}

function summary(ctx: RequestContext, row: repo.DelegationRow): DelegationSummary {
  return {
    id: row.id,
    agreementId: row.agreement_id,
    agreementTitle: byLang(ctx, row.agreement_title_vi, row.agreement_title_en),
    direction: row.direction,
    status: row.status,
    institutionId: row.institution_id,
    institutionCode: row.institution_code,
    partnerId: row.partner_id,
    partnerCode: row.partner_code,
    partnerName: byLang(ctx, row.partner_name_vi, row.partner_name_en),
    titleVi: row.title_vi,
    titleEn: row.title_en,
    startDate: row.start_date,
    endDate: row.end_date,
    guestCount: row.guest_count,
  };
}

async function present(deps: AppDeps, ctx: RequestContext, row: repo.DelegationRow, db: AppDeps['db'] | Tx = deps.db): Promise<Delegation> {
  const actor = requireActor(ctx);
  const members = await repo.membersOf(db, [row.id]);
  const approvers = await repo.approversOf(db, [row.id]);
  // People are named, not e-mailed (the readers of a delegation read its agreement whole).
  const name = await actorNamer(db, ctx, 'full', [
    { userId: row.created_by, label: row.created_by_label },
    { userId: row.decided_by, label: row.decided_by_label ?? '' },
  ]);
  return {
    ...summary(ctx, row),
    areaKey: row.area_key,
    institutionName: byLang(ctx, row.institution_name_vi, row.institution_name_en),
    purposeVi: row.purpose_vi,
    purposeEn: row.purpose_en,
    budgetSource: row.budget_source,
    budgetNote: row.budget_note,
    lodging: row.lodging,
    members: members.map((m) => ({ personId: m.person_id, name: [m.title, m.full_name].filter(Boolean).join(' '), role: m.role })),
    guestsErased: row.guests_erased_at !== null,
    programme: (row.programme as ProgrammeItem[]) ?? [],
    approvers: approvers.map((a) => ({ userId: a.user_id, name: a.display_name })),
    decision:
      row.decision && row.decided_at
        ? { decision: row.decision, by: name({ userId: row.decided_by, label: row.decided_by_label ?? '' }).name, at: new Date(row.decided_at).toISOString(), comment: row.decision_comment ?? '' }
        : null,
    cancelReason: row.cancel_reason,
    outcomes: row.outcomes,
    activityId: row.activity_id,
    createdBy: name({ userId: row.created_by, label: row.created_by_label }).name,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
    permissions: delegationPermissions(actor, row, approvers.map((a) => a.user_id), today(deps)),
  };
}

// Reading ------------------------------------------------------------------------------------------------------

/** The agreements whose delegations the caller reads (parties reading the agreement whole; platform admins all). */
async function readableAgreementIds(deps: AppDeps, ctx: RequestContext, agreementId?: string): Promise<string[]> {
  const actor = requireActor(ctx);
  const candidates = await repo.candidateAgreementIds(deps.db, tenantScope(ctx), agreementId);
  const seen = await visibleAgreementFacts(deps.db, ctx, candidates);
  return seen.filter((a) => mayReadDelegations(actor, facts(a))).map((a) => a.id);
}

const LIST_CURSOR = { key: 'date', id: 'uuid' } as const;

export async function listDelegations(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof DelegationListQuery>) {
  const actor = requireCapability(ctx, 'agreements.read');
  if (query.agreementId) await agreementForDelegations(deps.db, ctx, query.agreementId); // 404 for an unseen agreement
  const agreementIds = await readableAgreementIds(deps, ctx, query.agreementId);
  const rows = await repo.listDelegations(deps.db, {
    agreementIds,
    direction: query.direction,
    status: query.status,
    year: query.year,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, LIST_CURSOR),
  });
  const page = pageOf(rows, query.limit, (r) => r.start_date);
  return { ...page, items: page.items.map((r) => summary(ctx, r)), permissions: { request: mayRequestAny(actor) } };
}

export async function getDelegation(deps: AppDeps, ctx: RequestContext, id: string) {
  const { row } = await delegationForActor(deps.db, ctx, id);
  return present(deps, ctx, row);
}

/** The calendar source: submitted, approved and done delegations of agreements the caller reads, in the range. */
export async function delegationCalendar(deps: AppDeps, ctx: RequestContext, range: CalendarRange): Promise<CalendarEvent[]> {
  const actor = ctx.actor;
  if (!actor || !can(actor, 'agreements.read')) return [];
  const agreementIds = await readableAgreementIds(deps, ctx);
  const rows = await repo.listDelegations(deps.db, {
    agreementIds,
    statuses: ['submitted', 'approved', 'done'],
    from: range.from,
    to: range.to,
    limit: 5000,
  });
  return rows.map((r) => ({
    id: `delegation:${r.id}`,
    type: 'delegation',
    recordId: r.id,
    title: byLang(ctx, r.title_vi, r.title_en),
    detail: `${translate(ctx.lang, `delegationDirections.${r.direction}`)} · ${byLang(ctx, r.partner_name_vi, r.partner_name_en)}`,
    start: r.start_date,
    end: r.end_date,
    place: r.direction === 'incoming' ? byLang(ctx, r.institution_name_vi, r.institution_name_en) : byLang(ctx, r.partner_name_vi, r.partner_name_en),
    status: r.status,
    path: `/delegations/${r.id}`,
  }));
}

// Rules a schema cannot express ----------------------------------------------------------------------------------

interface Candidate {
  direction: 'incoming' | 'outgoing';
  institutionId: string;
  partnerId: string;
  areaKey: string;
  startDate: string;
  endDate: string;
  members: { personId: string; role: string }[];
  guests: GuestInput[];
  programme: ProgrammeItem[];
}

/** Every rule a schema cannot express, each with the field it is about; a 400 naming them all. */
async function checkDelegation(deps: AppDeps, tx: Tx, ctx: RequestContext, agreement: Agreement, d: Candidate, keptArea?: string) {
  const issues: FieldIssue[] = [];
  const parties = new Set(agreement.party_ids);
  if (!parties.has(d.partnerId) || d.partnerId === d.institutionId) issues.push({ field: 'partnerId', code: 'not_a_party' });
  const areas = await repo.areaKeysOf(tx, agreement.id);
  if (!areas.includes(d.areaKey) && d.areaKey !== keptArea) issues.push({ field: 'areaKey', code: 'unknown_reference' });
  const rules = dateRulesOf(deps);
  for (const field of ['startDate', 'endDate'] as const) {
    for (const p of yearProblem(field, d[field], rules)) issues.push({ field, code: p.code, params: p.params });
  }
  if (d.endDate < d.startDate) issues.push({ field: 'endDate', code: 'before_start' });
  const period = { start: agreement.start_date, end: agreement.end_date ?? '9999-12-31' };
  const periodParams = { start: agreement.start_date, end: agreement.end_date ?? '…' };
  if (d.startDate < period.start || d.startDate > period.end) issues.push({ field: 'startDate', code: 'outside_agreement_period', params: periodParams });
  else if (d.endDate < period.start || d.endDate > period.end) issues.push({ field: 'endDate', code: 'outside_agreement_period', params: periodParams });
  if (d.direction === 'outgoing' && d.guests.length > 0) issues.push({ field: 'guests', code: 'incoming_only' });
  const passports = new Set<string>();
  d.guests.forEach((g, i) => {
    if (g.passportExpiry < d.endDate) issues.push({ field: `guests.${i}.passportExpiry`, code: 'passport_expires', params: { end: d.endDate } });
    if (g.dateOfBirth > rules.today) issues.push({ field: `guests.${i}.dateOfBirth`, code: 'future_date', params: { today: rules.today } });
    for (const p of yearProblem(`guests.${i}.dateOfBirth`, g.dateOfBirth, { minYear: 1900, maxYear: rules.maxYear })) {
      issues.push({ field: p.path, code: p.code, params: p.params });
    }
    const key = `${g.nationality}/${g.passportNumber}`;
    if (passports.has(key)) issues.push({ field: `guests.${i}.passportNumber`, code: 'duplicate' });
    passports.add(key);
  });
  const people = new Set((await repo.peopleOf(tx, tenantScope(ctx), d.institutionId, d.members.map((m) => m.personId))).map((p) => p.id));
  const named = new Set<string>();
  d.members.forEach((m, i) => {
    if (!people.has(m.personId)) issues.push({ field: `members.${i}.personId`, code: 'unknown_reference' });
    else if (named.has(m.personId)) issues.push({ field: `members.${i}.personId`, code: 'duplicate' });
    named.add(m.personId);
  });
  d.programme.forEach((p, i) => {
    if (p.date < d.startDate || p.date > d.endDate) issues.push({ field: `programme.${i}.date`, code: 'outside_visit', params: { start: d.startDate, end: d.endDate } });
  });
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

const guestValues = (g: GuestInput): repo.GuestValues => ({ ...g, title: g.title ?? '' });
const storedGuests = (rows: Awaited<ReturnType<typeof repo.guestsOf>>): GuestInput[] =>
  rows
    .filter((g) => g.erased_at === null)
    .map((g) => ({
      fullName: g.full_name!,
      title: g.title ?? '',
      gender: g.gender!,
      dateOfBirth: g.date_of_birth!,
      nationality: g.nationality!,
      passportNumber: g.passport_number!,
      passportExpiry: g.passport_expiry!,
    }));

// Writing --------------------------------------------------------------------------------------------------------

export async function createDelegation(deps: AppDeps, ctx: RequestContext, agreementId: string, input: z.infer<typeof CreateDelegation>) {
  const actor = requireActor(ctx);
  return inTransaction(deps.db, async (tx) => {
    const agreement = await agreementForDelegations(tx, ctx, agreementId, true);
    if (!mayRequestDelegations(actor, facts(agreement))) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_requester' });
    const institutionId = input.institutionId ?? actor.institutionId;
    if (institutionId !== actor.institutionId) {
      throw new AppError('validation_failed', { fields: [{ field: 'institutionId', code: 'own_institution_required' }] });
    }
    if (input.guests.length > 0 && !mayReadGuests(actor, { institution_id: institutionId })) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
    await checkDelegation(deps, tx, ctx, agreement, { ...input, institutionId });
    const id = await repo.insertDelegation(tx, {
      agreement_id: agreement.id,
      institution_id: institutionId,
      partner_id: input.partnerId,
      area_key: input.areaKey,
      direction: input.direction,
      title_vi: input.titleVi,
      title_en: input.titleEn,
      purpose_vi: input.purposeVi,
      purpose_en: input.purposeEn,
      start_date: input.startDate,
      end_date: input.endDate,
      budget_source: input.budgetSource,
      budget_note: input.budgetNote,
      lodging: input.lodging,
      programme: JSON.stringify(input.programme),
      created_by: actor.userId,
      created_by_label: actor.label,
    });
    await repo.replaceMembers(tx, id, institutionId, input.members);
    await repo.replaceGuests(tx, id, input.guests.map(guestValues));
    const created = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, { entity: 'delegation', entityId: id, action: 'create', owners: [institutionId], after: auditRecord(created) });
    return present(deps, ctx, created, tx);
  });
}

/** The delegation locked for a change by its handling office: 404 unseen, 403 for others, 409 stale or in the wrong state. */
async function lockForChange(tx: Tx, ctx: RequestContext, id: string, version: number, states: readonly string[]) {
  const actor = requireActor(ctx);
  const { row, agreement } = await delegationForActor(tx, ctx, id, true);
  if (!mayPrepare(actor, row)) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_requester' });
  assertVersion(row, version, (r) => ({ id: r.id, version: r.version, status: r.status }));
  if (!states.includes(row.status)) throw new AppError('conflict', { messageKey: 'errors.delegation_wrong_status', params: { status: row.status } });
  return { actor, row, agreement };
}

export async function updateDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row, agreement } = await lockForChange(tx, ctx, id, input.version, EDITABLE);
    if (input.guests !== undefined && !mayReadGuests(actor, row)) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
    // Once erased, the guests' personal data is not taken again for this delegation (the visit is long past).
    if (input.guests !== undefined && row.guests_erased_at !== null) throw new AppError('conflict', { messageKey: 'errors.guests_erased' });
    const members =
      input.members ?? (await repo.membersOf(tx, [id])).map((m) => ({ personId: m.person_id, role: m.role }));
    const guests = input.guests ?? storedGuests(await repo.guestsOf(tx, id));
    const candidate: Candidate = {
      direction: row.direction,
      institutionId: row.institution_id,
      partnerId: input.partnerId ?? row.partner_id,
      areaKey: input.areaKey ?? row.area_key,
      startDate: input.startDate ?? row.start_date,
      endDate: input.endDate ?? row.end_date,
      members,
      guests,
      programme: input.programme ?? ((row.programme as ProgrammeItem[]) ?? []),
    };
    await checkDelegation(deps, tx, ctx, agreement, candidate, row.area_key);
    await repo.updateDelegation(tx, id, {
      partner_id: input.partnerId,
      area_key: input.areaKey,
      title_vi: input.titleVi,
      title_en: input.titleEn,
      purpose_vi: input.purposeVi,
      purpose_en: input.purposeEn,
      start_date: input.startDate,
      end_date: input.endDate,
      budget_source: input.budgetSource,
      budget_note: input.budgetNote,
      lodging: input.lodging,
      programme: input.programme === undefined ? undefined : JSON.stringify(input.programme),
      // An edit of a rejected request makes it a draft again, to be submitted anew.
      status: 'draft',
    });
    if (input.members !== undefined) await repo.replaceMembers(tx, id, row.institution_id, input.members);
    if (input.guests !== undefined) await repo.replaceGuests(tx, id, input.guests.map(guestValues));
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: 'update',
      owners: [row.institution_id],
      before: auditRecord(row),
      after: auditRecord(after, { guestsChanged: input.guests !== undefined }),
    });
    return present(deps, ctx, after, tx);
  });
}

export async function submitDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof SubmitDelegation>) {
  const { result, mailIds } = await inTransaction(deps.db, async (tx) => {
    const { row, agreement } = await lockForChange(tx, ctx, id, input.version, EDITABLE);
    const issues: FieldIssue[] = [];
    const t = today(deps);
    if (row.start_date < t) issues.push({ field: 'startDate', code: 'past_date', params: { today: t } });
    const guests = await repo.guestsOf(tx, id);
    if (row.direction === 'incoming' && guests.length === 0) issues.push({ field: 'guests', code: 'required' });
    const members = await repo.membersOf(tx, [id]);
    if (row.direction === 'outgoing' && members.length === 0) issues.push({ field: 'members', code: 'required' });
    const approvers = [...new Set(input.approverIds)];
    const found = new Set((await repo.activeUsersOf(tx, tenantScope(ctx), row.institution_id, approvers)).map((u) => u.id));
    input.approverIds.forEach((u, i) => {
      if (!found.has(u)) issues.push({ field: `approverIds.${i}`, code: 'unknown_reference' });
    });
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    // The rules of the record itself still hold (the agreement's period may have changed since the draft).
    await checkDelegation(deps, tx, ctx, agreement, {
      direction: row.direction,
      institutionId: row.institution_id,
      partnerId: row.partner_id,
      areaKey: row.area_key,
      startDate: row.start_date,
      endDate: row.end_date,
      members: members.map((m) => ({ personId: m.person_id, role: m.role })),
      guests: storedGuests(guests),
      programme: (row.programme as ProgrammeItem[]) ?? [],
    }, row.area_key);
    await repo.replaceApprovers(tx, id, approvers);
    await repo.updateDelegation(tx, id, {
      status: 'submitted',
      submitted_at: deps.clock.now(),
      decision: null,
      decided_by: null,
      decided_by_label: null,
      decided_at: null,
      decision_comment: null,
    });
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: 'submit',
      owners: [row.institution_id],
      before: auditRecord(row),
      after: auditRecord(after, { approverIds: approvers }),
    });
    // The named approvers, or else the handling institution's leadership, hear that the request waits for them.
    const recipients = approvers.length > 0 ? approvers : await repo.leadershipUserIds(tx, row.institution_id);
    const mailIds = await notify(tx, deps, DELEGATION_NOTIFICATIONS.delegation_submitted, {
      subjectId: row.agreement_id,
      recipients,
      params: { actor: ctx.actor?.label ?? '' },
      exceptUserId: ctx.actor?.userId ?? null,
    });
    return { result: await present(deps, ctx, after, tx), mailIds };
  });
  await dispatchMail(deps, mailIds);
  return result;
}

export async function decideDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof DecideDelegation>) {
  const actor = requireActor(ctx);
  const { result, mailIds } = await inTransaction(deps.db, async (tx) => {
    const { row } = await delegationForActor(tx, ctx, id, true);
    const approvers = (await repo.approversOf(tx, [id])).map((a) => a.user_id);
    if (!mayDecide(actor, { ...row, status: 'submitted' }, approvers)) throw new AppError('forbidden', { messageKey: 'errors.not_delegation_approver' });
    assertVersion(row, input.version, (r) => ({ id: r.id, version: r.version, status: r.status }));
    if (row.status !== 'submitted') throw new AppError('conflict', { messageKey: 'errors.delegation_wrong_status', params: { status: row.status } });
    if (input.decision === 'reject' && input.comment === '') {
      throw new AppError('validation_failed', { fields: [{ field: 'comment', code: 'required' }] });
    }
    await repo.updateDelegation(tx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decision: input.decision,
      decided_by: actor.userId,
      decided_by_label: actor.label,
      decided_at: deps.clock.now(),
      decision_comment: input.comment,
    });
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: input.decision,
      owners: [row.institution_id],
      before: auditRecord(row),
      after: auditRecord(after, { comment: input.comment }),
    });
    // Who requested it hears the decision.
    const mailIds = row.created_by
      ? await notify(tx, deps, DELEGATION_NOTIFICATIONS.delegation_decided, {
          subjectId: row.agreement_id,
          recipients: [row.created_by],
          params: { actor: actor.label },
          exceptUserId: actor.userId,
        })
      : [];
    return { result: await present(deps, ctx, after, tx), mailIds };
  });
  await dispatchMail(deps, mailIds);
  return result;
}

export async function cancelDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof CancelDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, CANCELLABLE);
    await repo.updateDelegation(tx, id, { status: 'cancelled', cancel_reason: input.reason });
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: 'cancel',
      owners: [row.institution_id],
      before: auditRecord(row),
      after: auditRecord(after, { reason: input.reason }),
    });
    return present(deps, ctx, after, tx);
  });
}

export async function setProgramme(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof SetProgramme>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, PROGRAMME_EDITABLE);
    const issues: FieldIssue[] = [];
    input.programme.forEach((p, i) => {
      if (p.date < row.start_date || p.date > row.end_date) issues.push({ field: `programme.${i}.date`, code: 'outside_visit', params: { start: row.start_date, end: row.end_date } });
    });
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

/**
 * The report after the visit: the delegation is done and an activity (kind `visit`, done, under the delegation's
 * area, organised by the handling institution, with its staff as participants and the guests counted) is recorded
 * through the activities service, which checks its own rules. The activity is written in its own transaction
 * while this one holds the delegation's lock, so a second report waits and then finds the delegation done.
 */
export async function reportDelegation(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof ReportDelegation>) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await lockForChange(tx, ctx, id, input.version, ['approved']);
    if (row.end_date > today(deps)) throw new AppError('conflict', { messageKey: 'errors.delegation_visit_not_over', params: { endDate: row.end_date } });
    const members = await repo.membersOf(tx, [id]);
    const place =
      row.direction === 'incoming' ? byLang(ctx, row.institution_name_vi, row.institution_name_en) : byLang(ctx, row.partner_name_vi, row.partner_name_en);
    const created = await createActivity(deps, ctx, row.agreement_id, {
      areaKey: row.area_key,
      kind: 'visit',
      status: 'done',
      titleVi: row.title_vi,
      titleEn: row.title_en,
      descriptionVi: row.purpose_vi,
      descriptionEn: row.purpose_en,
      startDate: row.start_date,
      endDate: row.end_date,
      place,
      online: false,
      outcomes: input.outcomes,
      isPublic: false,
      organiserIds: [row.institution_id],
      participants: members.map((m) => ({ personId: m.person_id, role: 'staff' as const })),
      counts: row.direction === 'incoming' && row.guest_count > 0 ? [{ institutionId: row.partner_id, role: 'expert' as const, count: row.guest_count }] : [],
      recurrence: null,
    });
    const activityId = created.items[0].id;
    await repo.updateDelegation(tx, id, { status: 'done', outcomes: input.outcomes, activity_id: activityId });
    const after = (await repo.findDelegation(tx, id))!;
    await recordAudit(tx, ctx, {
      entity: 'delegation',
      entityId: id,
      action: 'report',
      owners: [row.institution_id],
      before: auditRecord(row),
      after: auditRecord(after, { activityId }),
    });
    return present(deps, ctx, after, tx);
  });
}

// Guests' personal data --------------------------------------------------------------------------------------------

/** The delegation, for its handling office only (404 unseen, 403 for other readers); the view is audited by the caller. */
async function forHandlingOffice(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string) {
  const { row, agreement } = await delegationForActor(db, ctx, id);
  if (!mayReadGuests(requireActor(ctx), row)) throw new AppError('forbidden', { messageKey: 'errors.not_handling_office' });
  return { row, agreement };
}

async function auditView(tx: Tx, ctx: RequestContext, row: repo.DelegationRow, what: string, guests: number) {
  await recordAudit(tx, ctx, { entity: 'delegation', entityId: row.id, action: 'view_guests', owners: [row.institution_id], after: { what, guests } });
}

export async function listGuests(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await forHandlingOffice(tx, ctx, id);
    const rows = await repo.guestsOf(tx, id);
    const items = rows
      .filter((g) => g.erased_at === null)
      .map((g) => ({
        id: g.id,
        fullName: g.full_name!,
        title: g.title ?? '',
        gender: g.gender!,
        dateOfBirth: g.date_of_birth!,
        nationality: g.nationality!,
        passportNumber: g.passport_number!,
        passportExpiry: g.passport_expiry!,
      }));
    await auditView(tx, ctx, row, 'list', items.length);
    return { erased: row.guests_erased_at !== null, erasedAt: row.guests_erased_at ? new Date(row.guests_erased_at).toISOString() : null, items };
  });
}

export type DelegationDocument = 'invitation_letter' | 'residence_notice';

/** What a generated document needs: the delegation and its guests, read by the handling office (audited). */
export async function documentData(deps: AppDeps, ctx: RequestContext, id: string, document: DelegationDocument) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await forHandlingOffice(tx, ctx, id);
    if (row.direction !== 'incoming') throw new AppError('conflict', { messageKey: 'errors.delegation_not_incoming' });
    if (row.status !== 'approved' && row.status !== 'done') throw new AppError('conflict', { messageKey: 'errors.delegation_not_approved' });
    if (row.guests_erased_at !== null) throw new AppError('conflict', { messageKey: 'errors.guests_erased' });
    const guests = storedGuests(await repo.guestsOf(tx, id));
    const programme = (row.programme as ProgrammeItem[]) ?? [];
    await auditView(tx, ctx, row, document, guests.length);
    return { row, guests, programme, today: today(deps) };
  });
}

export type DocumentData = Awaited<ReturnType<typeof documentData>>;

/**
 * For the reports: the approved and done delegations of the year (overlapping it) under one agreement, or handled
 * by one institution, that the caller reads — with the partner's country and the number of people (guests of an
 * incoming delegation, members of an outgoing one).
 */
export async function delegationsForReport(deps: AppDeps, ctx: RequestContext, filter: { agreementId?: string; institutionId?: string }, year: number) {
  const agreementIds = await readableAgreementIds(deps, ctx, filter.agreementId);
  const rows = (
    await repo.listDelegations(deps.db, { agreementIds, statuses: ['approved', 'done'], year, limit: 10_000 })
  ).filter((r) => !filter.institutionId || r.institution_id === filter.institutionId);
  const [members, countries] = await Promise.all([repo.membersOf(deps.db, rows.map((r) => r.id)), repo.countriesOf(deps.db, [...new Set(rows.map((r) => r.partner_id))])]);
  return rows.map((r) => ({
    ...summary(ctx, r),
    partnerCountry: countries.get(r.partner_id) ?? '',
    people: r.direction === 'incoming' ? r.guest_count : members.filter((m) => m.delegation_id === r.id).length,
  }));
}
