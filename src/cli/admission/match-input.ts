// Reading and validating the two input files of `hoptac admission match` into the engine's
// compressed layout. Every problem is collected with its line; nothing is thrown for bad data.

import { statSync } from 'node:fs';
import {
  DEFAULT_TIE_BREAK,
  type MatchingInstance,
  NO_SCORE,
  TIE_CRITERIA,
  TIE_POLICIES,
  type TieCriterion,
  type TiePolicy,
} from '../../engines/admission/index.ts';
import { ByteInterner } from './byte-interner.ts';
import { INT32_MAX, parseCount, parseHundredths, parseNumber, TOO_LARGE } from './byte-numbers.ts';
import { type CsvFormat, type CsvOptions, detectFormat } from './csv-format.ts';
import type { ErrorList } from './errors.ts';
import { type Fields, fieldText, forEachLine, newFields, type ReadProgress, splitFields } from './line-reader.ts';

export interface ProgramTable {
  ids: ByteInterner;
  count: number;
  quota: Int32Array;
  floor: Int32Array;
  tieBreak: TieCriterion[][];
  tiePolicy: TiePolicy[];
  /** Line of each program's row. */
  line: Int32Array;
  /**
   * False when the file could not be used at all (unreadable, empty, missing columns, no rows): that
   * is reported once, and applications are then not checked against it row by row.
   */
  usable: boolean;
}

export interface ApplicationTable {
  candidates: ByteInterner;
  candidateCount: number;
  /** CSR over candidates (first-appearance order), each list sorted by rank. */
  offsets: Int32Array;
  program: Int32Array;
  score: Int32Array;
  rank: Int32Array;
  c1?: Int32Array;
  c2?: Int32Array;
  lottery?: Float64Array;
  /** Candidate indices in output order (candidate_id ascending), and each candidate's position in it. */
  sorted: Int32Array;
  order: Int32Array;
  rows: number;
}

/** Reads the header row: column name → field index; reports missing and duplicate columns. */
function readHeader(
  f: Fields,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  errors: ErrorList,
): Map<string, number> | null {
  const cols = new Map<string, number>();
  for (let i = 0; i < f.count; i++) {
    const name = fieldText(f, i).toLowerCase();
    if (cols.has(name) && (required.includes(name) || optional.includes(name))) {
      errors.add(file, 1, 'DUPLICATE_COLUMN', { column: name });
    }
    if (!cols.has(name)) cols.set(name, i);
  }
  let ok = true;
  for (const r of required) {
    if (!cols.has(r)) {
      errors.add(file, 1, 'MISSING_COLUMN', { column: r });
      ok = false;
    }
  }
  return ok ? cols : null;
}

/** The largest score, floor or criterion the engine stores exactly (Int32Array of hundredths). */
const MAX_HUNDREDTHS = `at most ${INT32_MAX / 100}, the largest value stored exactly`;

/**
 * The row has more fields than the header: with "," as separator, most likely a decimal comma that
 * split a number in two ("21,5" read as 21 and 5).
 */
function tooManyFields(f: Fields, header: number, format: CsvFormat): Record<string, string | number> {
  return { found: f.count, expected: header, hint: format.delimiter === ',' ? ' (a decimal comma? write 21.5, not 21,5)' : '' };
}

function readable(file: string, errors: ErrorList, body: () => number): boolean {
  try {
    if (body() === 0) {
      errors.add(file, 0, 'EMPTY_FILE');
      return false;
    }
    return true;
  } catch (e) {
    errors.add(file, 0, 'MISSING_FILE', { detail: e instanceof Error ? e.message : String(e) });
    return false;
  }
}

export function readPrograms(path: string, errors: ErrorList, file = 'programs.csv', csv: CsvOptions = {}): ProgramTable {
  const format = detectFormat(path, file, csv);
  const sep = format.delimiter.charCodeAt(0);
  const ids = new ByteInterner(8192);
  const quota: number[] = [];
  const floor: number[] = [];
  const tieBreak: TieCriterion[][] = [];
  const tiePolicy: TiePolicy[] = [];
  const lines: number[] = [];
  const f = newFields();
  const scratch = { buf: Buffer.alloc(256) };
  let cols: Map<string, number> | null = null;
  let header = false;
  let headerFields = 0;
  const ok = readable(
    file,
    errors,
    () =>
      forEachLine(
        path,
        (buf, start, end, line) => {
          if (!splitFields(buf, start, end, f, scratch, sep)) {
            errors.add(file, line, 'UNTERMINATED_QUOTE');
            return;
          }
          if (!header) {
            header = true;
            headerFields = f.count;
            cols = readHeader(f, file, ['program_id', 'quota'], ['floor', 'tie_break', 'tie_policy', 'name'], errors);
            return;
          }
          if (!cols || (f.count === 1 && f.start[0] === f.end[0])) return; // blank line
          const col = (name: string) => cols?.get(name) ?? -1;
          const need = Math.max(col('program_id'), col('quota')) + 1;
          if (f.count < need) {
            errors.add(file, line, 'FIELD_COUNT', { expected: need, found: f.count });
            return;
          }
          if (f.count > headerFields) {
            errors.add(file, line, 'TOO_MANY_FIELDS', tooManyFields(f, headerFields, format));
            return;
          }
          const b = f.buf;
          const ip = col('program_id');
          if (f.start[ip] === f.end[ip]) {
            errors.add(file, line, 'MISSING_VALUE', {}, 'program_id');
            return;
          }
          const before = ids.count;
          const id = ids.intern(b, f.start[ip], f.end[ip]);
          if (id < before) {
            errors.add(file, line, 'DUPLICATE_PROGRAM_ID', { value: ids.text(id), other: lines[id] }, 'program_id');
            return;
          }
          lines.push(line);
          const iq = col('quota');
          const q = parseCount(b, f.start[iq], f.end[iq]);
          if (q === TOO_LARGE) {
            errors.add(file, line, 'VALUE_OUT_OF_RANGE', { value: fieldText(f, iq), detail: `at most ${INT32_MAX}` }, 'quota');
          } else if (q < 0) {
            const v = fieldText(f, iq);
            errors.add(file, line, v === '' ? 'MISSING_VALUE' : 'NOT_AN_INTEGER', { value: v }, 'quota');
          }
          quota.push(Math.max(0, q));
          let fl = NO_SCORE;
          const ifl = col('floor');
          if (ifl >= 0 && ifl < f.count && f.start[ifl] < f.end[ifl]) {
            const h = parseHundredths(b, f.start[ifl], f.end[ifl], format.decimalComma);
            if (Number.isNaN(h)) errors.add(file, line, 'NOT_A_NUMBER', { value: fieldText(f, ifl) }, 'floor');
            else if (h < 0) errors.add(file, line, 'NEGATIVE_NUMBER', { value: fieldText(f, ifl) }, 'floor');
            else if (h > INT32_MAX)
              errors.add(file, line, 'VALUE_OUT_OF_RANGE', { value: fieldText(f, ifl), detail: MAX_HUNDREDTHS }, 'floor');
            else fl = h;
          }
          floor.push(fl);
          let chain: TieCriterion[] = [...DEFAULT_TIE_BREAK];
          const it = col('tie_break');
          const tb = it >= 0 ? fieldText(f, it) : '';
          if (tb !== '') {
            const parts = tb.split('>').map((x) => x.trim().toLowerCase());
            if (parts.every((x): x is TieCriterion => (TIE_CRITERIA as readonly string[]).includes(x))) chain = parts;
            else errors.add(file, line, 'INVALID_TIE_BREAK', { value: tb }, 'tie_break');
          }
          tieBreak.push(chain);
          let policy: TiePolicy = 'strict';
          const ipol = col('tie_policy');
          const tp = ipol >= 0 ? fieldText(f, ipol).toLowerCase() : '';
          if (tp !== '') {
            if ((TIE_POLICIES as readonly string[]).includes(tp)) policy = tp as TiePolicy;
            else errors.add(file, line, 'INVALID_TIE_POLICY', { value: tp }, 'tie_policy');
          }
          tiePolicy.push(policy);
        },
        undefined,
        undefined,
        format.encoding,
      ).lines,
  );
  if (ok && cols && ids.count === 0 && !errors.items.some((e) => e.file === file)) errors.add(file, 0, 'NO_ROWS');
  return {
    ids,
    count: ids.count,
    quota: Int32Array.from(quota),
    floor: Int32Array.from(floor),
    tieBreak,
    tiePolicy,
    line: Int32Array.from(lines),
    usable: ok && cols !== null && ids.count > 0,
  };
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** The rows read so far (shared by the general reader and the fast path), and what they need. */
interface Rows {
  m: number;
  cap: number;
  /**
   * While the rows come grouped by candidate in order of first appearance (`grouped`), the rows of
   * candidate c start at firstRow[c] (for c up to lastCand) and `cand` is not needed; after that,
   * cand[row] is the row's candidate.
   */
  grouped: boolean;
  firstRow: Int32Array;
  lastCand: number;
  cand: Int32Array;
  /**
   * The line of each row, as runs: rows from runRow[k] on are at line row + runDelta[k] (one run
   * unless some lines are blank or refused). `delta` is the last run's.
   */
  runRow: Int32Array;
  runDelta: Int32Array;
  runs: number;
  delta: number;
  prog: Int32Array;
  score: Int32Array;
  rank: Int32Array;
  c1: Int32Array;
  c2: Int32Array;
  /** Per candidate: lottery number and the line that gave it (0: none yet). */
  lot: Float64Array;
  lotLine: Int32Array;
  candidates: ByteInterner;
  programs: ByteInterner;
  /** Per field of the header: what the column is (COL_*). */
  roles: Uint8Array;
  headerFields: number;
  /** Fields a row needs: one past the last column read. */
  need: number;
  sep: number;
  /** The decimal separator besides "." ("," with decimal commas, else "."). */
  decimal: number;
  usesC1: Uint8Array;
  usesC2: Uint8Array;
  hasC1: boolean;
  hasC2: boolean;
  hasLot: boolean;
  /** The previous row's candidate id (rows usually come grouped by candidate) and its index. */
  prev: Buffer;
  prevLen: number;
  prevId: number;
  /** False until the header has been read and is usable. */
  fast: boolean;
  /** Calls of the fast path so far. */
  calls: number;
}

// What a column of applications.csv is, for the fast path (Rows.roles; 0: a column not read).
const COL_CAND = 1;
const COL_RANK = 2;
const COL_PROG = 3;
const COL_SCORE = 4;
const COL_C1 = 5;
const COL_C2 = 6;
const COL_LOT = 7;

function growRows(t: Rows): void {
  t.cap = Math.ceil(t.cap * 1.6);
  if (!t.grouped) t.cand = grow(t.cand, t.cap);
  t.prog = grow(t.prog, t.cap);
  t.score = grow(t.score, t.cap);
  t.rank = grow(t.rank, t.cap);
  if (t.hasC1) t.c1 = grow(t.c1, t.cap);
  if (t.hasC2) t.c2 = grow(t.c2, t.cap);
}

/** Records that row t.m (not stored yet) is candidate ci's, at line `line`. */
function noteRow(t: Rows, ci: number, line: number): void {
  const m = t.m;
  if (line - m !== t.delta) {
    if (t.runs === t.runRow.length) {
      t.runRow = grow(t.runRow, 2 * t.runs);
      t.runDelta = grow(t.runDelta, 2 * t.runs);
    }
    t.runRow[t.runs] = m;
    t.runDelta[t.runs] = line - m;
    t.runs++;
    t.delta = line - m;
  }
  if (t.grouped) {
    if (ci >= t.lastCand) {
      if (ci >= t.firstRow.length) t.firstRow = grow(t.firstRow, Math.max(2 * t.firstRow.length, ci + 1));
      for (let c = t.lastCand + 1; c <= ci; c++) t.firstRow[c] = m;
      t.lastCand = ci;
      return;
    }
    // The rows are not grouped after all: each row's candidate from now on.
    t.grouped = false;
    t.cand = new Int32Array(t.cap);
    for (let c = 0; c <= t.lastCand; c++) t.cand.fill(c, t.firstRow[c], c < t.lastCand ? t.firstRow[c + 1] : m);
  }
  t.cand[m] = ci;
}

/** The line of row `row`. */
function lineOf(t: Rows, row: number): number {
  let lo = 0;
  let hi = t.runs - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.runRow[mid] <= row) lo = mid;
    else hi = mid - 1;
  }
  return row + t.runDelta[lo];
}

const DOT = 0x2e;

/**
 * The fast path of applications.csv (see FastLines in line-reader.ts): one pass over the bytes of
 * plain rows — unquoted fields without spaces, whole numbers of at most 9 digits for rank and
 * lottery, scores and criteria as digits with an optional decimal part, a known program, the
 * candidate's lottery number unchanged — splitting, parsing and storing them. It stops at the
 * first row that is anything else (a quote, a space, a sign, an empty or unknown value, a field
 * count other than the header's, a lottery mismatch, full arrays…), which the general reader then
 * reads, reporting any problem: so every row the fast path takes is one the general reader would
 * have taken with the same values.
 */
function readRowsFast(t: Rows, buf: Buffer, pos: number, limit: number, cursor: { line: number }): number {
  // Constants as locals: module-level ones are read from memory, with a check, at every use in
  // compiled code.
  const LF = 0x0a;
  const CR = 0x0d;
  const QUOTE = 0x22;
  const SPACE = 0x20;
  const TAB = 0x09;
  const DOT = 0x2e;
  const FNV_OFFSET = 0x811c9dc5 | 0; // ByteInterner.FNV_OFFSET
  const FNV_PRIME = 0x01000193; // ByteInterner.FNV_PRIME
  const COL_OTHER = 0;
  const COL_CAND = 1;
  const COL_RANK = 2;
  const COL_PROG = 3;
  const COL_SCORE = 4;
  const COL_C1 = 5;
  const COL_LOT = 7;
  const on = t.fast; // false until the header has been read
  const { roles, headerFields, need, sep, decimal, candidates, programs, usesC1, usesC2, hasC1, hasC2, hasLot, prev } = t;
  const { cand, prog, score, rank, c1, c2, lot: candLot, lotLine, firstRow, grouped, delta } = t;
  const cap = t.cap;
  let lastCand = t.lastCand;
  let m = t.m;
  let line = cursor.line;
  let prevLen = t.prevLen;
  let prevId = t.prevId;
  // At most 1024 rows a call (see FastLines); 8 in the first calls, since V8 records type feedback
  // only from a function's 8th call or so, and code compiled without feedback for the end of the
  // function is thrown away each time a call reaches it (a deoptimization, a millisecond or more).
  const stop = m + (t.calls++ < 16 ? 8 : 1024);
  rows: while (on && pos < limit && m < stop) {
    let i = pos | 0; // (an int32 for the compiler)
    let b = buf[i];
    if (b === LF) {
      // blank line
      line++;
      pos = i + 1;
      continue;
    }
    let field = 0;
    let cs = 0;
    let ce = 0;
    let ps = 0;
    let pe = 0;
    let ph = 0;
    let r = 0;
    let s = 0;
    let v1 = 0;
    let e1 = true;
    let v2 = 0;
    let e2 = true;
    let lv = 0;
    for (;;) {
      const role = roles[field];
      if (role === COL_CAND || role === COL_PROG || role === COL_OTHER) {
        // An identifier: any bytes but quotes, spaces and tabs (which the general reader trims);
        // an ignored column: any bytes but quotes.
        const fs = i;
        const id = role !== COL_OTHER;
        let h = FNV_OFFSET;
        for (; i < limit; i++) {
          b = buf[i];
          if (b === sep) break;
          if (b <= QUOTE) {
            // (one test for the bytes that matter here: controls, space and the quote)
            if (b === LF || b === CR) break;
            if (b === QUOTE || (id && (b === SPACE || b === TAB))) break rows;
          }
          h = Math.imul(h ^ b, FNV_PRIME);
        }
        if (role === COL_CAND) {
          cs = fs;
          ce = i;
        } else if (role === COL_PROG) {
          ps = fs;
          pe = i;
          ph = h;
        }
        if (role !== COL_OTHER && i === fs) break rows;
      } else if (role === COL_RANK || role === COL_LOT) {
        // A whole number of 1 to 9 digits.
        const fs = i;
        let v = 0;
        for (; i < limit; i++) {
          const d = buf[i] - 0x30;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (i === fs || i - fs > 9) break rows;
        if (role === COL_RANK) {
          if (v < 1) break rows;
          r = v;
        } else lv = v;
        b = i < limit ? buf[i] : -1;
      } else {
        // A score or criterion: 1 to 7 digits, then optionally a decimal separator and digits,
        // as hundredths rounded half up on the third decimal (parseHundredths); a criterion may
        // be empty.
        const fs = i;
        let int = 0;
        for (; i < limit; i++) {
          const d = buf[i] - 0x30;
          if (d < 0 || d > 9) break;
          int = int * 10 + d;
        }
        const digits = i - fs;
        let frac = 0;
        if (digits > 0 && i < limit && (buf[i] === DOT || buf[i] === decimal)) {
          i++;
          let k = 0;
          let round = 0;
          for (; i < limit; i++) {
            const d = buf[i] - 0x30;
            if (d < 0 || d > 9) break;
            if (k < 2) frac = frac * 10 + d;
            else if (k === 2 && d >= 5) round = 1;
            k++;
          }
          // (written without branches that most files never take)
          frac = frac * (k === 1 ? 10 : 1) + round;
        }
        if (digits > 7) break rows;
        const v = int * 100 + frac;
        if (role === COL_SCORE) {
          if (digits === 0) break rows;
          s = v;
        } else if (role === COL_C1) {
          v1 = v;
          e1 = i === fs;
        } else {
          v2 = v;
          e2 = i === fs;
        }
        b = i < limit ? buf[i] : -1;
      }
      // The field ends at a separator, a line end or the end of the data.
      if (i >= limit) break rows; // the line continues in the next chunk
      if (b === sep) {
        i++;
        if (++field === headerFields) break rows; // too many fields
        continue;
      }
      if (b === CR) {
        if (i + 1 >= limit || buf[i + 1] !== LF) break rows;
      } else if (b !== LF) break rows;
      break;
    }
    // (a new run of line numbers, or arrays to grow: the general reader sees to it)
    if (field + 1 < need || m === cap || line + 1 - m !== delta) break;
    const next = b === CR ? i + 2 : i + 1;
    // The row's values are valid; resolve the ids.
    const p = programs.findHashed(buf, ps, pe, ph);
    if (p < 0 || (e1 && usesC1[p] === 1) || (e2 && usesC2[p] === 1)) break;
    let ci = prevId;
    let same = ce - cs === prevLen;
    for (let x = 0; same && x < prevLen; x++) same = buf[cs + x] === prev[x];
    if (!same) {
      ci = candidates.intern(buf, cs, ce);
      if (ce - cs <= prev.length) {
        for (let x = cs; x < ce; x++) prev[x - cs] = buf[x];
        prevLen = ce - cs;
        prevId = ci;
      } else prevLen = -1;
    }
    if (hasLot) {
      if (ci >= candLot.length) break;
      if (lotLine[ci] !== 0 && candLot[ci] !== lv) break;
    }
    if (grouped) {
      if (ci !== lastCand) {
        if (ci < lastCand || ci >= firstRow.length) break;
        for (let c = lastCand + 1; c <= ci; c++) firstRow[c] = m;
        lastCand = ci;
      }
    } else cand[m] = ci;
    line++;
    if (hasLot && lotLine[ci] === 0) {
      candLot[ci] = lv;
      lotLine[ci] = line;
    }
    prog[m] = p;
    score[m] = s;
    rank[m] = r;
    if (hasC1) c1[m] = v1;
    if (hasC2) c2[m] = v2;
    m++;
    pos = next;
  }
  // Every way out (a row left to the general reader, the end of the data, the end of the budget)
  // comes here: one exit, which the first calls have run.
  t.m = m;
  t.lastCand = lastCand;
  t.prevLen = prevLen;
  t.prevId = prevId;
  cursor.line = line;
  return pos;
}

/**
 * Reads applications.csv against the program table. Rows with problems are reported and left out;
 * duplicates (rank or program) and lottery disagreements are reported with both lines.
 */
export function readApplications(
  path: string,
  programs: ProgramTable,
  errors: ErrorList,
  progress?: ReadProgress,
  file = 'applications.csv',
  csv: CsvOptions = {},
  /** For tests: `fast: false` reads every row with the general reader; `chunkSize` of the reads. */
  options: { fast?: boolean; chunkSize?: number } = {},
): ApplicationTable | null {
  const format = detectFormat(path, file, csv);
  const sep = format.delimiter.charCodeAt(0);
  // Size the arrays from the file size (about 30 bytes a row is typical), to avoid regrowing.
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // reported when reading
  }
  const cap0 = Math.max(1 << 12, Math.ceil(size / 24));
  const candidates = new ByteInterner(Math.max(1 << 12, Math.ceil(cap0 / 6)), { lazyIndex: true });
  const t: Rows = {
    m: 0,
    cap: cap0,
    grouped: true,
    firstRow: new Int32Array(Math.ceil(cap0 / 6)),
    lastCand: -1,
    cand: new Int32Array(0),
    runRow: new Int32Array(16),
    runDelta: new Int32Array(16),
    runs: 0,
    delta: Number.NaN,
    prog: new Int32Array(cap0),
    score: new Int32Array(cap0),
    rank: new Int32Array(cap0),
    c1: new Int32Array(0),
    c2: new Int32Array(0),
    lot: new Float64Array(Math.ceil(cap0 / 6)),
    lotLine: new Int32Array(Math.ceil(cap0 / 6)),
    candidates,
    programs: programs.ids,
    roles: new Uint8Array(0),
    headerFields: 0,
    need: 0,
    sep,
    decimal: format.decimalComma ? 0x2c : DOT,
    usesC1: Uint8Array.from(programs.tieBreak, (ch) => (ch.includes('c1') ? 1 : 0)),
    usesC2: Uint8Array.from(programs.tieBreak, (ch) => (ch.includes('c2') ? 1 : 0)),
    hasC1: false,
    hasC2: false,
    hasLot: false,
    prev: Buffer.alloc(1024),
    prevLen: -1,
    prevId: -1,
    fast: false,
    calls: 0,
  };

  const usesC1 = programs.tieBreak.map((ch) => ch.includes('c1'));
  const usesC2 = programs.tieBreak.map((ch) => ch.includes('c2'));
  const f = newFields();
  const scratch = { buf: Buffer.alloc(256) };
  let header = false;
  let iCand = -1;
  let iRank = -1;
  let iProg = -1;
  let iScore = -1;
  let iC1 = -1;
  let iC2 = -1;
  let iLot = -1;
  let need = 0;
  let headerFields = 0;
  let headerOk = false;
  // The previous row's candidate: rows usually come grouped by candidate, so most lookups are a
  // byte comparison with the previous id instead of a hash-table probe.
  const prev = t.prev;
  const samePrev = (b: Buffer, cs: number, ce: number): boolean => {
    if (ce - cs !== t.prevLen) return false;
    for (let i = 0; i < t.prevLen; i++) if (b[cs + i] !== prev[i]) return false;
    return true;
  };
  // A named criterion (hundredths); empty is allowed where the program's chain does not use it.
  const criterion = (fl: Fields, idx: number, used: boolean, line: number, name: string): number => {
    if (fl.start[idx] === fl.end[idx]) {
      if (used) errors.add(file, line, 'MISSING_VALUE', {}, name);
      return 0;
    }
    const v = parseHundredths(fl.buf, fl.start[idx], fl.end[idx], format.decimalComma);
    if (Number.isNaN(v)) errors.add(file, line, 'NOT_A_NUMBER', { value: fieldText(fl, idx) }, name);
    else if (Math.abs(v) > INT32_MAX)
      errors.add(file, line, 'VALUE_OUT_OF_RANGE', { value: fieldText(fl, idx), detail: MAX_HUNDREDTHS }, name);
    return v;
  };

  const ok = readable(
    file,
    errors,
    () =>
      forEachLine(
        path,
        (buf, start, end, line) => {
          if (!splitFields(buf, start, end, f, scratch, sep)) {
            errors.add(file, line, 'UNTERMINATED_QUOTE');
            return;
          }
          if (!header) {
            header = true;
            headerFields = f.count;
            const cols = readHeader(f, file, ['candidate_id', 'rank', 'program_id', 'score'], ['c1', 'c2', 'lottery'], errors);
            if (!cols) return;
            iCand = cols.get('candidate_id') as number;
            iRank = cols.get('rank') as number;
            iProg = cols.get('program_id') as number;
            iScore = cols.get('score') as number;
            iC1 = cols.get('c1') ?? -1;
            iC2 = cols.get('c2') ?? -1;
            iLot = cols.get('lottery') ?? -1;
            need = Math.max(iCand, iRank, iProg, iScore, iC1, iC2, iLot) + 1;
            headerOk = true;
            if (iC1 >= 0) t.c1 = new Int32Array(t.cap);
            if (iC2 >= 0) t.c2 = new Int32Array(t.cap);
            for (const [name, idx, uses] of [
              ['c1', iC1, usesC1],
              ['c2', iC2, usesC2],
            ] as const) {
              const p = uses.indexOf(true);
              if (idx < 0 && p >= 0) errors.add(file, 1, 'COLUMN_NEEDED', { column: name, value: programs.ids.text(p) });
            }
            // The fast path reads the columns by their place in the header.
            t.roles = new Uint8Array(headerFields);
            for (const [idx, role] of [
              [iCand, COL_CAND],
              [iRank, COL_RANK],
              [iProg, COL_PROG],
              [iScore, COL_SCORE],
              [iC1, COL_C1],
              [iC2, COL_C2],
              [iLot, COL_LOT],
            ]) {
              if (idx >= 0) t.roles[idx] = role;
            }
            t.headerFields = headerFields;
            t.need = need;
            t.hasC1 = iC1 >= 0;
            t.hasC2 = iC2 >= 0;
            t.hasLot = iLot >= 0;
            t.fast = options.fast !== false;
            return;
          }
          if (!headerOk) return;
          if (f.count === 1 && f.start[0] === f.end[0]) return; // blank line
          if (f.count < need) {
            errors.add(file, line, 'FIELD_COUNT', { expected: need, found: f.count });
            return;
          }
          if (f.count > headerFields) {
            errors.add(file, line, 'TOO_MANY_FIELDS', tooManyFields(f, headerFields, format));
            return;
          }
          const b = f.buf;
          const before = errors.size;
          // candidate
          const cs = f.start[iCand];
          const ce = f.end[iCand];
          let ci = -1;
          if (cs === ce) errors.add(file, line, 'MISSING_VALUE', {}, 'candidate_id');
          else {
            const len = ce - cs;
            if (samePrev(b, cs, ce)) ci = t.prevId;
            else {
              ci = candidates.intern(b, cs, ce);
              if (len <= prev.length) {
                b.copy(prev, 0, cs, ce);
                t.prevLen = len;
                t.prevId = ci;
              } else t.prevLen = -1;
            }
          }
          // program
          // (against a programs file that could not be read, only once: reported there)
          const p = programs.ids.find(b, f.start[iProg], f.end[iProg]);
          if (p < 0) {
            const v = fieldText(f, iProg);
            if (v === '') errors.add(file, line, 'MISSING_VALUE', {}, 'program_id');
            else if (programs.usable) errors.add(file, line, 'UNKNOWN_PROGRAM', { value: v }, 'program_id');
          }
          // rank
          const r = parseCount(b, f.start[iRank], f.end[iRank]);
          if (r === TOO_LARGE) {
            errors.add(file, line, 'VALUE_OUT_OF_RANGE', { value: fieldText(f, iRank), detail: `at most ${INT32_MAX}` }, 'rank');
          } else if (r < 1) {
            const v = fieldText(f, iRank);
            errors.add(file, line, v === '' ? 'MISSING_VALUE' : r === 0 ? 'RANK_TOO_SMALL' : 'NOT_AN_INTEGER', { value: v }, 'rank');
          }
          // score
          const s = parseHundredths(b, f.start[iScore], f.end[iScore], format.decimalComma);
          if (s > INT32_MAX) {
            errors.add(file, line, 'VALUE_OUT_OF_RANGE', { value: fieldText(f, iScore), detail: MAX_HUNDREDTHS }, 'score');
          } else if (!(s >= 0)) {
            const v = fieldText(f, iScore);
            errors.add(
              file,
              line,
              v === '' ? 'MISSING_VALUE' : Number.isNaN(s) ? 'NOT_A_NUMBER' : 'NEGATIVE_NUMBER',
              { value: v },
              'score',
            );
          }
          // named criteria: required where the program's chain uses them
          const v1 = iC1 >= 0 ? criterion(f, iC1, p >= 0 && usesC1[p], line, 'c1') : 0;
          const v2 = iC2 >= 0 ? criterion(f, iC2, p >= 0 && usesC2[p], line, 'c2') : 0;
          // lottery: one number per candidate
          if (iLot >= 0) {
            const lot = parseNumber(b, f.start[iLot], f.end[iLot], format.decimalComma);
            if (Number.isNaN(lot)) {
              const v = fieldText(f, iLot);
              errors.add(file, line, v === '' ? 'MISSING_VALUE' : 'NOT_A_NUMBER', { value: v }, 'lottery');
            } else if (Math.abs(lot) > Number.MAX_SAFE_INTEGER) {
              errors.add(
                file,
                line,
                'VALUE_OUT_OF_RANGE',
                { value: fieldText(f, iLot), detail: `at most ${Number.MAX_SAFE_INTEGER} in size, the largest stored exactly` },
                'lottery',
              );
            } else if (ci >= 0) {
              if (ci >= t.lot.length) {
                t.lot = grow(t.lot, t.lot.length * 2);
                t.lotLine = grow(t.lotLine, t.lotLine.length * 2);
              }
              if (t.lotLine[ci] === 0) {
                t.lot[ci] = lot;
                t.lotLine[ci] = line;
              } else if (t.lot[ci] !== lot) {
                errors.add(
                  file,
                  line,
                  'LOTTERY_MISMATCH',
                  { candidate: candidates.text(ci), value: fieldText(f, iLot), other: t.lot[ci], line2: t.lotLine[ci] },
                  'lottery',
                );
              }
            }
          }
          if (errors.size > before || p < 0) return;
          if (t.m === t.cap) growRows(t);
          noteRow(t, ci, line);
          const m = t.m;
          t.prog[m] = p;
          t.score[m] = s;
          t.rank[m] = r;
          if (iC1 >= 0) t.c1[m] = v1;
          if (iC2 >= 0) t.c2[m] = v2;
          t.m = m + 1;
        },
        progress,
        options.chunkSize,
        format.encoding,
        (buf, pos, limit, cursor) => readRowsFast(t, buf, pos, limit, cursor),
      ).lines,
  );
  if (!ok || !headerOk) return null;
  const m = t.m;
  const appCand = t.cand;
  const appProg = t.prog;
  const appScore = t.score;
  const appRank = t.rank;
  const appC1 = t.c1;
  const appC2 = t.c2;
  const candLot = t.lot;

  // CSR by candidate (counting sort, stable, so equal ranks keep file order for the report).
  const n = candidates.count;
  const offsets = new Int32Array(n + 1);
  let perm: Int32Array | null = null;
  if (t.grouped) {
    for (let c = 0; c <= t.lastCand; c++) offsets[c] = t.firstRow[c];
    for (let c = t.lastCand + 1; c <= n; c++) offsets[c] = m;
  } else {
    for (let a = 0; a < m; a++) offsets[appCand[a] + 1]++;
    for (let c = 0; c < n; c++) offsets[c + 1] += offsets[c];
    perm = new Int32Array(m);
    const fill = offsets.slice(0, n);
    for (let a = 0; a < m; a++) perm[fill[appCand[a]]++] = a;
  }
  // Within each candidate, order by rank (insertion sort: lists are short).
  for (let c = 0; c < n; c++) {
    const lo = offsets[c];
    const hi = offsets[c + 1];
    let sorted = true;
    for (let x = lo + 1; x < hi; x++) {
      if (appRank[perm ? perm[x] : x] < appRank[perm ? perm[x - 1] : x - 1]) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    if (!perm) {
      perm = new Int32Array(m);
      for (let a = 0; a < m; a++) perm[a] = a;
    }
    for (let x = lo + 1; x < hi; x++) {
      const v = perm[x];
      let y = x - 1;
      while (y >= lo && appRank[perm[y]] > appRank[v]) {
        perm[y + 1] = perm[y];
        y--;
      }
      perm[y + 1] = v;
    }
  }
  const take = (arr: Int32Array): Int32Array => {
    if (!perm) return arr.subarray(0, m);
    const out = new Int32Array(m);
    for (let x = 0; x < m; x++) out[x] = arr[perm[x]];
    return out;
  };
  const program = take(appProg);
  const score = take(appScore);
  const rank = take(appRank);
  const c1 = iC1 >= 0 ? take(appC1) : undefined;
  const c2 = iC2 >= 0 ? take(appC2) : undefined;
  const line = (x: number) => lineOf(t, perm ? perm[x] : x);

  // Duplicate ranks and duplicate programs within a candidate's list.
  const seenBy = new Int32Array(programs.count).fill(-1);
  const seenAt = new Int32Array(programs.count);
  for (let c = 0; c < n; c++) {
    for (let x = offsets[c]; x < offsets[c + 1]; x++) {
      if (x > offsets[c] && rank[x] === rank[x - 1]) {
        errors.add(file, line(x), 'DUPLICATE_RANK', { candidate: candidates.text(c), value: rank[x], other: line(x - 1) }, 'rank');
      }
      const p = program[x];
      if (seenBy[p] === c) {
        errors.add(
          file,
          Math.max(line(x), line(seenAt[p])),
          'DUPLICATE_APPLICATION',
          { candidate: candidates.text(c), value: programs.ids.text(p), other: Math.min(line(x), line(seenAt[p])) },
          'program_id',
        );
      } else {
        seenBy[p] = c;
        seenAt[p] = x;
      }
    }
  }
  if (errors.size > 0) return null;

  const { sorted, order } = sortCandidates(candidates);
  return {
    candidates,
    candidateCount: n,
    offsets,
    program,
    score,
    rank,
    c1,
    c2,
    lottery: iLot >= 0 ? candLot.subarray(0, n) : undefined,
    sorted,
    order,
    rows: m,
  };
}

/**
 * Output order of candidates: candidate_id ascending by bytes of its UTF-8 text — code point order,
 * plain character order for ASCII — so "C10" sorts before "C9". Already-sorted input is detected in
 * one pass.
 */
export function sortCandidates(ids: ByteInterner): { sorted: Int32Array; order: Int32Array } {
  const n = ids.count;
  const sorted = new Int32Array(n);
  for (let c = 0; c < n; c++) sorted[c] = c;
  let already = true;
  for (let c = ids.ascending ? n : 1; c < n; c++) {
    if (ids.compare(c - 1, c) > 0) {
      already = false;
      break;
    }
  }
  if (!already) sorted.sort((x, y) => ids.compare(x, y));
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[sorted[k]] = k;
  return { sorted, order };
}

export function toInstance(programs: ProgramTable, apps: ApplicationTable): MatchingInstance {
  return {
    candidateCount: apps.candidateCount,
    programCount: programs.count,
    offsets: apps.offsets,
    program: apps.program,
    score: apps.score,
    rank: apps.rank,
    c1: apps.c1,
    c2: apps.c2,
    lottery: apps.lottery,
    candidateOrder: apps.order,
    quota: programs.quota,
    floor: programs.floor,
    tieBreak: programs.tieBreak,
    tiePolicy: programs.tiePolicy,
  };
}
