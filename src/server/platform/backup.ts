import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';

// Logical backup of every application table to one gzip'd JSON-lines file, and its restore.
// Works the same on the embedded cluster and on an external server (no pg_dump needed, no superuser).
// Not included: the pg-boss job queue (transient) — pending jobs are re-created by the sweepers.
// File: a header line, then per table a `{"table": …, "rows": n}` line followed by n row lines.
const FORMAT = 'hoptac-backup';
const BATCH = 2000;

interface TableInfo {
  name: string;
  columns: string[]; // insertable columns (generated ones are recomputed on restore)
  identity: string[];
  selfReferencing: boolean;
  dependsOn: string[];
}

async function describeTables(client: pg.PoolClient): Promise<TableInfo[]> {
  const tables = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const cols = await client.query<{ table_name: string; column_name: string; is_generated: string; is_identity: string }>(
    `SELECT table_name, column_name, is_generated, is_identity FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const fks = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  return tables.rows.map(({ table_name: name }) => {
    const own = cols.rows.filter((c) => c.table_name === name);
    const parents = fks.rows.filter((f) => f.child === name).map((f) => f.parent);
    return {
      name,
      columns: own.filter((c) => c.is_generated === 'NEVER').map((c) => c.column_name),
      identity: own.filter((c) => c.is_identity === 'YES').map((c) => c.column_name),
      selfReferencing: parents.includes(name),
      dependsOn: [...new Set(parents.filter((p) => p !== name))],
    };
  });
}

/** Parents before children, so foreign keys hold after every statement. */
function inDependencyOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo) => {
    if (done.has(t.name)) return;
    done.add(t.name);
    for (const p of t.dependsOn) {
      const parent = byName.get(p);
      if (parent) visit(parent);
    }
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function backupDatabase(pool: pg.Pool, file: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  try {
    // One snapshot for the whole backup, so the tables are consistent with each other.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = inDependencyOrder(await describeTables(client));
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), tables: tables.map((t) => t.name) })}\n`;
      for (const t of tables) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
        const n = rows[0].n as number;
        counts[t.name] = n;
        yield `${JSON.stringify({ table: t.name, rows: n })}\n`;
        const cols = t.columns.map(q).join(', ');
        for (let offset = 0; offset < n; offset += BATCH) {
          const batch = await client.query(
            `SELECT row_to_json(x)::text AS j FROM (SELECT ${cols} FROM ${q(t.name)} ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}) x`,
          );
          yield batch.rows.map((r) => `${r.j}\n`).join('');
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return counts;
}

/** Replaces the content of every table with the backup's, in one transaction. */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<Record<string, number>> {
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  const reader = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const it = reader[Symbol.asyncIterator]();
  const next = async () => {
    const r = await it.next();
    return r.done ? undefined : (r.value as string);
  };
  try {
    const header = JSON.parse((await next()) ?? '{}');
    if (header.format !== FORMAT) throw new Error(`${file} is not a hoptac backup`);
    await client.query('BEGIN');
    const tables = await describeTables(client);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const unknown = (header.tables as string[]).filter((t) => !byName.has(t));
    if (unknown.length > 0) throw new Error(`The backup has tables this version does not know: ${unknown.join(', ')}`);
    await client.query(`TRUNCATE ${tables.map((t) => q(t.name)).join(', ')} RESTART IDENTITY CASCADE`);
    for (;;) {
      const line = await next();
      if (line === undefined) break;
      const { table, rows } = JSON.parse(line) as { table: string; rows: number };
      const t = byName.get(table)!;
      // Rows a trigger wrote while earlier tables were restored (figures derived from them: target_actuals, 0015)
      // give way to the backup's, which are the same figures.
      const { rows: filled } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${q(table)}) AS filled`);
      if (filled[0].filled) await client.query(`DELETE FROM ${q(table)}`);
      const batchSize = t.selfReferencing ? Math.max(rows, 1) : BATCH;
      const cols = t.columns.map(q).join(', ');
      const overriding = t.identity.length > 0 ? 'OVERRIDING SYSTEM VALUE' : '';
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(
          `INSERT INTO ${q(table)} (${cols}) ${overriding} SELECT ${cols} FROM json_populate_recordset(null::${q(table)}, $1::json)`,
          [`[${batch.join(',')}]`],
        );
        batch = [];
      };
      for (let i = 0; i < rows; i++) {
        const row = await next();
        if (row === undefined) throw new Error(`The backup ends inside table ${table}`);
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
      for (const col of t.identity) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${q(col)}) FROM ${q(table)}), 0) + 1, false)`,
          [table, col],
        );
      }
      counts[table] = rows;
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    reader.close();
    client.release();
  }
  return counts;
}
