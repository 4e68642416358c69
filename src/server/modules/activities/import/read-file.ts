import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../platform/errors.ts';

// Reading the file: XLSX or CSV (told by its bytes, not its name) into a table of cells, and the cells into dates,
// yes/no and list entries.

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export type Cell = string | number | boolean | Date | null;
interface Table {
  headers: string[];
  rows: { row: number; cells: Cell[] }[];
}

/**
 * The import form's `mode` (`preview` when absent), checked with the form's other text fields and the file's name for
 * what PostgreSQL cannot store; a 400 naming them leaves the file unread.
 */
export function uploadMode<M extends string>(upload: { fields: Record<string, string>; fileName: string; stream: Readable }, modes: z.ZodType<M>): M {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(upload.fields)) if (value.includes('\u0000')) issues.push({ field: name, code: 'no_nul' });
  if (upload.fileName.includes('\u0000')) issues.push({ field: 'file', code: 'no_nul' });
  const mode = modes.safeParse(upload.fields.mode ?? 'preview');
  if (!mode.success && !issues.some((i) => i.field === 'mode')) issues.push({ field: 'mode', code: 'invalid_value' });
  if (issues.length > 0 || !mode.success) {
    upload.stream.resume();
    throw new AppError('validation_failed', { fields: issues });
  }
  return mode.data;
}

/**
 * What an import answers before it writes — its counts, every row's problems, the earlier import of the same file —
 * and whether it writes: never a file imported before (a re-upload creates nothing), never a preview, and in mode `all`
 * only when every row is valid (`valid-only` writes the valid rows).
 */
export function importOutcome<M extends string, P>(o: {
  mode: M;
  sha256: string;
  rows: number;
  validRows: number;
  checkedRows: number;
  problems: P[];
  before: { id: string; created_at: Date | string; rows_created: number } | undefined;
}) {
  const { mode, sha256, rows, validRows, checkedRows, problems, before } = o;
  const result = {
    mode,
    sha256,
    rows,
    validRows,
    invalidRows: checkedRows - validRows,
    problems,
    alreadyImported: before !== undefined,
    importId: before?.id ?? null,
    importedAt: before ? new Date(before.created_at).toISOString() : null,
    previouslyCreated: before?.rows_created ?? 0,
    created: 0,
  };
  const save = !before && validRows > 0 && (mode === 'valid-only' || (mode === 'all' && validRows === checkedRows));
  return { result, save };
}

/**
 * The table's columns by key (the first header `columnOf` names each), its rows that are not empty, and their cells
 * by column; a 400 naming `file` for a missing required column (by `label`), no rows, or more than `maxRows`.
 */
export function tableColumns<C extends string>(table: Table, columnOf: (header: string) => C | undefined, required: readonly C[], label: (c: C) => string, maxRows: number) {
  const at = new Map<C, number>();
  table.headers.forEach((h, i) => {
    const column = columnOf(h);
    if (column && !at.has(column)) at.set(column, i);
  });
  const missing = required.filter((c) => !at.has(c));
  if (missing.length > 0) throw fileIssue('missing_columns', { columns: missing.map(label).join(', ') });
  const rows = table.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (rows.length === 0) throw fileIssue('no_rows');
  if (rows.length > maxRows) throw fileIssue('too_many_rows', { maximum: maxRows });
  const cellOf = (r: Table['rows'][number], c: C): Cell | undefined => {
    const i = at.get(c);
    return i === undefined ? undefined : r.cells[i];
  };
  return { at, rows, cellOf };
}

export const fileIssue = (code: string, params?: Record<string, unknown>) => new AppError('validation_failed', { fields: [{ field: 'file', code, params }] });

/** The bounds of an import (the exams import takes larger files than activities). */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}
const DEFAULT_LIMITS: ImportLimits = { maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS };
const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

export async function readAll(stream: Readable, limits: ImportLimits = DEFAULT_LIMITS): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const tooLarge = () =>
    new AppError('payload_too_large', { params: { limit: mebibytes(limits.maxBytes) }, fields: [{ field: 'file', code: 'too_big', params: { maximum: mebibytes(limits.maxBytes) } }] });
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBytes) {
        stream.resume();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The multipart parser's own limit (a status 413), or a stream the client broke.
    if ((err as { statusCode?: unknown }).statusCode === 413) throw tooLarge();
    throw fileIssue('invalid_format');
  }
  return Buffer.concat(chunks);
}

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const notATable = () => new AppError('unsupported_media_type', { messageKey: 'errors.import_file_type', fields: [{ field: 'file', code: 'file_type' }] });

export async function readTable(bytes: Buffer, limits: ImportLimits = DEFAULT_LIMITS): Promise<Table> {
  if (isZip(bytes)) return readXlsx(bytes, limits.maxRows);
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

async function readXlsx(bytes: Buffer, maxRows: number): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notATable(); // a ZIP, but no workbook (a DOCX, …)
  }
  const ws = wb.worksheets[0];
  if (!ws) throw notATable();
  if (ws.rowCount > maxRows + 1 + 1000) throw fileIssue('too_many_rows', { maximum: maxRows });
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

export const cellText = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** A date cell: a date, an Excel serial number, `yyyy-mm-dd` or `dd/mm/yyyy` (also with `-` or `.`). */
export function dateOf(cell: Cell | undefined): string | undefined | null {
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

export const YES = ['yes', 'y', 'true', '1', 'x', 'co', 'online', 'truc tuyen'];
export const NO = ['no', 'n', 'false', '0', 'khong', ''];

export const tokens = (text: string) =>
  text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
