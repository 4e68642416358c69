import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from './errors.ts';

// Keyset pagination: the cursor is the sort key and id of the last row of the previous page,
// so every page is an index range scan, however deep the user scrolls.
export interface Cursor {
  k: string | number | null;
  id: string;
}

export function encodeCursor(key: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify({ k: key, id })).toString('base64url');
}

/**
 * What a list's cursor holds, checked when it comes back (a cursor is opaque to clients, not trusted):
 * the sort key's kind — `text`, `number`, `timestamp` (PostgreSQL's exact text, see `exactTimestamp`),
 * `date` (YYYY-MM-DD) — and the id's — a `uuid`, or a decimal `bigint` (the audit log).
 */
export interface CursorKind {
  key: 'text' | 'number' | 'timestamp' | 'date';
  id?: 'uuid' | 'bigint';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT8_MAX = 9_223_372_036_854_775_807n;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// PostgreSQL's timestamptz text (`2026-05-07 09:15:02.123456+07`, `…+05:30`), or ISO with T and Z.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2}){0,2})?$/;

/** A real calendar date PostgreSQL accepts (year 1 to 9999; PostgreSQL has no year 0). */
function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function keyFits(key: unknown, kind: CursorKind['key']): boolean {
  switch (kind) {
    case 'text':
      return typeof key === 'string' && key.length <= 1000 && !key.includes('\u0000');
    case 'number':
      return typeof key === 'number' && Number.isFinite(key);
    case 'date':
      return typeof key === 'string' && isCalendarDate(key);
    case 'timestamp': {
      const m = typeof key === 'string' ? TIMESTAMP.exec(key) : null;
      return m !== null && isCalendarDate(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
    }
  }
}

function idFits(id: unknown, kind: CursorKind['id'] = 'uuid'): boolean {
  if (typeof id !== 'string') return false;
  if (kind === 'uuid') return UUID.test(id);
  return /^\d{1,19}$/.test(id) && BigInt(id) <= INT8_MAX;
}

/** The cursor a list gave out, back from the client; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string | undefined, kind: CursorKind): Cursor | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { k, id, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length === 0 && keyFits(k, kind.key) && idFits(id, kind.id)) return { k: k as Cursor['k'], id: id as string };
  }
  throw new AppError('validation_failed', { fields: [{ field: 'cursor', code: 'invalid_format' }] });
}

/** Rows after the cursor for `ORDER BY keyColumn <dir>, id <dir>`. */
export function afterCursor(keyColumn: string, idColumn: string, cursor: Cursor, direction: 'asc' | 'desc') {
  const op = sql.raw(direction === 'asc' ? '>' : '<');
  return sql<SqlBool>`(${sql.ref(keyColumn)}, ${sql.ref(idColumn)}) ${op} (${cursor.k}, ${cursor.id}::uuid)` as Expression<SqlBool>;
}

/** Takes limit+1 rows, returns the page and the cursor for the next one. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, keyOf: (row: T) => string | number | null) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(keyOf(last), last.id) : null };
}

/**
 * A timestamp column as PostgreSQL's exact text (microseconds), for cursors: a JavaScript Date keeps
 * only milliseconds, and a cursor rounded down would skip rows changed within the same millisecond.
 */
export const exactTimestamp = (column: string) => sql<string>`${sql.ref(column)}::text`;
