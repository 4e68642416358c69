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

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.id === 'string') return value as Cursor;
  } catch {
    // fall through
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
