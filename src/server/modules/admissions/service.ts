import type { z } from 'zod';
import type {
  CreateProgram,
  CreateSeason,
  Program,
  PreferenceImportResult,
  Run,
  Season,
  StartRun,
  UpdateProgram,
  UpdateSeason,
} from '../../../contracts/admissions.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import { assertVersion } from '../../platform/versioning.ts';
import { assertMayManageSeason, requireAdmissionsManager, seasonPermissions } from './policy.ts';
import * as repo from './repository.ts';

// Admissions (issue 13, item 3): seasons and their programs, the candidates' preferences (import.ts), matching runs
// (started here, computed by run-job.ts in a pg-boss job) and their results.

export const ADMISSION_RUN_QUEUE = 'admission-run';

type SeasonBody = Omit<Season, 'permissions'>;

function seasonRecord(row: repo.SeasonRow): SeasonBody {
  return {
    id: row.id,
    institutionId: row.institution_id,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    year: row.year,
    status: row.status,
    programCount: row.program_count,
    preferenceCount: row.preference_count,
    version: row.version,
    publishedRunId: row.published_run_id,
  };
}

export const presentSeason = (row: repo.SeasonRow, actor: Actor): Season => ({ ...seasonRecord(row), permissions: seasonPermissions(actor, row) });

export function presentProgram(row: repo.ProgramRow): Program {
  return {
    id: row.id,
    seasonId: row.season_id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    quota: row.quota,
    methods: row.methods as Program['methods'],
    floor: row.floor === null ? null : Number(row.floor),
    tieBreak: row.tie_break as Program['tieBreak'],
    tiePolicy: row.tie_policy,
    version: row.version,
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentRun(row: repo.RunRow): Run {
  return {
    id: row.id,
    seasonId: row.season_id,
    kind: row.kind,
    status: row.status,
    progress: Number(row.progress),
    cancelRequested: row.cancel_requested,
    startedBy: row.started_by_label,
    queuedAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error,
    candidates: row.candidates,
    applications: row.applications,
    matched: row.matched,
  };
}

/** The season of the caller's institution (404 otherwise, whatever the role), when the caller may manage it (else 403). */
export async function requireSeason(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const scope = tenantScope(ctx);
  const row = lock ? await repo.lockSeason(db as Tx, scope, id) : await repo.findSeason(db, scope, id);
  if (!row) throw notFound('admission_season');
  const actor = requireAdmissionsManager(ctx);
  assertMayManageSeason(actor, row);
  return { actor, row };
}

/** Changes of a season's data are refused while a run reads it, and once the season is published. */
async function assertSeasonEditable(tx: Tx, ctx: RequestContext, season: repo.SeasonRow) {
  if (season.status === 'published') throw new AppError('conflict', { messageKey: 'errors.admission_season_published' });
  if (await repo.activeRun(tx, season.id)) throw runActive(ctx, season);
}

/** 409 naming the season (in the caller's language) whose run is queued or running. */
const runActive = (ctx: RequestContext, season: repo.SeasonRow) =>
  new AppError('conflict', { messageKey: 'errors.admission_run_active', params: { season: ctx.lang === 'en' ? season.title_en : season.title_vi } });

// ---- seasons

export async function listSeasons(deps: AppDeps, ctx: RequestContext) {
  const actor = requireAdmissionsManager(ctx);
  const rows = await repo.listSeasons(deps.db, tenantScope(ctx));
  return { items: rows.map((r) => presentSeason(r, actor)) };
}

export async function getSeason(deps: AppDeps, ctx: RequestContext, id: string) {
  const { actor, row } = await requireSeason(deps.db, ctx, id);
  return presentSeason(row, actor);
}

export async function createSeason(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateSeason>) {
  const actor = requireAdmissionsManager(ctx);
  return inTransaction(deps.db, async (tx) => {
    const id = await repo.insertSeason(tx, { institution_id: actor.institutionId, title_vi: input.titleVi, title_en: input.titleEn, year: input.year });
    const created = (await repo.findSeason(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, { entity: 'admission_season', entityId: id, action: 'create', owners: [created.institution_id], after: seasonRecord(created) });
    return presentSeason(created, actor);
  });
}

export async function updateSeason(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateSeason>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row } = await requireSeason(tx, ctx, id, true);
    assertVersion(row, input.version, (r) => presentSeason(r, actor));
    await repo.updateSeason(tx, id, { title_vi: input.titleVi, title_en: input.titleEn, year: input.year });
    const after = (await repo.findSeason(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, { entity: 'admission_season', entityId: id, action: 'update', owners: [row.institution_id], before: seasonRecord(row), after: seasonRecord(after) });
    return presentSeason(after, actor);
  });
}

/** Deletes a draft season with its programs, preferences and runs; 409 while a run is in progress or once published. */
export async function deleteSeason(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await requireSeason(tx, ctx, id, true);
    await assertSeasonEditable(tx, ctx, row);
    await repo.deleteSeason(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_season', entityId: id, action: 'delete', owners: [row.institution_id], before: seasonRecord(row) });
    return { ok: true as const };
  });
}

// ---- programs

/**
 * What a program's definition needs beyond its schema: each method's exams are the institution's own or published
 * ones (whether their results are shared is checked when a run reads them), each subject is a subject of its exam,
 * method ids are unique, and the tie-break chain names only criteria the season has data for.
 */
async function programIssues(tx: Tx, institutionId: string, input: { methods?: z.infer<typeof CreateProgram>['methods']; tieBreak?: string[] }) {
  const issues: FieldIssue[] = [];
  const methods = input.methods ?? [];
  const examIds = [...new Set(methods.flatMap((m) => m.components.map((c) => c.examId)))];
  const exams = new Set((await repo.examsFor(tx, institutionId, examIds)).map((e) => e.id));
  const subjects = await repo.subjectsOfExams(tx, [...exams]);
  const seen = new Set<string>();
  methods.forEach((m, i) => {
    if (seen.has(m.methodId.toLowerCase())) issues.push({ field: `methods.${i}.methodId`, code: 'duplicate_method', params: { value: m.methodId } });
    seen.add(m.methodId.toLowerCase());
    m.components.forEach((c, j) => {
      if (!exams.has(c.examId)) issues.push({ field: `methods.${i}.components.${j}.examId`, code: 'unknown_exam' });
      else if (!subjects.some((s) => s.exam_id === c.examId && s.key === c.subject)) {
        issues.push({ field: `methods.${i}.components.${j}.subject`, code: 'unknown_subject', params: { value: c.subject } });
      }
    });
  });
  (input.tieBreak ?? []).forEach((c, i) => {
    if (c === 'c1' || c === 'c2') issues.push({ field: `tieBreak.${i}`, code: 'criterion_without_data', params: { value: c } });
  });
  if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
}

export async function listPrograms(deps: AppDeps, ctx: RequestContext, seasonId: string) {
  const { row } = await requireSeason(deps.db, ctx, seasonId);
  return { items: (await repo.programsOf(deps.db, row.id)).map(presentProgram) };
}

export async function createProgram(deps: AppDeps, ctx: RequestContext, seasonId: string, input: z.infer<typeof CreateProgram>) {
  return inTransaction(deps.db, async (tx) => {
    const { row: season } = await requireSeason(tx, ctx, seasonId, true);
    await assertSeasonEditable(tx, ctx, season);
    await programIssues(tx, season.institution_id, input);
    const id = await repo.insertProgram(tx, {
      season_id: season.id,
      institution_id: season.institution_id,
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      quota: input.quota,
      methods: JSON.stringify(input.methods),
      floor: input.floor,
      tie_break: input.tieBreak,
      tie_policy: input.tiePolicy,
    });
    const created = presentProgram(await repo.findProgram(tx, id));
    await recordAudit(tx, ctx, { entity: 'admission_program', entityId: id, action: 'create', owners: [season.institution_id], after: created });
    return created;
  });
}

export async function updateProgram(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateProgram>) {
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockProgram(tx, tenantScope(ctx), id);
    if (!current) throw notFound('admission_program');
    assertMayManageSeason(requireAdmissionsManager(ctx), current);
    assertVersion(current, input.version, presentProgram);
    const { row: season } = await requireSeason(tx, ctx, current.season_id, true);
    await assertSeasonEditable(tx, ctx, season);
    await programIssues(tx, season.institution_id, input);
    await repo.updateProgram(tx, id, {
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      quota: input.quota,
      methods: input.methods === undefined ? undefined : JSON.stringify(input.methods),
      floor: input.floor,
      tie_break: input.tieBreak,
      tie_policy: input.tiePolicy,
    });
    const after = presentProgram(await repo.findProgram(tx, id));
    await recordAudit(tx, ctx, { entity: 'admission_program', entityId: id, action: 'update', owners: [season.institution_id], before: presentProgram(current), after });
    return after;
  });
}

/** Deletes a program and the preferences for it; 409 once a run's results name it, while a run is in progress, or once published. */
export async function deleteProgram(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockProgram(tx, tenantScope(ctx), id);
    if (!current) throw notFound('admission_program');
    assertMayManageSeason(requireAdmissionsManager(ctx), current);
    const { row: season } = await requireSeason(tx, ctx, current.season_id, true);
    await assertSeasonEditable(tx, ctx, season);
    if (await repo.programHasResults(tx, id)) throw new AppError('conflict', { messageKey: 'errors.admission_program_has_results' });
    await repo.deleteProgram(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_program', entityId: id, action: 'delete', owners: [season.institution_id], before: presentProgram(current) });
    return { ok: true as const };
  });
}

// ---- preferences (rows checked by import.ts)

export async function replacePreferences(
  deps: AppDeps,
  ctx: RequestContext,
  seasonId: string,
  rows: Parameters<typeof repo.replacePreferences>[3],
  candidates: number,
): Promise<z.infer<typeof PreferenceImportResult>> {
  return inTransaction(deps.db, async (tx) => {
    const { row: season } = await requireSeason(tx, ctx, seasonId, true);
    await assertSeasonEditable(tx, ctx, season);
    const replaced = await repo.replacePreferences(tx, season.id, season.institution_id, rows);
    await recordAudit(tx, ctx, {
      entity: 'admission_season',
      entityId: season.id,
      action: 'import_preferences',
      owners: [season.institution_id],
      after: { preferences: rows.length, candidates, replaced },
    });
    return { replaced, created: rows.length, candidates };
  });
}

// ---- runs

export async function startRun(deps: AppDeps, ctx: RequestContext, seasonId: string, input: z.infer<typeof StartRun>) {
  const run = await inTransaction(deps.db, async (tx) => {
    const { actor, row: season } = await requireSeason(tx, ctx, seasonId, true);
    if (await repo.activeRun(tx, season.id)) throw runActive(ctx, season);
    const id = await repo.insertRun(tx, { season_id: season.id, institution_id: season.institution_id, kind: input.kind, started_by: actor.userId, started_by_label: actor.label });
    await recordAudit(tx, ctx, { entity: 'admission_run', entityId: id, action: 'create', owners: [season.institution_id], after: { seasonId: season.id, kind: input.kind } });
    return (await repo.runById(tx, id))!;
  });
  // After the commit, so the job finds the run; without a job queue in this process the run waits (and the start-up
  // sweep of a process with workers fails it, so the season can be run again).
  await deps.jobs?.send(ADMISSION_RUN_QUEUE, { runId: run.id }, { retryLimit: 0 });
  return presentRun(run);
}

export async function requireRun(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const scope = tenantScope(ctx);
  const row = lock ? await repo.lockRun(db as Tx, scope, id) : await repo.findRun(db, scope, id);
  if (!row) throw notFound('admission_run');
  assertMayManageSeason(requireAdmissionsManager(ctx), row);
  return row;
}

export async function getRun(deps: AppDeps, ctx: RequestContext, id: string) {
  return presentRun(await requireRun(deps.db, ctx, id));
}

export async function listRuns(deps: AppDeps, ctx: RequestContext, seasonId: string) {
  const { row } = await requireSeason(deps.db, ctx, seasonId);
  return { items: (await repo.runsOf(deps.db, row.id)).map(presentRun) };
}

/** Asks a queued or running run to stop: a queued one ends at once; a running one at its next phase. */
export async function cancelRun(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const run = await requireRun(tx, ctx, id, true);
    if (run.status !== 'queued' && run.status !== 'running') {
      throw new AppError('conflict', { messageKey: 'errors.admission_run_ended' });
    }
    await repo.requestCancel(tx, id);
    if (run.status === 'queued') await repo.endRun(tx, id, 'cancelled', null);
    await recordAudit(tx, ctx, { entity: 'admission_run', entityId: id, action: 'cancel', owners: [run.institution_id] });
    return presentRun((await repo.runById(tx, id))!);
  });
}
