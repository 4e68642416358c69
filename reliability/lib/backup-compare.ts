import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';

// What the backup drill compares: tables (rows and a checksum per table, rows by primary key), the content of a
// backup file, and stored files (by SHA-256).

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function tableNames(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

async function primaryKey(c: pg.Client, table: string): Promise<string[]> {
  const { rows } = await c.query<{ col: string }>(
    `SELECT a.attname AS col FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n) ON true
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
    [`public.${q(table)}`],
  );
  return rows.map((r) => r.col);
}

export async function columnsOf(c: pg.Client, table: string, insertableOnly = false): Promise<string[]> {
  const { rows } = await c.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
     ${insertableOnly ? "AND is_generated = 'NEVER'" : ''} ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

export interface TableRows {
  count: number;
  checksum: string;
  /** Each row as JSON (the given columns), by its primary key as text. */
  byKey: Map<string, string>;
}

/**
 * Every row of `table` as JSON over `columns` (default: all, generated ones too), keyed by primary key; the checksum
 * is the md5 of the rows in primary-key order (in row text order without a key).
 */
export async function readTable(c: pg.Client, table: string, columns?: string[]): Promise<TableRows> {
  const cols = columns ?? (await columnsOf(c, table));
  const pk = await primaryKey(c, table);
  const key = pk.length ? `json_build_array(${pk.map((k) => `t.${q(k)}`).join(', ')})::text` : 'row_to_json(x)::text';
  const order = pk.length ? pk.map((k) => `t.${q(k)}`).join(', ') : 'row_to_json(x)::text';
  const { rows } = await c.query<{ k: string; j: string }>(
    `SELECT ${key} AS k, row_to_json(x)::text AS j FROM ${q(table)} t CROSS JOIN LATERAL (SELECT ${cols.map((x) => `t.${q(x)}`).join(', ')}) x ORDER BY ${order}`,
  );
  const byKey = new Map<string, string>();
  for (const r of rows) byKey.set(r.k, r.j);
  return { count: rows.length, checksum: md5(rows.map((r) => r.j).join('\n')), byKey };
}

export interface Fingerprint {
  tables: Map<string, TableRows>;
}

export async function fingerprint(c: pg.Client, only?: (table: string) => string[] | undefined): Promise<Fingerprint> {
  const tables = new Map<string, TableRows>();
  for (const t of await tableNames(c)) tables.set(t, await readTable(c, t, only?.(t)));
  return { tables };
}

export interface Diff {
  added: number;
  removed: number;
  changed: number;
}
/** How `b` differs from `a`, row by row (by primary key). */
export function diffRows(a: TableRows, b: TableRows): Diff {
  let removed = 0;
  let changed = 0;
  for (const [k, v] of a.byKey) {
    const w = b.byKey.get(k);
    if (w === undefined) removed++;
    else if (w !== v) changed++;
  }
  let added = 0;
  for (const k of b.byKey.keys()) if (!a.byKey.has(k)) added++;
  return { added, removed, changed };
}

export interface BackupContent {
  header: { format: string; version?: number; tables: string[]; migrations?: string[] };
  /** Per table, its row lines as written (JSON over the insertable columns). */
  tables: Map<string, string[]>;
  /** Per stored file in the backup: size and whether its bytes match the SHA-256 it is filed under. */
  files: Map<string, { size: number; intact: boolean }>;
}

/** Reads a backup file back (format versions 1 and 2). */
export async function readBackup(file: string): Promise<BackupContent> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  const next = async () => {
    const r = await it.next();
    return r.done ? undefined : (r.value as string);
  };
  const header = JSON.parse((await next()) ?? '{}');
  const tables = new Map<string, string[]>();
  const files = new Map<string, { size: number; intact: boolean }>();
  for (;;) {
    const line = await next();
    if (line === undefined) break;
    const s = JSON.parse(line) as { table?: string; rows?: number; file?: string; size?: number; chunks?: number };
    if (s.file) {
      const parts: Buffer[] = [];
      for (let i = 0; i < (s.chunks ?? 0); i++) parts.push(Buffer.from((await next()) ?? '', 'base64'));
      const bytes = Buffer.concat(parts);
      files.set(s.file, { size: bytes.length, intact: bytes.length === s.size && sha256(bytes) === s.file });
      continue;
    }
    const rows: string[] = [];
    for (let i = 0; i < (s.rows ?? 0); i++) rows.push((await next()) ?? '');
    tables.set(s.table as string, rows);
  }
  rl.close();
  return { header, tables, files };
}

/** Row lines compared as multisets: count and md5 of the sorted lines. */
export function lineSetChecksum(lines: string[]): string {
  return md5([...lines].sort().join('\n'));
}

/** The restored table as the backup writes it: JSON over the insertable columns. */
export async function tableAsBackupLines(c: pg.Client, table: string): Promise<string[]> {
  const cols = await columnsOf(c, table, true);
  const { rows } = await c.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM (SELECT ${cols.map(q).join(', ')} FROM ${q(table)}) x`);
  return rows.map((r) => r.j);
}

/** Every file in a content-addressed FILES_DIR (ab/abcdef…): its SHA-256 name → the SHA-256 of its bytes and size. */
export function storedFiles(dir: string): Map<string, { hash: string; size: number }> {
  const out = new Map<string, { hash: string; size: number }>();
  if (!existsSync(dir)) return out;
  for (const sub of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of readdirSync(join(dir, sub))) {
      const path = join(dir, sub, name);
      out.set(name, { hash: sha256(readFileSync(path)), size: statSync(path).size });
    }
  }
  return out;
}
