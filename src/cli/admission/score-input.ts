// Reading the inputs of `hoptac admission score` (small files: csv-parse is fine here) into the
// engine's types, with every problem reported by file and line.
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
  type AttemptPolicy,
  type EquivalenceSegment,
  type EquivalenceTable,
  type Exam,
  isPriorityGroup,
  isRegion,
  type Method,
  makeTable,
  type PriorityGroup,
  type PriorityProfile,
  validateMethod,
  validateTable,
  WHOLE,
} from '../../engines/admission/index.ts';
import { type CsvOptions, decodeText, detectFormat } from './csv-format.ts';
import type { ErrorList } from './errors.ts';

export interface Row {
  line: number;
  get(column: string): string;
  /** The file separates fields with ";" or tabs: "21,5" is 21.5. */
  decimalComma?: boolean;
}

/**
 * Reads a CSV with a header row (UTF-8 or UTF-16 with a BOM; "," or the separator detected or given in
 * `csv`); null when the file is unreadable or misses required columns. Rows with more fields than the
 * header are reported and left out.
 */
/** The largest file `score` reads (whole, as one string; UTF-8 of at most this many bytes stays within V8's limit). */
export const MAX_WHOLE_FILE_BYTES = 500_000_000;

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null; // reading it reports why
  }
}

export function readTable(
  path: string,
  file: string,
  required: readonly string[],
  optional: readonly string[],
  errors: ErrorList,
  csv: CsvOptions = {},
): Row[] | null {
  let text: string;
  const format = detectFormat(path, file, csv);
  // Read whole, as one string: V8's strings end at 2^29 − 24 characters (512 MB), beyond which reading fails with a
  // message about strings; said plainly instead. (`match` streams its input and has no such limit.)
  const size = fileSize(path);
  if (size !== null && size > MAX_WHOLE_FILE_BYTES) {
    errors.add(file, 0, 'FILE_TOO_LARGE', { detail: `${Math.ceil(size / 1_000_000)} MB, at most ${MAX_WHOLE_FILE_BYTES / 1_000_000} MB` });
    return null;
  }
  try {
    text = decodeText(readFileSync(path), format.encoding);
  } catch (e) {
    errors.add(file, 0, 'MISSING_FILE', { detail: e instanceof Error ? e.message : String(e) });
    return null;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: format.delimiter,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as never;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    errors.add(file, line, 'INCONSISTENT', { detail: e instanceof Error ? e.message : String(e) });
    return null;
  }
  if (records.length === 0) {
    errors.add(file, 0, 'EMPTY_FILE');
    return null;
  }
  const header = records[0].record.map((h) => h.toLowerCase());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h) && [...required, ...optional].includes(h)) errors.add(file, 1, 'DUPLICATE_COLUMN', { column: h });
    if (!index.has(h)) index.set(h, i);
  });
  let ok = true;
  for (const r of required) {
    if (!index.has(r)) {
      errors.add(file, 1, 'MISSING_COLUMN', { column: r });
      ok = false;
    }
  }
  if (!ok) return null;
  const rows: Row[] = [];
  for (const { record, info } of records.slice(1)) {
    if (record.length > header.length) {
      const hint = format.delimiter === ',' ? ' (a decimal comma? write 21.5, not 21,5)' : '';
      errors.add(file, info.lines, 'TOO_MANY_FIELDS', { found: record.length, expected: header.length, hint });
      continue;
    }
    rows.push({
      line: info.lines,
      decimalComma: format.decimalComma,
      get: (column: string) => {
        const i = index.get(column);
        return i === undefined ? '' : (record[i] ?? '');
      },
    });
  }
  return rows;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number from a cell, or undefined after reporting why not. Empty cells give `empty`. */
export function numberCell(
  row: Row,
  column: string,
  file: string,
  errors: ErrorList,
  opts: { empty?: number; min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const v = row.get(column).trim(); // a quoted " 21.5 " as an unquoted one
  if (v === '') {
    if (opts.empty !== undefined) return opts.empty;
    errors.add(file, row.line, 'MISSING_VALUE', {}, column);
    return undefined;
  }
  const plain = row.decimalComma ? v.replace(',', '.') : v;
  const x = DECIMAL.test(plain) ? Number(plain) : Number.NaN;
  if (!Number.isFinite(x)) {
    errors.add(file, row.line, 'NOT_A_NUMBER', { value: v }, column);
    return undefined;
  }
  // Beyond 2^53 a number is not stored exactly (9007199254740993 would read as …992).
  if (Math.abs(x) > Number.MAX_SAFE_INTEGER) {
    errors.add(
      file,
      row.line,
      'VALUE_OUT_OF_RANGE',
      { value: v, detail: `at most ${Number.MAX_SAFE_INTEGER} in size, the largest stored exactly` },
      column,
    );
    return undefined;
  }
  if (opts.integer && !Number.isInteger(x)) {
    errors.add(file, row.line, 'NOT_AN_INTEGER', { value: v }, column);
    return undefined;
  }
  if ((opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max)) {
    errors.add(file, row.line, 'VALUE_OUT_OF_RANGE', { value: v, detail: `${opts.min ?? '…'} to ${opts.max ?? '…'}` }, column);
    return undefined;
  }
  return x;
}

function requiredCell(row: Row, column: string, file: string, errors: ErrorList): string | undefined {
  const v = row.get(column);
  if (v === '') {
    errors.add(file, row.line, 'MISSING_VALUE', {}, column);
    return undefined;
  }
  return v;
}

/** exams.csv: exam,subject,part,weight,max,attempt_policy — one row per part. */
export function readExams(path: string, errors: ErrorList, file = 'exams.csv', csv: CsvOptions = {}): Map<string, Exam> {
  const exams = new Map<string, Exam>();
  const rows = readTable(path, file, ['exam', 'subject', 'max'], ['part', 'weight', 'attempt_policy'], errors, csv);
  if (!rows) return exams;
  const policyLine = new Map<string, number>();
  for (const row of rows) {
    const examId = requiredCell(row, 'exam', file, errors);
    const subject = requiredCell(row, 'subject', file, errors);
    const part = row.get('part') || WHOLE;
    const weight = numberCell(row, 'weight', file, errors, { empty: 1, min: Number.MIN_VALUE });
    const max = numberCell(row, 'max', file, errors, { min: Number.MIN_VALUE });
    const policyText = (row.get('attempt_policy') || 'best').toLowerCase();
    if (policyText !== 'best' && policyText !== 'latest') {
      errors.add(file, row.line, 'UNKNOWN_VALUE', { value: policyText, detail: 'best, latest' }, 'attempt_policy');
      continue;
    }
    if (examId === undefined || subject === undefined || weight === undefined || max === undefined) continue;
    const policy = policyText as AttemptPolicy;
    let exam = exams.get(examId);
    if (!exam) {
      exam = { exam: examId, attemptPolicy: policy, subjects: [] };
      exams.set(examId, exam);
      policyLine.set(examId, row.line);
    } else if (row.get('attempt_policy') !== '' && exam.attemptPolicy !== policy) {
      errors.add(file, row.line, 'INCONSISTENT', {
        detail: `exam ${examId} has attempt policy ${exam.attemptPolicy} on line ${policyLine.get(examId)}`,
      });
    }
    let s = exam.subjects.find((x) => x.subject === subject);
    if (!s) {
      s = { subject, max, parts: [] };
      exam.subjects.push(s);
    } else if (s.max !== max) {
      errors.add(file, row.line, 'INCONSISTENT', { detail: `subject ${examId}/${subject} has max ${s.max} on another line` }, 'max');
    }
    if (s.parts.some((p) => p.part === part)) {
      errors.add(file, row.line, 'INCONSISTENT', { detail: `part ${examId}/${subject}/${part} is defined twice` }, 'part');
      continue;
    }
    s.parts.push({ part, weight });
  }
  return exams;
}

/** equivalence.csv: table,a,b,c,d — one row per segment (a, b] → (c, d]. */
export function readEquivalence(
  path: string,
  errors: ErrorList,
  file = 'equivalence.csv',
  csv: CsvOptions = {},
): Map<string, EquivalenceTable> {
  const tables = new Map<string, EquivalenceTable>();
  const rows = readTable(path, file, ['table', 'a', 'b', 'c', 'd'], ['label'], errors, csv);
  if (!rows) return tables;
  const segs = new Map<string, { seg: EquivalenceSegment; line: number }[]>();
  for (const row of rows) {
    const name = requiredCell(row, 'table', file, errors);
    const [a, b, c, d] = (['a', 'b', 'c', 'd'] as const).map((k) => numberCell(row, k, file, errors));
    if (name === undefined || a === undefined || b === undefined || c === undefined || d === undefined) continue;
    const list = segs.get(name) ?? [];
    list.push({ seg: { a, b, c, d, label: row.get('label') || undefined }, line: row.line });
    segs.set(name, list);
  }
  for (const [name, list] of segs) {
    const problems = validateTable({ fromScale: name, segments: [...list].sort((x, y) => x.seg.a - y.seg.a).map((x) => x.seg) });
    if (problems.length) {
      for (const p of problems) errors.add(file, list[0].line, 'INCONSISTENT', { detail: p });
      continue;
    }
    tables.set(
      name,
      makeTable(
        name,
        list.map((x) => x.seg),
      ),
    );
  }
  return tables;
}

export interface MethodsByProgram {
  /** program_id → methods, in file order. */
  programs: Map<string, Method[]>;
  line: Map<Method, number>;
}

/** methods.csv: program_id,method_id,exam,subject,weight,floor,equivalence — one row per component. */
export function readMethods(
  path: string,
  exams: Map<string, Exam>,
  tables: Map<string, EquivalenceTable>,
  errors: ErrorList,
  file = 'methods.csv',
  csv: CsvOptions = {},
): MethodsByProgram {
  const programs = new Map<string, Method[]>();
  const line = new Map<Method, number>();
  const rows = readTable(path, file, ['program_id', 'method_id', 'exam', 'subject'], ['weight', 'floor', 'equivalence'], errors, csv);
  if (!rows) return { programs, line };
  for (const row of rows) {
    const programId = requiredCell(row, 'program_id', file, errors);
    const methodId = requiredCell(row, 'method_id', file, errors);
    const exam = requiredCell(row, 'exam', file, errors);
    const subject = requiredCell(row, 'subject', file, errors);
    const weight = numberCell(row, 'weight', file, errors, { empty: 1, min: Number.MIN_VALUE });
    const floor = numberCell(row, 'floor', file, errors, { empty: Number.NaN, min: 0, max: 30 });
    const equivalence = row.get('equivalence') || undefined;
    if (!programId || !methodId || !exam || !subject || weight === undefined || floor === undefined) continue;
    const list = programs.get(programId) ?? [];
    programs.set(programId, list);
    let m = list.find((x) => x.methodId === methodId);
    if (!m) {
      m = { programId, methodId, components: [] };
      list.push(m);
      line.set(m, row.line);
    }
    if (!Number.isNaN(floor)) {
      if (m.floor !== undefined && m.floor !== floor) {
        errors.add(
          file,
          row.line,
          'INCONSISTENT',
          { detail: `method ${methodId} of ${programId} has floor ${m.floor} on another line` },
          'floor',
        );
      }
      m.floor = floor;
    }
    if (equivalence !== undefined) {
      if (m.equivalence !== undefined && m.equivalence !== equivalence) {
        errors.add(
          file,
          row.line,
          'INCONSISTENT',
          { detail: `method ${methodId} of ${programId} names another equivalence table` },
          'equivalence',
        );
      }
      m.equivalence = equivalence;
    }
    m.components.push({ exam, subject, weight });
  }
  const maxOf = subjectMaxLookup(exams);
  for (const list of programs.values()) {
    for (const m of list)
      for (const p of validateMethod(m, maxOf, tables)) errors.add(file, line.get(m) ?? 0, 'INCONSISTENT', { detail: p });
  }
  return { programs, line };
}

export function subjectMaxLookup(exams: Map<string, Exam>): (exam: string, subject: string) => number | undefined {
  return (exam, subject) => exams.get(exam)?.subjects.find((s) => s.subject === subject)?.max;
}

export interface ResultRow {
  exam: string;
  attempt: number;
  subject: string;
  part: string;
  score: number;
}

/**
 * results.csv: candidate_id,exam,attempt,subject,part,score — checked against exams.csv, unless that
 * file could not be read (`exams` null: reported once there, not again on every row here).
 */
export function readResults(
  path: string,
  exams: Map<string, Exam> | null,
  errors: ErrorList,
  file = 'results.csv',
  csv: CsvOptions = {},
): Map<string, ResultRow[]> {
  const out = new Map<string, ResultRow[]>();
  const rows = readTable(path, file, ['candidate_id', 'exam', 'subject', 'score'], ['attempt', 'part'], errors, csv);
  if (!rows) return out;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const cand = requiredCell(row, 'candidate_id', file, errors);
    const examId = requiredCell(row, 'exam', file, errors);
    const subject = requiredCell(row, 'subject', file, errors);
    const part = row.get('part') || WHOLE;
    const attempt = numberCell(row, 'attempt', file, errors, { empty: 1, min: 1, integer: true });
    if (!cand || !examId || !subject || attempt === undefined) continue;
    const exam = exams?.get(examId);
    if (!exam) {
      if (exams) errors.add(file, row.line, 'UNKNOWN_VALUE', { value: examId, detail: 'the exams in exams.csv' }, 'exam');
      continue;
    }
    const s = exam.subjects.find((x) => x.subject === subject);
    if (!s) {
      errors.add(file, row.line, 'UNKNOWN_VALUE', { value: subject, detail: `the subjects of ${examId}` }, 'subject');
      continue;
    }
    if (!s.parts.some((p) => p.part === part)) {
      errors.add(file, row.line, 'UNKNOWN_VALUE', { value: part, detail: `the parts of ${examId}/${subject}` }, 'part');
      continue;
    }
    const score = numberCell(row, 'score', file, errors, { min: 0, max: s.max });
    if (score === undefined) continue;
    const key = `${cand}\u0000${examId}\u0000${attempt}\u0000${subject}\u0000${part}`;
    const other = seen.get(key);
    if (other !== undefined) {
      errors.add(file, row.line, 'INCONSISTENT', { detail: `the same part and attempt is already given on line ${other}` });
      continue;
    }
    seen.set(key, row.line);
    const list = out.get(cand) ?? [];
    list.push({ exam: examId, attempt, subject, part, score });
    out.set(cand, list);
  }
  return out;
}

export interface CandidateInfo {
  profile: PriorityProfile;
  lottery?: string;
}

/** candidates.csv: candidate_id,region,groups,graduation_year,bonus,lottery — all but the id optional. */
export function readCandidates(
  path: string,
  errors: ErrorList,
  file = 'candidates.csv',
  csv: CsvOptions = {},
): { byId: Map<string, CandidateInfo>; hasLottery: boolean } {
  const byId = new Map<string, CandidateInfo>();
  const rows = readTable(path, file, ['candidate_id'], ['region', 'groups', 'graduation_year', 'bonus', 'lottery'], errors, csv);
  if (!rows) return { byId, hasLottery: false };
  let hasLottery = false;
  const lines = new Map<string, number>();
  for (const row of rows) {
    const id = requiredCell(row, 'candidate_id', file, errors);
    if (!id) continue;
    if (lines.has(id)) {
      errors.add(file, row.line, 'INCONSISTENT', { detail: `candidate ${id} is already listed on line ${lines.get(id)}` });
      continue;
    }
    lines.set(id, row.line);
    const profile: PriorityProfile = {};
    const region = row.get('region').toUpperCase();
    if (region !== '') {
      if (isRegion(region)) profile.region = region;
      else errors.add(file, row.line, 'UNKNOWN_VALUE', { value: region, detail: 'KV1, KV2-NT, KV2, KV3' }, 'region');
    }
    const groups: PriorityGroup[] = [];
    for (const g of row
      .get('groups')
      .split(/[;|\s]+/)
      .filter(Boolean)) {
      const G = g.toUpperCase();
      if (isPriorityGroup(G)) groups.push(G);
      else errors.add(file, row.line, 'UNKNOWN_VALUE', { value: g, detail: 'UT1, UT2' }, 'groups');
    }
    profile.groups = groups;
    const year = numberCell(row, 'graduation_year', file, errors, { empty: Number.NaN, integer: true, min: 1900, max: 3000 });
    if (year !== undefined && !Number.isNaN(year)) profile.graduationYear = year;
    const bonus = numberCell(row, 'bonus', file, errors, { empty: 0, min: 0 });
    if (bonus !== undefined) profile.bonus = bonus;
    // Copied into applications.csv as the number read (a decimal comma would split the field there).
    let lottery: string | undefined;
    if (row.get('lottery') !== '') {
      hasLottery = true;
      const x = numberCell(row, 'lottery', file, errors);
      if (x !== undefined) lottery = String(x);
    }
    byId.set(id, { profile, lottery });
  }
  return { byId, hasLottery };
}

export interface Preference {
  candidate: string;
  rank: number;
  program: string;
  line: number;
}

/**
 * preferences.csv: candidate_id,rank,program_id — checked for duplicates and unknown programs (unless
 * methods.csv could not be read: `knownPrograms` null, reported once there).
 */
export function readPreferences(
  path: string,
  knownPrograms: Set<string> | null,
  errors: ErrorList,
  file = 'preferences.csv',
  csv: CsvOptions = {},
): Preference[] {
  const rows = readTable(path, file, ['candidate_id', 'rank', 'program_id'], [], errors, csv);
  if (!rows) return [];
  const out: Preference[] = [];
  const byRank = new Map<string, number>();
  const byProgram = new Map<string, number>();
  for (const row of rows) {
    const candidate = requiredCell(row, 'candidate_id', file, errors);
    const program = requiredCell(row, 'program_id', file, errors);
    const rank = numberCell(row, 'rank', file, errors, { min: 1, integer: true });
    if (!candidate || !program || rank === undefined) continue;
    if (!knownPrograms?.has(program)) {
      if (knownPrograms) errors.add(file, row.line, 'UNKNOWN_PROGRAM', { value: program }, 'program_id');
      continue;
    }
    const rk = `${candidate}\u0000${rank}`;
    const pk = `${candidate}\u0000${program}`;
    if (byRank.has(rk)) {
      errors.add(file, row.line, 'DUPLICATE_RANK', { candidate, value: rank, other: byRank.get(rk) as number }, 'rank');
      continue;
    }
    if (byProgram.has(pk)) {
      errors.add(file, row.line, 'DUPLICATE_APPLICATION', { candidate, value: program, other: byProgram.get(pk) as number }, 'program_id');
      continue;
    }
    byRank.set(rk, row.line);
    byProgram.set(pk, row.line);
    out.push({ candidate, rank, program, line: row.line });
  }
  return out;
}
