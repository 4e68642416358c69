import type { z } from 'zod';
import type {
  CreateProgram,
  CreateSeason,
  Program,
  PreferenceImportResult,
  Run,
  Season,
  SetSeasonMembers,
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
import { assertMayEditProgram, assertMayManageSeason, mayAddPrograms, mayEditProgram, requireAdmissionsManager, requireAdmissionsReader, seasonPermissions } from './policy.ts';
import * as repo from './repository.ts';

// Admissions (issue 13, item 3): seasons and their programs, the candidates' preferences (import.ts), matching runs
// (started here, computed by run-job.ts in a pg-boss job) and their results.

export const ADMISSION_RUN_QUEUE = 'admission-run';

type SeasonBody = Omit<Season, 'permissions'>;

function seasonRecord(row: repo.SeasonRow, members: repo.MemberRow[]): SeasonBody {
  return {
    id: row.id,
    institutionId: row.institution_id,
    consortiumId: row.consortium_id,
    members: members
      .filter((m) => m.season_id === row.id)
      .map((m) => ({ institutionId: m.institution_id, code: m.code, nameVi: m.name_vi, nameEn: m.name_en, coordinator: m.coordinator })),
    titleVi: row.title_vi,
    titleEn: row.title_en,
    year: row.year,
    status: row.status,
    isSample: row.is_sample,
    programCount: row.program_count,
    preferenceCount: row.preference_count,
    version: row.version,
    publishedRunId: row.published_run_id,
  };
}

export const presentSeason = (row: repo.SeasonRow, members: repo.MemberRow[], actor: Actor): Season => ({
  ...seasonRecord(row, members),
  permissions: seasonPermissions(actor, row),
});

/** A season with its members, as the caller sees it. */
async function seasonFor(db: AppDeps['db'] | Tx, row: repo.SeasonRow, actor: Actor) {
  return presentSeason(row, await repo.membersOf(db, [row.id]), actor);
}

/** A program as the audit log records it. */
export function presentProgram(row: repo.ProgramRow): Omit<Program, 'permissions'> {
  return {
    id: row.id,
    seasonId: row.season_id,
    institutionId: row.institution_id,
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    quota: row.quota,
    methods: row.methods as Program['methods'],
    floor: row.floor === null ? null : Number(row.floor),
    tieBreak: row.tie_break as Program['tieBreak'],
    tiePolicy: row.tie_policy,
    priorityPoints: row.priority_points,
    floorBasis: row.floor_basis,
    thresholdIncludesBonus: row.threshold_includes_bonus,
    version: row.version,
  };
}

const programFor = (row: repo.ProgramRow, actor: Actor): Program => ({ ...presentProgram(row), permissions: { edit: mayEditProgram(actor, row) } });

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

/** A season the caller's institution is a member of (404 otherwise, whatever the role), when the caller reads admissions (else 403). */
export async function readSeason(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const scope = tenantScope(ctx);
  const row = lock ? await repo.lockSeason(db as Tx, scope, id) : await repo.findSeason(db, scope, id);
  if (!row) throw notFound('admission_season');
  return { actor: requireAdmissionsReader(ctx), row };
}

/** A season the caller's institution is a member of (404 otherwise), when the caller coordinates it (else 403). */
export async function requireSeason(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const { row } = await readSeason(db, ctx, id, lock);
  const actor = requireAdmissionsManager(ctx);
  assertMayManageSeason(actor, row);
  return { actor, row };
}

/** Changes of a season's data are refused while a run reads it, and once the season is published. */
export async function assertSeasonEditable(tx: Tx, ctx: RequestContext, season: repo.SeasonRow) {
  if (season.status === 'published') throw new AppError('conflict', { messageKey: 'errors.admission_season_published' });
  if (await repo.activeRun(tx, season.id)) throw runActive(ctx, season);
}

/** 409 naming the season (in the caller's language) whose run is queued or running. */
const runActive = (ctx: RequestContext, season: repo.SeasonRow) =>
  new AppError('conflict', { messageKey: 'errors.admission_run_active', params: { season: ctx.lang === 'en' ? season.title_en : season.title_vi } });

// ---- seasons

export async function listSeasons(deps: AppDeps, ctx: RequestContext) {
  const actor = requireAdmissionsReader(ctx);
  const rows = await repo.listSeasons(deps.db, tenantScope(ctx));
  const members = await repo.membersOf(deps.db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentSeason(r, members, actor)) };
}

export async function getSeason(deps: AppDeps, ctx: RequestContext, id: string) {
  const { actor, row } = await readSeason(deps.db, ctx, id);
  return seasonFor(deps.db, row, actor);
}

/** The member institutions the audit files a season's records under. */
const ownersOf = (members: repo.MemberRow[]) => members.map((m) => m.institution_id);

export async function createSeason(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateSeason>) {
  const actor = requireAdmissionsManager(ctx);
  return inTransaction(deps.db, async (tx) => {
    // A consortium season: of a consortium the coordinator belongs to (an unknown or foreign one is not named apart).
    if (input.consortiumId && !(await repo.inConsortium(tx, input.consortiumId, actor.institutionId))) {
      throw new AppError('validation_failed', { fields: [{ field: 'consortiumId', code: 'not_consortium_member' }] });
    }
    const id = await repo.insertSeason(tx, {
      institution_id: actor.institutionId,
      consortium_id: input.consortiumId ?? null,
      title_vi: input.titleVi,
      title_en: input.titleEn,
      year: input.year,
    });
    const created = (await repo.findSeason(tx, tenantScope(ctx), id))!;
    const members = await repo.membersOf(tx, [id]);
    await recordAudit(tx, ctx, { entity: 'admission_season', entityId: id, action: 'create', owners: [created.institution_id], after: seasonRecord(created, members) });
    return presentSeason(created, members, actor);
  });
}

export async function updateSeason(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateSeason>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row } = await requireSeason(tx, ctx, id, true);
    const members = await repo.membersOf(tx, [id]);
    assertVersion(row, input.version, (r) => presentSeason(r, members, actor));
    await repo.updateSeason(tx, id, { title_vi: input.titleVi, title_en: input.titleEn, year: input.year });
    const after = (await repo.findSeason(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, {
      entity: 'admission_season',
      entityId: id,
      action: 'update',
      owners: ownersOf(members),
      before: seasonRecord(row, members),
      after: seasonRecord(after, members),
    });
    return presentSeason(after, members, actor);
  });
}

/** Deletes a draft season with its programs, preferences and runs; 409 while a run is in progress or once published. */
export async function deleteSeason(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const { row } = await requireSeason(tx, ctx, id, true);
    await assertSeasonEditable(tx, ctx, row);
    const members = await repo.membersOf(tx, [id]);
    await repo.deleteSeason(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_season', entityId: id, action: 'delete', owners: ownersOf(members), before: seasonRecord(row, members) });
    return { ok: true as const };
  });
}

// ---- members of a consortium season (the coordinator adds and removes them while the season has no run)

async function assertMembersChangeable(tx: Tx, ctx: RequestContext, season: repo.SeasonRow) {
  await assertSeasonEditable(tx, ctx, season);
  if (await repo.seasonHasRuns(tx, season.id)) throw new AppError('conflict', { messageKey: 'errors.admission_season_has_runs' });
}

/**
 * Sets a consortium season's members: the coordinator and the listed institutions of the season's consortium (400
 * naming each other one). A member left out goes with its programs and the preferences for them; 409 once the
 * season has a run (members change only before it).
 */
export async function setSeasonMembers(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof SetSeasonMembers>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row } = await requireSeason(tx, ctx, id, true);
    const wanted = [...new Set([row.institution_id, ...input.institutionIds])];
    const issues: FieldIssue[] = [];
    for (const [i, institutionId] of input.institutionIds.entries()) {
      if (institutionId === row.institution_id) continue;
      if (row.consortium_id === null || !(await repo.inConsortium(tx, row.consortium_id, institutionId))) {
        issues.push({ field: `institutionIds.${i}`, code: 'not_season_consortium_member' });
      }
    }
    if (issues.length > 0) throw new AppError('validation_failed', { fields: issues });
    const before = await repo.membersOf(tx, [id]);
    assertVersion(row, input.version, (r) => presentSeason(r, before, actor));
    const current = before.map((m) => m.institution_id);
    const added = wanted.filter((m) => !current.includes(m));
    const removed = current.filter((m) => !wanted.includes(m));
    if (added.length === 0 && removed.length === 0) return presentSeason(row, before, actor);
    await assertMembersChangeable(tx, ctx, row);
    for (const m of added) await repo.insertMember(tx, id, m);
    for (const m of removed) await repo.deleteMember(tx, id, m);
    // A new version: another officer's editor, opened on the old members, gets 409 instead of undoing this change.
    await repo.updateSeason(tx, id, {});
    const updated = (await repo.findSeason(tx, tenantScope(ctx), id))!;
    const after = await repo.membersOf(tx, [id]);
    await recordAudit(tx, ctx, {
      entity: 'admission_season',
      entityId: id,
      action: 'set_members',
      owners: [...ownersOf(before), ...ownersOf(after)],
      before: seasonRecord(row, before),
      after: seasonRecord(updated, after),
    });
    return presentSeason(updated, after, actor);
  });
}

// ---- programs

/**
 * What a program's definition needs beyond its schema: each method's exams are the institution's own or published
 * ones (whether their results are shared is checked when a run reads them), each subject is a subject of its exam,
 * method ids are unique, a method's equivalence table is one of the season's, and the tie-break chain names only
 * criteria the season has data for.
 */
async function programIssues(tx: Tx, seasonId: string, institutionId: string, input: { methods?: z.infer<typeof CreateProgram>['methods']; tieBreak?: string[] }) {
  const issues: FieldIssue[] = [];
  const methods = input.methods ?? [];
  const tables = methods.some((m) => m.equivalence) ? await repo.tableNames(tx, seasonId) : new Set<string>();
  const examIds = [...new Set(methods.flatMap((m) => m.components.map((c) => c.examId)))];
  const exams = new Set((await repo.examsFor(tx, institutionId, examIds)).map((e) => e.id));
  const subjects = await repo.subjectsOfExams(tx, [...exams]);
  const seen = new Set<string>();
  methods.forEach((m, i) => {
    if (seen.has(m.methodId.toLowerCase())) issues.push({ field: `methods.${i}.methodId`, code: 'duplicate_method', params: { value: m.methodId } });
    seen.add(m.methodId.toLowerCase());
    if (m.equivalence && !tables.has(m.equivalence)) issues.push({ field: `methods.${i}.equivalence`, code: 'unknown_equivalence', params: { value: m.equivalence } });
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
  const { actor, row } = await readSeason(deps.db, ctx, seasonId);
  return { items: (await repo.programsOf(deps.db, row.id)).map((p) => programFor(p, actor)) };
}

/** A program is of the caller's institution; a platform admin's of the season's owner unless its institution is a member. */
export async function createProgram(deps: AppDeps, ctx: RequestContext, seasonId: string, input: z.infer<typeof CreateProgram>) {
  return inTransaction(deps.db, async (tx) => {
    const { actor, row: season } = await readSeason(tx, ctx, seasonId, true);
    if (!mayAddPrograms(actor)) throw new AppError('forbidden');
    await assertSeasonEditable(tx, ctx, season);
    const members = await repo.memberIds(tx, season.id);
    const institutionId = members.includes(actor.institutionId) ? actor.institutionId : season.institution_id;
    await programIssues(tx, season.id, institutionId, input);
    const id = await repo.insertProgram(tx, {
      season_id: season.id,
      institution_id: institutionId,
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      quota: input.quota,
      methods: JSON.stringify(input.methods),
      floor: input.floor,
      tie_break: input.tieBreak,
      tie_policy: input.tiePolicy,
      priority_points: input.priorityPoints,
      floor_basis: input.floorBasis,
      threshold_includes_bonus: input.thresholdIncludesBonus,
    });
    const created = await repo.findProgram(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_program', entityId: id, action: 'create', owners: [season.institution_id, institutionId], after: presentProgram(created) });
    return programFor(created, actor);
  });
}

export async function updateProgram(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateProgram>) {
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockProgram(tx, tenantScope(ctx), id);
    if (!current) throw notFound('admission_program');
    const actor = requireAdmissionsManager(ctx);
    assertMayEditProgram(actor, current);
    assertVersion(current, input.version, (r) => programFor(r, actor));
    const { row: season } = await readSeason(tx, ctx, current.season_id, true);
    await assertSeasonEditable(tx, ctx, season);
    await programIssues(tx, season.id, current.institution_id, input);
    await repo.updateProgram(tx, id, {
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      quota: input.quota,
      methods: input.methods === undefined ? undefined : JSON.stringify(input.methods),
      floor: input.floor,
      tie_break: input.tieBreak,
      tie_policy: input.tiePolicy,
      priority_points: input.priorityPoints,
      floor_basis: input.floorBasis,
      threshold_includes_bonus: input.thresholdIncludesBonus,
    });
    const after = await repo.findProgram(tx, id);
    await recordAudit(tx, ctx, {
      entity: 'admission_program',
      entityId: id,
      action: 'update',
      owners: [season.institution_id, current.institution_id],
      before: presentProgram(current),
      after: presentProgram(after),
    });
    return programFor(after, actor);
  });
}

/** Deletes a program and the preferences for it; 409 once a run's results name it, while a run is in progress, or once published. */
export async function deleteProgram(deps: AppDeps, ctx: RequestContext, id: string) {
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.lockProgram(tx, tenantScope(ctx), id);
    if (!current) throw notFound('admission_program');
    assertMayEditProgram(requireAdmissionsManager(ctx), current);
    const { row: season } = await readSeason(tx, ctx, current.season_id, true);
    await assertSeasonEditable(tx, ctx, season);
    if (await repo.programHasResults(tx, id)) throw new AppError('conflict', { messageKey: 'errors.admission_program_has_results' });
    await repo.deleteProgram(tx, id);
    await recordAudit(tx, ctx, { entity: 'admission_program', entityId: id, action: 'delete', owners: [season.institution_id, current.institution_id], before: presentProgram(current) });
    return { ok: true as const };
  });
}

// ---- preferences and the candidates' priority profiles (rows checked by import.ts)

export async function replacePreferences(
  deps: AppDeps,
  ctx: RequestContext,
  seasonId: string,
  rows: Parameters<typeof repo.replacePreferences>[3],
  candidates: number,
  profiles: repo.ProfileInput[],
): Promise<z.infer<typeof PreferenceImportResult>> {
  return inTransaction(deps.db, async (tx) => {
    const { row: season } = await requireSeason(tx, ctx, seasonId, true);
    await assertSeasonEditable(tx, ctx, season);
    const replaced = await repo.replacePreferences(tx, season.id, season.institution_id, rows);
    await repo.replaceProfiles(tx, season.id, season.institution_id, profiles);
    await recordAudit(tx, ctx, {
      entity: 'admission_season',
      entityId: season.id,
      action: 'import_preferences',
      owners: [season.institution_id],
      after: { preferences: rows.length, candidates, replaced, profiles: profiles.length },
    });
    return { replaced, created: rows.length, candidates, profiles: profiles.length };
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

/** A run of a season the caller's institution is a member of (404 otherwise), when the caller reads admissions (else 403). */
export async function readRun(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const scope = tenantScope(ctx);
  const row = lock ? await repo.lockRun(db as Tx, scope, id) : await repo.findRun(db, scope, id);
  if (!row) throw notFound('admission_run');
  requireAdmissionsReader(ctx);
  return row;
}

/** A run the caller coordinates (its season's owner's managers): 404 for non-members, 403 for members. */
export async function requireRun(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string, lock = false) {
  const row = await readRun(db, ctx, id, lock);
  assertMayManageSeason(requireAdmissionsManager(ctx), row);
  return row;
}

export async function getRun(deps: AppDeps, ctx: RequestContext, id: string) {
  return presentRun(await readRun(deps.db, ctx, id));
}

export async function listRuns(deps: AppDeps, ctx: RequestContext, seasonId: string) {
  const { row } = await readSeason(deps.db, ctx, seasonId);
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
