import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { NO_SCORE } from '../../../../engines/admission/index.ts';
import { type Db, poolOf, type Tx } from '../../../platform/db.ts';
import { insertRunInput } from '../repository.ts';
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

/** The rows a finished run keeps, as text lines of COPY: results, then each preference with its score. */
function* resultLines(runId: string, input: RunColumns, output: RunOutput) {
  const { keys, programs } = input;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const exam = examCandidateOf(key);
    const p = output.program[i];
    yield `${runId}\t${copyText(key)}\t${exam ?? '\\N'}\t${exam === null ? copyText(key.slice(4)) : '\\N'}\t` +
      (p < 0 ? '\\N\t\\N\t\\N\n' : `${programs[p].id}\t${output.rank[i]}\t${hundredths(output.scoreHundredths[i])}\n`);
  }
}
function* applicationLines(runId: string, input: RunColumns, output: RunOutput) {
  const { keys, programs } = input;
  for (let i = 0; i < keys.length; i++) {
    const key = copyText(keys[i]);
    for (let j = input.offsets[i]; j < input.offsets[i + 1]; j++) {
      const s = output.preferenceScore[j];
      yield `${runId}\t${key}\t${input.rank[j]}\t${programs[input.program[j]].id}\t${s === NO_SCORE ? '\\N' : hundredths(s)}\n`;
    }
  }
}

/**
 * Writes the results, the programs as the run read them and each preference's score, and marks the run done, in one
 * transaction; false (nothing written) when the run is no longer running or a cancel was asked for. `onProgress` gets
 * the share of rows sent.
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
    const total = input.keys.length + input.program.length;
    let sent = 0;
    let flushes = 0;
    const copy = async (into: string, lines: Iterable<string>) => {
      const stream = client.query(copyFrom(`COPY ${into} FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      done.catch(() => {}); // awaited below; a stream given up half-way (a cancel) must not reject unheard
      let text = '';
      for (const line of lines) {
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
    };
    await copy('admission_run_results (run_id, candidate_key, exam_candidate_id, external_candidate_id, program_id, rank, score)', resultLines(runId, input, output));
    await copy('admission_run_applications (run_id, candidate_key, rank, program_id, score)', applicationLines(runId, input, output));
    const programs = input.programs;
    if (programs.length > 0) {
      await client.query(
        `INSERT INTO admission_run_programs (run_id, program_id, position, code, quota, floor, tie_break, tie_policy)
         SELECT $1, (e.v->>'id')::uuid, e.position - 1, e.v->>'code', (e.v->>'quota')::int, (e.v->>'floor')::numeric,
           ARRAY(SELECT jsonb_array_elements_text(e.v->'tie_break')), e.v->>'tie_policy'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(v, position)`,
        [runId, JSON.stringify(programs.map((p) => ({ id: p.id, code: p.code, quota: p.quota, floor: p.floor, tie_break: p.tie_break, tie_policy: p.tie_policy })))],
      );
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
    return {
      run_id: runId,
      candidate_key: key,
      exam_candidate_id: examCandidateOf(key),
      external_candidate_id: externalIdOf(key),
      program_id: p < 0 ? null : programs[p].id,
      rank: p < 0 ? null : output.rank[i],
      score: p < 0 ? null : output.scoreHundredths[i] / 100,
    };
  });
  for (let i = 0; i < results.length; i += 5000) await tx.insertInto('admission_run_results').values(results.slice(i, i + 5000)).execute();
  const applications = keys.flatMap((key, i) =>
    Array.from({ length: input.offsets[i + 1] - input.offsets[i] }, (_, k) => {
      const j = input.offsets[i] + k;
      const s = output.preferenceScore[j];
      return { candidate_key: key, rank: input.rank[j], program_id: programs[input.program[j]].id, score: s === NO_SCORE ? null : s / 100 };
    }),
  );
  await insertRunInput(tx, runId, programs.map((p) => ({ ...p, floor: p.floor === null ? null : Number(p.floor) })), applications);
  await tx
    .updateTable('admission_runs')
    .set({ status: 'done', progress: 1, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, ...counts })
    .where('id', '=', runId)
    .execute();
  return true;
}
