import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import type { FileStore } from './files.ts';
import { listMigrations, MIGRATION_LOCK_KEY, MIGRATIONS_DIR, MIGRATIONS_TABLE_DDL } from './migrate.ts';

// Logical backup of every application table to one gzip'd JSON-lines file, and its restore.
// Works the same on the embedded cluster and on an external server (no pg_dump needed, no superuser).
// Not included: the pg-boss job queue (transient) — pending jobs are re-created by the sweepers.
// File: a header line (with the migrations the data is at), then per table a `{"table": …, "rows": n}` line
// followed by n row lines, then (version 2) every stored file the data names: a `{"file": sha256, "size": n,
// "chunks": k}` line followed by k lines of its bytes in base64.
// A backup restores into a database of the same version or, when it is older, the schema is rebuilt at the
// backup's migrations, the data loaded, and the migrations it lacks applied to it — all in one transaction.
const FORMAT = 'hoptac-backup';
const VERSION = 2;
const BATCH = 2000;
/** Bytes of a file per base64 line (a multiple of 3, so the lines decode one by one). */
const FILE_CHUNK = 768 * 1024;

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

export interface BackupResult {
  /** Rows per table. */
  rows: Record<string, number>;
  /** The migrations the data is at. */
  migrations: string[];
  files: number;
  fileBytes: number;
  /** Files the data names that FILES_DIR does not hold (not in the backup). */
  missingFiles: string[];
  /** Files whose bytes no longer match their SHA-256 (not in the backup). */
  corruptFiles: string[];
}

/**
 * Writes every table, from one snapshot (REPEATABLE READ), and — with `files` — the bytes of every stored file
 * that snapshot names. Files are content-addressed and never removed, and the bytes are stored before the row that
 * names them is committed, so every file of the snapshot can be read after it.
 */
export async function backupDatabase(pool: pg.Pool, file: string, options: { files?: FileStore } = {}): Promise<BackupResult> {
  const client = await pool.connect();
  const result: BackupResult = { rows: {}, migrations: [], files: 0, fileBytes: 0, missingFiles: [], corruptFiles: [] };
  let committed = false;
  try {
    // One snapshot for the whole backup, so the tables are consistent with each other.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = inDependencyOrder(await describeTables(client));
    result.migrations = tables.some((t) => t.name === 'schema_migrations')
      ? (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name)
      : [];
    const stored = tables.some((t) => t.name === 'files')
      ? (await client.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM files ORDER BY sha256')).rows.map((r) => r.sha256)
      : [];
    const { files } = options;
    async function* lines() {
      yield `${JSON.stringify({ format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), tables: tables.map((t) => t.name), migrations: result.migrations })}\n`;
      for (const t of tables) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${q(t.name)}`);
        const n = rows[0].n as number;
        result.rows[t.name] = n;
        yield `${JSON.stringify({ table: t.name, rows: n })}\n`;
        const cols = t.columns.map(q).join(', ');
        for (let offset = 0; offset < n; offset += BATCH) {
          const batch = await client.query(
            `SELECT row_to_json(x)::text AS j FROM (SELECT ${cols} FROM ${q(t.name)} ORDER BY ctid LIMIT ${BATCH} OFFSET ${offset}) x`,
          );
          yield batch.rows.map((r) => `${r.j}\n`).join('');
        }
      }
      // The snapshot is no longer needed: the files are read outside it (they are never changed or removed).
      await client.query('COMMIT');
      committed = true;
      if (!files) return;
      for (const sha of stored) {
        if (!files.has(sha)) {
          result.missingFiles.push(sha);
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const c of files.open(sha)) chunks.push(c as Buffer);
        const bytes = Buffer.concat(chunks);
        if (createHash('sha256').update(bytes).digest('hex') !== sha) {
          result.corruptFiles.push(sha);
          continue;
        }
        const parts = Math.ceil(bytes.length / FILE_CHUNK);
        yield `${JSON.stringify({ file: sha, size: bytes.length, chunks: parts })}\n`;
        for (let i = 0; i < parts; i++) yield `${bytes.subarray(i * FILE_CHUNK, (i + 1) * FILE_CHUNK).toString('base64')}\n`;
        result.files++;
        result.fileBytes += bytes.length;
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    if (!committed) await client.query('COMMIT');
  } catch (err) {
    if (!committed) await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return result;
}

function lineReader(file: string) {
  const reader = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const it = reader[Symbol.asyncIterator]();
  return {
    async next(): Promise<string | undefined> {
      const r = await it.next();
      return r.done ? undefined : (r.value as string);
    },
    close: () => reader.close(),
  };
}

interface Header {
  format?: string;
  version?: number;
  tables?: string[];
  migrations?: string[];
}

async function readHeader(file: string): Promise<Header> {
  const r = lineReader(file);
  try {
    const first = await r.next();
    try {
      return JSON.parse(first ?? '{}') as Header;
    } catch {
      return {};
    }
  } finally {
    r.close();
  }
}

/** The migrations a backup's data is at: from its header, or (version 1) from its schema_migrations rows. */
async function backupMigrations(file: string, header: Header): Promise<string[]> {
  if (header.migrations) return header.migrations;
  const r = lineReader(file);
  try {
    await r.next();
    for (;;) {
      const line = await r.next();
      if (line === undefined) return [];
      const { table, rows } = JSON.parse(line) as { table: string; rows: number };
      const names: string[] = [];
      for (let i = 0; i < rows; i++) {
        const row = await r.next();
        if (table === 'schema_migrations' && row) names.push((JSON.parse(row) as { name: string }).name);
      }
      if (table === 'schema_migrations') return names.sort();
    }
  } finally {
    r.close();
  }
}

/** Drops what the migrations created in the public schema (not the extensions' objects), to build it again. */
async function dropApplicationSchema(client: pg.PoolClient): Promise<void> {
  const notExtension = (catalog: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
  const drop = async (kind: string, query: string) => {
    const { rows } = await client.query<{ name: string }>(query);
    if (rows.length > 0) await client.query(`DROP ${kind} IF EXISTS ${rows.map((r) => r.name).join(', ')} CASCADE`);
  };
  const rel = (kinds: string) =>
    `SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN (${kinds}) AND ${notExtension('pg_class', 'c.oid')}`;
  await drop('MATERIALIZED VIEW', rel(`'m'`));
  await drop('VIEW', rel(`'v'`));
  await drop('TABLE', rel(`'r', 'p'`));
  await drop('SEQUENCE', rel(`'S'`));
  await drop(
    'ROUTINE',
    `SELECT p.oid::regprocedure::text AS name FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p') AND ${notExtension('pg_proc', 'p.oid')}`,
  );
  await drop(
    'TYPE',
    `SELECT t.oid::regtype::text AS name FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
     AND ${notExtension('pg_type', 't.oid')}`,
  );
}

export interface RestoreResult {
  rows: Record<string, number>;
  files: number;
  fileBytes: number;
  /** The migrations applied to the data after loading it (the backup was from an earlier version). */
  migratedForward: string[];
  /** Files the restored data names that FILES_DIR does not hold (a version 1 backup: copy them from the old FILES_DIR). */
  missingFiles: string[];
}

/**
 * Replaces the content of every table with the backup's, in one transaction, and writes its files into the file
 * store. A backup from an earlier version (its migrations among this version's) is loaded into the schema of its
 * version, then migrated forward — the data changes of later migrations apply to it as they would have in place.
 */
export async function restoreDatabase(
  pool: pg.Pool,
  file: string,
  options: { files?: FileStore; migrationsDir?: string } = {},
): Promise<RestoreResult> {
  const header = await readHeader(file);
  if (header.format !== FORMAT) throw new Error(`${file} is not a hoptac backup`);
  if ((header.version ?? 1) > VERSION) throw new Error(`${file} was written by a newer version of hoptac (backup format ${header.version}); restore it with that version`);
  const known = listMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  const names = await backupMigrations(file, header);
  const newer = names.filter((n) => !known.some((m) => m.name === n));
  if (newer.length > 0) throw new Error(`${file} is from a newer version of hoptac (migrations ${newer.join(', ')}); restore it with that version`);
  // The backup's schema is its migrations applied in name order (as `migrate` applied them, also when a release
  // added one numbered before another already applied); the others follow in the same order, as in place.
  const inBackup = new Set(names);
  const forward = known.filter((m) => !inBackup.has(m.name));

  const client = await pool.connect();
  const result: RestoreResult = { rows: {}, files: 0, fileBytes: 0, migratedForward: [], missingFiles: [] };
  const r = lineReader(file);
  try {
    await r.next(); // the header, read above
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    if (forward.length > 0) {
      // The schema as the backup's version left it: dropped and built again by its migrations.
      await dropApplicationSchema(client);
      await client.query(MIGRATIONS_TABLE_DDL);
      for (const m of known.filter((x) => inBackup.has(x.name))) {
        try {
          await client.query(m.sql);
        } catch (err) {
          throw new Error(`Rebuilding the schema of the backup, migration ${m.name} failed: ${(err as Error).message}`);
        }
      }
    }
    const tables = await describeTables(client);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const unknown = (header.tables ?? []).filter((t) => !byName.has(t));
    if (unknown.length > 0) throw new Error(`The backup has tables this version does not know: ${unknown.join(', ')}`);
    await client.query(`TRUNCATE ${tables.map((t) => q(t.name)).join(', ')} RESTART IDENTITY CASCADE`);
    // Foreign keys to a table the backup holds later — the tables reference each other in a circle (an agreement's
    // signed copy is one of its documents) — are dropped while loading and added again after, which checks them.
    const order = new Map((header.tables ?? []).map((t, i) => [t, i]));
    const { rows: forwardRefs } = await client.query<{ child: string; name: string; def: string; parent: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.confrelid::regclass::text AS parent
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conrelid <> c.confrelid`,
    );
    const deferred = forwardRefs.filter((f) => (order.get(f.parent) ?? -1) > (order.get(f.child) ?? Number.POSITIVE_INFINITY));
    for (const f of deferred) await client.query(`ALTER TABLE ${q(f.child)} DROP CONSTRAINT ${q(f.name)}`);
    for (;;) {
      const line = await r.next();
      if (line === undefined) break;
      const section = JSON.parse(line) as { table?: string; rows?: number; file?: string; size?: number; chunks?: number };
      if (section.file !== undefined) {
        const parts: Buffer[] = [];
        for (let i = 0; i < (section.chunks ?? 0); i++) {
          const chunk = await r.next();
          if (chunk === undefined) throw new Error(`The backup ends inside file ${section.file}`);
          parts.push(Buffer.from(chunk, 'base64'));
        }
        const bytes = Buffer.concat(parts);
        if (bytes.length !== section.size || createHash('sha256').update(bytes).digest('hex') !== section.file) {
          throw new Error(`The backup's copy of file ${section.file} is damaged (size or SHA-256 differs)`);
        }
        if (options.files) {
          await options.files.put(Readable.from([bytes]), bytes.length);
          result.files++;
          result.fileBytes += bytes.length;
        }
        continue;
      }
      const table = section.table as string;
      const rows = section.rows as number;
      const t = byName.get(table);
      if (!t) throw new Error(`The backup has a table this version does not know: ${table}`);
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
        const row = await r.next();
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
      result.rows[table] = rows;
    }
    for (const f of deferred) await client.query(`ALTER TABLE ${q(f.child)} ADD CONSTRAINT ${q(f.name)} ${f.def}`);
    for (const m of forward) {
      try {
        await client.query(m.sql);
      } catch (err) {
        throw new Error(`Migrating the restored data forward, ${m.name} failed: ${(err as Error).message}`);
      }
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      result.migratedForward.push(m.name);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    r.close();
    client.release();
  }
  if (options.files) {
    const { rows } = await pool.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM files ORDER BY sha256');
    result.missingFiles = rows.map((x) => x.sha256).filter((sha) => !options.files?.has(sha));
  }
  return result;
}
