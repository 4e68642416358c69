import {
  basePriority,
  bestProgramScore,
  type Method,
  type PriorityProfile,
  type MatchingInstance,
  NO_SCORE,
  finalScore,
  runMatching,
  type TieCriterion,
  type TiePolicy,
  toHundredths,
} from '../../../engines/admission/index.ts';
import type { RequestContext, Role } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { type GateDeps, sharedScores } from '../exams/service.ts';
import type { AdmissionMethod } from '../../../contracts/admissions.ts';
import * as repo from './repository.ts';
import { finishRunBulk, type RunOutput } from './repository/run-finish.ts';
import { examCandidateOf, readRunInput, readSubjectTotals, type RunColumns } from './repository/run-io.ts';
import { engineTables } from './equivalence-tables.ts';
import { ADMISSION_RUN_QUEUE } from './service.ts';

// A matching run, as a pg-boss job (queue `admission-run`, no retries): claim the run, read the season's programs and
// preferences (one snapshot), read the candidates' exam results under each program's institution's access (in a
// consortium season, every member institution for its own programs' applicants: its own exams directly; another
// organiser's only through the exams module's gate for that institution — its agreement, the candidate's consent to it
// — `sharedScores`, each read logged for the organiser naming that institution), score every
// preference with the engine (best method, floors, final score), match with the engine (deferred acceptance), and
// write the results (with the programs and scored preferences it read, for the exports) in the transaction that marks
// the run done. Reads and writes are bulk (run-io.ts: COPY into typed arrays and back). Between phases the run reports its progress and
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
    equivalence: m.equivalence ?? undefined,
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
    await phase(0.2);
    const { counts, output } = await computeRun(deps, run, season, input, phase);
    const finished = await finishRunBulk(deps.db, runId, counts, input, output, (share) => within(0.8 + 0.15 * share));
    if (!finished) throw new Cancelled();
  } catch (err) {
    if (err instanceof Cancelled) await repo.endRun(deps.db, runId, 'cancelled', null);
    else await repo.endRun(deps.db, runId, 'failed', describe(err));
  } finally {
    clearInterval(beat);
    if (season.status === 'draft') await repo.setSeasonStatus(deps.db, season.id, 'draft').catch(() => {});
  }
}

/**
 * The exam results a run scores with, read under each program's institution's access: per reading institution a
 * matrix `totals[column * n + candidate]` (NaN: no score) — results read for one member never score the candidate at
 * another's program. Its own exams are read directly; another organiser's only through the gate for that institution
 * (`sharedScores`: agreement, consent, applied to it; logged), for its applicants (a preference for one of its programs).
 */
async function readTotals(deps: GateDeps, run: repo.RunRow, input: RunColumns) {
  const { programs, keys } = input;
  const n = keys.length;
  const contexts = new RunContexts(deps, run);
  const examsOf = new Map<string, Awaited<ReturnType<typeof repo.examsFor>>>();
  for (const institution of new Set(programs.map((p) => p.institution_id))) {
    const named = [...new Set(programs.filter((p) => p.institution_id === institution).flatMap((p) => engineMethods(p).flatMap((m) => m.components.map((c) => c.exam))))];
    examsOf.set(institution, await repo.examsFor(deps.db, institution, named));
  }
  const examIds = [...new Set([...examsOf.values()].flat().map((e) => e.id))];
  const subjects = await repo.subjectsOfExams(deps.db, examIds);
  const column = new Map<string, Map<string, number>>(); // exam → subject key → column
  const maxBy = new Map<string, Map<string, number>>(); // exam → subject key → scale maximum
  subjects.forEach((s, i) => {
    if (!column.has(s.exam_id)) column.set(s.exam_id, new Map());
    if (!maxBy.has(s.exam_id)) maxBy.set(s.exam_id, new Map());
    column.get(s.exam_id)!.set(s.key, i);
    maxBy.get(s.exam_id)!.set(s.key, Number(s.max_score));
  });
  const totals = new Map<string, Float64Array>();
  for (const [institution, exams] of examsOf) {
    // Its applicants: candidates with a preference for one of its programs.
    const applicant = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = input.offsets[i]; j < input.offsets[i + 1]; j++) if (programs[input.program[j]].institution_id === institution) applicant[i] = 1;
    }
    const own = new Set(exams.filter((e) => e.institution_id === institution).map((e) => e.id));
    const read = await readSubjectTotals(deps.db, keys, subjects.map((s) => (own.has(s.exam_id) ? s.id : null)));
    totals.set(institution, read);
    const foreign = exams.filter((e) => e.institution_id !== institution);
    if (foreign.length === 0) continue;
    const applicants = keys.flatMap((k, i) => (applicant[i] ? (examCandidateOf(k) ?? []) : []));
    const indexOf = new Map(keys.map((k, i) => [k, i]));
    for (const exam of foreign) {
      const ofExam = (await repo.candidatesOfExam(deps.db, exam.id, applicants)).map((c) => c.id);
      if (ofExam.length === 0) continue; // none of its applicants sat it: nothing to read
      const ctx = await contexts.of(institution);
      for (const r of await sharedScores(deps, ctx, exam.id, ofExam)) {
        const col = column.get(exam.id)?.get(r.subject);
        if (col !== undefined) read[col * n + indexOf.get(r.candidateId)!] = r.total;
      }
    }
  }
  return { totals, column, maxBy };
}

/**
 * Scores, matches and answers what a run writes (phases 0.5, 0.6, 0.8): each candidate's program, rank and score, and
 * each preference's score (hundredths; NO_SCORE: not an application). The demo loader calls it too, inside its
 * transaction (`deps.db` a transaction), for the demo's finished runs.
 */
export async function computeRun(
  deps: GateDeps,
  run: repo.RunRow,
  season: { year: number },
  input: RunColumns,
  phase: (progress: number) => Promise<void> = async () => {},
): Promise<{ counts: { candidates: number; applications: number; matched: number }; output: RunOutput }> {
  const { programs, keys } = input;
  const n = keys.length;
  const { totals, column, maxBy } = await readTotals(deps, run, input);
  await phase(0.5);

  const maxOf = (exam: string, subject: string) => maxBy.get(exam)?.get(subject);
  const methods = programs.map((p) => engineMethods(p));
  const tables = await engineTables(deps.db, run.season_id);
  const { classOf, representatives } = await priorityClasses(deps.db, run.season_id, season.year);
  // The final score depends only on the academic score, the candidate's priority class (base priority and bonus) and
  // the program's threshold setting; finalScore costs microseconds (its decimal rounding) and the same few thousand
  // academic values (sums of 0.25 steps) recur millions of times, so each combination is computed once.
  const finals = Array.from({ length: 2 * representatives.length }, () => new Map<number, number>());
  let cache = finals[0]; // the combination `finalize` answers for (one closure for every call)
  let profile = representatives[0];
  let thresholdIncludesBonus = false;
  const finalize = (academic: number) => {
    let f = cache.get(academic);
    if (f === undefined) {
      f = finalScore(academic, profile, { admissionYear: season.year, thresholdIncludesBonus }).final;
      cache.set(academic, f);
    }
    return f;
  };
  let read: Float64Array | undefined; // the reading institution's totals `scoreOfSubject` reads
  let candidate = 0; // the candidate whose totals `scoreOfSubject` reads (one closure for every call)
  const scoreOfSubject = (exam: string, subject: string) => {
    const col = column.get(exam)?.get(subject);
    const v = col === undefined || read === undefined ? Number.NaN : read[col * n + candidate];
    return Number.isNaN(v) ? undefined : v;
  };
  // Each preference's score as the run uses it, kept with the results for the exports.
  const preferenceScore = new Int32Array(input.program.length).fill(NO_SCORE);
  const prepared = prepareRun(input, (i, program, preference) => {
    let s: number | undefined;
    if (examCandidateOf(keys[i]) === null) {
      const x = input.externalScore[preference];
      s = Number.isNaN(x) ? undefined : x;
    } else {
      candidate = i;
      const p = programs[program];
      read = totals.get(p.institution_id);
      // Class 0: no points (no profile, or a program without priority points).
      const c = p.priority_points ? (classOf.get(keys[i]) ?? 0) : 0;
      profile = representatives[c];
      thresholdIncludesBonus = p.threshold_includes_bonus;
      cache = finals[2 * c + (thresholdIncludesBonus ? 1 : 0)];
      s = bestProgramScore(methods[program], maxOf, scoreOfSubject, finalize, { tables, floorBasis: p.floor_basis })?.score;
    }
    if (s !== undefined) preferenceScore[preference] = toHundredths(s);
    return s;
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
  return {
    counts: { candidates: n, applications: prepared.applications, matched },
    output: { program: assigned, rank, scoreHundredths: score, preferenceScore },
  };
}

/**
 * The season's candidates by priority class: finalScore depends on a profile only through its base priority (region
 * points, when still valid in the season's year, and the highest group) and its bonus points, so candidates with the
 * same two share a class, answered by one representative profile. Class 0 is no points (the empty profile); candidates
 * without a profile are in it.
 */
export async function priorityClasses(db: GateDeps['db'], seasonId: string, year: number) {
  const representatives: PriorityProfile[] = [{}];
  const classes = new Map<string, number>([['0|0', 0]]);
  const classOf = new Map<string, number>();
  for (const r of await repo.profilesOf(db, seasonId)) {
    const profile: PriorityProfile = {
      region: (r.region ?? undefined) as PriorityProfile['region'],
      groups: r.priority_groups,
      graduationYear: r.graduation_year ?? undefined,
      bonus: r.bonus,
    };
    const key = `${basePriority(profile, year)}|${r.bonus}`;
    let c = classes.get(key);
    if (c === undefined) {
      c = representatives.length;
      representatives.push(profile);
      classes.set(key, c);
    }
    if (c !== 0) classOf.set(r.candidate_key, c);
  }
  return { classOf, representatives };
}

function describe(err: unknown): string {
  if (err instanceof AppError) return `${err.code}${err.options.messageKey ? ` (${err.options.messageKey})` : ''}`;
  return err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500);
}

/**
 * The contexts a run reads shared results in, one per reading institution. The starter's own institution reads as the
 * starter's account is now (its roles decide; a disabled account reads nothing). Another member institution of a
 * consortium season reads as itself — an admissions reader of that institution acting for the run, named in the
 * organiser's access log by the run and its starter — within what the gate opens to that institution.
 */
class RunContexts {
  #starter: Promise<Awaited<ReturnType<typeof repo.starter>>> | undefined;
  constructor(
    private deps: GateDeps,
    private run: repo.RunRow,
  ) {}

  async of(institutionId: string): Promise<RequestContext> {
    this.#starter ??= this.run.started_by ? repo.starter(this.deps.db, this.run.started_by) : Promise.resolve(undefined);
    const user = await this.#starter;
    if (this.run.started_by && user?.status !== 'active') throw new AppError('forbidden');
    const base = { requestId: `admission-run:${this.run.id}`, ip: '127.0.0.1' };
    if (user && user.institution_id === institutionId) {
      return { ...base, lang: user.language, actor: { kind: 'user', userId: user.id, tokenId: null, institutionId, roles: user.roles as Role[], scopes: null, label: user.email } };
    }
    const label = `admission-run:${this.run.id} (${this.run.started_by_label})`;
    return { ...base, lang: 'vi', actor: { kind: 'user', userId: null, tokenId: null, institutionId, roles: ['admissions_officer'], scopes: null, label } };
  }
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
