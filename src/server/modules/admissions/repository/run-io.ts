import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { sql } from 'kysely';
import { type Db, poolOf, type Tx } from '../../../platform/db.ts';
import { NO_SCORE } from '../../../../engines/admission/index.ts';
import { insertRunInput, type ProgramRow, programsOfQuery } from '../repository.ts';

// Bulk reads and writes of a matching run, for a consortium season of a million candidates and millions of
// preferences: PostgreSQL's COPY in text form, parsed into typed arrays here instead of one JS object per row (a run
// of 7.5 M preferences read as objects took gigabytes). What is read and written is the same as through Kysely:
// - preferences: one line per row as the table holds them, grouped here by candidate (in code-unit order of the key,
//   the order the CLI sorts candidate ids in) and rank;
// - exam results: one line per exam candidate with the totals of the subjects asked for;
// - results, the programs and each preference's score: COPY … FROM STDIN in the transaction that marks the run done.
// Given a transaction instead (the demo loader runs its runs inside its own), the same reads and writes go through it
// as ordinary statements: the same rows, without COPY's speed.
// COPY takes no bind parameters: the only values written into its SQL are uuids read from the database, and each is
// checked to be one (`uuidLiteral`).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
function uuidLiteral(id: string) {
  if (!UUID.test(id)) throw new TypeError(`not a uuid: ${id}`);
  return `'${id}'`;
}

/** A season's preferences by candidate, in compressed sparse rows: candidate i's are at offsets[i] … offsets[i+1]-1. */
export interface RunColumns {
  programs: ProgramRow[];
  /** candidate_key of each candidate, in the CLI's order of candidate ids (`cliOrder`). */
  keys: string[];
  offsets: Int32Array;
  /** Per preference, in rank order: the program's index in `programs`, the rank, the external score (NaN: none). */
  program: Int32Array;
  rank: Int32Array;
  externalScore: Float64Array;
}

/** The exam candidate a key names, or null for an external candidate (`ext:<id>`, as the generated column makes it). */
export const examCandidateOf = (key: string) => (key.startsWith('ext:') ? null : key);
export const externalIdOf = (key: string) => (key.startsWith('ext:') ? key.slice(4) : null);

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
 * The CLI's order of candidates: by their candidate_id (the exam candidate's id, or the external id) in UTF-8 bytes.
 * The engine breaks residual ties by candidate order, so a run and the CLI on the run's exported input agree.
 */
export const cliOrder = (a: string, b: string) => compareUtf8(externalIdOf(a) ?? a, externalIdOf(b) ?? b);

async function withClient<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) throw new Error('run-io needs a Db made by createDb');
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    return await work(client);
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    // A connection that failed may be inside a COPY or a transaction (a cancel stops a stream in the middle): it is
    // closed, not reused, which ends both on the server.
    client.release(failed);
  }
}

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;

/**
 * Streams a COPY … TO STDOUT and hands each line's fields (byte ranges of `buf`) to `onLine`. A tab inside a value is
 * escaped by COPY (`\t`), so splitting at tabs is exact; `onChunk` runs between chunks (progress, cancel checks).
 */
async function copyLines(
  client: pg.PoolClient,
  sql: string,
  onLine: (buf: Buffer, starts: number[], ends: number[]) => void,
  onChunk?: () => Promise<void>,
) {
  const stream = client.query(copyTo(sql));
  let carry: Buffer | null = null;
  const starts: number[] = [];
  const ends: number[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
    let lineStart = 0;
    starts.length = 0;
    ends.length = 0;
    starts.push(0);
    for (let i = 0; i < buf.length; i++) {
      const c = buf[i];
      if (c === TAB) {
        ends.push(i);
        starts.push(i + 1);
      } else if (c === NL) {
        ends.push(i);
        onLine(buf, starts, ends);
        lineStart = i + 1;
        starts.length = 0;
        ends.length = 0;
        starts.push(lineStart);
      }
    }
    carry = lineStart < buf.length ? buf.subarray(lineStart) : null;
    if (onChunk) await onChunk();
  }
  if (carry) throw new Error('COPY output ended inside a line');
}

/** A text value of COPY's output (backslash escapes undone). */
function copyValue(buf: Buffer, s: number, e: number): string {
  const raw = buf.toString('utf8', s, e);
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[c] ?? c);
}

/**
 * An integer or a decimal of at most two places (`-12`, `21.5`, `21.50`, as numeric(6, 2) prints) in ASCII, as the
 * same double as Number(text): hundredths / 100 is one correctly rounded division. `NULL` → NaN.
 */
function parseNumber(buf: Buffer, s: number, e: number): number {
  if (buf[s] === 78) return Number.NaN;
  let i = s;
  const neg = buf[i] === 45;
  if (neg) i++;
  let v = 0;
  while (i < e && buf[i] !== 46) v = v * 10 + (buf[i++] - 48);
  if (i < e) {
    if (e - i > 3) return Number(buf.toString('latin1', s, e));
    v = v * 100 + (i + 1 < e ? (buf[i + 1] - 48) * 10 : 0) + (i + 2 < e ? buf[i + 2] - 48 : 0);
    v /= 100;
  }
  return neg ? -v : v;
}

/**
 * A season's programs and preferences, read in one snapshot (repeatable read). `onProgress` gets the share of the
 * preferences read so far, between chunks of the stream.
 *
 * PostgreSQL sends the rows as they lie in the table (a sequential scan: no sort, no aggregation — sorting millions of
 * rows by a text key costs it far more than it costs here); they are grouped here: candidates ordered by key, each
 * one's preferences by rank. A candidate's rows usually come one after the other (imports write them so), and a key
 * equal to the previous line's is recognised by its bytes, without making a string.
 */
export function readRunInput(db: Db | Tx, seasonId: string, onProgress?: (share: number) => Promise<void>): Promise<RunColumns> {
  if (!poolOf(db)) return readRunInputIn(db, seasonId);
  return withClient(db, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const q = programsOfQuery(db, seasonId).compile();
    const programs = (await client.query<ProgramRow>(q.sql, q.parameters as unknown[])).rows;
    const season = uuidLiteral(seasonId);
    const total = Number((await client.query(`SELECT count(*) AS n FROM admission_preferences WHERE season_id = ${season}`)).rows[0].n);
    const rows = { candidate: new Int32Array(total), program: new Int32Array(total), rank: new Int32Array(total), external: new Float64Array(total) };
    const keys: string[] = [];
    let count = 0;
    if (programs.length > 0 && total > 0) {
      const index = new Map<string, number>();
      let last = Buffer.alloc(0);
      let lastIndex = -1;
      let lastReported = 0;
      await copyLines(
        client,
        `COPY (
           SELECT f.candidate_key, x.i, f.rank, f.external_score
           FROM admission_preferences f
           JOIN (VALUES ${programs.map((p, i) => `(${uuidLiteral(p.id)}::uuid, ${i})`).join(', ')}) AS x(id, i) ON x.id = f.program_id
           WHERE f.season_id = ${season}
         ) TO STDOUT`,
        (buf, s, e) => {
          if (count === total) throw new Error('more preferences than counted in the same snapshot');
          const len = e[0] - s[0];
          let c = lastIndex;
          if (len !== last.length || buf.compare(last, 0, len, s[0], e[0]) !== 0) {
            const key = copyValue(buf, s[0], e[0]);
            c = index.get(key) ?? -1;
            if (c < 0) {
              c = keys.length;
              keys.push(key);
              index.set(key, c);
            }
            last = Buffer.from(buf.subarray(s[0], e[0]));
            lastIndex = c;
          }
          rows.candidate[count] = c;
          rows.program[count] = parseNumber(buf, s[1], e[1]);
          rows.rank[count] = parseNumber(buf, s[2], e[2]);
          rows.external[count] = buf[s[3]] === BACKSLASH ? Number.NaN : parseNumber(buf, s[3], e[3]);
          count++;
        },
        async () => {
          if (onProgress && count - lastReported >= 250_000) {
            lastReported = count;
            await onProgress(count / total);
          }
        },
      );
    }
    await client.query('COMMIT');
    if (count !== total) throw new Error('fewer preferences than counted in the same snapshot');
    return { programs, ...group(keys, rows) };
  });
}

/** readRunInput inside a transaction: the same rows through it. */
async function readRunInputIn(tx: Db | Tx, seasonId: string): Promise<RunColumns> {
  const programs = await programsOfQuery(tx, seasonId).execute();
  const index = new Map(programs.map((p, i) => [p.id, i]));
  const prefs = await tx
    .selectFrom('admission_preferences')
    .select(['candidate_key', 'program_id', 'rank', sql<number | null>`external_score::float8`.as('external_score')])
    .where('season_id', '=', seasonId)
    .execute();
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const m = prefs.length;
  const rows = { candidate: new Int32Array(m), program: new Int32Array(m), rank: new Int32Array(m), external: new Float64Array(m) };
  prefs.forEach((f, r) => {
    let c = keyIndex.get(f.candidate_key);
    if (c === undefined) {
      c = keys.length;
      keys.push(f.candidate_key);
      keyIndex.set(f.candidate_key, c);
    }
    rows.candidate[r] = c;
    rows.program[r] = index.get(f.program_id)!;
    rows.rank[r] = f.rank;
    rows.external[r] = f.external_score ?? Number.NaN;
  });
  return { programs, ...group(keys, rows) };
}

/** Rows in any order → candidates in the CLI's order (`cliOrder`), each one's preferences by rank. */
function group(keys: string[], rows: { candidate: Int32Array; program: Int32Array; rank: Int32Array; external: Float64Array }) {
  const n = keys.length;
  const order = new Int32Array(n).map((_, i) => i);
  order.sort((a, b) => cliOrder(keys[a], keys[b]));
  const position = new Int32Array(n); // candidate as read → its place in key order
  for (let i = 0; i < n; i++) position[order[i]] = i;
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < rows.candidate.length; r++) offsets[position[rows.candidate[r]] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const next = offsets.slice(0, n);
  const m = rows.candidate.length;
  const program = new Int32Array(m);
  const rank = new Int32Array(m);
  const externalScore = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const at = next[position[rows.candidate[r]]]++;
    program[at] = rows.program[r];
    rank[at] = rows.rank[r];
    externalScore[at] = rows.external[r];
  }
  // By rank within each candidate (a handful of rows, mostly in order already): insertion sort.
  for (let i = 0; i < n; i++) {
    for (let j = offsets[i] + 1; j < offsets[i + 1]; j++) {
      const p = program[j];
      const r = rank[j];
      const x = externalScore[j];
      let k = j - 1;
      while (k >= offsets[i] && rank[k] > r) {
        program[k + 1] = program[k];
        rank[k + 1] = rank[k];
        externalScore[k + 1] = externalScore[k];
        k--;
      }
      program[k + 1] = p;
      rank[k + 1] = r;
      externalScore[k + 1] = x;
    }
  }
  return { keys: Array.from(order, (i) => keys[i]), offsets, program, rank, externalScore };
}

/**
 * Subject totals of the candidates named by `keys` (exam candidates; others are skipped): a matrix
 * `totals[column * keys.length + candidate]` with a column per entry of `subjectIds`, NaN where the candidate has no
 * score; null entries (subjects read otherwise) are left NaN.
 */
export async function readSubjectTotals(db: Db | Tx, keys: readonly string[], subjectIds: readonly (string | null)[]): Promise<Float64Array> {
  const n = keys.length;
  const totals = new Float64Array(n * subjectIds.length).fill(Number.NaN);
  const wanted = subjectIds.flatMap((id, column) => (id === null ? [] : [`(${uuidLiteral(id)}::uuid, ${column})`]));
  if (n === 0 || wanted.length === 0) return totals;
  // As the preferences: the rows as they lie (no sort), a candidate's usually one after the other.
  const index = new Map<string, number>();
  keys.forEach((k, i) => {
    if (examCandidateOf(k) !== null) index.set(k, i);
  });
  if (!poolOf(db)) {
    const columnOf = new Map(subjectIds.flatMap((id, column) => (id === null ? [] : [[id, column] as const])));
    const rows = await db
      .selectFrom('exam_scores')
      .select(['candidate_id', 'subject_id', sql<number>`total::float8`.as('total')])
      .where('subject_id', 'in', [...columnOf.keys()])
      .where(sql<boolean>`candidate_id = ANY(${[...index.keys()]}::uuid[])`)
      .execute();
    for (const r of rows) totals[columnOf.get(r.subject_id)! * n + index.get(r.candidate_id)!] = r.total;
    return totals;
  }
  return withClient(db, async (client) => {
    let last = Buffer.alloc(0);
    let lastIndex = -1;
    await copyLines(
      client,
      `COPY (
         SELECT sc.candidate_id, x.i, sc.total
         FROM exam_scores sc JOIN (VALUES ${wanted.join(', ')}) AS x(id, i) ON x.id = sc.subject_id
       ) TO STDOUT`,
      (buf, s, e) => {
        const len = e[0] - s[0];
        if (len !== last.length || buf.compare(last, 0, len, s[0], e[0]) !== 0) {
          lastIndex = index.get(buf.toString('latin1', s[0], e[0])) ?? -1;
          last = Buffer.from(buf.subarray(s[0], e[0]));
        }
        if (lastIndex >= 0) totals[parseNumber(buf, s[1], e[1]) * n + lastIndex] = parseNumber(buf, s[2], e[2]);
      },
    );
    return totals;
  });
}

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

/** A value in COPY's text form: backslash, tab, newline and carriage return escaped. */
function copyText(s: string) {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
}
