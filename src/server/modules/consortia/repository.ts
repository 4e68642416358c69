import { sql, type Insertable, type SqlBool } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { ConsortiaTable } from '../../platform/db-schema.ts';

export interface ConsortiumMember {
  id: string;
  code: string;
  nameVi: string;
  nameEn: string;
}

/** Consortia the caller's institution belongs to (every consortium for platform admins), with their members. */
export function listConsortia(db: Db | Tx, scope: TenantScope, id?: string) {
  let q = db
    .selectFrom('consortia as c')
    .selectAll('c')
    .select(
      sql<ConsortiumMember[]>`coalesce((SELECT json_agg(json_build_object(
        'id', i.id, 'code', i.code, 'nameVi', i.name_vi, 'nameEn', i.name_en) ORDER BY i.code)
        FROM consortium_members m JOIN institutions i ON i.id = m.institution_id WHERE m.consortium_id = c.id), '[]')`.as('members'),
    )
    .where((eb) =>
      scope.allInstitutions
        ? sql<SqlBool>`true`
        : eb.exists(
            eb
              .selectFrom('consortium_members as own')
              .select('own.consortium_id')
              .whereRef('own.consortium_id', '=', 'c.id')
              .where(scope.own('own.institution_id')),
          ),
    );
  if (id) q = q.where('c.id', '=', id);
  return q.orderBy('c.code').execute();
}
export type ConsortiumRecord = Awaited<ReturnType<typeof listConsortia>>[number];

export async function insertConsortium(tx: Tx, values: Insertable<ConsortiaTable>) {
  const { id } = await tx.insertInto('consortia').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Replaces the consortium's members with `memberIds`. */
export async function setMembers(tx: Tx, consortiumId: string, memberIds: readonly string[]) {
  await tx.deleteFrom('consortium_members').where('consortium_id', '=', consortiumId).execute();
  if (memberIds.length > 0) {
    await tx.insertInto('consortium_members').values(memberIds.map((m) => ({ consortium_id: consortiumId, institution_id: m }))).execute();
  }
}
