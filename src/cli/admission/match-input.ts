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
  let cap = Math.max(1 << 12, Math.ceil(size / 24));
  const candidates = new ByteInterner(Math.max(1 << 12, Math.ceil(cap / 6)));
  let appCand = new Int32Array(cap);
  let appProg = new Int32Array(cap);
  let appScore = new Int32Array(cap);
  let appRank = new Int32Array(cap);
  let appLine = new Int32Array(cap);
  let appC1 = new Int32Array(0);
  let appC2 = new Int32Array(0);
  let candLot = new Float64Array(Math.ceil(cap / 6));
  let candLotLine = new Int32Array(Math.ceil(cap / 6));
  let m = 0;

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
  const prev = Buffer.alloc(1024);
  let prevLen = -1;
  let prevId = -1;
  const samePrev = (b: Buffer, cs: number, ce: number): boolean => {
    if (ce - cs !== prevLen) return false;
    for (let i = 0; i < prevLen; i++) if (b[cs + i] !== prev[i]) return false;
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
            if (iC1 >= 0) appC1 = new Int32Array(cap);
            if (iC2 >= 0) appC2 = new Int32Array(cap);
            for (const [name, idx, uses] of [
              ['c1', iC1, usesC1],
              ['c2', iC2, usesC2],
            ] as const) {
              const p = uses.indexOf(true);
              if (idx < 0 && p >= 0) errors.add(file, 1, 'COLUMN_NEEDED', { column: name, value: programs.ids.text(p) });
            }
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
            if (samePrev(b, cs, ce)) ci = prevId;
            else {
              ci = candidates.intern(b, cs, ce);
              if (len <= prev.length) {
                b.copy(prev, 0, cs, ce);
                prevLen = len;
                prevId = ci;
              } else prevLen = -1;
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
              if (ci >= candLot.length) {
                candLot = grow(candLot, candLot.length * 2);
                candLotLine = grow(candLotLine, candLotLine.length * 2);
              }
              if (candLotLine[ci] === 0) {
                candLot[ci] = lot;
                candLotLine[ci] = line;
              } else if (candLot[ci] !== lot) {
                errors.add(
                  file,
                  line,
                  'LOTTERY_MISMATCH',
                  { candidate: candidates.text(ci), value: fieldText(f, iLot), other: candLot[ci], line2: candLotLine[ci] },
                  'lottery',
                );
              }
            }
          }
          if (errors.size > before || p < 0) return;
          if (m === cap) {
            cap = Math.ceil(cap * 1.6);
            appCand = grow(appCand, cap);
            appProg = grow(appProg, cap);
            appScore = grow(appScore, cap);
            appRank = grow(appRank, cap);
            appLine = grow(appLine, cap);
            if (iC1 >= 0) appC1 = grow(appC1, cap);
            if (iC2 >= 0) appC2 = grow(appC2, cap);
          }
          appCand[m] = ci;
          appProg[m] = p;
          appScore[m] = s;
          appRank[m] = r;
          appLine[m] = line;
          if (iC1 >= 0) appC1[m] = v1;
          if (iC2 >= 0) appC2[m] = v2;
          m++;
        },
        progress,
        undefined,
        format.encoding,
      ).lines,
  );
  if (!ok || !headerOk) return null;

  // CSR by candidate (counting sort, stable, so equal ranks keep file order for the report).
  const n = candidates.count;
  const offsets = new Int32Array(n + 1);
  let grouped = true;
  for (let a = 0; a < m; a++) {
    offsets[appCand[a] + 1]++;
    if (a > 0 && appCand[a] < appCand[a - 1]) grouped = false;
  }
  for (let c = 0; c < n; c++) offsets[c + 1] += offsets[c];
  let perm: Int32Array | null = null;
  if (!grouped) {
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
  const line = take(appLine);
  const c1 = iC1 >= 0 ? take(appC1) : undefined;
  const c2 = iC2 >= 0 ? take(appC2) : undefined;

  // Duplicate ranks and duplicate programs within a candidate's list.
  const seenBy = new Int32Array(programs.count).fill(-1);
  const seenAt = new Int32Array(programs.count);
  for (let c = 0; c < n; c++) {
    for (let x = offsets[c]; x < offsets[c + 1]; x++) {
      if (x > offsets[c] && rank[x] === rank[x - 1]) {
        errors.add(file, line[x], 'DUPLICATE_RANK', { candidate: candidates.text(c), value: rank[x], other: line[x - 1] }, 'rank');
      }
      const p = program[x];
      if (seenBy[p] === c) {
        errors.add(
          file,
          Math.max(line[x], line[seenAt[p]]),
          'DUPLICATE_APPLICATION',
          { candidate: candidates.text(c), value: programs.ids.text(p), other: Math.min(line[x], line[seenAt[p]]) },
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
  for (let c = 1; c < n; c++) {
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
