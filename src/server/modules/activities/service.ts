import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ActivityListQuery, ActivityView, CreateActivity, UpdateActivity } from '../../../contracts/activities.ts';
import { yearProblem } from '../../../engines/agreements/date-rules.ts';
import { addDays, daysBetween, occurrences } from '../../../engines/progress/target-status.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Actor, type RequestContext, requireActor } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { tenantScope } from '../../platform/access.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { requireCapability } from '../../platform/capabilities.ts';
import { actorNamer, dateRulesOf, requireVisibleAgreement, todayIn } from '../agreements/service.ts';
import { mayReadActivities, mayRecordActivities } from './policy.ts';
import { metricDefinition } from './metrics.ts';
import { commitmentPeriod } from './progress.ts';
import * as repo from './repository.ts';

// Recording activities under an agreement's areas: create (one, or every occurrence of a recurring plan), read,
// list, edit (with the version read: a stale one is a 409), and mark done or cancelled through the same edit.

/** At most this many occurrences of one recurring plan. */
export const MAX_OCCURRENCES = 500;
/** At most this many participant rows (occurrences × named participants) for one recurring plan. */
export const MAX_PARTICIPANT_ROWS = 20_000;

export type Agreement = Awaited<ReturnType<typeof requireVisibleAgreement>>;
export const facts = (a: Agreement) => ({ partyIds: a.party_ids, status: a.status, involved: a.reader_involved });

/** The agreement, when the actor reads its activities: 404 when it is unseen or the actor is no party, like every party record. */
export async function agreementForActivities(db: AppDeps['db'] | Tx, ctx: RequestContext, agreementId: string, lock = false) {
  const agreement = await requireVisibleAgreement(db, ctx, agreementId, { lock });
  if (!mayReadActivities(requireActor(ctx), facts(agreement))) throw notFound('agreement');
  return agreement;
}

/** The activity and its agreement, when the actor reads it; 404 otherwise (a foreign activity does not exist). */
async function activityForActor(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  requireCapability(ctx, 'agreements.read'); // 401 without a session, 403 for a token without the scope, before any lookup
  const row = await repo.findActivity(db, id, { lock });
  if (!row) throw notFound('activity');
  try {
    return { row, agreement: await agreementForActivities(db, ctx, row.agreement_id) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('activity');
    throw err;
  }
}

async function assertMayRecord(deps: AppDeps, tx: Tx, actor: Actor, agreement: Agreement, areaKey: string) {
  if (mayRecordActivities(actor, facts(agreement))) return;
  const contact = (await repo.contactAreas(tx, actor.userId, agreement.id)).includes(areaKey);
  if (mayRecordActivities(actor, facts(agreement), contact)) return;
  const signedOnly = mayRecordActivities(actor, { ...facts(agreement), status: 'active' }, contact);
  throw new AppError('forbidden', { messageKey: signedOnly ? 'errors.agreement_not_signed' : 'errors.not_activity_recorder' });
}

/**
 * Where the actor may record activities under the agreement (the rule of assertMayRecord, for every area at once):
 * everywhere, or the areas they are the point of contact of; 403 as assertMayRecord when nowhere.
 */
export async function recordingAreas(tx: AppDeps['db'] | Tx, actor: Actor, agreement: Agreement): Promise<{ everywhere: boolean; areas: Set<string> }> {
  if (mayRecordActivities(actor, facts(agreement))) return { everywhere: true, areas: new Set() };
  const contactOf = await repo.contactAreas(tx, actor.userId, agreement.id);
  if (contactOf.length > 0 && mayRecordActivities(actor, facts(agreement), true)) return { everywhere: false, areas: new Set(contactOf) };
  const signedOnly = mayRecordActivities(actor, { ...facts(agreement), status: 'active' }, contactOf.length > 0);
  throw new AppError('forbidden', { messageKey: signedOnly ? 'errors.agreement_not_signed' : 'errors.not_activity_recorder' });
}

export interface Candidate {
  areaKey: string;
  startDate: string;
  endDate: string;
  status: string;
  organiserIds: string[];
  participants: { personId: string; role: z.infer<typeof CreateActivity>['participants'][number]['role'] }[];
  counts: z.infer<typeof CreateActivity>['counts'];
}

/** What the rules of an activity are checked against, loaded once (an import checks thousands of rows with it). */
export interface CheckContext {
  areas: { key: string }[];
  /** The area the activity is under now (an edit may keep an area the agreement no longer has). */
  keptArea: string | undefined;
  people: Map<string, { id: string; institution_id: string; visible: boolean; kept: boolean }>;
}

export async function loadCheckContext(tx: Tx, ctx: RequestContext, agreement: Agreement, personIds: string[], activityId: string | null): Promise<CheckContext> {
  const areas = await repo.areasOf(tx, [agreement.id]);
  const keptArea = activityId ? (await repo.findActivity(tx, activityId))?.area_key : undefined;
  const people = new Map((await repo.peopleForParticipation(tx, tenantScope(ctx), [...new Set(personIds)], activityId)).map((p) => [p.id, p]));
  return { areas, keptArea, people };
}

/**
 * The rules a schema cannot express, each answered with the field it is about: the area exists, dates in order,
 * within the platform's years and the agreement's period, organisers and counted institutions are parties,
 * participants are people the author may see of a party's institution, no one named twice. The same rules for
 * one activity (create, edit) and for each row of an import (import.ts).
 */
export function activityIssues(deps: AppDeps, agreement: Agreement, a: Candidate, c: CheckContext) {
  const issues: FieldIssue[] = [];
  if (!c.areas.some((ar) => ar.key === a.areaKey) && a.areaKey !== c.keptArea) issues.push({ field: 'areaKey', code: 'unknown_reference' });
  const rules = dateRulesOf(deps);
  for (const field of ['startDate', 'endDate'] as const) {
    for (const p of yearProblem(field, a[field], rules)) issues.push({ field, code: p.code, params: p.params });
  }
  if (a.endDate < a.startDate) issues.push({ field: 'endDate', code: 'before_start' });
  const period = { start: agreement.start_date, end: agreement.end_date ?? '9999-12-31' };
  const within = (d: string) => d >= period.start && d <= period.end;
  const periodParams = { start: agreement.start_date, end: agreement.end_date ?? '…' };
  if (!within(a.startDate)) issues.push({ field: 'startDate', code: 'outside_agreement_period', params: periodParams });
  else if (!within(a.endDate)) issues.push({ field: 'endDate', code: 'outside_agreement_period', params: periodParams });
  if (a.status === 'done' && a.startDate > rules.today) issues.push({ field: 'status', code: 'done_in_future', params: { today: rules.today } });
  const parties = new Set(agreement.party_ids);
  a.organiserIds.forEach((id, i) => {
    if (!parties.has(id)) issues.push({ field: `organiserIds.${i}`, code: 'not_a_party' });
    else if (a.organiserIds.indexOf(id) !== i) issues.push({ field: `organiserIds.${i}`, code: 'duplicate' });
  });
  const countKeys = new Set<string>();
  a.counts.forEach((c, i) => {
    if (!parties.has(c.institutionId)) issues.push({ field: `counts.${i}.institutionId`, code: 'not_a_party' });
    const key = `${c.institutionId}/${c.role}`;
    if (countKeys.has(key)) issues.push({ field: `counts.${i}.role`, code: 'duplicate' });
    countKeys.add(key);
  });
  const seen = new Set<string>();
  a.participants.forEach((p, i) => {
    const person = c.people.get(p.personId);
    // A person the author may not see is answered as one that does not exist.
    if (!person || (!person.visible && !person.kept)) issues.push({ field: `participants.${i}.personId`, code: 'unknown_reference' });
    else if (!parties.has(person.institution_id)) issues.push({ field: `participants.${i}.personId`, code: 'participant_not_party' });
    else if (seen.has(p.personId)) issues.push({ field: `participants.${i}.personId`, code: 'duplicate' });
    seen.add(p.personId);
  });
  const participants = issues.length > 0 ? [] : a.participants.map((p) => ({ ...p, institutionId: c.people.get(p.personId)!.institution_id }));
  return { issues, participants };
}

/** activityIssues for one activity: a 400 naming every field that breaks a rule; else its participants with their institution. */
async function checkActivity(deps: AppDeps, tx: Tx, ctx: RequestContext, agreement: Agreement, a: Candidate, activityId: string | null) {
  const context = await loadCheckContext(tx, ctx, agreement, a.participants.map((p) => p.personId), activityId);
  const { issues, participants } = activityIssues(deps, agreement, a, context);
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  return participants;
}

const LIST_CURSOR = { key: 'date', id: 'uuid' } as const;

export async function listActivities(deps: AppDeps, ctx: RequestContext, agreementId: string, query: z.infer<typeof ActivityListQuery>) {
  const agreement = await agreementForActivities(deps.db, ctx, agreementId);
  // `target`: the records the target counts (its area, its metric's kinds, done, within its period).
  let counted: repo.ActivityFilter['counted'];
  let areaKey = query.areaKey;
  if (query.target) {
    const [area, key] = query.target.split('.');
    const target = (await repo.targetsOf(deps.db, [agreement.id])).find((t) => t.area_key === area && t.target_key === key);
    if (!target) throw new AppError('validation_failed', { fields: [{ field: 'target', code: 'unknown_reference' }] });
    const metric = metricDefinition(target.metric as Parameters<typeof metricDefinition>[0]).query;
    areaKey = area;
    counted = {
      kinds: metric?.kinds ?? [],
      from: target.period_start,
      to: target.period_end,
      role: metric?.count === 'people' ? metric.role : undefined,
    };
  }
  // `commitment`: the records a quantified commitment counts, over the period of its progress figure.
  let delivered: repo.ActivityFilter['delivered'];
  if (query.commitment) {
    const [area, key] = query.commitment.split('.');
    const today = todayIn(deps.clock.now());
    const commitment = (await repo.commitmentsProgress(deps.db, agreement.id, Number(today.slice(0, 4)))).find((c) => c.area_key === area && c.commitment_key === key);
    if (!commitment) throw new AppError('validation_failed', { fields: [{ field: 'commitment', code: 'unknown_reference' }] });
    const period = commitmentPeriod(agreement, commitment.per_year, today);
    areaKey = area;
    delivered = { fromInstitutionId: commitment.from_institution_id, toInstitutionId: commitment.to_institution_id, from: period.periodStart, to: period.periodEnd };
  }
  const { rows, total } = await repo.listActivities(deps.db, {
    agreementIds: [agreement.id],
    status: query.status,
    kind: query.kind,
    areaKey,
    counted,
    delivered,
    year: query.year,
    q: query.q,
    limit: query.limit,
    cursor: decodeCursor(query.cursor, LIST_CURSOR),
  });
  const page = pageOf(rows, query.limit, (r) => r.start_date);
  const actor = requireActor(ctx);
  const everywhere = mayRecordActivities(actor, facts(agreement));
  const contactOf = everywhere ? [] : await repo.contactAreas(deps.db, actor.userId, agreement.id);
  const areas = everywhere
    ? (await repo.areasOf(deps.db, [agreement.id])).map((a) => a.key)
    : contactOf.filter(() => mayRecordActivities(actor, facts(agreement), true));
  return { ...page, items: await present(deps, ctx, page.items, [agreement]), total, permissions: { record: areas.length > 0, recordAreas: areas } };
}

export async function getActivity(deps: AppDeps, ctx: RequestContext, id: string): Promise<ActivityView> {
  const { row, agreement } = await activityForActor(deps.db, ctx, id);
  return (await present(deps, ctx, [row], [agreement]))[0];
}

/** Activities by id, as the caller may read them (for other modules' drill-downs): unreadable ones left out. */
export async function activitiesByIds(deps: AppDeps, ctx: RequestContext, ids: string[], agreements: Agreement[]) {
  const readable = new Set(agreements.filter((a) => mayReadActivities(requireActor(ctx), facts(a))).map((a) => a.id));
  const rows = (await repo.activitiesByIds(deps.db, ids)).filter((r) => readable.has(r.agreement_id));
  return present(deps, ctx, rows, agreements);
}

export async function createActivity(deps: AppDeps, ctx: RequestContext, agreementId: string, input: z.infer<typeof CreateActivity>) {
  const actor = requireActor(ctx);
  const created = await inTransaction(deps.db, async (tx) => {
    // Under the agreement's row lock: its parties and period cannot change meanwhile.
    const agreement = await agreementForActivities(tx, ctx, agreementId, true);
    await assertMayRecord(deps, tx, actor, agreement, input.areaKey);
    const participants = await checkActivity(deps, tx, ctx, agreement, input, null);
    const starts = planDates(input, agreement.end_date);
    const length = daysBetween(input.startDate, input.endDate);
    const ids: string[] = [];
    const seriesId = starts.length > 1 ? randomUUID() : null;
    for (const start of starts) {
      const id = await repo.insertActivity(tx, {
        agreement_id: agreement.id,
        ...columnsOf(input),
        start_date: start,
        end_date: addDays(start, length),
        series_id: seriesId,
        created_by: actor.userId,
        created_by_label: actor.label,
      });
      ids.push(id);
    }
    await repo.insertLinks(tx, ids, { organiserIds: input.organiserIds, participants, counts: input.counts });
    await recordAudit(tx, ctx, {
      entity: 'activity',
      entityId: ids[0],
      action: 'create',
      owners: agreement.party_ids,
      after: { agreementId: agreement.id, ...withoutRecurrence(input), occurrences: ids.length },
    });
    return { ids, agreement };
  });
  const rows = await repo.activitiesByIds(deps.db, created.ids);
  return { items: await present(deps, ctx, rows, [created.agreement]) };
}

/** The columns a request names, the same for a new activity (createActivity, the import) and an edit. */
type Editable =
  | 'area_key'
  | 'kind'
  | 'status'
  | 'title_vi'
  | 'title_en'
  | 'description_vi'
  | 'description_en'
  | 'start_date'
  | 'end_date'
  | 'place'
  | 'online'
  | 'outcomes'
  | 'is_public';
type NewColumns = Pick<Parameters<typeof repo.insertActivity>[1], Editable>;
type ChangedColumns = Pick<Parameters<typeof repo.updateActivity>[2], Editable>;

/**
 * The columns of `activities` the request's fields are stored in: every one for a new activity; for an edit, those
 * given (undefined: the column stays as it is).
 */
export function columnsOf(input: z.infer<typeof CreateActivity>): NewColumns;
export function columnsOf(input: z.infer<typeof UpdateActivity>): ChangedColumns;
export function columnsOf(input: z.infer<typeof CreateActivity> | z.infer<typeof UpdateActivity>): ChangedColumns {
  return {
    area_key: input.areaKey,
    kind: input.kind,
    status: input.status,
    title_vi: input.titleVi,
    title_en: input.titleEn,
    description_vi: input.descriptionVi,
    description_en: input.descriptionEn,
    start_date: input.startDate,
    end_date: input.endDate,
    place: input.place,
    online: input.online,
    outcomes: input.outcomes,
    is_public: input.isPublic,
  };
}

const withoutRecurrence = ({ recurrence, ...rest }: z.infer<typeof CreateActivity>) => ({ ...rest, recurrence: recurrence ?? undefined });

/** The start dates of the activity: one, or every occurrence of its recurrence (planned only, within the agreement). */
function planDates(input: z.infer<typeof CreateActivity>, agreementEnd: string | null): string[] {
  if (!input.recurrence) return [input.startDate];
  const issues: FieldIssue[] = [];
  if (input.status !== 'planned') issues.push({ field: 'recurrence', code: 'recurrence_planned_only' });
  if (input.recurrence.until < input.startDate) issues.push({ field: 'recurrence.until', code: 'before_start' });
  else if (agreementEnd && input.recurrence.until > agreementEnd) {
    issues.push({ field: 'recurrence.until', code: 'outside_agreement_period', params: { start: input.startDate, end: agreementEnd } });
  }
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  const dates = occurrences(input.startDate, input.recurrence.every, input.recurrence.until, MAX_OCCURRENCES);
  if (dates.length > MAX_OCCURRENCES) {
    throw new AppError('validation_failed', { fields: [{ field: 'recurrence.until', code: 'too_many_occurrences', params: { maximum: MAX_OCCURRENCES } }] });
  }
  // Every occurrence gets the named participants: bound the rows one request writes.
  if (dates.length * input.participants.length > MAX_PARTICIPANT_ROWS) {
    throw new AppError('validation_failed', {
      fields: [{ field: 'participants', code: 'too_many_with_recurrence', params: { maximum: Math.floor(MAX_PARTICIPANT_ROWS / dates.length), occurrences: dates.length } }],
    });
  }
  return dates;
}

export async function updateActivity(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateActivity>) {
  const actor = requireActor(ctx);
  const agreement = await inTransaction(deps.db, async (tx) => {
    const { row: current, agreement } = await activityForActor(tx, ctx, id, true);
    await assertMayRecord(deps, tx, actor, agreement, current.area_key);
    if (input.areaKey && input.areaKey !== current.area_key) await assertMayRecord(deps, tx, actor, agreement, input.areaKey);
    assertVersion(current, input.version, (row) => ({ id: row.id, version: row.version, status: row.status }));
    const links = await repo.linksOf(tx, [id]);
    const next: Candidate = {
      areaKey: input.areaKey ?? current.area_key,
      startDate: input.startDate ?? current.start_date,
      endDate: input.endDate ?? current.end_date,
      status: input.status ?? current.status,
      organiserIds: input.organiserIds ?? links.organisers.map((o) => o.institution_id),
      participants: input.participants ?? links.participants.map((p) => ({ personId: p.person_id, role: p.role as Candidate['participants'][number]['role'] })),
      counts: input.counts ?? links.counts.map((c) => ({ institutionId: c.institution_id, role: c.role as Candidate['counts'][number]['role'], count: c.count })),
    };
    const participants = await checkActivity(deps, tx, ctx, agreement, next, id);
    await repo.updateActivity(tx, id, columnsOf(input));
    if (input.organiserIds || input.participants || input.counts) {
      await repo.writeLinks(tx, id, { organiserIds: next.organiserIds, participants, counts: next.counts });
    }
    const { version: _v, ...change } = input;
    await recordAudit(tx, ctx, {
      entity: 'activity',
      entityId: id,
      action: input.status && input.status !== current.status ? 'status' : 'update',
      owners: agreement.party_ids,
      before: { status: current.status, titleVi: current.title_vi, startDate: current.start_date, endDate: current.end_date, version: current.version },
      after: change,
    });
    return agreement;
  });
  const rows = await repo.activitiesByIds(deps.db, [id]);
  return (await present(deps, ctx, rows, [agreement]))[0];
}

/**
 * Before evidence is stored (the documents module, kind `evidence`): the activity the caller may edit, under the
 * agreement the upload is for. 404 for an activity the caller does not read, 403 for one it may not edit, 400
 * (`activityId`) for an activity of another agreement.
 */
export async function evidenceActivity(db: AppDeps['db'] | Tx, ctx: RequestContext, activityId: string, agreementId: string) {
  const actor = requireActor(ctx);
  const { row, agreement } = await activityForActor(db, ctx, activityId);
  if (agreement.id !== agreementId) throw new AppError('validation_failed', { fields: [{ field: 'activityId', code: 'unknown_reference' }] });
  const contact = (await repo.contactAreas(db, actor.userId, agreement.id)).includes(row.area_key);
  if (!mayRecordActivities(actor, facts(agreement), contact)) throw new AppError('forbidden', { messageKey: 'errors.not_activity_recorder' });
  return row;
}

/** Links a stored evidence document to its activity (in the upload's transaction). */
export const linkEvidence = (tx: Tx, activityId: string, documentId: string) => repo.linkEvidence(tx, activityId, documentId);

/** Rows → the API's view, with organisers, participants (named), counts, area titles and what the caller may do. */
async function present(deps: AppDeps, ctx: RequestContext, rows: repo.ActivityRow[], agreements: Agreement[]): Promise<ActivityView[]> {
  if (rows.length === 0) return [];
  const actor = requireActor(ctx);
  const lang = ctx.lang;
  const ids = rows.map((r) => r.id);
  const agreementIds = [...new Set(rows.map((r) => r.agreement_id))];
  const [links, areas, name, evidence] = await Promise.all([
    repo.linksOf(deps.db, ids),
    repo.areasOf(deps.db, agreementIds),
    // People are named, not e-mailed (who reads an activity reads its agreement whole).
    actorNamer(deps.db, ctx, 'full', rows.map((r) => ({ userId: r.created_by, label: r.created_by_label }))),
    repo.evidenceOf(deps.db, ids),
  ]);
  const byAgreement = new Map(agreements.map((a) => [a.id, a]));
  const contactAreas = new Map<string, Set<string>>();
  for (const a of agreements) {
    if (!mayRecordActivities(actor, facts(a)) && mayRecordActivities(actor, facts(a), true)) {
      contactAreas.set(a.id, new Set(await repo.contactAreas(deps.db, actor.userId, a.id)));
    }
  }
  const pick = (vi: string, en: string) => (lang === 'vi' ? vi : en);
  return rows.map((r) => {
    const agreement = byAgreement.get(r.agreement_id)!;
    const area = areas.find((a) => a.agreement_id === r.agreement_id && a.key === r.area_key);
    const participants = links.participants.filter((p) => p.activity_id === r.id);
    const counts = links.counts.filter((c) => c.activity_id === r.id);
    const edit = mayRecordActivities(actor, facts(agreement)) || (contactAreas.get(agreement.id)?.has(r.area_key) ?? false);
    return {
      id: r.id,
      agreementId: r.agreement_id,
      agreementTitle: pick(agreement.title_vi, agreement.title_en),
      areaKey: r.area_key,
      areaTitle: area ? pick(area.title_vi, area.title_en) : r.area_key,
      kind: r.kind as ActivityView['kind'],
      status: r.status as ActivityView['status'],
      titleVi: r.title_vi,
      titleEn: r.title_en,
      descriptionVi: r.description_vi,
      descriptionEn: r.description_en,
      startDate: r.start_date,
      endDate: r.end_date,
      place: r.place,
      online: r.online,
      outcomes: r.outcomes,
      isPublic: r.is_public,
      seriesId: r.series_id,
      organisers: links.organisers
        .filter((o) => o.activity_id === r.id)
        .map((o) => ({ institutionId: o.institution_id, code: o.code, name: pick(o.name_vi, o.name_en) })),
      participants: participants.map((p) => ({
        personId: p.person_id,
        role: p.role as ActivityView['participants'][number]['role'],
        name: p.title ? `${p.title} ${p.full_name}` : p.full_name,
        institutionId: p.institution_id,
        institutionCode: p.code,
      })),
      counts: counts.map((c) => ({ institutionId: c.institution_id, role: c.role as ActivityView['counts'][number]['role'], count: c.count, institutionCode: c.code })),
      peopleCount: participants.length + counts.reduce((n, c) => n + c.count, 0),
      evidence: evidence
        .filter((e) => e.activity_id === r.id)
        .map((e) => ({ documentId: e.document_id, title: e.title, fileId: e.file_id, fileName: e.original_name, mimeType: e.mime_type, size: Number(e.size_bytes) })),
      createdBy: name({ userId: r.created_by, label: r.created_by_label }).name,
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
      permissions: { edit },
    };
  });
}
