import type { z } from 'zod';
import type { CandidateMove, CompareQuery, RunCandidate, RunComparison, RunResultsQuery, RunSummary } from '../../../contracts/admissions.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/pagination.ts';
import * as repo from './repository.ts';
import { presentRun, readRun } from './service.ts';
import { type DetailScope, detailScope, inDetail } from './visibility.ts';

// A run's results in detail (issue 13, item 3): its candidates page by page (search, program and outcome filters),
// each program's figures with score histograms, and the comparison of two runs of a season. Candidate-level reads go
// through the caller's detail scope (visibility.ts); the per-program figures are visible to whoever may open the season.

/** A done run the caller may read (every member of its season), with its season and the caller's detail scope in it. */
export async function requireDoneRun(db: AppDeps['db'] | Tx, ctx: RequestContext, id: string) {
  const run = await readRun(db, ctx, id);
  if (run.status !== 'done') throw new AppError('conflict', { messageKey: 'errors.admission_run_not_done' });
  const season = await repo.seasonById(db, run.season_id);
  const scope = await detailScope(db, ctx, season);
  return { run, season, scope };
}

/** The detail scope as the repository's condition: null for every program. */
export const detailPrograms = (scope: DetailScope): repo.DetailPrograms => (scope === 'all' ? null : scope.programIds);

const num = (v: string | null) => (v === null ? null : Number(v));

/** The run's cursor: the last candidate key of the page, with the run it belongs to (a cursor of another run is refused). */
function afterKey(cursor: string | undefined, runId: string) {
  const c = decodeCursor(cursor, { key: 'text' });
  if (c && (c.id !== runId || typeof c.k !== 'string')) throw new AppError('validation_failed', { fields: [{ field: 'cursor', code: 'invalid_format' }] });
  return c?.k as string | undefined;
}

function presentCandidate(scope: DetailScope, r: repo.CandidateResultRow): z.infer<typeof RunCandidate> {
  const shown = r.program_id !== null && inDetail(scope, r.program_id);
  return {
    candidateId: r.exam_candidate_id ?? (r.external_candidate_id as string),
    external: r.exam_candidate_id === null,
    candidateNumber: r.number,
    programId: shown ? r.program_id : null,
    programCode: shown ? r.code : null,
    rank: shown ? r.rank : null,
    score: shown ? num(r.score) : null,
    admittedElsewhere: r.program_id !== null && !shown,
  };
}

export async function runCandidates(deps: AppDeps, ctx: RequestContext, id: string, query: z.infer<typeof RunResultsQuery>) {
  const { run, scope } = await requireDoneRun(deps.db, ctx, id);
  const rows = await repo.runCandidates(deps.db, run.id, {
    detail: detailPrograms(scope),
    q: query.q || undefined,
    program: query.program,
    outcome: query.outcome,
    after: afterKey(query.cursor, run.id),
    limit: query.limit,
  });
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  return {
    items: items.map((r) => presentCandidate(scope, r)),
    nextCursor: more ? encodeCursor(items[items.length - 1].candidate_key, run.id) : null,
  };
}

const figures = (p: repo.ProgramFiguresRow) => ({ quota: p.quota, admitted: p.admitted, cutoff: num(p.cutoff) });

export async function runSummary(deps: AppDeps, ctx: RequestContext, id: string): Promise<z.infer<typeof RunSummary>> {
  const { run, season } = await requireDoneRun(deps.db, ctx, id);
  const programs = await repo.programFigures(deps.db, run.id);
  return {
    run: presentRun(run),
    published: season.published_run_id === run.id,
    programs: programs.map((p) => ({
      programId: p.program_id,
      code: p.code,
      nameVi: p.name_vi,
      nameEn: p.name_en,
      ...figures(p),
      applicants: p.applicants,
      histogram: Array.from({ length: repo.HISTOGRAM_BINS }, (_, i) => ({
        from: i,
        to: i + 1,
        admitted: p.admitted_bins[i] ?? 0,
        applicants: p.applicant_bins[i] ?? 0,
      })),
    })),
  };
}

const placement = (programId: string | null, code: string | null, rank: number | null, score: string | null) =>
  programId === null ? null : { programId, programCode: code as string, rank: rank as number, score: Number(score) };

/** Run A (`id`) against run B (`query.with`) of the same season: per program figures and deltas, and who moved. */
export async function compareRuns(deps: AppDeps, ctx: RequestContext, id: string, query: z.infer<typeof CompareQuery>): Promise<z.infer<typeof RunComparison>> {
  const a = await requireDoneRun(deps.db, ctx, id);
  const b = await requireDoneRun(deps.db, ctx, query.with).catch((err: unknown) => {
    // The other run is a query parameter: not found or not done is about that field.
    if (err instanceof AppError && (err.code === 'not_found' || err.code === 'conflict')) {
      throw new AppError('validation_failed', { fields: [{ field: 'with', code: err.code === 'not_found' ? 'unknown_run' : 'run_not_done' }] });
    }
    throw err;
  });
  if (b.run.season_id !== a.run.season_id) throw new AppError('validation_failed', { fields: [{ field: 'with', code: 'other_season' }] });
  const detail = detailPrograms(a.scope);
  const [fa, fb, rows, moved] = await Promise.all([
    repo.programFigures(deps.db, a.run.id),
    repo.programFigures(deps.db, b.run.id),
    repo.moves(deps.db, a.run.id, b.run.id, { detail, program: query.program, after: afterKey(query.cursor, a.run.id), limit: query.limit }),
    repo.countMoves(deps.db, a.run.id, b.run.id, { detail, program: query.program }),
  ]);
  const programs = [...fa, ...fb.filter((p) => !fa.some((q) => q.program_id === p.program_id))].map((p) => {
    const inA = fa.find((q) => q.program_id === p.program_id);
    const inB = fb.find((q) => q.program_id === p.program_id);
    const none = { quota: null, admitted: null, cutoff: null };
    const A = inA ? figures(inA) : none;
    const B = inB ? figures(inB) : none;
    const minus = (x: number | null, y: number | null) => (x === null || y === null ? null : Math.round((x - y) * 100) / 100);
    return {
      programId: p.program_id,
      code: p.code,
      nameVi: p.name_vi,
      nameEn: p.name_en,
      a: A,
      b: B,
      delta: { quota: minus(B.quota, A.quota), admitted: minus(B.admitted, A.admitted), cutoff: minus(B.cutoff, A.cutoff) },
    };
  });
  const more = rows.length > query.limit;
  const items = more ? rows.slice(0, query.limit) : rows;
  const shown = (programId: string | null) => (programId !== null && inDetail(a.scope, programId) ? programId : null);
  return {
    a: presentRun(a.run),
    b: presentRun(b.run),
    programs,
    moved,
    moves: {
      items: items.map(
        (r): z.infer<typeof CandidateMove> => ({
          candidateId: r.exam_candidate_id ?? (r.external_candidate_id as string),
          external: r.exam_candidate_id === null,
          candidateNumber: r.number,
          from: shown(r.a_program_id) === null ? null : placement(r.a_program_id, r.a_code, r.a_rank, r.a_score),
          to: shown(r.b_program_id) === null ? null : placement(r.b_program_id, r.b_code, r.b_rank, r.b_score),
        }),
      ),
      nextCursor: more ? encodeCursor(items[items.length - 1].candidate_key, a.run.id) : null,
    },
  };
}
