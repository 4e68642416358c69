import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  ACTIVITY_IMPORT_COLUMNS,
  ACTIVITY_KINDS,
  type ActivityImportColumn,
  ActivityImportMode,
  type ActivityImportProblem,
  type ActivityImportResult,
  ActivityStatus,
  CreateActivity,
  ParticipantRole,
} from '../../../contracts/activities.ts';
import { hasKey, type Language, translate } from '../../../locales/index.ts';
import { validationKeys } from '../../../locales/validation-keys.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type RequestContext, requireActor } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { issuesToFields } from '../../platform/validation.ts';
import * as repo from './repository.ts';
import { activityIssues, type Agreement, agreementForActivities, columnsOf, loadCheckContext, recordingAreas } from './service.ts';

// Bulk import of activities from an XLSX or CSV file (issue 10, item 5): a template to fill in, then a preview (every
// bad row with its column and reason, in the reader's language), `all` (every row or none, one transaction) or
// `valid-only`. Each row is held to exactly the rules of createActivity: the CreateActivity schema, then the
// service's activityIssues with the same check context; the file adds its own parse problems (a date that is no
// date, a code no institution has). The same file (SHA-256 of its bytes) under the same agreement is imported once.

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

type Column = ActivityImportColumn;
/** Columns a file must have; the others may be left out. */
const REQUIRED_COLUMNS: Column[] = ['areaKey', 'kind', 'titleVi', 'titleEn', 'startDate', 'endDate', 'organisers'];
const ROLES = ParticipantRole.options;
const STATUSES = ActivityStatus.options;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const label = (lang: Language, column: Column) => translate(lang, `activityImport.columns.${column}`);
const header = (lang: Language, column: Column) => `${label(lang, column)} [${column}]`;
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** A value of a list (kind, status, role) by its key or its name in either language. */
function lookupValue<T extends string>(values: readonly T[], group: string, text: string): T | undefined {
  const wanted = fold(text);
  return values.find((v) => fold(v) === wanted || fold(translate('vi', `activityImport.${group}.${v}`)) === wanted || fold(translate('en', `activityImport.${group}.${v}`)) === wanted);
}

// ---- the template

export async function importTemplate(deps: AppDeps, ctx: RequestContext, agreementId: string, format: 'xlsx' | 'csv') {
  const actor = requireActor(ctx);
  const agreement = await agreementForActivities(deps.db, ctx, agreementId);
  const where = await recordingAreas(deps.db, actor, agreement);
  const lang = ctx.lang;
  const t = (key: string) => translate(lang, key);
  const name = `hoptac-activities-${agreement.id.slice(0, 8)}`;
  if (format === 'csv') {
    const line = ACTIVITY_IMPORT_COLUMNS.map((c) => csvCell(header(lang, c))).join(',');
    // With a byte order mark, so that Excel opens it as UTF-8.
    return { body: Buffer.from(`\ufeff${line}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: `${name}.csv` };
  }
  const [areas, parties] = await Promise.all([repo.areasOf(deps.db, [agreement.id]), repo.partiesOf(deps.db, agreement.id)]);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hoptac';
  const ws = wb.addWorksheet(t('activityImport.sheets.activities'));
  ws.columns = ACTIVITY_IMPORT_COLUMNS.map((c) => ({ header: header(lang, c), key: c, width: c.startsWith('title') || c === 'outcomes' ? 40 : 22 }));
  const top = ws.getRow(1);
  top.font = { bold: true };
  ACTIVITY_IMPORT_COLUMNS.forEach((c, i) => {
    top.getCell(i + 1).note = t(`activityImport.hints.${c}`);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Dates typed as text stay as typed (dd/mm/yyyy or yyyy-mm-dd); date cells are read as dates.
  for (const c of ['startDate', 'endDate']) ws.getColumn(c).numFmt = 'dd/mm/yyyy';
  const lists = wb.addWorksheet(t('activityImport.sheets.lists'));
  const sections: [string, [string, string][]][] = [
    [
      t('activityImport.lists.areas'),
      areas.filter((a) => where.everywhere || where.areas.has(a.key)).map((a) => [a.key, lang === 'vi' ? a.title_vi : a.title_en]),
    ],
    [t('activityImport.lists.kinds'), ACTIVITY_KINDS.map((k) => [k, t(`activityImport.kinds.${k}`)])],
    [t('activityImport.lists.statuses'), STATUSES.map((s) => [s, t(`activityImport.statuses.${s}`)])],
    [t('activityImport.lists.roles'), ROLES.map((r) => [r, t(`activityImport.roles.${r}`)])],
    [t('activityImport.lists.parties'), parties.map((p) => [p.code, lang === 'vi' ? p.name_vi : p.name_en])],
  ];
  sections.forEach(([title, rows], i) => {
    const col = i * 3 + 1;
    lists.getCell(1, col).value = title;
    lists.getCell(1, col).font = { bold: true };
    lists.getCell(2, col).value = t('activityImport.lists.key');
    lists.getCell(2, col + 1).value = t('activityImport.lists.name');
    lists.getRow(2).font = { italic: true };
    rows.forEach(([key, text], j) => {
      lists.getCell(j + 3, col).value = key;
      lists.getCell(j + 3, col + 1).value = text;
    });
    lists.getColumn(col).width = 20;
    lists.getColumn(col + 1).width = 36;
  });
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: XLSX_TYPE, fileName: `${name}.xlsx` };
}

const csvCell = (text: string) => (/[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

// ---- reading the file

type Cell = string | number | boolean | Date | null;
interface Table {
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
}

const fileIssue = (code: string, params?: Record<string, unknown>) => new AppError('validation_failed', { fields: [{ field: 'file', code, params }] });

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > MAX_IMPORT_BYTES) {
        stream.resume();
        throw new AppError('payload_too_large', { params: { limit: '5 MiB' }, fields: [{ field: 'file', code: 'too_big', params: { maximum: '5 MiB' } }] });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The multipart parser's own limit (a status 413), or a stream the client broke.
    if ((err as { statusCode?: unknown }).statusCode === 413) {
      throw new AppError('payload_too_large', { params: { limit: '5 MiB' }, fields: [{ field: 'file', code: 'too_big', params: { maximum: '5 MiB' } }] });
    }
    throw fileIssue('invalid_format');
  }
  return Buffer.concat(chunks);
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const notATable = () => new AppError('unsupported_media_type', { messageKey: 'errors.import_file_type', fields: [{ field: 'file', code: 'file_type' }] });

async function readTable(bytes: Buffer): Promise<Table> {
  if (isZip(bytes)) return readXlsx(bytes);
  // Text, or not a table at all: binary files (PDF, images, …) have NUL or control bytes early on.
  const head = bytes.subarray(0, 4096);
  if (head.some((b) => b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b))) throw notATable();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileIssue('csv_encoding');
  }
  return readCsv(text.replace(/^\ufeff/, ''));
}

function readCsv(text: string): Table {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = [',', ';', '\t'].sort((a, b) => count(b) - count(a))[0];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
  } catch {
    throw fileIssue('invalid_format');
  }
  if (records.length === 0) throw fileIssue('no_rows');
  const [first, ...rest] = records;
  return {
    headers: first.record.map((h) => h.trim()),
    rows: rest.map((r) => ({ row: r.info.lines, cells: r.record })),
  };
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notATable(); // a ZIP, but no workbook (a DOCX, …)
  }
  const ws = wb.worksheets[0];
  if (!ws) throw notATable();
  if (ws.rowCount > MAX_IMPORT_ROWS + 1 + 1000) throw fileIssue('too_many_rows', { maximum: MAX_IMPORT_ROWS });
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cellValue(cell.value));
  });
  const rows: Table['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows.push({ row: n, cells });
  });
  return { headers: headers.map((h) => (h ?? '').trim()), rows };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue); // formula
    if ('error' in value) return null;
  }
  return null;
}

const cellText = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** Header cell → its column: `… [key]`, the key itself, or a column's name in either language. */
function columnOf(text: string): Column | undefined {
  const bracket = /\[([A-Za-z]+)\]\s*$/.exec(text);
  const wanted = fold(bracket ? bracket[1] : text);
  return ACTIVITY_IMPORT_COLUMNS.find((c) => fold(c) === wanted || fold(label('vi', c)) === wanted || fold(label('en', c)) === wanted);
}

/** A date cell: a date, an Excel serial number, `yyyy-mm-dd` or `dd/mm/yyyy` (also with `-` or `.`). */
function dateOf(cell: Cell | undefined): string | undefined | null {
  if (cell === null || cell === undefined || cell === '') return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 120_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(cell).trim();
  if (text === '') return undefined;
  const pad = (n: string) => n.padStart(2, '0');
  let iso: string | undefined;
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (ymd) iso = `${ymd[1]}-${pad(ymd[2])}-${pad(ymd[3])}`;
  else if (dmy) iso = `${dmy[3]}-${pad(dmy[2])}-${pad(dmy[1])}`;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const YES = ['yes', 'y', 'true', '1', 'x', 'co', 'online', 'truc tuyen'];
const NO = ['no', 'n', 'false', '0', 'khong', ''];

const tokens = (text: string) =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

// ---- checking the rows

interface Problem {
  column: Column | null;
  /** The list entry the problem is about (an organiser code, a count), named in the message. */
  entry?: string;
  code: string;
  params?: Record<string, unknown>;
  field: string;
}

interface RowResult {
  row: number;
  problems: Problem[];
  input?: ReturnType<typeof CreateActivity.parse>;
  participants?: { personId: string; role: (typeof ROLES)[number]; institutionId: string }[];
}

/** A field of CreateActivity (or of the service's rules) → the file's column. */
function columnOfField(field: string): { column: Column | null; index?: number } {
  const [head, index] = field.split('.');
  const i = index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined;
  if (head === 'organiserIds') return { column: 'organisers', index: i };
  if (head === 'counts') return { column: 'counts', index: i };
  if (head === 'participants') return { column: 'participants', index: i };
  return { column: (ACTIVITY_IMPORT_COLUMNS as readonly string[]).includes(head) ? (head as Column) : null };
}

function localize(lang: Language, p: Problem, row: number): ActivityImportProblem {
  const columnLabel = p.column ? label(lang, p.column) : translate(lang, 'activityImport.row');
  const { origin, inclusive, format } = (p.params ?? {}) as { origin?: string; inclusive?: boolean; format?: string };
  const keys = validationKeys(p.field, p.code, { origin, inclusive, format });
  const key = keys.find((k) => hasKey(lang, k)) ?? keys.at(-1)!;
  const field = p.entry ? `${columnLabel} (${p.entry})` : columnLabel;
  return { row, column: p.column, columnLabel, code: p.code, message: translate(lang, key, { ...p.params, field }) };
}

interface References {
  institutions: Map<string, string>;
  emails: Map<string, string[]>;
}

function checkRow(
  deps: AppDeps,
  agreement: Agreement,
  where: { everywhere: boolean; areas: Set<string> },
  context: Awaited<ReturnType<typeof loadCheckContext>>,
  refs: References,
  get: (c: Column) => Cell | undefined,
  row: number,
): RowResult {
  const problems: Problem[] = [];
  const text = (c: Column) => cellText(get(c));
  const parseProblem = (column: Column, code: string, params?: Record<string, unknown>, entry?: string) => problems.push({ column, code, params, entry, field: column });
  const input: Record<string, unknown> = {
    areaKey: text('areaKey') || undefined,
    titleVi: text('titleVi') || undefined,
    titleEn: text('titleEn') || undefined,
    place: text('place') || undefined,
    outcomes: text('outcomes') || undefined,
  };
  const listed = (column: Column, values: readonly string[], group: string, field: string) => {
    const raw = text(column);
    if (raw === '') return;
    const value = lookupValue(values, group, raw);
    if (value) input[field] = value;
    else parseProblem(column, 'unknown_value', { value: raw });
  };
  listed('kind', ACTIVITY_KINDS, 'kinds', 'kind');
  listed('status', STATUSES, 'statuses', 'status');
  for (const column of ['startDate', 'endDate'] as const) {
    const date = dateOf(get(column));
    if (date === null) parseProblem(column, 'invalid_format', { format: 'date' });
    else input[column] = date;
  }
  const online = fold(text('online'));
  if (YES.includes(online)) input.online = true;
  else if (NO.includes(online)) input.online = online === '' ? undefined : false;
  else parseProblem('online', 'invalid_boolean');

  // Lists: each entry resolved to what CreateActivity takes; `entries` keeps the text of each, to name it.
  const organiserEntries: string[] = [];
  const organiserIds: string[] = [];
  for (const code of tokens(text('organisers')).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean)) {
    const id = refs.institutions.get(code.toUpperCase());
    if (!id) parseProblem('organisers', 'unknown_code', { value: code }, code);
    else {
      organiserIds.push(id);
      organiserEntries.push(code);
    }
  }
  input.organiserIds = organiserIds;
  const countEntries: string[] = [];
  const counts: { institutionId: string; role: string; count: number }[] = [];
  for (const entry of tokens(text('counts'))) {
    const m = /^([^:=]+?)\s*:\s*([^=]+?)\s*=\s*([+-]?\d+)$/.exec(entry);
    if (!m) {
      parseProblem('counts', 'invalid_entry', { value: entry, expected: 'HUST:student=12' }, entry);
      continue;
    }
    const id = refs.institutions.get(m[1].trim().toUpperCase());
    const role = lookupValue(ROLES, 'roles', m[2]);
    if (!id) parseProblem('counts', 'unknown_code', { value: m[1].trim() }, entry);
    else if (!role) parseProblem('counts', 'unknown_value', { value: m[2] }, entry);
    else {
      counts.push({ institutionId: id, role, count: Number(m[3]) });
      countEntries.push(entry);
    }
  }
  input.counts = counts;
  const participantEntries: string[] = [];
  const participants: { personId: string; role: string }[] = [];
  for (const entry of tokens(text('participants'))) {
    const m = /^([^:]+?)\s*(?::\s*(.+))?$/.exec(entry)!;
    const who = m[1].trim();
    const role = m[2] === undefined ? 'other' : lookupValue(ROLES, 'roles', m[2]);
    let personId: string | undefined;
    if (UUID.test(who)) personId = who.toLowerCase();
    else if (who.includes('@')) {
      const found = refs.emails.get(who.toLowerCase()) ?? [];
      if (found.length !== 1) {
        parseProblem('participants', 'unknown_email', { value: who }, entry);
        continue;
      }
      personId = found[0];
    } else {
      parseProblem('participants', 'invalid_entry', { value: entry, expected: 'ten@truong.edu.vn:lecturer' }, entry);
      continue;
    }
    if (!role) {
      parseProblem('participants', 'unknown_value', { value: m[2] }, entry);
      continue;
    }
    participants.push({ personId, role });
    participantEntries.push(entry);
  }
  input.participants = participants;
  const entryOf = (column: Column | null, index: number | undefined) =>
    index === undefined ? undefined : column === 'organisers' ? organiserEntries[index] : column === 'counts' ? countEntries[index] : column === 'participants' ? participantEntries[index] : undefined;
  const withColumns = (issues: FieldIssue[]) =>
    issues.map((issue): Problem => {
      const { column, index } = columnOfField(issue.field);
      return { column, entry: entryOf(column, index), code: issue.code, params: issue.params, field: issue.field };
    });

  // The schema of createActivity, then its service rules: the same rules, column by column.
  const parsed = CreateActivity.safeParse(input);
  if (!parsed.success) {
    const taken = new Set(problems.map((p) => p.column));
    problems.push(...withColumns(issuesToFields(parsed.error.issues as Parameters<typeof issuesToFields>[0])).filter((p) => !taken.has(p.column)));
    return { row, problems };
  }
  const checked = activityIssues(deps, agreement, parsed.data, context);
  problems.push(...withColumns(checked.issues));
  if (!where.everywhere && !where.areas.has(parsed.data.areaKey) && !checked.issues.some((i) => i.field === 'areaKey')) {
    problems.push({ column: 'areaKey', code: 'not_area_recorder', field: 'areaKey' });
  }
  if (problems.length > 0) return { row, problems };
  return { row, problems, input: parsed.data, participants: checked.participants };
}

// ---- the import

export interface ImportUpload {
  /** Every text field of the form (only `mode` is read; the others are checked for what PostgreSQL cannot store). */
  fields: Record<string, string>;
  fileName: string;
  stream: Readable;
}

export async function importActivities(
  deps: AppDeps,
  ctx: RequestContext,
  agreementId: string,
  readUpload: () => Promise<ImportUpload | undefined>,
): Promise<ActivityImportResult> {
  const actor = requireActor(ctx);
  // Before reading the file: 404 unless a party reads the agreement's activities, 403 unless the actor records some.
  await recordingAreas(deps.db, actor, await agreementForActivities(deps.db, ctx, agreementId));
  const upload = await readUpload();
  if (!upload) throw fileIssue('required');
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(upload.fields)) if (value.includes('\u0000')) issues.push({ field: name, code: 'no_nul' });
  if (upload.fileName.includes('\u0000')) issues.push({ field: 'file', code: 'no_nul' });
  const mode = ActivityImportMode.safeParse(upload.fields.mode ?? 'preview');
  if (!mode.success && !issues.some((i) => i.field === 'mode')) issues.push({ field: 'mode', code: 'invalid_value' });
  if (issues.length > 0 || !mode.success) {
    upload.stream.resume();
    throw new AppError('validation_failed', { fields: issues });
  }
  const chosen = mode.data;
  const bytes = await readAll(upload.stream);
  if (bytes.length === 0) throw fileIssue('no_rows');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const table = await readTable(bytes);

  // The header: which column is where.
  const at = new Map<Column, number>();
  table.headers.forEach((h, i) => {
    const column = columnOf(h);
    if (column && !at.has(column)) at.set(column, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !at.has(c));
  if (missing.length > 0) throw fileIssue('missing_columns', { columns: missing.map((c) => label(ctx.lang, c)).join(', ') });
  const rows = table.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (rows.length === 0) throw fileIssue('no_rows');
  if (rows.length > MAX_IMPORT_ROWS) throw fileIssue('too_many_rows', { maximum: MAX_IMPORT_ROWS });
  const cellOf = (r: (typeof rows)[number]) => (c: Column) => {
    const i = at.get(c);
    return i === undefined ? undefined : r.cells[i];
  };

  const result = await inTransaction(deps.db, async (tx) => {
    // Writes under the agreement's row lock, as createActivity: its parties, areas and period cannot change meanwhile,
    // and two uploads of one file are one after the other.
    const agreement = await agreementForActivities(tx, ctx, agreementId, chosen !== 'preview');
    const where = await recordingAreas(tx, actor, agreement);
    const scope = tenantScope(ctx);
    const column = (c: Column) => rows.map((r) => cellText(cellOf(r)(c)));
    const codes = new Set<string>();
    for (const text of column('organisers')) for (const code of tokens(text).flatMap((t) => t.split(','))) if (code.trim()) codes.add(code.trim());
    for (const text of column('counts')) for (const entry of tokens(text)) codes.add(entry.split(':')[0].trim());
    const people = column('participants').flatMap((text) => tokens(text).map((entry) => entry.split(':')[0].trim()));
    const refs: References = {
      institutions: await repo.institutionsByCode(tx, scope, [...codes].filter((c) => c !== '' && !c.includes('\u0000'))),
      emails: await repo.peopleByEmail(tx, scope, [...new Set(people.filter((p) => p.includes('@') && !p.includes('\u0000')))], agreement.party_ids),
    };
    const personIds = [...new Set([...people.filter((p) => UUID.test(p)).map((p) => p.toLowerCase()), ...[...refs.emails.values()].flat()])];
    const context = await loadCheckContext(tx, ctx, agreement, personIds, null);
    const checked = rows.map((r) => checkRow(deps, agreement, where, context, refs, cellOf(r), r.row));
    const valid = checked.filter((r) => r.problems.length === 0);
    const before = await repo.findImport(tx, agreement.id, sha256);
    const base = {
      mode: chosen,
      sha256,
      rows: rows.length,
      validRows: valid.length,
      invalidRows: checked.length - valid.length,
      problems: checked.flatMap((r) => r.problems.map((p) => localize(ctx.lang, p, r.row))),
      alreadyImported: before !== undefined,
      importId: before?.id ?? null,
      importedAt: before ? new Date(before.created_at).toISOString() : null,
      previouslyCreated: before?.rows_created ?? 0,
      created: 0,
    };
    const save = chosen === 'valid-only' || (chosen === 'all' && valid.length === checked.length);
    if (before || !save || valid.length === 0) return base;

    const made = await repo.insertImport(tx, { agreement_id: agreement.id, sha256, institution_id: actor.institutionId, created_by: actor.userId, rows_created: valid.length });
    const ids = await repo.insertActivities(
      tx,
      valid.map(({ input }) => ({
        agreement_id: agreement.id,
        ...columnsOf(input!),
        created_by: actor.userId,
        created_by_label: actor.label,
        import_id: made.id,
      })),
    );
    await repo.insertLinksEach(
      tx,
      valid.map((r, i) => ({ activityId: ids[i], links: { organiserIds: r.input!.organiserIds, participants: r.participants!, counts: r.input!.counts } })),
    );
    await recordAudit(tx, ctx, {
      entity: 'activity',
      entityId: ids[0],
      action: 'import',
      owners: agreement.party_ids,
      after: { agreementId: agreement.id, importId: made.id, sha256, fileName: upload.fileName.slice(0, 300), mode: chosen, rows: rows.length, created: ids.length },
    });
    return { ...base, importId: made.id, importedAt: new Date(made.created_at).toISOString(), created: ids.length };
  });
  return result;
}
