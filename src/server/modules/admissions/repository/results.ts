import { sql } from 'kysely';
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

/** The positions among the run's programs (admission_run_programs) of the programs `ids`: computed once per statement. */
const positionsOf = (runId: string, ids: string[]) =>
  sql`ARRAY(SELECT rp.position FROM admission_run_programs rp WHERE rp.run_id = ${runId}::uuid AND rp.program_id = ANY(${ids}::uuid[]))`;

/** Whether the result row `row` (an alias of admission_run_results of run `runId`) has a preference for one of `ids`. */
const appliedToSql = (runId: string, row: string, ids: string[]) => sql`${sql.ref(`${row}.preference_positions`)} && ${positionsOf(runId, ids)}`;

/** Whether the result row `row` of run `runId` is in the detail scope: admitted to one of its programs, or applied to one. */
function inDetailSql(detail: DetailPrograms, runId: string, row: string) {
  if (detail === null) return sql`true`;
  return sql`(${sql.ref(`${row}.program_id`)} = ANY(${detail}::uuid[]) OR ${appliedToSql(runId, row, detail)})`;
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
  const conditions = [sql`x.run_id = ${runId}::uuid`, inDetailSql(f.detail, runId, 'x')];
  if (f.q !== undefined) {
    conditions.push(sql`(x.candidate_key = ${f.q} OR x.external_candidate_id = ${f.q}
      OR x.exam_candidate_id IN (SELECT n.id FROM exam_candidates n WHERE n.number = ${f.q}))`);
  }
  if (f.program !== undefined) {
    conditions.push(sql`(x.program_id = ${f.program}::uuid OR ${appliedToSql(runId, 'x', [f.program])})`);
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
  admitted_bins: number[];
  applicant_bins: number[];
}

export const HISTOGRAM_BINS = 30;

/**
 * Per program of the run, as the run read it and in its order: quota, admitted, cutoff (lowest admitted score),
 * applicants with a score and the histograms (one-point bins 0–30, 30 in the last) of the admitted and of the
 * applicants — computed by the run when it finished (run-finish.ts).
 */
export async function programFigures(db: Q, runId: string) {
  const r = await sql<ProgramFiguresRow>`
    SELECT rp.program_id, rp.code, p.name_vi, p.name_en, rp.quota, rp.admitted, rp.cutoff::text AS cutoff, rp.applicants,
      rp.admitted_bins, rp.applicant_bins
    FROM admission_run_programs rp JOIN admission_programs p ON p.id = rp.program_id
    WHERE rp.run_id = ${runId}::uuid
    ORDER BY rp.position`.execute(db);
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
    // In the detail scope in either run (a candidate may be in one run only: the other side is then null).
    sql`(${inDetailSql(detail, runA, 'a')} IS TRUE OR ${inDetailSql(detail, runB, 'b')} IS TRUE)`,
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

/** The programs as the run read them, in its order. */
export async function runPrograms(db: Q, runId: string) {
  const r = await sql<RunProgramRow>`
    SELECT rp.program_id, rp.code, p.name_vi, rp.quota, rp.floor::text AS floor, rp.tie_break, rp.tie_policy
    FROM admission_run_programs rp JOIN admission_programs p ON p.id = rp.program_id
    WHERE rp.run_id = ${runId}::uuid
    ORDER BY rp.position`.execute(db);
  return r.rows;
}

/** Every candidate of the run with the CLI's id, in byte order of that id (the CLI's assignments.csv order). */
export async function assignmentRows(db: Q, runId: string, detail: DetailPrograms) {
  const r = await sql<{ candidate_id: string; program_id: string | null; rank: number | null }>`
    SELECT ${CANDIDATE_ID} AS candidate_id, x.program_id, x.rank FROM admission_run_results x
    WHERE x.run_id = ${runId}::uuid AND ${inDetailSql(detail, runId, 'x')}
    ORDER BY ${CANDIDATE_ID} COLLATE "C"`.execute(db);
  return r.rows;
}

/** The run's applications (preferences with a score), by candidate id in byte order and rank. */
export async function applicationRows(db: Q, runId: string, detail: DetailPrograms) {
  const r = await sql<{ candidate_id: string; rank: number; program_id: string; score: string }>`
    SELECT ${CANDIDATE_ID} AS candidate_id, u.rank, rp.program_id, u.score::text AS score
    FROM admission_run_results x
    CROSS JOIN LATERAL unnest(x.preference_ranks, x.preference_positions, x.preference_scores) AS u(rank, position, score)
    JOIN admission_run_programs rp ON rp.run_id = x.run_id AND rp.position = u.position
    WHERE x.run_id = ${runId}::uuid AND u.score IS NOT NULL AND ${detail === null ? sql`true` : sql`rp.program_id = ANY(${detail}::uuid[])`}
    ORDER BY ${CANDIDATE_ID} COLLATE "C", u.rank`.execute(db);
  return r.rows;
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
  /** The candidate's preferences as the run read them, in rank order. */
  preferences: { rank: number; program_id: string; code: string; name_vi: string; name_en: string }[];
}

/** The exam candidate's outcome in each published season whose published run includes them, with their preferences. */
export async function publishedOutcomes(db: Q, examCandidateId: string) {
  const r = await sql<PublishedOutcomeRow>`
    SELECT s.id AS season_id, s.title_vi, s.title_en, s.year, i.name_vi AS institution_name_vi, i.name_en AS institution_name_en,
      x.run_id, x.program_id, x.rank, x.score::float8 AS score,
      (SELECT coalesce(json_agg(json_build_object('rank', u.rank, 'program_id', rp.program_id, 'code', p.code, 'name_vi', p.name_vi,
          'name_en', p.name_en) ORDER BY u.rank), '[]')
        FROM unnest(x.preference_ranks, x.preference_positions) AS u(rank, position)
        JOIN admission_run_programs rp ON rp.run_id = x.run_id AND rp.position = u.position
        JOIN admission_programs p ON p.id = rp.program_id) AS preferences
    FROM admission_seasons s
    JOIN admission_run_results x ON x.run_id = s.published_run_id AND x.candidate_key = ${examCandidateId}::text
    JOIN institutions i ON i.id = s.institution_id
    WHERE s.published_run_id IS NOT NULL
    ORDER BY s.year DESC, s.title_vi, s.id`.execute(db);
  return r.rows;
}

export function programNames(db: Q, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('admission_programs').select(['id', 'code', 'name_vi', 'name_en']).where('id', 'in', ids).execute();
}
