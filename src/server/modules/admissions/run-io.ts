import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { type Db, poolOf } from '../../platform/db.ts';
import { type ProgramRow, programsOfQuery } from './repository.ts';

// Bulk reads and writes of a matching run, for a consortium season of a million candidates and millions of
// preferences: PostgreSQL's COPY in text form, parsed into typed arrays here instead of one JS object per row (a run
// of 7.5 M preferences read as objects took gigabytes). What is read and written is the same as through Kysely:
// - preferences: one line per candidate (`candidate_key`, then its programs and ranks in rank order, aggregated by
//   PostgreSQL), candidates in code-unit order of their key, the order the CLI sorts candidate ids in;
// - exam results: one line per exam candidate with the totals of the subjects asked for;
// - results: COPY … FROM STDIN in the transaction that marks the run done.
// COPY takes no bind parameters: the only values written into its SQL are uuids read from the database, and each is
// checked to be one (`uuidLiteral`).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
function uuidLiteral(id: string) {
  if (!UUID.test(id)) throw new TypeError(`not a uuid: ${id}`);
  return `'${id}'`;
}
const uuidArray = (ids: readonly string[]) => `ARRAY[${ids.map(uuidLiteral).join(',')}]::uuid[]`;

/** A season's preferences by candidate, in compressed sparse rows: candidate i's are at offsets[i] … offsets[i+1]-1. */
export interface RunColumns {
  programs: ProgramRow[];
  /** candidate_key of each candidate, ascending by code unit (the CLI's order of candidate ids). */
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

async function withClient<T>(db: Db, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool) throw new Error('run-io needs a Db made by createDb');
  const client = await pool.connect();
  try {
    return await work(client);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Growable Int32Array / Float64Array. */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number) {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const ints = (n: number) => new Column(new Int32Array(n), (m) => new Int32Array(m));
const floats = (n: number) => new Column(new Float64Array(n), (m) => new Float64Array(m));

const TAB = 9;
const NL = 10;

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
    for (let nl = buf.indexOf(NL, 0); nl !== -1; nl = buf.indexOf(NL, lineStart)) {
      starts.length = 0;
      ends.length = 0;
      let s = lineStart;
      for (let i = buf.indexOf(TAB, lineStart); i !== -1 && i < nl; i = buf.indexOf(TAB, i + 1)) {
        starts.push(s);
        ends.push(i);
        s = i + 1;
      }
      starts.push(s);
      ends.push(nl);
      onLine(buf, starts, ends);
      lineStart = nl + 1;
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

/** Calls `each` with every element of a one-dimensional array of numbers in COPY text (`{1,2,NULL}`); NULL → NaN. */
function eachNumber(buf: Buffer, s: number, e: number, each: (v: number) => void) {
  if (buf[s] !== 123 || buf[e - 1] !== 125) throw new Error('expected an array in COPY output');
  let i = s + 1;
  while (i < e - 1) {
    let j = i;
    while (j < e - 1 && buf[j] !== 44) j++;
    each(parseNumber(buf, i, j));
    i = j + 1;
  }
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
 * preferences read so far, about every 100,000 candidates.
 */
export function readRunInput(db: Db, seasonId: string, onProgress?: (share: number) => Promise<void>): Promise<RunColumns> {
  return withClient(db, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The aggregation sorts millions of rows by key: in memory rather than in temporary files.
    await client.query("SET LOCAL work_mem = '256MB'");
    const q = programsOfQuery(db, seasonId).compile();
    const programs = (await client.query<ProgramRow>(q.sql, q.parameters as unknown[])).rows;
    const total = Number((await client.query(`SELECT count(*) AS n FROM admission_preferences WHERE season_id = ${uuidLiteral(seasonId)}`)).rows[0].n);
    const keys: string[] = [];
    const offsets = ints(1024);
    offsets.push(0);
    const program = ints(Math.max(16, total));
    const rank = ints(Math.max(16, total));
    const externalScore = floats(Math.max(16, total));
    let sorted = true;
    let lastReported = 0;
    if (programs.length > 0) {
      const season = uuidLiteral(seasonId);
      await copyLines(
        client,
        `COPY (
           SELECT f.candidate_key, array_agg(x.i - 1 ORDER BY f.rank), array_agg(f.rank ORDER BY f.rank),
                  array_agg(f.external_score ORDER BY f.rank)
           FROM admission_preferences f
           JOIN unnest(${uuidArray(programs.map((p) => p.id))}) WITH ORDINALITY AS x(id, i) ON x.id = f.program_id
           WHERE f.season_id = ${season}
           GROUP BY f.candidate_key
           ORDER BY f.candidate_key COLLATE "C"
         ) TO STDOUT`,
        (buf, s, e) => {
          const key = copyValue(buf, s[0], e[0]);
          if (keys.length > 0 && !(keys[keys.length - 1] < key)) sorted = false;
          keys.push(key);
          eachNumber(buf, s[1], e[1], (v) => program.push(v));
          eachNumber(buf, s[2], e[2], (v) => rank.push(v));
          eachNumber(buf, s[3], e[3], (v) => externalScore.push(v));
          offsets.push(program.length);
        },
        async () => {
          if (onProgress && keys.length - lastReported >= 100_000) {
            lastReported = keys.length;
            await onProgress(total === 0 ? 1 : program.length / total);
          }
        },
      );
    }
    await client.query('COMMIT');
    const columns = { programs, keys, offsets: offsets.done(), program: program.done(), rank: rank.done(), externalScore: externalScore.done() };
    // Byte order of UTF-8 is code-point order; it differs from JavaScript's code-unit order only for keys with
    // characters beyond U+FFFF next to ones in U+E000–U+FFFF (external ids): reorder then.
    return sorted ? columns : reorder(columns);
  });
}

function reorder(c: RunColumns): RunColumns {
  const order = c.keys.map((_, i) => i).sort((a, b) => (c.keys[a] < c.keys[b] ? -1 : c.keys[a] > c.keys[b] ? 1 : 0));
  const offsets = new Int32Array(c.keys.length + 1);
  const program = new Int32Array(c.program.length);
  const rank = new Int32Array(c.rank.length);
  const externalScore = new Float64Array(c.externalScore.length);
  let at = 0;
  order.forEach((from, i) => {
    for (let j = c.offsets[from]; j < c.offsets[from + 1]; j++, at++) {
      program[at] = c.program[j];
      rank[at] = c.rank[j];
      externalScore[at] = c.externalScore[j];
    }
    offsets[i + 1] = at;
  });
  return { programs: c.programs, keys: order.map((i) => c.keys[i]), offsets, program, rank, externalScore };
}

/**
 * Subject totals of the candidates named by `keys` (exam candidates; others are skipped): a matrix
 * `totals[column * keys.length + candidate]` with a column per entry of `subjectIds`, NaN where the candidate has no
 * score; null entries (subjects read otherwise) are left NaN.
 */
export function readSubjectTotals(db: Db, keys: readonly string[], subjectIds: readonly (string | null)[]): Promise<Float64Array> {
  const n = keys.length;
  const totals = new Float64Array(n * subjectIds.length).fill(Number.NaN);
  const wanted = subjectIds.flatMap((id, column) => (id === null ? [] : [`(${uuidLiteral(id)}::uuid, ${column})`]));
  if (n === 0 || wanted.length === 0) return Promise.resolve(totals);
  // Exam candidates' keys are their uuids in text, and uuids sort in PostgreSQL byte by byte as their hex text does:
  // the lines come in the order of `keys` (external keys, `ext:…`, never match), walked side by side.
  const byUuid = keys.map((k, i) => [k, i] as const).filter(([k]) => examCandidateOf(k) !== null);
  if (!isAscending(byUuid.map(([k]) => k))) byUuid.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return withClient(db, async (client) => {
    let at = 0;
    await copyLines(
      client,
      `COPY (
         SELECT sc.candidate_id, array_agg(x.i), array_agg(sc.total)
         FROM exam_scores sc JOIN (VALUES ${wanted.join(', ')}) AS x(id, i) ON x.id = sc.subject_id
         GROUP BY sc.candidate_id
         ORDER BY sc.candidate_id
       ) TO STDOUT`,
      (buf, s, e) => {
        const id = buf.toString('latin1', s[0], e[0]);
        while (at < byUuid.length && byUuid[at][0] < id) at++;
        if (at === byUuid.length || byUuid[at][0] !== id) return;
        const candidate = byUuid[at][1];
        const subjects: number[] = [];
        eachNumber(buf, s[1], e[1], (v) => subjects.push(v));
        let k = 0;
        eachNumber(buf, s[2], e[2], (v) => {
          totals[subjects[k++] * n + candidate] = v;
        });
      },
    );
    return totals;
  });
}

function isAscending(keys: readonly string[]) {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1] < keys[i])) return false;
  return true;
}

/** One result row: candidate i of the run, its program (index into programs, -1: none), rank and score. */
export interface RunResults {
  keys: readonly string[];
  programIds: readonly string[];
  /** Per candidate: program index or -1, rank, score in hundredths. */
  program: Int32Array;
  rank: Int32Array;
  scoreHundredths: Int32Array;
}

/**
 * Writes the results and marks the run done, in one transaction; false (nothing written) when the run is no longer
 * running or a cancel was asked for. `onProgress` gets the share of rows sent.
 */
export function finishRunBulk(
  db: Db,
  runId: string,
  counts: { candidates: number; applications: number; matched: number },
  results: RunResults,
  onProgress?: (share: number) => Promise<void>,
): Promise<boolean> {
  return withClient(db, async (client) => {
    await client.query('BEGIN');
    const run = await client.query<{ status: string; cancel_requested: boolean }>('SELECT status, cancel_requested FROM admission_runs WHERE id = $1 FOR UPDATE', [runId]);
    if (run.rows[0]?.status !== 'running' || run.rows[0].cancel_requested) {
      await client.query('ROLLBACK');
      return false;
    }
    const stream = client.query(
      copyFrom('COPY admission_run_results (run_id, candidate_key, exam_candidate_id, external_candidate_id, program_id, rank, score) FROM STDIN'),
    );
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    uuidLiteral(runId);
    let flushes = 0;
    const { keys, programIds, program, rank, scoreHundredths } = results;
    let text = '';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const exam = examCandidateOf(key);
      const p = program[i];
      text +=
        `${runId}\t${copyText(key)}\t${exam ?? '\\N'}\t${exam === null ? copyText(key.slice(4)) : '\\N'}\t` +
        (p < 0 ? '\\N\t\\N\t\\N\n' : `${programIds[p]}\t${rank[i]}\t${(scoreHundredths[i] / 100).toFixed(2)}\n`);
      if (text.length >= 1 << 20 || i === keys.length - 1) {
        if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
        text = '';
        if (onProgress && ++flushes % 16 === 0) await onProgress(i / keys.length);
      }
    }
    stream.end();
    await done;
    await client.query(
      `UPDATE admission_runs SET status = 'done', progress = 1, finished_at = now(), updated_at = now(),
         candidates = $2, applications = $3, matched = $4 WHERE id = $1`,
      [runId, counts.candidates, counts.applications, counts.matched],
    );
    await client.query('COMMIT');
    return true;
  });
}

/** A value in COPY's text form: backslash, tab, newline and carriage return escaped. */
function copyText(s: string) {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : s;
}
