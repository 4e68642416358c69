import {
  bestProgramScore,
  type Method,
  type MatchingInstance,
  NO_SCORE,
  finalScore,
  runMatching,
  type TieCriterion,
  type TiePolicy,
  toHundredths,
} from '../../../engines/admission/index.ts';
import type { Role } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { sharedScores } from '../exams/service.ts';
import type { AdmissionMethod } from '../../../contracts/admissions.ts';
import * as repo from './repository.ts';
import { examCandidateOf, finishRunBulk, readRunInput, readSubjectTotals, type RunColumns } from './run-io.ts';
import { ADMISSION_RUN_QUEUE } from './service.ts';

// A matching run, as a pg-boss job (queue `admission-run`, no retries): claim the run, read the season's programs and
// preferences (one snapshot), read the candidates' exam results (the institution's own exams directly; another
// organiser's only through the exams module's gate and the candidates' consent, `sharedScores`), score every
// preference with the engine (best method, floors, final score), match with the engine (deferred acceptance), and
// write the results in the transaction that marks the run done. Between phases the run reports its progress and
// stops when a cancel was asked for; a failure or cancel writes no result, so earlier runs' results stay as they are.

/** Seconds between heartbeats of a running run; a run silent for HEARTBEAT_STALE_SECONDS is taken as dead. */
export const HEARTBEAT_SECONDS = 5;
export const HEARTBEAT_STALE_SECONDS = 60;

class Cancelled extends Error {}

/** The run's input as the engine takes it, and the keys to map its answer back. */
export interface PreparedRun {
  instance: MatchingInstance;
  applications: number;
}

type ProgramRow = RunColumns['programs'][number];

/** Engine methods of a program: exams by id. */
export function engineMethods(program: ProgramRow): Method[] {
  return (program.methods as AdmissionMethod[]).map((m) => ({
    programId: program.id,
    methodId: m.methodId,
    components: m.components.map((c) => ({ exam: c.examId, subject: c.subject, weight: c.weight })),
    floor: m.floor ?? undefined,
  }));
}

/**
 * Builds the engine's instance: candidates in the order of their key (as the CLI orders candidate ids), each one's
 * preferences in rank order; a preference is an application when `scoreOf` gives the candidate a score for the
 * program (an exam candidate: the best method with all its components and above its floor; an external candidate:
 * the given score).
 */
export function prepareRun(input: RunColumns, scoreOf: (candidate: number, program: number, preference: number) => number | undefined): PreparedRun {
  const { programs } = input;
  const n = input.keys.length;
  const offsets = new Int32Array(n + 1);
  const program = new Int32Array(input.program.length);
  const score = new Int32Array(input.program.length);
  const rank = new Int32Array(input.program.length);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let j = input.offsets[i]; j < input.offsets[i + 1]; j++) {
      const s = scoreOf(i, input.program[j], j);
      if (s === undefined) continue;
      program[at] = input.program[j];
      score[at] = toHundredths(s);
      rank[at] = input.rank[j];
      at++;
    }
    offsets[i + 1] = at;
  }
  const instance: MatchingInstance = {
    candidateCount: n,
    programCount: programs.length,
    offsets,
    program: program.subarray(0, at),
    score: score.subarray(0, at),
    rank: rank.subarray(0, at),
    quota: Int32Array.from(programs.map((p) => p.quota)),
    floor: Int32Array.from(programs.map((p) => (p.floor === null ? NO_SCORE : toHundredths(Number(p.floor))))),
    tieBreak: programs.map((p) => p.tie_break as TieCriterion[]),
    tiePolicy: programs.map((p) => p.tie_policy as TiePolicy),
  };
  return { instance, applications: at };
}

/**
 * Runs one admission run to its end (done, failed or cancelled). Safe to call for a run that is no longer queued.
 * `afterPhase` is called after each phase's progress is recorded (tests cancel a run in the middle with it).
 */
export async function executeRun(deps: AppDeps, runId: string, options: { afterPhase?: (progress: number) => Promise<void> } = {}): Promise<void> {
  if (!(await repo.claimRun(deps.db, runId))) return;
  const run = (await repo.runById(deps.db, runId))!;
  const season = await repo.seasonById(deps.db, run.season_id);
  if (season.status === 'draft') await repo.setSeasonStatus(deps.db, season.id, 'running');
  const beat = setInterval(() => void repo.heartbeat(deps.db, runId).catch(() => {}), HEARTBEAT_SECONDS * 1000);
  const phase = async (progress: number) => {
    if (await repo.reportProgress(deps.db, runId, progress)) throw new Cancelled();
    await options.afterPhase?.(progress);
  };
  // Progress inside a phase (reading, writing): recorded, and a cancel asked for stops the run; `afterPhase` is not called.
  const within = async (progress: number) => {
    if (await repo.reportProgress(deps.db, runId, progress)) throw new Cancelled();
  };
  try {
    await phase(0.05);
    const input = await readRunInput(deps.db, season.id, (share) => within(0.05 + 0.15 * share));
    const { programs, keys } = input;
    const n = keys.length;
    await phase(0.2);

    // Exam results: per exam named by a method, the subject totals of the season's exam candidates, as a matrix
    // (subject column × candidate). The institution's own exams directly; another organiser's only through the exams
    // module's gate and the candidates' consent (`sharedScores`).
    const examIds = [...new Set(programs.flatMap((p) => engineMethods(p).flatMap((m) => m.components.map((c) => c.exam))))];
    const exams = await repo.examsFor(deps.db, season.institution_id, examIds);
    const subjects = await repo.subjectsOfExams(deps.db, exams.map((e) => e.id));
    const column = new Map<string, Map<string, number>>(); // exam → subject key → column
    const maxBy = new Map<string, Map<string, number>>(); // exam → subject key → scale maximum
    subjects.forEach((s, i) => {
      if (!column.has(s.exam_id)) column.set(s.exam_id, new Map());
      if (!maxBy.has(s.exam_id)) maxBy.set(s.exam_id, new Map());
      column.get(s.exam_id)!.set(s.key, i);
      maxBy.get(s.exam_id)!.set(s.key, Number(s.max_score));
    });
    const own = new Set(exams.filter((e) => e.institution_id === season.institution_id).map((e) => e.id));
    const totals = await readSubjectTotals(deps.db, keys, subjects.map((s) => (own.has(s.exam_id) ? s.id : null)));
    const foreign = exams.filter((e) => e.institution_id !== season.institution_id);
    if (foreign.length > 0) {
      const ctx = await starterContext(deps, run);
      const candidateIds = keys.flatMap((k) => examCandidateOf(k) ?? []);
      const indexOf = new Map(keys.map((k, i) => [k, i]));
      for (const exam of foreign) {
        const ofExam = (await repo.candidatesOfExam(deps.db, exam.id, candidateIds)).map((c) => c.id);
        for (const r of await sharedScores(deps, ctx, exam.id, ofExam)) {
          const col = column.get(exam.id)?.get(r.subject);
          if (col !== undefined) totals[col * n + indexOf.get(r.candidateId)!] = r.total;
        }
      }
    }
    await phase(0.5);

    const maxOf = (exam: string, subject: string) => maxBy.get(exam)?.get(subject);
    const methods = programs.map((p) => engineMethods(p));
    // The final score depends only on the academic score here (no priority profile): the same few thousand values
    // (sums of 0.25 steps) recur millions of times, so each is computed once.
    const finals = new Map<number, number>();
    const finalize = (academic: number) => {
      const known = finals.get(academic);
      if (known !== undefined) return known;
      const f = finalScore(academic, {}, { admissionYear: season.year }).final;
      finals.set(academic, f);
      return f;
    };
    let candidate = 0; // the candidate whose totals `scoreOfSubject` reads (one closure for every call)
    const scoreOfSubject = (exam: string, subject: string) => {
      const col = column.get(exam)?.get(subject);
      const v = col === undefined ? Number.NaN : totals[col * n + candidate];
      return Number.isNaN(v) ? undefined : v;
    };
    const prepared = prepareRun(input, (i, program, preference) => {
      if (examCandidateOf(keys[i]) === null) {
        const s = input.externalScore[preference];
        return Number.isNaN(s) ? undefined : s;
      }
      candidate = i;
      return bestProgramScore(methods[program], maxOf, scoreOfSubject, finalize)?.score;
    });
    await phase(0.6);

    const result = runMatching(prepared.instance);
    await phase(0.8);

    const { instance } = prepared;
    const assigned = new Int32Array(n);
    const rank = new Int32Array(n);
    const score = new Int32Array(n);
    let matched = 0;
    for (let i = 0; i < n; i++) {
      const app = result.assignedApp[i];
      assigned[i] = app >= 0 ? instance.program[app] : -1;
      rank[i] = app >= 0 ? instance.rank![app] : 0;
      score[i] = app >= 0 ? instance.score[app] : 0;
      if (app >= 0) matched++;
    }
    const finished = await finishRunBulk(
      deps.db,
      runId,
      { candidates: n, applications: prepared.applications, matched },
      { keys, programIds: programs.map((p) => p.id), program: assigned, rank, scoreHundredths: score },
      (share) => within(0.8 + 0.15 * share),
    );
    if (!finished) throw new Cancelled();
  } catch (err) {
    if (err instanceof Cancelled) await repo.endRun(deps.db, runId, 'cancelled', null);
    else await repo.endRun(deps.db, runId, 'failed', describe(err));
  } finally {
    clearInterval(beat);
    if (season.status === 'draft') await repo.setSeasonStatus(deps.db, season.id, 'draft').catch(() => {});
  }
}

function describe(err: unknown): string {
  if (err instanceof AppError) return `${err.code}${err.options.messageKey ? ` (${err.options.messageKey})` : ''}`;
  return err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
}

/** The context a run reads shared results in: its starter's account as it is now (disabled: no reading). */
async function starterContext(deps: AppDeps, run: repo.RunRow) {
  const user = run.started_by ? await repo.starter(deps.db, run.started_by) : undefined;
  if (user?.status !== 'active') throw new AppError('forbidden');
  return {
    actor: { kind: 'user' as const, userId: user.id, tokenId: null, institutionId: user.institution_id, roles: user.roles as Role[], scopes: null, label: user.email },
    lang: user.language,
    requestId: `admission-run:${run.id}`,
    ip: '127.0.0.1',
  };
}

/** Marks runs whose process died as failed (at start-up and every minute), so their seasons can be run again. */
export async function failAbandonedRuns(deps: AppDeps) {
  const ended = await repo.failAbandonedRuns(deps.db, HEARTBEAT_STALE_SECONDS, ADMISSION_RUN_QUEUE, 'the process running it ended');
  for (const r of ended) {
    const season = await repo.seasonById(deps.db, r.season_id);
    if (season.status === 'running') await repo.setSeasonStatus(deps.db, season.id, 'draft');
  }
  return ended.length;
}

/** The job handler and the sweep, for runtime.ts. */
export const admissionRunHandler = (deps: AppDeps) => ({
  queue: ADMISSION_RUN_QUEUE,
  run: (data: Record<string, unknown>) => executeRun(deps, String(data.runId)),
});
