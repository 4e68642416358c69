import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { NO_SCORE } from '../../../../engines/admission/index.ts';
import { type Db, poolOf, type Tx } from '../../../platform/db.ts';
import { copyText, uuidLiteral, withClient } from './copy.ts';
import { examCandidateOf, externalIdOf, type RunColumns } from './run-io.ts';

// What a finished run writes, in the transaction that marks it done: its results, the programs as it read them and
// each preference with its score, by COPY … FROM STDIN (copy.ts); given a transaction (the demo loader), the same rows
// through it as ordinary statements.

/** What a run answers, per candidate of its input (program index or -1, rank, score in hundredths) and per preference (its score in hundredths; NO_SCORE: not an application). */
export interface RunOutput {
  program: Int32Array;
  rank: Int32Array;
  scoreHundredths: Int32Array;
  preferenceScore: Int32Array;
}

const hundredths = (v: number) => (v / 100).toFixed(2);
const HISTOGRAM_BINS = 30;

/** Per program of the run (by its index in the input's programs): what its summary shows, computed from the output. */
export interface ProgramFigures {
  admitted: number;
  /** The lowest admitted score in hundredths, or null when nobody was admitted. */
  cutoff: number | null;
  /** Applicants with a score (preferences the run could score). */
  applicants: number;
  /** Histograms in one-point bins of the 30-point scale (a score of 30 falls in the last). */
  admittedBins: number[];
  applicantBins: number[];
}

const binOf = (h: number) => Math.min(Math.floor(h / 100), HISTOGRAM_BINS - 1);

export function programFiguresOf(input: RunColumns, output: RunOutput): ProgramFigures[] {
  const figures = input.programs.map(() => ({
    admitted: 0,
    cutoff: null as number | null,
    applicants: 0,
    admittedBins: new Array<number>(HISTOGRAM_BINS).fill(0),
    applicantBins: new Array<number>(HISTOGRAM_BINS).fill(0),
  }));
  for (let i = 0; i < input.keys.length; i++) {
    const p = output.program[i];
    if (p < 0) continue;
    const f = figures[p];
    const h = output.scoreHundredths[i];
    f.admitted++;
    if (f.cutoff === null || h < f.cutoff) f.cutoff = h;
    if (h >= 0) f.admittedBins[binOf(h)]++;
  }
  for (let j = 0; j < input.program.length; j++) {
    const h = output.preferenceScore[j];
    if (h === NO_SCORE) continue;
    const f = figures[input.program[j]];
    f.applicants++;
    if (h >= 0) f.applicantBins[binOf(h)]++;
  }
  return figures;
}

/** A candidate's preferences as the result row keeps them: ranks, program positions and scores (null: none), in rank order. */
function preferencesOf(input: RunColumns, output: RunOutput, i: number) {
  const ranks: number[] = [];
  const positions: number[] = [];
  const scores: (string | null)[] = [];
  for (let j = input.offsets[i]; j < input.offsets[i + 1]; j++) {
    ranks.push(input.rank[j]);
    positions.push(input.program[j]);
    const s = output.preferenceScore[j];
    scores.push(s === NO_SCORE ? null : hundredths(s));
  }
  return { ranks, positions, scores };
}

/** The rows a finished run keeps, as text lines of COPY: one per candidate, with its preferences as arrays. */
function* resultLines(runId: string, input: RunColumns, output: RunOutput) {
  const { keys, programs } = input;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const exam = examCandidateOf(key);
    const p = output.program[i];
    const { ranks, positions, scores } = preferencesOf(input, output, i);
    yield `${runId}\t${copyText(key)}\t${exam ?? '\\N'}\t${exam === null ? copyText(key.slice(4)) : '\\N'}\t` +
      (p < 0 ? '\\N\t\\N\t\\N\t' : `${programs[p].id}\t${output.rank[i]}\t${hundredths(output.scoreHundredths[i])}\t`) +
      `{${ranks.join(',')}}\t{${positions.join(',')}}\t{${scores.map((s) => s ?? 'NULL').join(',')}}\n`;
  }
}

/** The programs as the run read them, with their figures, as one JSON parameter (few rows: one statement). */
function programsJson(input: RunColumns, output: RunOutput) {
  const figures = programFiguresOf(input, output);
  return JSON.stringify(
    input.programs.map((p, i) => ({
      id: p.id,
      code: p.code,
      quota: p.quota,
      floor: p.floor,
      tie_break: p.tie_break,
      tie_policy: p.tie_policy,
      admitted: figures[i].admitted,
      cutoff: figures[i].cutoff === null ? null : hundredths(figures[i].cutoff as number),
      applicants: figures[i].applicants,
      admitted_bins: figures[i].admittedBins,
      applicant_bins: figures[i].applicantBins,
    })),
  );
}

/** The statement that keeps the run's programs as it read them, with their figures. */
const insertPrograms = (runId: string, input: RunColumns, output: RunOutput) => sql`
  INSERT INTO admission_run_programs (run_id, program_id, position, code, quota, floor, tie_break, tie_policy,
    admitted, cutoff, applicants, admitted_bins, applicant_bins)
  SELECT ${runId}::uuid, (e.v->>'id')::uuid, e.position - 1, e.v->>'code', (e.v->>'quota')::int, (e.v->>'floor')::numeric,
    ARRAY(SELECT jsonb_array_elements_text(e.v->'tie_break')), e.v->>'tie_policy', (e.v->>'admitted')::int,
    (e.v->>'cutoff')::numeric, (e.v->>'applicants')::int, ARRAY(SELECT jsonb_array_elements_text(e.v->'admitted_bins')::int),
    ARRAY(SELECT jsonb_array_elements_text(e.v->'applicant_bins')::int)
  FROM jsonb_array_elements(${programsJson(input, output)}::jsonb) WITH ORDINALITY AS e(v, position)`;

const RESULT_COLUMNS =
  'admission_run_results (run_id, candidate_key, exam_candidate_id, external_candidate_id, program_id, rank, score, preference_ranks, preference_positions, preference_scores)';

/**
 * Writes the results (each candidate's preferences with their scores on its row), the programs as the run read them
 * with their figures, and marks the run done, in one transaction; false (nothing written) when the run is no longer
 * running or a cancel was asked for. `onProgress` gets the share of rows sent.
 *
 * The run's row is locked only at the end, after the rows are sent: while they are, progress and heartbeats (written
 * on other connections) still reach the row and a cancel can still be asked for, and is then honoured (rolled back).
 */
export function finishRunBulk(
  db: Db | Tx,
  runId: string,
  counts: { candidates: number; applications: number; matched: number },
  input: RunColumns,
  output: RunOutput,
  onProgress?: (share: number) => Promise<void>,
): Promise<boolean> {
  uuidLiteral(runId);
  if (!poolOf(db)) return finishRunIn(db as Tx, runId, counts, input, output);
  return withClient(db as Db, async (client) => {
    const mayFinish = async (lock: boolean) => {
      const r = await client.query<{ status: string; cancel_requested: boolean }>(
        `SELECT status, cancel_requested FROM admission_runs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
        [runId],
      );
      return r.rows[0]?.status === 'running' && !r.rows[0].cancel_requested;
    };
    if (!(await mayFinish(false))) return false;
    await client.query('BEGIN');
    const total = input.keys.length;
    let sent = 0;
    let flushes = 0;
    const stream = client.query(copyFrom(`COPY ${RESULT_COLUMNS} FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    done.catch(() => {}); // awaited below; a stream given up half-way (a cancel) must not reject unheard
    let text = '';
    for (const line of resultLines(runId, input, output)) {
      text += line;
      sent++;
      if (text.length >= 1 << 20) {
        if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
        text = '';
        if (onProgress && ++flushes % 16 === 0) await onProgress(sent / total);
      }
    }
    if (text) stream.write(text);
    stream.end();
    await done;
    if (input.programs.length > 0) {
      const q = insertPrograms(runId, input, output).compile(db as Db);
      await client.query(q.sql, q.parameters as unknown[]);
    }
    if (!(await mayFinish(true))) {
      await client.query('ROLLBACK');
      return false;
    }
    await client.query(
      `UPDATE admission_runs SET status = 'done', progress = 1, finished_at = now(), updated_at = now(),
         candidates = $2, applications = $3, matched = $4 WHERE id = $1`,
      [runId, counts.candidates, counts.applications, counts.matched],
    );
    await client.query('COMMIT');
    return true;
  });
}

/** finishRunBulk inside a transaction: the same rows through it. */
async function finishRunIn(
  tx: Tx,
  runId: string,
  counts: { candidates: number; applications: number; matched: number },
  input: RunColumns,
  output: RunOutput,
) {
  const run = await tx.selectFrom('admission_runs').select(['status', 'cancel_requested']).where('id', '=', runId).forUpdate().executeTakeFirst();
  if (run?.status !== 'running' || run.cancel_requested) return false;
  const { keys, programs } = input;
  const results = keys.map((key, i) => {
    const p = output.program[i];
    const preferences = preferencesOf(input, output, i);
    return {
      run_id: runId,
      candidate_key: key,
      exam_candidate_id: examCandidateOf(key),
      external_candidate_id: externalIdOf(key),
      program_id: p < 0 ? null : programs[p].id,
      rank: p < 0 ? null : output.rank[i],
      score: p < 0 ? null : output.scoreHundredths[i] / 100,
      preference_ranks: preferences.ranks,
      preference_positions: preferences.positions,
      preference_scores: sql<number[]>`${preferences.scores}::numeric[]`, // null elements: no score
    };
  });
  for (let i = 0; i < results.length; i += 2000) await tx.insertInto('admission_run_results').values(results.slice(i, i + 2000)).execute();
  if (programs.length > 0) await insertPrograms(runId, input, output).execute(tx);
  await tx
    .updateTable('admission_runs')
    .set({ status: 'done', progress: 1, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, ...counts })
    .where('id', '=', runId)
    .execute();
  return true;
}
