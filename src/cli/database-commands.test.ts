import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadDemo } from '../server/demo/load.ts';
import type { Db } from '../server/platform/db.ts';
import { backupDatabase } from '../server/platform/backup.ts';
import { createFileStore } from '../server/platform/files.ts';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../server/platform/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../server/testing/test-db.ts';

const root = join(import.meta.dirname, '..', '..');
function hoptac(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/hoptac.ts'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** A fingerprint of every table's full content. */
async function fingerprint(db: Db) {
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const r = await sql<{ n: number; h: string | null }>`SELECT count(*)::int AS n,
      md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${sql.table(table_name)} t`.execute(db);
    out[table_name] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  return out;
}

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'hoptac-backup-'));
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

// Each test runs the hoptac command as child processes (tsx start-up, the demo): slow on a busy machine.
describe('hoptac backup / restore', { timeout: 180_000 }, () => {
  it('round-trips every table exactly', async () => {
    await loadDemo(database.db);
    const before = await fingerprint(database.db);
    expect(Number(before.people.split(':')[0])).toBeGreaterThan(50);
    const file = join(dir, 'backup.jsonl.gz');
    const backup = hoptac(['backup', file], { DATABASE_URL: database.url });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written/);

    // Change and delete things, then restore.
    await database.db.updateTable('people').set({ full_name: 'Đã Sửa' }).execute();
    await database.db.deleteFrom('audit_log').execute();
    await database.db.insertInto('audit_log').values({ actor_label: 'x', entity: 'x', entity_id: 'x', action: 'x' }).execute();
    expect(await fingerprint(database.db)).not.toEqual(before);

    const restore = hoptac(['restore', file], { DATABASE_URL: database.url });
    expect(restore.status, restore.stderr).toBe(0);
    expect(await fingerprint(database.db)).toEqual(before);
    // Identity sequences continue after the restored rows.
    const next = await database.db
      .insertInto('audit_log')
      .values({ actor_label: 'y', entity: 'y', entity_id: 'y', action: 'y' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const max = await database.db.selectFrom('audit_log').select(sql<number>`max(id)`.as('m')).executeTakeFirstOrThrow();
    expect(Number(next.id)).toBe(Number(max.m));
  });

  it('backs up the stored files with the tables and restores documents that are an agreement\'s signed copy', async () => {
    // The demo with its files: signed copies (agreements ⇄ agreement_documents reference each other) and their PDFs.
    const source = await createTestDatabase();
    const target = await createTestDatabase();
    try {
      const filesA = join(dir, 'files-a');
      await loadDemo(source.db, { files: createFileStore(filesA) });
      const before = await fingerprint(source.db);
      expect(Number(before.agreement_documents.split(':')[0])).toBeGreaterThan(0);
      const file = join(dir, 'with-files.jsonl.gz');
      const backup = hoptac(['backup', file], { DATABASE_URL: source.url, FILES_DIR: filesA });
      expect(backup.status, backup.stderr).toBe(0);
      const filesB = join(dir, 'files-b');
      const restore = hoptac(['restore', file], { DATABASE_URL: target.url, FILES_DIR: filesB });
      expect(restore.status, restore.stderr).toBe(0);
      expect(await fingerprint(target.db)).toEqual(before);
      const shas = await target.db.selectFrom('files').select('sha256').distinct().execute();
      const store = createFileStore(filesB);
      expect(shas.filter((f) => !store.has(f.sha256))).toEqual([]);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('restores a backup of an earlier schema and migrates it forward, as an upgrade in place does', async () => {
    const all = listMigrations(MIGRATIONS_DIR);
    const earlier = all.filter((m) => m.name < '0015');
    const oldDir = join(dir, 'migrations-0014');
    mkdirSync(oldDir, { recursive: true });
    for (const m of earlier) copyFileSync(join(MIGRATIONS_DIR, m.name), join(oldDir, m.name));
    const adminUrl = inject('pgAdminUrl');
    const admin = new pg.Client(adminUrl);
    await admin.connect();
    await admin.query('CREATE DATABASE hoptac_test_earlier');
    const url = new URL(adminUrl);
    url.pathname = '/hoptac_test_earlier';
    const old = new pg.Pool({ connectionString: url.toString() });
    const target = await createTestDatabase();
    try {
      expect(await migrate(old, oldDir)).toHaveLength(earlier.length);
      await old.query(`INSERT INTO institutions (code, kind, country, name_vi, name_en) VALUES ('OLD', 'university', 'VN', 'Trường Cũ', 'Old School')`);
      // In this process: the command would first migrate the database to this version.
      const file = join(dir, 'earlier.jsonl.gz');
      expect((await backupDatabase(old, file)).migrations).toHaveLength(earlier.length);
      const restore = hoptac(['restore', file], { DATABASE_URL: target.url, FILES_DIR: join(dir, 'files-earlier') });
      expect(restore.status, restore.stderr).toBe(0);
      expect(restore.stdout).toMatch(/migrated forward: 0015_target_actuals\.sql/);
      const applied = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(target.db);
      expect(applied.rows.map((r) => r.name)).toEqual(all.map((m) => m.name));
      // The data changes of the later migrations applied to the restored data (0015 defines the metrics).
      const metrics = await sql<{ n: number }>`SELECT count(*)::int AS n FROM metric_sources`.execute(target.db);
      expect(metrics.rows[0].n).toBeGreaterThan(0);
      const inst = await target.db.selectFrom('institutions').select('name_en').where('code', '=', 'OLD').executeTakeFirst();
      expect(inst?.name_en).toBe('Old School');
      // The next start finds nothing to migrate.
      expect(await migrate(target.pool)).toEqual([]);
      // A backup from a newer version is refused, naming what this one lacks.
      await sql`INSERT INTO schema_migrations (name) VALUES ('9999_future.sql')`.execute(target.db);
      const newer = join(dir, 'newer.jsonl.gz');
      expect(hoptac(['backup', newer], { DATABASE_URL: target.url, FILES_DIR: join(dir, 'files-earlier') }).status).toBe(0);
      const refused = hoptac(['restore', newer], { DATABASE_URL: target.url, FILES_DIR: join(dir, 'files-earlier') });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/newer version of hoptac \(migrations 9999_future\.sql\)/);
    } finally {
      await old.end();
      await target.close();
      await admin.query('DROP DATABASE IF EXISTS hoptac_test_earlier WITH (FORCE)');
      await admin.end();
    }
  });

  it('refuses a file that is not a backup and changes nothing', async () => {
    const before = await fingerprint(database.db);
    const bogus = join(dir, 'bogus.gz');
    const { gzipSync } = await import('node:zlib');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bogus, gzipSync('{"hello":"world"}\n'));
    const res = hoptac(['restore', bogus], { DATABASE_URL: database.url });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/not a hoptac backup/);
    expect(await fingerprint(database.db)).toEqual(before);
  });

  it('creates a platform admin from the command line', async () => {
    const res = hoptac(['user', 'create-admin', '--email', 'Ops@Example.test', '--password', 'a-long-password', '--institution', 'HUST'], {
      DATABASE_URL: database.url,
    });
    expect(res.status, res.stderr).toBe(0);
    const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'ops@example.test').executeTakeFirstOrThrow();
    expect(user.roles).toContain('platform_admin');
    const bad = hoptac(['user', 'create-admin', '--email', 'x@example.test', '--password', 'a-long-password', '--institution', 'NOPE'], {
      DATABASE_URL: database.url,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--institution/);
  });
});
