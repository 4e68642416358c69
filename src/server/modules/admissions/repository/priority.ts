import { type Insertable, sql, type Updateable } from 'kysely';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import type { AdmissionEquivalenceTablesTable } from '../../../platform/db-schema.ts';
import { nextVersion } from '../../../platform/versioning.ts';
import { memberOf } from '../repository.ts';

// SQL of a season's candidate priority profiles (imported with the preferences) and equivalence tables, and the
// candidate numbers a preference file may name candidates by.

export interface ProfileInput {
  examCandidateId: string | null;
  externalCandidateId: string | null;
  region: string | null;
  groups: ('UT1' | 'UT2')[];
  graduationYear: number | null;
  bonus: number;
}

/** Replaces the season's profiles (with its preferences, in the import's transaction); answers how many it removed. */
export async function replaceProfiles(tx: Tx, seasonId: string, institutionId: string, rows: ProfileInput[]) {
  const deleted = await tx.deleteFrom('admission_candidate_profiles').where('season_id', '=', seasonId).executeTakeFirst();
  for (let i = 0; i < rows.length; i += 5000) {
    await tx
      .insertInto('admission_candidate_profiles')
      .values(
        rows.slice(i, i + 5000).map((r) => ({
          season_id: seasonId,
          institution_id: institutionId,
          exam_candidate_id: r.examCandidateId,
          external_candidate_id: r.externalCandidateId,
          region: r.region,
          priority_groups: r.groups,
          graduation_year: r.graduationYear,
          bonus: r.bonus,
        })),
      )
      .execute();
  }
  return Number(deleted.numDeletedRows);
}

/** The season's profiles, keyed as the preferences (candidate_key). */
export function profilesOf(db: Db | Tx, seasonId: string) {
  return db
    .selectFrom('admission_candidate_profiles')
    .select(['candidate_key', 'region', 'priority_groups', 'graduation_year', sql<number>`bonus::float8`.as('bonus')])
    .where('season_id', '=', seasonId)
    .execute();
}

/**
 * Exam candidates by number, in the exams one of the institutions (a season's members) owns or that are published:
 * one row per (number, candidate), so a number of two exams answers two rows.
 */
export async function candidatesByNumber(db: Db | Tx, institutionIds: string[], numbers: string[]) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('exam_candidates as c')
    .innerJoin('exams as e', 'e.id', 'c.exam_id')
    .select(['c.number', 'c.id'])
    .where(sql<boolean>`c.number = ANY(${numbers}::text[])`)
    .where((eb) => eb.or([eb('e.institution_id', 'in', institutionIds), eb('e.status', '=', 'published')]))
    .execute();
}

// ---- equivalence tables

function tableQuery(db: Db | Tx) {
  return db
    .selectFrom('admission_equivalence_tables as t')
    .selectAll('t')
    .select(
      sql<string[]>`ARRAY(SELECT p.code FROM admission_programs p WHERE p.season_id = t.season_id
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(p.methods) m WHERE m->>'equivalence' = t.name) ORDER BY p.code)`.as('used_by'),
    );
}
export type EquivalenceTableRow = Awaited<ReturnType<ReturnType<typeof tableQuery>['executeTakeFirstOrThrow']>>;

export function tablesOf(db: Db | Tx, seasonId: string) {
  return tableQuery(db).where('t.season_id', '=', seasonId).orderBy('t.name').execute();
}

/** A table of a season the caller's institution is a member of (platform admins: any). */
export function lockEquivalenceTable(tx: Tx, scope: TenantScope, id: string) {
  return tableQuery(tx).where('t.id', '=', id).where(memberOf(scope, 't.season_id')).forUpdate('t').executeTakeFirst();
}

export function findEquivalenceTable(db: Db | Tx, id: string) {
  return tableQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow();
}

export async function insertTable(tx: Tx, values: Insertable<AdmissionEquivalenceTablesTable>) {
  const { id } = await tx.insertInto('admission_equivalence_tables').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateEquivalenceTable(tx: Tx, id: string, values: Updateable<AdmissionEquivalenceTablesTable>) {
  await tx.updateTable('admission_equivalence_tables').set({ ...values, ...nextVersion() }).where('id', '=', id).execute();
}

export async function deleteEquivalenceTable(tx: Tx, id: string) {
  await tx.deleteFrom('admission_equivalence_tables').where('id', '=', id).execute();
}

/** The names of the season's tables. */
export async function tableNames(db: Db | Tx, seasonId: string) {
  const rows = await db.selectFrom('admission_equivalence_tables').select('name').where('season_id', '=', seasonId).execute();
  return new Set(rows.map((r) => r.name));
}
