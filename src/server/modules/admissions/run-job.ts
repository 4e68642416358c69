import {
  bestProgramScore,
  type Method,
  type MatchingInstance,
  NO_SCORE,
  finalScore,
  fromHundredths,
  runMatching,
  type TieCriterion,
  type TiePolicy,
  toHundredths,
} from '../../../engines/admission/index.ts';
import type { RequestContext, Role } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { type GateDeps, sharedScores } from '../exams/service.ts';
import type { AdmissionMethod } from '../../../contracts/admissions.ts';
import * as repo from './repository.ts';
import { ADMISSION_RUN_QUEUE } from './service.ts';

// A matching run, as a pg-boss job (queue `admission-run`, no retries): claim the run, read the season's programs and
// preferences (one snapshot), read the candidates' exam results under each program's institution's access (in a
// consortium season, every member institution for its own programs' applicants: its own exams directly; another
// organiser's only through the exams module's gate for that institution — its agreement, the candidate's consent to it
// — `sharedScores`, each read logged for the organiser naming that institution), score every
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
  candidates: { key: string; examCandidateId: string | null; externalId: string | null }[];
  /** Per application (CSR order): the program's id, and its score in hundredths. */
  programIds: string[];
  applications: number;
}

type Preference = Awaited<ReturnType<typeof repo.preferencesOf>>[number];
type ProgramRow = Awaited<ReturnType<typeof repo.programsOf>>[number];

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
 * Builds the engine's instance: candidates in the CLI's order of their ids (`compareUtf8`), each one's
 * preferences in rank order; a preference is an application when the candidate has a score for the program (an exam
 * candidate: the best method with all its components and above its floor; an external candidate: the given score).
 */
export function prepareRun(
  programs: ProgramRow[],
  preferences: Preference[],
  scoreOf: (p: Preference, program: ProgramRow) => number | undefined,
): PreparedRun {
  const programIndex = new Map(programs.map((p, i) => [p.id, i]));
  const byCandidate = new Map<string, Preference[]>();
  for (const p of preferences) {
    const list = byCandidate.get(p.candidate_key);
    if (list) list.push(p);
    else byCandidate.set(p.candidate_key, [p]);
  }
  // In the CLI's order (its candidate_id column: the exam candidate's id or the external id, by UTF-8 bytes): the
  // engine breaks residual ties by candidate order, so the run and the CLI on its exported input agree.
  const cliId = (key: string) => {
    const first = byCandidate.get(key)![0];
    return first.exam_candidate_id ?? (first.external_candidate_id as string);
  };
  const keys = [...byCandidate.keys()].map((key) => ({ key, id: cliId(key) })).sort((a, b) => compareUtf8(a.id, b.id)).map((c) => c.key);
  const offsets = new Int32Array(keys.length + 1);
  const program: number[] = [];
  const score: number[] = [];
  const rank: number[] = [];
  const programIds: string[] = [];
  const candidates: PreparedRun['candidates'] = [];
  keys.forEach((key, i) => {
    const prefs = byCandidate.get(key)!.sort((a, b) => a.rank - b.rank);
    candidates.push({ key, examCandidateId: prefs[0].exam_candidate_id, externalId: prefs[0].external_candidate_id });
    for (const p of prefs) {
      const at = programIndex.get(p.program_id)!;
      const s = scoreOf(p, programs[at]);
      if (s === undefined) continue;
      program.push(at);
      score.push(toHundredths(s));
      rank.push(p.rank);
      programIds.push(p.program_id);
    }
    offsets[i + 1] = program.length;
  });
  const instance: MatchingInstance = {
    candidateCount: keys.length,
    programCount: programs.length,
    offsets,
    program: Int32Array.from(program),
    score: Int32Array.from(score),
    rank: Int32Array.from(rank),
    quota: Int32Array.from(programs.map((p) => p.quota)),
    floor: Int32Array.from(programs.map((p) => (p.floor === null ? NO_SCORE : toHundredths(Number(p.floor))))),
    tieBreak: programs.map((p) => p.tie_break as TieCriterion[]),
    tiePolicy: programs.map((p) => p.tie_policy as TiePolicy),
  };
  return { instance, candidates, programIds, applications: program.length };
}

/** Compares strings as their UTF-8 bytes (code point order): UTF-16 order differs only where one has a surrogate. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF: they sort after U+E000–U+FFFF.
    const fx = x >= 0xd800 ? (x >= 0xe000 ? x - 0x800 : x + 0x2000) : x;
    const fy = y >= 0xd800 ? (y >= 0xe000 ? y - 0x800 : y + 0x2000) : y;
    return fx - fy;
  }
  return a.length - b.length;
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
  try {
    await phase(0.05);
    const { programs, preferences } = await repo.runInput(deps.db, season.id);
    await phase(0.2);
    const { counts, rows, input } = await computeRun(deps, run, season, programs, preferences, phase);
    const finished = await inTransaction(deps.db, (tx) => repo.finishRun(tx, runId, counts, rows, input));
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
 * The exam results a run scores with, read under each program's institution's access (a candidate's totals are kept
 * per reading institution: results read for one member never score the candidate at another's program).
 * totals: institution → (candidate|exam|subject → total).
 */
async function readTotals(deps: GateDeps, run: repo.RunRow, programs: ProgramRow[], preferences: Preference[]) {
  const totals = new Map<string, Map<string, number>>();
  const examIds = new Set<string>();
  const contexts = new RunContexts(deps, run);
  for (const institution of new Set(programs.map((p) => p.institution_id))) {
    const mine = programs.filter((p) => p.institution_id === institution);
    const programIds = new Set(mine.map((p) => p.id));
    const named = [...new Set(mine.flatMap((p) => engineMethods(p).flatMap((m) => m.components.map((c) => c.exam))))];
    // Its applicants: exam candidates with a preference for one of its programs.
    const applicants = [...new Set(preferences.flatMap((p) => (p.exam_candidate_id && programIds.has(p.program_id) ? [p.exam_candidate_id] : [])))];
    if (applicants.length === 0) continue;
    const read = new Map<string, number>();
    totals.set(institution, read);
    const exams = await repo.examsFor(deps.db, institution, named);
    for (const e of exams) examIds.add(e.id);
    const own = exams.filter((e) => e.institution_id === institution).map((e) => e.id);
    for (const r of await repo.subjectTotals(deps.db, applicants, own)) read.set(`${r.candidate_id}|${r.exam_id}|${r.key}`, Number(r.total));
    for (const exam of exams.filter((e) => e.institution_id !== institution)) {
      const ofExam = (await repo.candidatesOfExam(deps.db, exam.id, applicants)).map((c) => c.id);
      if (ofExam.length === 0) continue; // none of its applicants sat it: nothing to read
      const ctx = await contexts.of(institution);
      for (const r of await sharedScores(deps, ctx, exam.id, ofExam)) read.set(`${r.candidateId}|${exam.id}|${r.subject}`, r.total);
    }
  }
  return { totals, subjects: await repo.subjectsOfExams(deps.db, [...examIds]) };
}

/**
 * Scores, matches and answers the rows a run writes (phases 0.5, 0.6, 0.8). The demo loader calls it too, inside its
 * transaction (`deps.db` a transaction), for the demo's finished runs.
 */
export async function computeRun(
  deps: GateDeps,
  run: repo.RunRow,
  season: { year: number },
  programs: ProgramRow[],
  preferences: Preference[],
  phase: (progress: number) => Promise<void> = async () => {},
) {
  const { totals, subjects } = await readTotals(deps, run, programs, preferences);
  await phase(0.5);

  const maxOf = (exam: string, subject: string) => {
    const s = subjects.find((x) => x.exam_id === exam && x.key === subject);
    return s ? Number(s.max_score) : undefined;
  };
  const methods = new Map(programs.map((p) => [p.id, engineMethods(p)]));
  const finalize = (academic: number) => finalScore(academic, {}, { admissionYear: season.year }).final;
  // Each preference's score as the run uses it (hundredths), kept with the results for the exports.
  const scores = new Map<Preference, number | undefined>();
  const prepared = prepareRun(programs, preferences, (p, program) => {
    let s: number | undefined;
    if (p.exam_candidate_id === null) s = p.external_score === null ? undefined : Number(p.external_score);
    else {
      const read = totals.get(program.institution_id);
      const id = p.exam_candidate_id;
      s = bestProgramScore(methods.get(program.id)!, maxOf, (exam, subject) => read?.get(`${id}|${exam}|${subject}`), finalize)?.score;
    }
    scores.set(p, s === undefined ? undefined : fromHundredths(toHundredths(s)));
    return s;
  });
  await phase(0.6);

  const result = runMatching(prepared.instance);
  await phase(0.8);

  const rows = prepared.candidates.map((c, i) => {
    const app = result.assignedApp[i];
    return {
      candidate_key: c.key,
      exam_candidate_id: c.examCandidateId,
      external_candidate_id: c.externalId,
      program_id: app >= 0 ? prepared.programIds[app] : null,
      rank: app >= 0 ? prepared.instance.rank![app] : null,
      score: app >= 0 ? fromHundredths(prepared.instance.score[app]) : null,
    };
  });
  const matched = rows.filter((r) => r.program_id !== null).length;
  const input = {
    programs: programs.map((p) => ({ ...p, floor: p.floor === null ? null : Number(p.floor) })),
    applications: preferences.map((p) => ({ candidate_key: p.candidate_key, rank: p.rank, program_id: p.program_id, score: scores.get(p) ?? null })),
  };
  return { counts: { candidates: prepared.candidates.length, applications: prepared.applications, matched }, rows, input };
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
