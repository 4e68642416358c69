import type { z } from 'zod';
import type { CreateUnit, Unit, UpdateUnit } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import { requireDirectoryReader } from '../institutions/policy.ts';
import { getInstitution } from '../institutions/service.ts';
import { assertMayAddUnitTo, assertMayEditUnit, unitPermissions } from './policy.ts';
import * as repo from './repository.ts';

/** The unit as the audit log keeps it: the record, without what one caller may do with it. */
function unitRecord(row: repo.UnitRecord): Omit<Unit, 'permissions'> {
  return {
    id: row.id,
    institutionId: row.institution_id,
    parentId: row.parent_id,
    kind: row.kind as Unit['kind'],
    code: row.code,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    archived: row.archived_at !== null,
    peopleCount: row.people_count,
    version: row.version,
  };
}

export function presentUnit(row: repo.UnitRecord, actor: Actor): Unit {
  return { ...unitRecord(row), permissions: unitPermissions(actor, row) };
}

export async function listUnits(deps: AppDeps, ctx: RequestContext, institutionId: string, includeArchived = false) {
  const actor = requireDirectoryReader(ctx);
  await getInstitution(deps, ctx, institutionId); // 404 when the institution is not visible
  const rows = await repo.listUnitsOfInstitution(deps.db, tenantScope(ctx), institutionId, includeArchived);
  return { items: rows.map((r) => presentUnit(r, actor)) };
}

export async function getUnit(deps: AppDeps, ctx: RequestContext, id: string) {
  const actor = requireDirectoryReader(ctx);
  const row = await repo.findVisibleUnit(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('unit');
  return presentUnit(row, actor);
}

export async function createUnit(deps: AppDeps, ctx: RequestContext, institutionId: string, input: z.infer<typeof CreateUnit>) {
  const actor = requireDirectoryReader(ctx);
  await getInstitution(deps, ctx, institutionId); // 404 first, then 403
  assertMayAddUnitTo(actor, institutionId);
  return inTransaction(deps.db, async (tx) => {
    const id = await repo.insertUnit(tx, {
      institution_id: institutionId,
      parent_id: input.parentId ?? null,
      kind: input.kind,
      code: input.code ?? null,
      name_vi: input.nameVi,
      name_en: input.nameEn,
    });
    const created = (await repo.findVisibleUnit(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, { entity: 'unit', entityId: id, action: 'create', owners: [institutionId], after: unitRecord(created) });
    return presentUnit(created, actor);
  });
}

export async function updateUnit(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateUnit>) {
  const actor = requireDirectoryReader(ctx);
  return inTransaction(deps.db, async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockUnit(tx, scope, id);
    if (!current) throw notFound('unit');
    assertMayEditUnit(actor, current);
    assertVersion(current, input.version, (row) => presentUnit(row, actor));
    if (input.parentId && (await repo.subtreeIds(tx, id)).has(input.parentId)) {
      throw new AppError('validation_failed', { messageKey: 'errors.unit_cycle', fields: [{ field: 'parentId', code: 'invalid' }] });
    }
    await repo.updateUnit(tx, id, {
      parent_id: input.parentId,
      kind: input.kind,
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      archived_at: archivedAtAfter(input.archived, current.archived_at),
    });
    const after = (await repo.findVisibleUnit(tx, scope, id))!;
    await recordAudit(tx, ctx, { entity: 'unit', entityId: id, action: 'update', owners: [current.institution_id], before: unitRecord(current), after: unitRecord(after) });
    return presentUnit(after, actor);
  });
}
