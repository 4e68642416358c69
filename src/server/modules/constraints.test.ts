import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDatabaseError } from '../platform/errors.ts';
import { startTestApp, type TestApp } from '../testing/test-app.ts';
import { MODULES } from './index.ts';

// The database holds the invariants; a violation that still reaches it answers with the field it is
// about. So every constraint (foreign keys, unique keys and indexes, checks, constraint triggers) is mapped
// by exactly one module (`<module>/constraints.ts`, listed in MODULES) — a new migration's constraint
// fails here until its module maps it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(); // builds the app, which registers every module's constraints
});
afterAll(() => t.close());

describe('database constraints', () => {
  it('are each mapped to a field by exactly one module', async () => {
    const { rows } = await t.database.pool.query<{ name: string; kind: string; tbl: string }>(
      `SELECT con.conname AS name, con.contype AS kind, rel.relname AS tbl FROM pg_constraint con
         JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
        WHERE ns.nspname = 'public' AND con.contype IN ('f', 'u', 'c', 'x', 't')
       UNION ALL
       SELECT ic.relname, 'i', tc.relname FROM pg_index i
         JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = tc.relnamespace
        WHERE ns.nspname = 'public' AND i.indisunique AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    );
    const owners = new Map<string, string[]>();
    for (const m of MODULES) for (const name of Object.keys(m.constraints ?? {})) owners.set(name, [...(owners.get(name) ?? []), m.name]);
    const problems = rows.flatMap(({ name, tbl }) => {
      const by = owners.get(name) ?? [];
      if (by.length === 0) return [`${name} (on ${tbl}): map it in the owning module's constraints.ts`];
      if (by.length > 1) return [`${name}: mapped by ${by.join(' and ')}`];
      return [];
    });
    expect(problems).toEqual([]);
    expect(rows.length).toBeGreaterThan(80);
  });

  it('answers a violation with the mapped field', () => {
    const err = fromDatabaseError({ code: '23503', constraint: 'users_person_fk' });
    expect(err?.options.fields?.[0]).toMatchObject({ field: 'personId', code: 'unknown_reference' });
    const dup = fromDatabaseError({ code: '23505', constraint: 'institutions_code_key' });
    expect(dup?.options.fields?.[0]).toMatchObject({ field: 'code', code: 'duplicate' });
  });
});
