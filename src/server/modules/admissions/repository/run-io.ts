import { sql } from 'kysely';
import { type Db, poolOf, type Tx } from '../../../platform/db.ts';
import { type ProgramRow, programsOfQuery } from '../repository.ts';
import { BACKSLASH, copyLines, copyValue, parseNumber, uuidLiteral, withClient } from './copy.ts';

// Bulk reads of a matching run, for a consortium season of a million candidates and millions of preferences:
// PostgreSQL's COPY in text form (copy.ts), parsed into typed arrays here instead of one JS object per row (a run of
// 7.5 M preferences read as objects took gigabytes). What is read is the same as through Kysely:
// - preferences: one line per row as the table holds them, grouped here by candidate (in the CLI's order of candidate
//   ids) and rank;
// - exam results: one line per exam candidate with the totals of the subjects asked for.
// What a run writes when it finishes: run-finish.ts. Given a transaction instead of a pool (the demo loader runs its
// runs inside its own), the same reads go through it as ordinary statements: the same rows, without COPY's speed.

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
