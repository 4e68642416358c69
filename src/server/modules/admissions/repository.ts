import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { AdmissionProgramsTable, AdmissionSeasonsTable } from '../../platform/db-schema.ts';
import { nextVersion } from '../../platform/versioning.ts';

// All SQL of admissions: seasons and programs of the caller's institution (TenantScope `own`), preferences, runs and
// their results; and what a run reads (programs, preferences, the exam results it scores). Results in detail,
// comparisons, exports and publication: repository/results.ts. A season is found by the
// institutions that are its members (`memberOf`): its owner, and in a consortium season every member institution.

/** SQL condition: the caller's institution is a member of the season `seasonColumn` names (platform admins: any). */
export function memberOf(scope: TenantScope, seasonColumn: string): Expression<SqlBool> {
  if (scope.allInstitutions) return sql<SqlBool>`true`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM admission_season_members sm WHERE sm.season_id = ${sql.ref(seasonColumn)} AND sm.institution_id = ${scope.institutionId}::uuid)`;
}

export * from './repository/results.ts';
export * from './repository/priority.ts';

function seasonQuery(db: Db | Tx) {
  return db
    .selectFrom('admission_seasons as s')
    .selectAll('s')
    .select([
      sql<number>`(SELECT count(*)::int FROM admission_programs p WHERE p.season_id = s.id)`.as('program_count'),
      sql<number>`(SELECT count(*)::int FROM admission_preferences f WHERE f.season_id = s.id)`.as('preference_count'),
    ]);
}
export type SeasonRow = Awaited<ReturnType<ReturnType<typeof seasonQuery>['executeTakeFirstOrThrow']>>;

export function listSeasons(db: Db, scope: TenantScope) {
  return seasonQuery(db).where(memberOf(scope, 's.id')).orderBy('s.year', 'desc').orderBy('s.created_at', 'desc').orderBy('s.id').execute();
}

export function findSeason(db: Db | Tx, scope: TenantScope, id: string) {
  return seasonQuery(db).where('s.id', '=', id).where(memberOf(scope, 's.id')).executeTakeFirst();
}

export function lockSeason(tx: Tx, scope: TenantScope, id: string) {
  return seasonQuery(tx).where('s.id', '=', id).where(memberOf(scope, 's.id')).forUpdate('s').executeTakeFirst();
}

/** A new season; its owner becomes its first member (trigger admission_seasons_owner_member, 0026). */
export async function insertSeason(tx: Tx, values: Insertable<AdmissionSeasonsTable>) {
  const { id } = await tx.insertInto('admission_seasons').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

// ---- members

/** The member institutions of the seasons, coordinator (owner) first, then by code. */
export function membersOf(db: Db | Tx, seasonIds: string[]) {
  if (seasonIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('admission_season_members as m')
    .innerJoin('admission_seasons as s', 's.id', 'm.season_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select(['m.season_id', 'm.institution_id', 'i.code', 'i.name_vi', 'i.name_en', sql<boolean>`m.institution_id = s.institution_id`.as('coordinator')])
    .where('m.season_id', 'in', seasonIds)
    .orderBy('m.season_id')
    .orderBy(sql`m.institution_id = s.institution_id`, 'desc')
    .orderBy('i.code')
    .execute();
}
export type MemberRow = Awaited<ReturnType<typeof membersOf>>[number];

export async function insertMember(tx: Tx, seasonId: string, institutionId: string) {
  await tx.insertInto('admission_season_members').values({ season_id: seasonId, institution_id: institutionId }).execute();
}

/** Removes a member with its programs (and the preferences for them); false when it was no member. */
export async function deleteMember(tx: Tx, seasonId: string, institutionId: string) {
  const r = await tx.deleteFrom('admission_season_members').where('season_id', '=', seasonId).where('institution_id', '=', institutionId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Whether the institution belongs to the platform consortium (consortium_members). */
export async function inConsortium(db: Db | Tx, consortiumId: string, institutionId: string) {
  const row = await db
    .selectFrom('consortium_members')
    .select('institution_id')
    .where('consortium_id', '=', consortiumId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the season has any run (members change only before the first). */
export async function seasonHasRuns(db: Db | Tx, seasonId: string) {
  return (await db.selectFrom('admission_runs').select('id').where('season_id', '=', seasonId).limit(1).executeTakeFirst()) !== undefined;
}

export async function updateSeason(tx: Tx, id: string, values: Updateable<AdmissionSeasonsTable>) {
  await tx.updateTable('admission_seasons').set({ ...values, ...nextVersion() }).where('id', '=', id).execute();
}

/** Sets the status without a new version (a run moves the season to running and back; not a user's edit). */
export async function setSeasonStatus(db: Db | Tx, id: string, status: 'draft' | 'running' | 'published') {
  await db.updateTable('admission_seasons').set({ status, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

// ---- programs

function programQuery(db: Db | Tx) {
  return db.selectFrom('admission_programs as p').selectAll('p');
}
export type ProgramRow = Awaited<ReturnType<ReturnType<typeof programQuery>['executeTakeFirstOrThrow']>>;

/** A season's programs in the order runs index them (code, id); the query, for run-io.ts to send on its own connection. */
export function programsOfQuery(db: Db | Tx, seasonId: string) {
  return programQuery(db).where('p.season_id', '=', seasonId).orderBy('p.code').orderBy('p.id');
}

export function programsOf(db: Db | Tx, seasonId: string) {
  return programsOfQuery(db, seasonId).execute();
}

/** A program of a season the caller's institution is a member of (whose program it is, is the policy's part). */
export function lockProgram(tx: Tx, scope: TenantScope, id: string) {
  return programQuery(tx).where('p.id', '=', id).where(memberOf(scope, 'p.season_id')).forUpdate('p').executeTakeFirst();
}

export async function insertProgram(tx: Tx, values: Insertable<AdmissionProgramsTable>) {
  const { id } = await tx.insertInto('admission_programs').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateProgram(tx: Tx, id: string, values: Updateable<AdmissionProgramsTable>) {
  await tx.updateTable('admission_programs').set({ ...values, ...nextVersion() }).where('id', '=', id).execute();
}

export function findProgram(db: Db | Tx, id: string) {
  return programQuery(db).where('p.id', '=', id).executeTakeFirstOrThrow();
}

// ---- exams a season may name

/** The exams among `ids` that the institution owns, or that are published (whether the results are shared is the run's gate). */
export async function examsFor(db: Db | Tx, institutionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('exams as e')
    .select(['e.id', 'e.institution_id', 'e.status'])
    .where('e.id', 'in', ids)
    .where((eb) => eb.or([eb('e.institution_id', '=', institutionId), eb('e.status', '=', 'published')]))
    .execute();
}

export function subjectsOfExams(db: Db | Tx, examIds: string[]) {
  if (examIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('exam_subjects').select(['id', 'exam_id', 'key', 'max_score']).where('exam_id', 'in', examIds).execute();
}

/** Of the candidate ids, those of exams one of the institutions (a season's members) owns or that are published. */
export async function knownCandidates(db: Db | Tx, institutionIds: string[], ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('exam_candidates as c')
    .innerJoin('exams as e', 'e.id', 'c.exam_id')
    .select('c.id')
    .where(sql<boolean>`c.id = ANY(${ids}::uuid[])`)
    .where((eb) => eb.or([eb('e.institution_id', 'in', institutionIds), eb('e.status', '=', 'published')]))
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ---- preferences

export async function replacePreferences(
  tx: Tx,
  seasonId: string,
  institutionId: string,
  rows: { examCandidateId: string | null; externalCandidateId: string | null; externalScore: number | null; programId: string; rank: number }[],
) {
  const deleted = await tx.deleteFrom('admission_preferences').where('season_id', '=', seasonId).executeTakeFirst();
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await tx
      .insertInto('admission_preferences')
      .values(
        chunk.map((r) => ({
          season_id: seasonId,
          institution_id: institutionId,
          exam_candidate_id: r.examCandidateId,
          external_candidate_id: r.externalCandidateId,
          external_score: r.externalScore,
          program_id: r.programId,
          rank: r.rank,
        })),
      )
      .execute();
  }
  return Number(deleted.numDeletedRows);
}

/** Of the candidates, those of the exam that consent (now) to share with the institution. */
export async function consentingCandidates(db: Db | Tx, examId: string, institutionId: string, candidateIds: string[]) {
  if (candidateIds.length === 0) return [];
  const rows = await db
    .selectFrom('exam_consents as k')
    .innerJoin('exam_candidates as c', 'c.id', 'k.candidate_id')
    .select('c.id')
    .where('c.exam_id', '=', examId)
    .where('k.institution_id', '=', institutionId)
    .where('k.withdrawn_at', 'is', null)
    .where(sql<boolean>`c.id = ANY(${candidateIds}::uuid[])`)
    .execute();
  return rows.map((r) => r.id);
}

export function candidatesOfExam(db: Db | Tx, examId: string, candidateIds: string[]) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('exam_candidates').select('id').where('exam_id', '=', examId).where(sql<boolean>`id = ANY(${candidateIds}::uuid[])`).execute();
}

// ---- runs

function runQuery(db: Db | Tx) {
  return db.selectFrom('admission_runs as r').selectAll('r');
}
export type RunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;

export function findRun(db: Db | Tx, scope: TenantScope, id: string) {
  return runQuery(db).where('r.id', '=', id).where(memberOf(scope, 'r.season_id')).executeTakeFirst();
}

export function lockRun(tx: Tx, scope: TenantScope, id: string) {
  return runQuery(tx).where('r.id', '=', id).where(memberOf(scope, 'r.season_id')).forUpdate('r').executeTakeFirst();
}

export function runById(db: Db | Tx, id: string) {
  return runQuery(db).where('r.id', '=', id).executeTakeFirst();
}

export function runsOf(db: Db, seasonId: string) {
  return runQuery(db).where('r.season_id', '=', seasonId).orderBy('r.created_at', 'desc').orderBy('r.id').execute();
}

export function activeRun(db: Db | Tx, seasonId: string) {
  return runQuery(db).where('r.season_id', '=', seasonId).where('r.status', 'in', ['queued', 'running']).executeTakeFirst();
}

export async function insertRun(tx: Tx, values: { season_id: string; institution_id: string; kind: 'dry' | 'final'; started_by: string | null; started_by_label: string }) {
  const { id } = await tx.insertInto('admission_runs').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Moves a queued run to running; false when it is no longer queued (cancelled, or failed by the start-up sweep). */
export async function claimRun(db: Db, id: string) {
  const r = await db
    .updateTable('admission_runs')
    .set({ status: 'running', started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('cancel_requested', '=', false)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records progress and the heartbeat; answers whether a cancel was asked for (or the run is no longer running). */
export async function reportProgress(db: Db, id: string, progress: number) {
  const row = await db
    .updateTable('admission_runs')
    .set({ progress: Math.round(Math.min(1, Math.max(0, progress)) * 1000) / 1000, heartbeat_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('cancel_requested', '=', false)
    .returning('id')
    .executeTakeFirst();
  return row === undefined;
}

export async function heartbeat(db: Db, id: string) {
  await db.updateTable('admission_runs').set({ heartbeat_at: sql<Date>`now()` }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function requestCancel(tx: Tx, id: string) {
  await tx.updateTable('admission_runs').set({ cancel_requested: true, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** Ends a run that is queued or running (failed or cancelled); false when it had already ended. */
export async function endRun(db: Db | Tx, id: string, status: 'failed' | 'cancelled', error: string | null) {
  const r = await db
    .updateTable('admission_runs')
    .set({ status, error, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Runs whose process died: running with no heartbeat for `staleSeconds`, or queued with no pg-boss job left to run
 * them. They are marked failed, so the season can be run again.
 */
export async function failAbandonedRuns(db: Db, staleSeconds: number, queue: string, message: string) {
  // pg-boss's tables exist once a process started the job queue; without them no queued run has a job.
  const boss = await sql<{ exists: boolean }>`SELECT to_regclass('pgboss.job') IS NOT NULL AS exists`.execute(db);
  const hasJob = boss.rows[0]?.exists
    ? sql`EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${queue} AND j.data->>'runId' = r.id::text AND j.state IN ('created', 'retry', 'active'))`
    : sql`false`;
  const rows = await sql<{ id: string; season_id: string }>`
    UPDATE admission_runs r SET status = 'failed', error = ${message}, finished_at = now(), updated_at = now()
    WHERE (r.status = 'running' AND r.heartbeat_at < now() - make_interval(secs => ${staleSeconds}))
       OR (r.status = 'queued' AND r.created_at < now() - make_interval(secs => ${staleSeconds}) AND NOT ${hasJob})
    RETURNING r.id, r.season_id`.execute(db);
  return rows.rows;
}

/** The account that started a run, as it is now (its roles decide what the run may read). */
export function starter(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'institution_id', 'roles', 'email', 'status', 'language']).where('id', '=', userId).executeTakeFirst();
}

export function seasonById(db: Db | Tx, id: string) {
  return db.selectFrom('admission_seasons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function deleteSeason(tx: Tx, id: string) {
  // What the runs kept first: their programs have no cascade from a program; the season's runs go with it.
  for (const table of ['admission_run_results', 'admission_run_programs'] as const) {
    await tx
      .deleteFrom(table)
      .where('run_id', 'in', (eb) => eb.selectFrom('admission_runs').select('id').where('season_id', '=', id))
      .execute();
  }
  await tx.deleteFrom('admission_seasons').where('id', '=', id).execute();
}

export async function deleteProgram(tx: Tx, id: string) {
  await tx.deleteFrom('admission_programs').where('id', '=', id).execute();
}

/** Whether a finished run read the program (every result names one of its run's programs). */
export async function programHasResults(db: Db | Tx, programId: string) {
  const read = await db.selectFrom('admission_run_programs').select('run_id').where('program_id', '=', programId).limit(1).executeTakeFirst();
  return read !== undefined;
}

/** The member institutions of a season. */
export async function memberIds(db: Db | Tx, seasonId: string) {
  const rows = await db.selectFrom('admission_season_members').select('institution_id').where('season_id', '=', seasonId).execute();
  return rows.map((r) => r.institution_id);
}

/** The season's programs that belong to the institution. */
export async function programIdsOf(db: Db | Tx, seasonId: string, institutionId: string) {
  const rows = await db.selectFrom('admission_programs').select('id').where('season_id', '=', seasonId).where('institution_id', '=', institutionId).execute();
  return rows.map((r) => r.id);
}
