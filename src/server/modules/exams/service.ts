import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  AccessLogPage,
  CandidatePage,
  CandidateQuery,
  ConsentChange,
  CreateExam,
  Exam,
  ExamList,
  ExamStatistics,
  LookupAnswer,
  PublicExamList,
  PublishExam,
  ResultLookup,
  SharedResultsPage,
  SharedResultsQuery,
  UpdateExam,
} from '../../../contracts/exams.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Actor, type RequestContext, requireActor } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor, pageOf } from '../../platform/pagination.ts';
import { takeAttempt } from '../../platform/rate-limit.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { todayIn } from '../agreements/dates.ts';
import { candidateAdmissions } from '../admissions/publish.ts';
import { assertMayCreateExams, assertMayManageExam, assertMayReadOwnExam, examPermissions, examReach, mayReadShared } from './policy.ts';
import * as repo from './repository.ts';
import { admittingPartners } from './admitting-partners.ts';
import { definitionIssues } from './scoring.ts';

// Exams (issue 13, first half): the organiser defines, imports (import.ts) and publishes; the statistics; the public
// lookup with the candidate's consents; the gate for admitting institutions and the log of their reads.

/** What the gate needs: the database (or a transaction already open, as the demo loader's) and the clock. */
export type GateDeps = Pick<AppDeps, 'db' | 'clock'>;

const today = (deps: Pick<AppDeps, 'clock'>) => todayIn(deps.clock.now());

const consentChoices = async (deps: AppDeps, candidate: { id: string; institution_id: string }) =>
  repo.consentChoices(deps.db, candidate.id, candidate.institution_id, await admittingPartners(deps, candidate.institution_id));
const reachOf = (deps: Pick<AppDeps, 'clock'>, actor: Actor) => ({ ...examReach(actor), today: today(deps) });
const num = (v: unknown) => Number(v);

type ExamBody = Omit<Exam, 'permissions'>;

function examRecord(row: repo.ExamRow, rounds: repo.RoundRow[], subjects: repo.SubjectRow[]): ExamBody {
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionCode: row.institution_code,
    institutionNameVi: row.institution_name_vi,
    institutionNameEn: row.institution_name_en,
    code: row.code,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    year: row.year,
    status: row.status,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    isSample: row.is_sample,
    candidateCount: row.candidate_count,
    rounds: rounds.map((r) => ({ id: r.id, key: r.key, nameVi: r.name_vi, nameEn: r.name_en, startDate: String(r.start_date), endDate: String(r.end_date), venues: r.venues })),
    subjects: subjects.map((s) => ({
      id: s.id,
      key: s.key,
      nameVi: s.name_vi,
      nameEn: s.name_en,
      minScore: num(s.min_score),
      maxScore: num(s.max_score),
      step: num(s.step),
      parts: s.parts as ExamBody['subjects'][number]['parts'],
    })),
    version: row.version,
  };
}

async function presentExam(db: AppDeps['db'] | Tx, row: repo.ExamRow, actor: Actor): Promise<Exam> {
  const [rounds, subjects] = await Promise.all([repo.roundsOf(db, row.id), repo.subjectsOf(db, row.id)]);
  return { ...examRecord(row, rounds, subjects), permissions: examPermissions(actor, row) };
}

/** The exam the caller reaches (its own institution's, or shared with it through the gate), or 404; 403 for a caller who reads no exam. */
export async function requireExam(deps: Pick<AppDeps, 'clock'>, db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const actor = requireActor(ctx);
  const reach = reachOf(deps, actor);
  const row = await repo.findExam(db, tenantScope(ctx), reach, id, lock);
  if (!row) throw notFound('exam');
  if (!reach.own && !reach.shared) throw new AppError('forbidden'); // the own institution's, seen by a role that reads no exam
  return { actor, row };
}

export async function listExams(deps: AppDeps, ctx: RequestContext): Promise<z.infer<typeof ExamList>> {
  const actor = requireActor(ctx);
  const reach = reachOf(deps, actor);
  if (!reach.own && !reach.shared) throw new AppError('forbidden');
  const rows = await repo.listExams(deps.db, tenantScope(ctx), reach);
  return {
    items: rows.map((row) => {
      const { rounds: _r, subjects: _s, ...rest } = examRecord(row, [], []);
      return { ...rest, permissions: examPermissions(actor, row) };
    }),
  };
}

export async function getExam(deps: AppDeps, ctx: RequestContext, id: string) {
  const { actor, row } = await requireExam(deps, deps.db, ctx, id);
  return presentExam(deps.db, row, actor);
}

function definitionProblems(input: z.infer<typeof CreateExam>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const keys = (list: { key: string }[], path: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.key.toLowerCase())) issues.push({ field: `${path}.${i}.key`, code: 'duplicate' });
      seen.add(x.key.toLowerCase());
    });
  };
  keys(input.rounds, 'rounds');
  keys(input.subjects, 'subjects');
  input.rounds.forEach((r, i) => {
    if (r.endDate < r.startDate) issues.push({ field: `rounds.${i}.endDate`, code: 'before_start' });
  });
  input.subjects.forEach((s, i) => {
    issues.push(...definitionIssues(s, `subjects.${i}`));
  });
  return issues;
}

function definitionRows(input: z.infer<typeof CreateExam>) {
  return {
    rounds: input.rounds.map((r, i) => ({ key: r.key, position: i, name_vi: r.nameVi, name_en: r.nameEn, start_date: r.startDate, end_date: r.endDate, venues: r.venues })),
    subjects: input.subjects.map((s, i) => ({
      key: s.key,
      position: i,
      name_vi: s.nameVi,
      name_en: s.nameEn,
      min_score: s.minScore,
      max_score: s.maxScore,
      step: s.step,
      parts: JSON.stringify(s.parts),
    })),
  };
}

export async function createExam(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateExam>) {
  const actor = requireActor(ctx);
  assertMayCreateExams(actor);
  const issues = definitionProblems(input);
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
  return inTransaction(deps.db, async (tx) => {
    const id = await repo.insertExam(tx, { institution_id: actor.institutionId, code: input.code, title_vi: input.titleVi, title_en: input.titleEn, year: input.year });
    const rows = definitionRows(input);
    await repo.writeDefinition(tx, id, rows.rounds, rows.subjects);
    const created = (await repo.findExam(tx, tenantScope(ctx), reachOf(deps, actor), id))!;
    const exam = await presentExam(tx, created, actor);
    const { permissions: _, ...after } = exam;
    await recordAudit(tx, ctx, { entity: 'exam', entityId: id, action: 'create', owners: [actor.institutionId], after });
    return exam;
  });
}

/** The structure results hang on: changing it once candidates are in would misread their scores. */
const structureOf = (e: { rounds: { key: string }[]; subjects: { key: string; minScore: number; maxScore: number; step: number; parts: { key: string; weight: number }[] }[] }) =>
  JSON.stringify({
    rounds: e.rounds.map((r) => r.key).sort(),
    subjects: e.subjects
      .map((s) => ({ key: s.key, min: s.minScore, max: s.maxScore, step: s.step, parts: s.parts.map((p) => [p.key, p.weight]) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  });

export async function updateExam(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateExam>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row } = await requireExam(deps, tx, ctx, id, true);
    assertMayManageExam(actor, row);
    const before = await presentExam(tx, row, actor);
    assertVersion(row, input.version, () => before);
    if (row.status !== 'draft') throw new AppError('conflict', { messageKey: 'errors.exam_published' });
    const issues = definitionProblems(input);
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    if (structureOf(before) !== structureOf(input) && (await repo.hasCandidates(tx, id))) {
      throw new AppError('conflict', { messageKey: 'errors.exam_has_candidates' });
    }
    await repo.updateExam(tx, id, { code: input.code, title_vi: input.titleVi, title_en: input.titleEn, year: input.year });
    const rows = definitionRows(input);
    await repo.writeDefinition(tx, id, rows.rounds, rows.subjects);
    const after = await presentExam(tx, (await repo.findExam(tx, tenantScope(ctx), reachOf(deps, actor), id))!, actor);
    const { permissions: _a, ...a } = after;
    const { permissions: _b, ...b } = before;
    await recordAudit(tx, ctx, { entity: 'exam', entityId: id, action: 'update', owners: [row.institution_id], before: b, after: a });
    return after;
  });
}

/** Publishing makes the results visible to candidates (the lookup) and to admitting institutions (through the gate). */
export async function publishExam(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof PublishExam>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row } = await requireExam(deps, tx, ctx, id, true);
    assertMayManageExam(actor, row);
    assertVersion(row, input.version, (r) => presentExam(tx, r, actor));
    if (row.status !== 'draft') throw new AppError('conflict', { messageKey: 'errors.exam_published' });
    if (row.candidate_count === 0) throw new AppError('conflict', { messageKey: 'errors.exam_no_candidates' });
    await repo.updateExam(tx, id, { status: 'published', published_at: deps.clock.now() });
    await recordAudit(tx, ctx, { entity: 'exam', entityId: id, action: 'publish', owners: [row.institution_id], before: { status: 'draft' }, after: { status: 'published', candidates: row.candidate_count } });
    return presentExam(tx, (await repo.findExam(tx, tenantScope(ctx), reachOf(deps, actor), id))!, actor);
  });
}

const presentCandidate = (r: repo.CandidateRow) => ({
  id: r.id,
  number: r.number,
  fullName: r.full_name,
  dateOfBirth: r.date_of_birth,
  roundKey: r.round_key,
  venue: r.venue,
  isSample: r.is_sample,
  scores: r.scores,
});

export async function listCandidates(deps: AppDeps, ctx: RequestContext, id: string, query: z.infer<typeof CandidateQuery>): Promise<z.infer<typeof CandidatePage>> {
  const { actor, row } = await requireExam(deps, deps.db, ctx, id);
  assertMayReadOwnExam(actor, row);
  const cursor = decodeCursor(query.cursor, { key: 'text' });
  const rows = await repo.listCandidates(deps.db, id, { q: query.q, limit: query.limit }, cursor);
  const page = pageOf(rows, query.limit, (r) => r.number);
  return { items: page.items.map(presentCandidate), nextCursor: page.nextCursor };
}

/** Histogram bins over each subject's scale. */
export const HISTOGRAM_BINS = 20;

export async function examStatistics(deps: AppDeps, ctx: RequestContext, id: string): Promise<z.infer<typeof ExamStatistics>> {
  const { actor, row } = await requireExam(deps, deps.db, ctx, id);
  // The organiser reads its statistics from the first import; an admitting institution once published.
  if (!(examPermissions(actor, row).readCandidates || mayReadShared(actor, row))) throw new AppError('forbidden');
  const [subjects, stats] = await Promise.all([repo.subjectsOf(deps.db, id), repo.subjectStatistics(deps.db, id, HISTOGRAM_BINS)]);
  const byId = new Map(stats.map((s) => [s.subject_id, s]));
  return {
    examId: id,
    subjects: subjects.map((s) => {
      const st = byId.get(s.id);
      const min = num(s.min_score);
      const width = (num(s.max_score) - min) / HISTOGRAM_BINS;
      const count = st?.count ?? 0;
      return {
        subjectKey: s.key,
        nameVi: s.name_vi,
        nameEn: s.name_en,
        count,
        mean: st?.mean === null || st?.mean === undefined ? null : Math.round(st.mean * 100) / 100,
        histogram: (st?.bins ?? []).map((n, i) => ({ from: Math.round((min + i * width) * 100) / 100, to: Math.round((min + (i + 1) * width) * 100) / 100, count: n })),
        percentiles: count === 0 ? [] : (st?.percentiles ?? []).map((score, i) => ({ percentile: i + 1, score })),
      };
    }),
  };
}

// ---- admitting institutions: the gate and the access log

/**
 * The gate the admission module calls too: the agreements in force with an admissions area between the exam's
 * organiser and the caller's institution (none: 403 for a caller who sees the exam, which only the organiser does).
 * Which candidates it opens is the repository's part: those who consent now to the caller's institution and applied
 * to it (a preference for one of its programs, in a season of its own or a consortium season it is a member of).
 */
export async function sharedAccess(deps: GateDeps, ctx: RequestContext, examId: string) {
  const { actor, row } = await requireExam(deps, deps.db, ctx, examId);
  if (!mayReadShared(actor, row)) throw new AppError('forbidden');
  const agreementIds = await repo.admissionsAgreements(deps.db, row.institution_id, actor.institutionId, today(deps));
  if (agreementIds.length === 0) throw notFound('exam'); // the agreement ended since the exam was found
  return { actor, exam: row, agreementIds };
}

/** Results of consenting candidates, each read recorded for the organiser (who, which candidates, when). */
export async function sharedResults(deps: AppDeps, ctx: RequestContext, examId: string, query: z.infer<typeof SharedResultsQuery>): Promise<z.infer<typeof SharedResultsPage>> {
  const cursor = decodeCursor(query.cursor, { key: 'text' });
  return inTransaction(deps.db, async (tx) => {
    const { actor, exam, agreementIds } = await sharedAccess(deps, ctx, examId);
    const rows = await repo.consentingCandidates(tx, exam.id, actor.institutionId, { candidate: query.candidate, limit: query.limit }, cursor);
    const page = pageOf(rows, query.limit, (r) => r.number);
    if (page.items.length > 0) {
      await repo.recordRead(tx, {
        examId: exam.id,
        readerInstitutionId: actor.institutionId,
        readerUserId: actor.userId,
        readerLabel: actor.label,
        agreementIds,
        candidateIds: page.items.map((r) => r.id),
        requestId: ctx.requestId,
        at: deps.clock.now(),
      });
    }
    return {
      items: page.items.map((r) => {
        const { isSample: _, ...c } = presentCandidate(r);
        return { ...c, consentedAt: new Date(r.consented_at).toISOString() };
      }),
      nextCursor: page.nextCursor,
      agreementIds,
    };
  });
}

export async function accessLog(deps: AppDeps, ctx: RequestContext, examId: string, query: { limit: number; cursor?: string }): Promise<z.infer<typeof AccessLogPage>> {
  const { actor, row } = await requireExam(deps, deps.db, ctx, examId);
  assertMayManageExam(actor, row);
  const cursor = decodeCursor(query.cursor, { key: 'timestamp', id: 'bigint' });
  const rows = await repo.accessLog(deps.db, examId, query.limit, cursor);
  const hasMore = rows.length > query.limit;
  const items = hasMore ? rows.slice(0, query.limit) : rows;
  const last = items.at(-1);
  return {
    items: items.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      readerInstitutionId: r.reader_institution_id,
      readerInstitutionCode: r.code,
      readerInstitutionNameVi: r.name_vi,
      readerInstitutionNameEn: r.name_en,
      readerLabel: r.reader_label,
      candidateCount: r.candidate_count,
      candidateNumbers: r.numbers,
    })),
    nextCursor: hasMore && last ? encodeCursor(last.at, last.id) : null,
  };
}

// ---- the public lookup (no account)

/** Attempts per candidate number and per client address within the window, before 429. */
export const LOOKUP_LIMIT = { max: 10, maxPerIp: 60, windowMinutes: 15 };

export async function publicExams(deps: AppDeps): Promise<z.infer<typeof PublicExamList>> {
  const rows = await repo.publishedExams(deps.db);
  return { items: rows.map((r) => ({ id: r.id, titleVi: r.title_vi, titleEn: r.title_en, year: r.year, institutionNameVi: r.institution_name_vi, institutionNameEn: r.institution_name_en })) };
}

/**
 * The candidate proven by number and date of birth, counted against the rate limit first. Whatever is wrong — no such
 * exam, not published, no such number, another date of birth — the answer is the same 404 after the same work.
 */
async function provenCandidate(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof ResultLookup>) {
  // Counted by a digest of exam and number: rate_events keeps no candidate number.
  const subject = createHash('sha256').update(`${input.examId}:${input.candidateNumber.toUpperCase()}`).digest('hex');
  if (!(await takeAttempt(deps.db, 'exam_lookup', subject, ctx.ip, LOOKUP_LIMIT, deps.clock.now()))) {
    throw new AppError('rate_limited', { messageKey: 'errors.lookup_rate_limited', params: { minutes: LOOKUP_LIMIT.windowMinutes }, details: { retryAfterSeconds: LOOKUP_LIMIT.windowMinutes * 60 } });
  }
  const candidate = await repo.findCandidateForLookup(deps.db, input.examId, input.candidateNumber, input.dateOfBirth);
  if (!candidate) throw new AppError('not_found', { messageKey: 'errors.lookup_not_found' });
  return candidate;
}

async function lookupAnswer(deps: AppDeps, candidate: NonNullable<Awaited<ReturnType<typeof repo.findCandidateForLookup>>>): Promise<LookupAnswer> {
  const [scores, choices, admissions] = await Promise.all([
    repo.scoresOfCandidate(deps.db, candidate.id),
    consentChoices(deps, candidate),
    candidateAdmissions(deps, candidate.id),
  ]);
  const c = candidate;
  return {
    exam: { id: c.exam_id, titleVi: c.exam_title_vi, titleEn: c.exam_title_en, year: c.exam_year, institutionNameVi: c.institution_name_vi, institutionNameEn: c.institution_name_en },
    candidate: {
      number: candidate.number,
      fullName: candidate.full_name,
      dateOfBirth: candidate.date_of_birth,
      roundNameVi: candidate.round_name_vi,
      roundNameEn: candidate.round_name_en,
      venue: candidate.venue,
    },
    scores: scores.map((s) => ({ subjectKey: s.subject_key, nameVi: s.name_vi, nameEn: s.name_en, total: s.total, parts: s.parts, partNames: s.part_names })),
    consents: choices.map((c) => ({
      institutionId: c.institution_id,
      code: c.code,
      nameVi: c.name_vi,
      nameEn: c.name_en,
      consented: c.given_at !== null && c.withdrawn_at === null,
      givenAt: c.given_at ? new Date(c.given_at).toISOString() : null,
      withdrawnAt: c.withdrawn_at ? new Date(c.withdrawn_at).toISOString() : null,
    })),
    admissions,
  };
}

export async function lookupResults(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof ResultLookup>) {
  return lookupAnswer(deps, await provenCandidate(deps, ctx, input));
}

/**
 * The candidate gives or withdraws consent to share their results with an institution, proving who they are with the
 * number and date of birth again (no session, nothing to steal). Consent is offered for the organiser's admitting
 * partners in force; withdrawing works for any institution chosen before. From the withdrawal on, the institution's
 * reads (repository.ts `consentingCandidates`) no longer list the candidate.
 */
export async function changeConsent(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof ConsentChange>) {
  const candidate = await provenCandidate(deps, ctx, input);
  const choices = await consentChoices(deps, candidate);
  if (!choices.some((c) => c.institution_id === input.institutionId)) {
    throw new AppError('validation_failed', { fields: [{ field: 'institutionId', code: 'not_admitting_partner' }] });
  }
  await inTransaction(deps.db, async (tx) => {
    await repo.setConsent(tx, candidate.id, input.institutionId, input.consent, deps.clock.now());
    await recordAudit(tx, ctx, {
      entity: 'exam_consent',
      entityId: candidate.id,
      action: input.consent ? 'give' : 'withdraw',
      owners: [candidate.institution_id, input.institutionId],
      after: { examId: candidate.exam_id, candidateNumber: candidate.number, institutionId: input.institutionId, consent: input.consent },
    });
  });
  return lookupAnswer(deps, candidate);
}

/**
 * For admission runs (modules/admissions): the subject totals of the exam's candidates among `candidateIds` who consent
 * now to the caller's institution and applied to it, through the gate (`sharedAccess`: 404 without an admissions
 * agreement in force); the read is recorded in the organiser's access log like `sharedResults`, naming the caller's
 * institution as the reader. Inside a transaction already open (`deps.db` a transaction), reads and logs in it.
 */
export async function sharedScores(deps: GateDeps, ctx: RequestContext, examId: string, candidateIds: string[]) {
  const inTx = <T>(work: (tx: Tx) => Promise<T>) => (deps.db.isTransaction ? work(deps.db as Tx) : inTransaction(deps.db, work));
  return inTx(async (tx) => {
    const { actor, exam, agreementIds } = await sharedAccess(deps, ctx, examId);
    const rows = await repo.consentingScores(tx, exam.id, actor.institutionId, candidateIds);
    const read = [...new Set(rows.map((r) => r.candidate_id))];
    if (read.length > 0) {
      await repo.recordRead(tx, {
        examId: exam.id,
        readerInstitutionId: actor.institutionId,
        readerUserId: actor.userId,
        readerLabel: actor.label,
        agreementIds,
        candidateIds: read,
        requestId: ctx.requestId,
        at: deps.clock.now(),
      });
    }
    return rows.map((r) => ({ candidateId: r.candidate_id, subject: r.key, total: Number(r.total) }));
  });
}
