import type pg from 'pg';

// A whole-database snapshot for tests that must prove a series of calls changed nothing: every table of
// the `public` schema, every row as JSON, keyed by its primary key (a table without one is keyed by the
// whole row). `diffSnapshots` lists what was added, removed or changed, column by column.

export type Row = Record<string, unknown>;
/** table → (key → row); the key is the JSON of the primary key values (or of the whole row). */
export type Snapshot = Map<string, Map<string, Row>>;

export type RowChange =
  | { kind: 'added'; table: string; key: string; after: Row }
  | { kind: 'removed'; table: string; key: string; before: Row }
  | { kind: 'changed'; table: string; key: string; before: Row; after: Row; columns: string[] };

export async function snapshotDatabase(pool: pg.Pool): Promise<Snapshot> {
  const tables = await pool.query<{ table_name: string; pk: string[] | null }>(`
    SELECT c.relname AS table_name,
           (SELECT array_agg(a.attname::text ORDER BY k.ord)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`);
  const snapshot: Snapshot = new Map();
  for (const { table_name: table, pk } of tables.rows) {
    const { rows } = await pool.query<{ row: Row }>(`SELECT to_jsonb(t) AS row FROM public.${quoteIdent(table)} t`);
    const byKey = new Map<string, Row>();
    for (const { row } of rows) {
      const key = JSON.stringify(pk ? pk.map((c) => row[c]) : row);
      byKey.set(key, row);
    }
    snapshot.set(table, byKey);
  }
  return snapshot;
}

export function diffSnapshots(before: Snapshot, after: Snapshot): RowChange[] {
  const changes: RowChange[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(table) ?? new Map<string, Row>();
    const now = after.get(table) ?? new Map<string, Row>();
    for (const [key, row] of old) {
      const next = now.get(key);
      if (!next) {
        changes.push({ kind: 'removed', table, key, before: row });
        continue;
      }
      const columns = [...new Set([...Object.keys(row), ...Object.keys(next)])].filter((c) => JSON.stringify(row[c]) !== JSON.stringify(next[c]));
      if (columns.length > 0) changes.push({ kind: 'changed', table, key, before: row, after: next, columns });
    }
    for (const [key, row] of now) if (!old.has(key)) changes.push({ kind: 'added', table, key, after: row });
  }
  return changes;
}

/** One line per changed column, e.g. `users ["…"] display_name: "A" → "B"`. */
export function formatChanges(changes: RowChange[]): string {
  const short = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : s.length > 200 ? `${s.slice(0, 200)}…` : s;
  };
  return changes
    .map((c) => {
      if (c.kind === 'added') return `+ ${c.table} ${c.key} added: ${short(c.after)}`;
      if (c.kind === 'removed') return `- ${c.table} ${c.key} removed: ${short(c.before)}`;
      return c.columns.map((col) => `~ ${c.table} ${c.key} ${col}: ${short(c.before[col])} → ${short(c.after[col])}`).join('\n');
    })
    .join('\n');
}

function quoteIdent(name: string) {
  return `"${name.replace(/"/g, '""')}"`;
}
