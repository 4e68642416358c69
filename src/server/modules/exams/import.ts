import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { ExamImportMode, type ExamImportResult } from '../../../contracts/exams.ts';
import { hasKey, type Language, translate } from '../../../locales/index.ts';
import { validationKeys } from '../../../locales/validation-keys.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { fold } from '../activities/import/columns.ts';
import { type Cell, cellText, dateOf, fileIssue, importOutcome, readAll, readTable, tableColumns, uploadMode } from '../activities/import/read-file.ts';
import type { ImportUpload } from '../http.ts';
import { assertMayManageExam } from './policy.ts';
import * as repo from './repository.ts';
import { scoreIssue, weightedTotal } from './scoring.ts';
import { requireExam } from './service.ts';

// Registrations and results of an exam from an XLSX or CSV file (issue 13), the pattern of the activities import and
// its pieces (activities/import/read-file.ts reads the bytes into cells): a template with the exam's own columns (the
// candidate, the round and venue, one column per subject — per part for subjects with parts, whose total the server
// computes from the weights), a preview listing every bad row with its row, column and reason, then `all` (every row
// or none, one transaction) or `valid-only`. The same file (SHA-256) is imported once per exam. Only a draft exam
// takes imports: published results do not change under the candidates and the admitting institutions.

export const MAX_EXAM_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_EXAM_IMPORT_ROWS = 50_000;
const LIMITS = { maxBytes: MAX_EXAM_IMPORT_BYTES, maxRows: MAX_EXAM_IMPORT_ROWS };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FIXED = ['candidateNumber', 'fullName', 'dateOfBirth', 'round', 'venue'] as const;
type Fixed = (typeof FIXED)[number];

interface ScoreColumn {
  key: string; // `math` or `literature.essay`
  subject: repo.SubjectRow;
  part: { key: string; nameVi: string; nameEn: string; weight: number } | null;
}

const partsOf = (s: repo.SubjectRow) => s.parts as { key: string; nameVi: string; nameEn: string; weight: number }[];

function scoreColumns(subjects: repo.SubjectRow[]): ScoreColumn[] {
  return subjects.flatMap((s): ScoreColumn[] =>
    partsOf(s).length === 0 ? [{ key: s.key, subject: s, part: null }] : partsOf(s).map((p) => ({ key: `${s.key}.${p.key}`, subject: s, part: p })),
  );
}

const fixedLabel = (lang: Language, c: Fixed) => translate(lang, `examImport.columns.${c}`);
function scoreLabel(lang: Language, c: ScoreColumn) {
  const subject = lang === 'vi' ? c.subject.name_vi : c.subject.name_en;
  if (!c.part) return subject;
  return `${subject} – ${lang === 'vi' ? c.part.nameVi : c.part.nameEn} (${c.part.weight}%)`;
}
const columnLabel = (lang: Language, key: string, scores: ScoreColumn[]) => {
  if ((FIXED as readonly string[]).includes(key)) return fixedLabel(lang, key as Fixed);
  const c = scores.find((s) => s.key === key);
  return c ? scoreLabel(lang, c) : translate(lang, 'examImport.row');
};

/** The template: the header row in the caller's language, each header ending with its key (`Toán [math]`). */
export async function examImportTemplate(deps: AppDeps, ctx: RequestContext, examId: string, format: 'xlsx' | 'csv') {
  const { actor, row } = await requireExam(deps, deps.db, ctx, examId);
  assertMayManageExam(actor, row);
  const lang = ctx.lang;
  const [rounds, subjects] = await Promise.all([repo.roundsOf(deps.db, examId), repo.subjectsOf(deps.db, examId)]);
  const scores = scoreColumns(subjects);
  const headers = [...FIXED.map((c) => `${fixedLabel(lang, c)} [${c}]`), ...scores.map((c) => `${scoreLabel(lang, c)} [${c.key}]`)];
  const name = `hoptac-exam-${row.code}`;
  if (format === 'csv') {
    const line = headers.map((h) => (/[",\r\n;]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',');
    return { body: Buffer.from(`\ufeff${line}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const ws = wb.addWorksheet(translate(lang, 'examImport.sheets.candidates'));
  ws.columns = headers.map((h, i) => ({ header: h, key: String(i), width: i === 1 ? 32 : 20 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(3).numFmt = 'dd/mm/yyyy';
  const lists = wb.addWorksheet(translate(lang, 'examImport.sheets.lists'));
  lists.getRow(1).values = [translate(lang, 'examImport.lists.round'), translate(lang, 'examImport.lists.name'), translate(lang, 'examImport.lists.venues')];
  lists.getRow(1).font = { bold: true };
  rounds.forEach((r, i) => {
    lists.getRow(i + 2).values = [r.key, lang === 'vi' ? r.name_vi : r.name_en, r.venues.join('; ')];
  });
  lists.getRow(rounds.length + 3).values = [translate(lang, 'examImport.lists.subject'), translate(lang, 'examImport.lists.scale')];
  lists.getRow(rounds.length + 3).font = { bold: true };
  subjects.forEach((s, i) => {
    lists.getRow(rounds.length + 4 + i).values = [s.key, `${lang === 'vi' ? s.name_vi : s.name_en}: ${Number(s.min_score)}–${Number(s.max_score)} (${Number(s.step)})`];
  });
  [14, 40, 60].forEach((w, i) => {
    lists.getColumn(i + 1).width = w;
  });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: XLSX_TYPE, fileName: `${name}.xlsx` };
}

interface Problem {
  column: string;
  code: string;
  params?: Record<string, unknown>;
}

/** A score cell: a number, or text with a decimal point or comma (Vietnamese `7,25`); undefined when empty. */
function scoreOf(cell: Cell | undefined): number | undefined | null {
  if (cell === null || cell === undefined || cell === '') return undefined;
  if (typeof cell === 'number') return cell;
  const text = cellText(cell).replace(',', '.');
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

export async function importCandidates(
  deps: AppDeps,
  ctx: RequestContext,
  examId: string,
  readUpload: () => Promise<ImportUpload | undefined>,
): Promise<ExamImportResult> {
  // Before reading the file: 404 unless the caller reaches the exam, 403 unless it runs it.
  const first = await requireExam(deps, deps.db, ctx, examId);
  assertMayManageExam(first.actor, first.row);
  const actor = first.actor;
  const upload = await readUpload();
  if (!upload) throw fileIssue('required');
  const chosen = uploadMode(upload, ExamImportMode);
  const bytes = await readAll(upload.stream, LIMITS);
  if (bytes.length === 0) throw fileIssue('no_rows');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await readTable(bytes, LIMITS);

  const [rounds, subjects] = await Promise.all([repo.roundsOf(deps.db, examId), repo.subjectsOf(deps.db, examId)]);
  const scores = scoreColumns(subjects);
  const known = [...FIXED, ...scores.map((s) => s.key)];
  const columnOf = (header: string) => {
    const bracket = /\[([A-Za-z0-9_.-]+)\]\s*$/.exec(header);
    const wanted = fold(bracket ? bracket[1] : header);
    return known.find((k) => fold(k) === wanted || fold(columnLabel('vi', k, scores)) === wanted || fold(columnLabel('en', k, scores)) === wanted);
  };
  // A column that is no column of this exam (a subject it does not have, a part misnamed) would be dropped silently.
  const unknown = table.headers.filter((h) => h !== '' && columnOf(h) === undefined);
  if (unknown.length > 0) throw fileIssue('unknown_columns', { columns: unknown.map((h) => `“${h.slice(0, 60)}”`).join(', ') });
  const { at, rows, cellOf: cell } = tableColumns(table, columnOf, FIXED, (c) => columnLabel(ctx.lang, c, scores), MAX_EXAM_IMPORT_ROWS);

  const existing = await repo.existingNumbers(deps.db, examId, rows.map((r) => cellText(cell(r, 'candidateNumber'))).filter((n) => n !== '' && !n.includes('\u0000')));
  const roundOf = (text: string) => rounds.find((r) => [r.key, r.name_vi, r.name_en].some((x) => fold(x) === fold(text)));
  const firstRowOf = new Map<string, number>();
  const thisYear = Number(new Date(deps.clock.now()).toISOString().slice(0, 4));
  const checked = rows.map((r) => {
    const problems: Problem[] = [];
    const text = (c: string) => cellText(cell(r, c));
    const bad = (column: string, code: string, params?: Record<string, unknown>) => problems.push({ column, code, params });
    for (const c of at.keys()) if (text(c).includes('\u0000')) bad(c, 'no_nul');
    const number = text('candidateNumber');
    if (number === '') bad('candidateNumber', 'required');
    else if (number.length > 40) bad('candidateNumber', 'too_big_string', { maximum: 40 });
    else if (existing.has(number)) bad('candidateNumber', 'already_registered', { value: number });
    else if (firstRowOf.has(number.toUpperCase())) bad('candidateNumber', 'duplicate_in_file', { value: number, row: firstRowOf.get(number.toUpperCase()) });
    else firstRowOf.set(number.toUpperCase(), r.row);
    const fullName = text('fullName');
    if (fullName === '') bad('fullName', 'required');
    else if (fullName.length > 200) bad('fullName', 'too_big_string', { maximum: 200 });
    const dob = dateOf(cell(r, 'dateOfBirth'));
    if (dob === undefined) bad('dateOfBirth', 'required');
    else if (dob === null) bad('dateOfBirth', 'invalid_format_date');
    else if (Number(dob.slice(0, 4)) < 1900 || Number(dob.slice(0, 4)) > thisYear) bad('dateOfBirth', 'date_range', { minimum: 1900, maximum: thisYear });
    const roundText = text('round');
    const round = roundText === '' ? undefined : roundOf(roundText);
    if (roundText === '') bad('round', 'required');
    else if (!round) bad('round', 'unknown_round', { value: roundText });
    const venueText = text('venue');
    const venue = round?.venues.find((v) => fold(v) === fold(venueText));
    if (venueText === '') bad('venue', 'required');
    else if (round && !venue) bad('venue', 'unknown_venue', { value: venueText, venues: round.venues.join(', ') });
    const results: repo.CandidateInsert['scores'] = [];
    for (const subject of subjects) {
      const columns = scores.filter((c) => c.subject.id === subject.id);
      const values = columns.map((c) => ({ c, value: scoreOf(cell(r, c.key)) }));
      if (values.every((v) => v.value === undefined)) continue; // not taken
      const scale = { minScore: Number(subject.min_score), maxScore: Number(subject.max_score), step: Number(subject.step), parts: partsOf(subject) };
      let ok = true;
      for (const { c, value } of values) {
        if (value === undefined) {
          ok = false;
          bad(c.key, 'part_missing');
        } else if (value === null) {
          ok = false;
          bad(c.key, 'not_a_score', { value: text(c.key) });
        } else {
          const issue = scoreIssue(scale, value);
          if (issue) {
            ok = false;
            bad(c.key, issue.code, issue.params);
          }
        }
      }
      if (!ok) continue;
      const parts = Object.fromEntries(values.filter((v) => v.c.part).map((v) => [v.c.part!.key, v.value as number]));
      results.push({ subjectId: subject.id, total: scale.parts.length === 0 ? (values[0].value as number) : weightedTotal(scale, parts), parts });
    }
    const input = problems.length === 0 ? { number, fullName, dateOfBirth: dob as string, roundId: round!.id, venue: venue!, scores: results } : null;
    return { row: r.row, problems, input };
  });
  const valid = checked.filter((r) => r.input !== null);
  const localize = (p: Problem, row: number) => {
    const label = columnLabel(ctx.lang, p.column, scores);
    const keys = validationKeys(p.column, p.code, {});
    const key = keys.find((k) => hasKey(ctx.lang, k)) ?? `validation.${p.code}`;
    return { row, column: p.column, columnLabel: label, code: p.code, message: translate(ctx.lang, key, { ...p.params, field: label }) };
  };

  return inTransaction(deps.db, async (tx) => {
    // Writes under the exam's row lock: its definition and status cannot change meanwhile, and two uploads of one
    // file are one after the other.
    const { row: exam } = await requireExam(deps, tx, ctx, examId, chosen !== 'preview');
    if (exam.status !== 'draft') throw new AppError('conflict', { messageKey: 'errors.exam_published' });
    const before = await repo.findImport(tx, examId, sha256);
    const { result: base, save } = importOutcome({
      mode: chosen,
      sha256,
      rows: rows.length,
      validRows: valid.length,
      checkedRows: checked.length,
      problems: checked.flatMap((r) => r.problems.map((p) => localize(p, r.row))),
      before,
    });
    if (!save) return base;
    const made = await repo.insertImport(tx, { exam_id: examId, sha256, created_by: actor.userId, created_by_label: actor.label, rows_created: valid.length });
    const created = await repo.insertCandidates(tx, examId, made.id, valid.map((r) => r.input!));
    await recordAudit(tx, ctx, {
      entity: 'exam',
      entityId: examId,
      action: 'import',
      owners: [exam.institution_id],
      after: { importId: made.id, sha256, fileName: upload.fileName.slice(0, 300), mode: chosen, rows: rows.length, created },
    });
    return { ...base, importId: made.id, importedAt: new Date(made.created_at).toISOString(), created };
  });
}
