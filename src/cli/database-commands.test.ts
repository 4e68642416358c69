import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../server/demo/load.ts';
import type { Db } from '../server/platform/db.ts';
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
