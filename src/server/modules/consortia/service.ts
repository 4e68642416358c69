import { sql } from 'kysely';
import type { z } from 'zod';
import type { CreateConsortium } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { requireRole, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { assertCanRead } from '../policy.ts';

// Consortia are the explicit links through which institutions see each other's directories.
// Members see the consortia they belong to; platform admins manage them.
async function loadConsortia(db: Db | Tx, ctx: RequestContext, id?: string) {
  const scope = tenantScope(ctx);
  let q = db
    .selectFrom('consortia as c')
    .selectAll('c')
    .select(
      sql<{ id: string; code: string; nameVi: string; nameEn: string }[]>`coalesce((SELECT json_agg(json_build_object(
        'id', i.id, 'code', i.code, 'nameVi', i.name_vi, 'nameEn', i.name_en) ORDER BY i.code)
        FROM consortium_members m JOIN institutions i ON i.id = m.institution_id WHERE m.consortium_id = c.id), '[]')`.as('members'),
    )
    .where((eb) =>
      scope.allInstitutions
        ? sql<boolean>`true`
        : eb.exists(
            eb
              .selectFrom('consortium_members as own')
              .select('own.consortium_id')
              .whereRef('own.consortium_id', '=', 'c.id')
              .where('own.institution_id', '=', scope.institutionId),
          ),
    );
  if (id) q = q.where('c.id', '=', id);
  const rows = await q.orderBy('c.code').execute();
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    nameVi: c.name_vi,
    nameEn: c.name_en,
    descriptionVi: c.description_vi,
    descriptionEn: c.description_en,
    members: c.members,
  }));
}

export async function listConsortia(deps: AppDeps, ctx: RequestContext) {
  assertCanRead(ctx);
  return { items: await loadConsortia(deps.db, ctx) };
}

export async function createConsortium(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateConsortium>) {
  requireRole(ctx, 'platform_admin');
  return deps.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('consortia')
      .values({
        code: input.code,
        name_vi: input.nameVi,
        name_en: input.nameEn,
        description_vi: input.descriptionVi,
        description_en: input.descriptionEn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.memberIds.length > 0) {
      await tx.insertInto('consortium_members').values(input.memberIds.map((m) => ({ consortium_id: id, institution_id: m }))).execute();
    }
    const [created] = await loadConsortia(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: 'consortium', entityId: id, action: 'create', owners: created.members.map((m) => m.id), after: created });
    return created;
  });
}

export async function setConsortiumMembers(deps: AppDeps, ctx: RequestContext, id: string, memberIds: string[]) {
  requireRole(ctx, 'platform_admin');
  return deps.db.transaction().execute(async (tx) => {
    const [before] = await loadConsortia(tx, ctx, id);
    if (!before) throw notFound('consortium');
    await tx.deleteFrom('consortium_members').where('consortium_id', '=', id).execute();
    const unique = [...new Set(memberIds)];
    if (unique.length > 0) {
      await tx.insertInto('consortium_members').values(unique.map((m) => ({ consortium_id: id, institution_id: m }))).execute();
    }
    const [after] = await loadConsortia(tx, ctx, id);
    await recordAudit(tx, ctx, { entity: 'consortium', entityId: id, action: 'set_members', owners: [...before.members, ...after.members].map((m) => m.id), before, after });
    return after;
  });
}
