import { sql, type Insertable, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { UnitsTable } from '../../platform/db-schema.ts';
import { nextVersion } from '../../platform/versioning.ts';

function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('units as u')
    .selectAll('u')
    .select(
      sql<number>`(SELECT count(*)::int FROM people p WHERE p.unit_id = u.id AND p.archived_at IS NULL)`.as('people_count'),
    );
}
export type UnitRecord = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function listUnitsOfInstitution(db: Db, scope: TenantScope, institutionId: string, includeArchived: boolean) {
  let q = baseQuery(db).where('u.institution_id', '=', institutionId).where(scope.visible('u.institution_id'));
  if (!includeArchived) q = q.where('u.archived_at', 'is', null);
  return q.orderBy('u.name_vi').orderBy('u.id').execute();
}

export function findVisibleUnit(db: Db | Tx, scope: TenantScope, id: string) {
  return baseQuery(db).where('u.id', '=', id).where(scope.visible('u.institution_id')).executeTakeFirst();
}

export function lockUnit(tx: Tx, scope: TenantScope, id: string) {
  return baseQuery(tx).where('u.id', '=', id).where(scope.visible('u.institution_id')).forUpdate('u').executeTakeFirst();
}

/** Ids of the unit and all units below it (to refuse a parent that would create a cycle). */
export async function subtreeIds(tx: Tx, id: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE tree AS (SELECT id FROM units WHERE id = ${id}::uuid
      UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
    SELECT id FROM tree`.execute(tx);
  return new Set(rows.rows.map((r) => r.id));
}

export async function insertUnit(tx: Tx, values: Insertable<UnitsTable>) {
  const { id } = await tx.insertInto('units').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUnit(tx: Tx, id: string, values: Updateable<UnitsTable>) {
  await tx
    .updateTable('units')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}
