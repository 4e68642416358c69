import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';
import { nextVersion } from '../../../platform/versioning.ts';

// The SQL of a run's results in detail (results-service.ts), its comparison with another run, its exports (exports.ts)
// and the season's published run with the candidate's view of it (publish.ts).
//
// `detail` is the caller's detail scope as SQL (visibility.ts `detailScope`): null for every candidate, else the
// programs whose applicants the caller sees — a candidate is listed when admitted to one of them or when the run
// read a preference of theirs for one.

type Q = Db | Tx;
export type DetailPrograms = string[] | null;

/** The CLI's candidate id: the exam candidate's id, or the external id. */
const CANDIDATE_ID = sql<string>`coalesce(x.exam_candidate_id::text, x.external_candidate_id)`;

function inDetailSql(detail: DetailPrograms, runRef: RawBuilder<unknown>, keyRef: RawBuilder<unknown>, programRefs: RawBuilder<unknown>[]) {
  if (detail === null) return sql`true`;
  const ids = sql`${detail}::uuid[]`;
  return sql`(${sql.join(programRefs.map((p) => sql`${p} = ANY(${ids})`), sql` OR `)}
    OR EXISTS (SELECT 1 FROM admission_run_applications d WHERE d.run_id = ${runRef} AND d.candidate_key = ${keyRef} AND d.program_id = ANY(${ids})))`;
}

export interface ResultFilter {
  detail: DetailPrograms;
  q?: string;
  program?: string;
  outcome?: 'admitted' | 'not_admitted';
  after?: string;
  limit: number;
}

export interface CandidateResultRow {
  candidate_key: string;
  exam_candidate_id: string | null;
  external_candidate_id: string | null;
  number: string | null;
  program_id: string | null;
  code: string | null;
  rank: number | null;
  score: string | null;
}

/** A page of a run's candidates by candidate key (limit + 1 rows), as the filter and the detail scope allow. */
export async function runCandidates(db: Q, runId: string, f: ResultFilter) {
  const conditions = [sql`x.run_id = ${runId}::uuid`, inDetailSql(f.detail, sql`x.run_id`, sql`x.candidate_key`, [sql`x.program_id`])];
  if (f.q !== undefined) {
    conditions.push(sql`(x.candidate_key = ${f.q} OR x.external_candidate_id = ${f.q}
      OR x.exam_candidate_id IN (SELECT n.id FROM exam_candidates n WHERE n.number = ${f.q}))`);
  }
  if (f.program !== undefined) {
    conditions.push(sql`(x.program_id = ${f.program}::uuid OR EXISTS (SELECT 1 FROM admission_run_applications a
      WHERE a.run_id = x.run_id AND a.candidate_key = x.candidate_key AND a.program_id = ${f.program}::uuid))`);
    if (f.outcome === 'admitted') conditions.push(sql`x.program_id = ${f.program}::uuid`);
    if (f.outcome === 'not_admitted') conditions.push(sql`x.program_id IS DISTINCT FROM ${f.program}::uuid`);
  } else {
    if (f.outcome === 'admitted') conditions.push(sql`x.program_id IS NOT NULL`);
    if (f.outcome === 'not_admitted') conditions.push(sql`x.program_id IS NULL`);
  }
  if (f.after !== undefined) conditions.push(sql`x.candidate_key > ${f.after}`);
  const r = await sql<CandidateResultRow>`
    SELECT x.candidate_key, x.exam_candidate_id, x.external_candidate_id, c.number, x.program_id, p.code, x.rank, x.score::text AS score
    FROM admission_run_results x
    LEFT JOIN exam_candidates c ON c.id = x.exam_candidate_id
    LEFT JOIN admission_programs p ON p.id = x.program_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY x.candidate_key LIMIT ${f.limit + 1}`.execute(db);
  return r.rows;
}

export interface ProgramFiguresRow {
  program_id: string;
  code: string;
  name_vi: string;
  name_en: string;
  quota: number;
  admitted: number;
  cutoff: string | null;
  applicants: number;
}

/**
 * Per program of the run (as the run read it; for a run finished before runs kept their programs, the season's
 * programs now): quota, admitted, cutoff (lowest admitted score) and applicants with a score, in the run's order.
 */
export async function programFigures(db: Q, runId: string, seasonId: string) {
  const r = await sql<ProgramFiguresRow>`
    WITH kept AS (SELECT EXISTS (SELECT 1 FROM admission_run_programs WHERE run_id = ${runId}::uuid) AS yes)
    SELECT p.id AS program_id, coalesce(rp.code, p.code) AS code, p.name_vi, p.name_en, coalesce(rp.quota, p.quota) AS quota,
      (SELECT count(*)::int FROM admission_run_results x WHERE x.run_id = ${runId}::uuid AND x.program_id = p.id) AS admitted,
      (SELECT min(x.score)::text FROM admission_run_results x WHERE x.run_id = ${runId}::uuid AND x.program_id = p.id) AS cutoff,
      (SELECT count(*)::int FROM admission_run_applications a WHERE a.run_id = ${runId}::uuid AND a.program_id = p.id AND a.score IS NOT NULL) AS applicants
    FROM admission_programs p CROSS JOIN kept
    LEFT JOIN admission_run_programs rp ON rp.run_id = ${runId}::uuid AND rp.program_id = p.id
    WHERE p.season_id = ${seasonId}::uuid AND (rp.run_id IS NOT NULL OR NOT kept.yes)
    ORDER BY rp.position, p.code, p.id`.execute(db);
  return r.rows;
}

export const HISTOGRAM_BINS = 30;

/** Score histograms per program: one-point bins 0–30 (30 falls in the last), of the admitted and of all applicants with a score. */
export async function histograms(db: Q, runId: string) {
  const bin = (col: RawBuilder<unknown>) => sql`least(width_bucket(${col}, 0, ${HISTOGRAM_BINS}, ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS}) - 1`;
  const r = await sql<{ program_id: string; bin: number; admitted: number; applicants: number }>`
    SELECT program_id, bin, sum(admitted)::int AS admitted, sum(applicants)::int AS applicants FROM (
      SELECT x.program_id, ${bin(sql`x.score`)} AS bin, 1 AS admitted, 0 AS applicants
      FROM admission_run_results x WHERE x.run_id = ${runId}::uuid AND x.program_id IS NOT NULL AND x.score IS NOT NULL
      UNION ALL
      SELECT a.program_id, ${bin(sql`a.score`)} AS bin, 0, 1
      FROM admission_run_applications a WHERE a.run_id = ${runId}::uuid AND a.score IS NOT NULL
    ) s GROUP BY program_id, bin`.execute(db);
  return r.rows;
}

// ---- comparison of two runs

export interface MoveRow {
  candidate_key: string;
  exam_candidate_id: string | null;
  external_candidate_id: string | null;
  number: string | null;
  a_program_id: string | null;
  a_code: string | null;
  a_rank: number | null;
  a_score: string | null;
  b_program_id: string | null;
  b_code: string | null;
  b_rank: number | null;
  b_score: string | null;
}

function movesFrom(runA: string, runB: string, detail: DetailPrograms, program: string | undefined) {
  const conditions = [
    sql`a.program_id IS DISTINCT FROM b.program_id`,
    sql`(${inDetailSql(detail, sql`${runA}::uuid`, sql`coalesce(a.candidate_key, b.candidate_key)`, [sql`a.program_id`, sql`b.program_id`])}
      OR ${inDetailSql(detail, sql`${runB}::uuid`, sql`coalesce(a.candidate_key, b.candidate_key)`, [sql`a.program_id`])})`,
  ];
  if (program !== undefined) conditions.push(sql`${program}::uuid IN (a.program_id, b.program_id)`);
  return sql`
    FROM (SELECT * FROM admission_run_results WHERE run_id = ${runA}::uuid) a
    FULL JOIN (SELECT * FROM admission_run_results WHERE run_id = ${runB}::uuid) b ON b.candidate_key = a.candidate_key
    WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** Candidates whose program differs between runs A and B (limit + 1 rows, by candidate key after `after`). */
export async function moves(db: Q, runA: string, runB: string, f: { detail: DetailPrograms; program?: string; after?: string; limit: number }) {
  const after = f.after === undefined ? sql`true` : sql`coalesce(a.candidate_key, b.candidate_key) > ${f.after}`;
  const r = await sql<MoveRow>`
    SELECT m.*, c.number, pa.code AS a_code, pb.code AS b_code FROM (
      SELECT coalesce(a.candidate_key, b.candidate_key) AS candidate_key,
        coalesce(a.exam_candidate_id, b.exam_candidate_id) AS exam_candidate_id,
        coalesce(a.external_candidate_id, b.external_candidate_id) AS external_candidate_id,
        a.program_id AS a_program_id, a.rank AS a_rank, a.score::text AS a_score,
        b.program_id AS b_program_id, b.rank AS b_rank, b.score::text AS b_score
      ${movesFrom(runA, runB, f.detail, f.program)} AND ${after}
      ORDER BY 1 LIMIT ${f.limit + 1}
    ) m
    LEFT JOIN exam_candidates c ON c.id = m.exam_candidate_id
    LEFT JOIN admission_programs pa ON pa.id = m.a_program_id
    LEFT JOIN admission_programs pb ON pb.id = m.b_program_id
    ORDER BY m.candidate_key`.execute(db);
  return r.rows;
}

export async function countMoves(db: Q, runA: string, runB: string, f: { detail: DetailPrograms; program?: string }) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n ${movesFrom(runA, runB, f.detail, f.program)}`.execute(db);
  return r.rows[0].n;
}

// ---- exports in the CLI's formats

export interface RunProgramRow {
  program_id: string;
  code: string;
  name_vi: string;
  quota: number;
  floor: string | null;
  tie_break: string[];
  tie_policy: string;
}

/** The programs as the run read them, in its order (for runs that kept none, the season's programs now). */
export async function runPrograms(db: Q, runId: string, seasonId: string) {
  const r = await sql<RunProgramRow>`
    WITH kept AS (SELECT EXISTS (SELECT 1 FROM admission_run_programs WHERE run_id = ${runId}::uuid) AS yes)
    SELECT p.id AS program_id, coalesce(rp.code, p.code) AS code, p.name_vi, coalesce(rp.quota, p.quota) AS quota,
      (CASE WHEN kept.yes THEN rp.floor ELSE p.floor END)::text AS floor,
      coalesce(rp.tie_break, p.tie_break) AS tie_break, coalesce(rp.tie_policy, p.tie_policy) AS tie_policy
    FROM admission_programs p CROSS JOIN kept
    LEFT JOIN admission_run_programs rp ON rp.run_id = ${runId}::uuid AND rp.program_id = p.id
    WHERE p.season_id = ${seasonId}::uuid AND (rp.run_id IS NOT NULL OR NOT kept.yes)
    ORDER BY rp.position, p.code, p.id`.execute(db);
  return r.rows;
}

/** Every candidate of the run with the CLI's id, in byte order of that id (the CLI's assignments.csv order). */
export async function assignmentRows(db: Q, runId: string, detail: DetailPrograms) {
  const r = await sql<{ candidate_id: string; program_id: string | null; rank: number | null }>`
    SELECT ${CANDIDATE_ID} AS candidate_id, x.program_id, x.rank FROM admission_run_results x
    WHERE x.run_id = ${runId}::uuid AND ${inDetailSql(detail, sql`x.run_id`, sql`x.candidate_key`, [sql`x.program_id`])}
    ORDER BY ${CANDIDATE_ID} COLLATE "C"`.execute(db);
  return r.rows;
}

/** The run's applications (preferences with a score), by candidate id in byte order and rank. */
export async function applicationRows(db: Q, runId: string, detail: DetailPrograms) {
  const r = await sql<{ candidate_id: string; rank: number; program_id: string; score: string }>`
    SELECT ${CANDIDATE_ID} AS candidate_id, a.rank, a.program_id, a.score::text AS score
    FROM admission_run_applications a JOIN admission_run_results x ON x.run_id = a.run_id AND x.candidate_key = a.candidate_key
    WHERE a.run_id = ${runId}::uuid AND a.score IS NOT NULL AND ${detail === null ? sql`true` : sql`a.program_id = ANY(${detail}::uuid[])`}
    ORDER BY ${CANDIDATE_ID} COLLATE "C", a.rank`.execute(db);
  return r.rows;
}

// ---- what a run keeps besides its results (written with them when it finishes: run-finish.ts, inside a transaction)

export async function insertRunInput(
  tx: Tx,
  runId: string,
  programs: { id: string; code: string; quota: number; floor: number | null; tie_break: string[]; tie_policy: string }[],
  applications: { candidate_key: string; rank: number; program_id: string; score: number | null }[],
) {
  if (programs.length > 0) {
    await tx
      .insertInto('admission_run_programs')
      .values(programs.map((p, position) => ({ run_id: runId, program_id: p.id, position, code: p.code, quota: p.quota, floor: p.floor, tie_break: p.tie_break, tie_policy: p.tie_policy })))
      .execute();
  }
  // Column arrays through unnest: one statement of five parameters per 100,000 rows (a VALUES list needs four per row,
  // within PostgreSQL's 65,535).
  for (let i = 0; i < applications.length; i += 100_000) {
    const chunk = applications.slice(i, i + 100_000);
    await sql`
      INSERT INTO admission_run_applications (run_id, candidate_key, rank, program_id, score)
      SELECT ${runId}::uuid, k, r, p, s
      FROM unnest(${chunk.map((a) => a.candidate_key)}::text[], ${chunk.map((a) => a.rank)}::int[],
        ${chunk.map((a) => a.program_id)}::uuid[], ${chunk.map((a) => a.score)}::numeric[]) AS u(k, r, p, s)`.execute(tx);
  }
}

// ---- publication

export async function publishRun(tx: Tx, seasonId: string, runId: string) {
  await tx
    .updateTable('admission_seasons')
    .set({ published_run_id: runId, status: 'published', ...nextVersion() })
    .where('id', '=', seasonId)
    .execute();
}

export interface PublishedOutcomeRow {
  season_id: string;
  title_vi: string;
  title_en: string;
  year: number;
  institution_name_vi: string;
  institution_name_en: string;
  run_id: string;
  program_id: string | null;
  rank: number | null;
  score: number | null;
}

/** The exam candidate's outcome in each published season whose published run includes them. */
export async function publishedOutcomes(db: Q, examCandidateId: string) {
  const r = await sql<PublishedOutcomeRow>`
    SELECT s.id AS season_id, s.title_vi, s.title_en, s.year, i.name_vi AS institution_name_vi, i.name_en AS institution_name_en,
      x.run_id, x.program_id, x.rank, x.score::float8 AS score
    FROM admission_seasons s
    JOIN admission_run_results x ON x.run_id = s.published_run_id AND x.candidate_key = ${examCandidateId}::text
    JOIN institutions i ON i.id = s.institution_id
    WHERE s.published_run_id IS NOT NULL
    ORDER BY s.year DESC, s.title_vi, s.id`.execute(db);
  return r.rows;
}

/** The candidate's preferences as the published runs read them, with the programs' codes and names. */
export async function publishedPreferences(db: Q, runIds: string[], examCandidateId: string) {
  if (runIds.length === 0) return [];
  const r = await sql<{ run_id: string; rank: number; program_id: string; code: string; name_vi: string; name_en: string }>`
    SELECT a.run_id, a.rank, a.program_id, p.code, p.name_vi, p.name_en
    FROM admission_run_applications a JOIN admission_programs p ON p.id = a.program_id
    WHERE a.run_id = ANY(${runIds}::uuid[]) AND a.candidate_key = ${examCandidateId}::text
    ORDER BY a.run_id, a.rank`.execute(db);
  return r.rows;
}

export function programNames(db: Q, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('admission_programs').select(['id', 'code', 'name_vi', 'name_en']).where('id', 'in', ids).execute();
}
