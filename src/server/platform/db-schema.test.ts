import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { allowedValues, generateDbSchema } from './db-schema-generator.ts';

// db-schema.ts is what the migrations produce, or this fails: change the migration, run `npm run db:schema`.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('db-schema.ts', () => {
  it('is generated from the migrated database (run `npm run db:schema` after changing a migration)', async () => {
    const committed = readFileSync(join(import.meta.dirname, 'db-schema.ts'), 'utf8');
    expect(committed).toBe(await generateDbSchema(database.pool));
  });

  it('reads the allowed values of a CHECK constraint as a union', () => {
    expect(allowedValues("CHECK ((status = ANY (ARRAY['active'::text, 'disabled'::text])))")).toEqual({ column: 'status', values: ['active', 'disabled'], array: false });
    expect(allowedValues("CHECK ((roles <@ ARRAY['member'::text, 'student'::text]))")).toEqual({ column: 'roles', values: ['member', 'student'], array: true });
    expect(allowedValues('CHECK ((country ~ \'^[A-Z]{2}$\'::text))')).toBeNull();
  });
});
