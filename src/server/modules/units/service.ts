import type { z } from 'zod';
import type { CreateUnit, Unit, UpdateUnit } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import { getInstitution } from '../institutions/service.ts';
import { assertCanManageDirectoryOf, assertCanRead } from '../policy.ts';
import * as repo from './repository.ts';

export function presentUnit(row: repo.UnitRecord): Unit {
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

export async function listUnits(deps: AppDeps, ctx: RequestContext, institutionId: string, includeArchived = false) {
  await getInstitution(deps, ctx, institutionId); // 404 when the institution is not visible
  const rows = await repo.listUnitsOfInstitution(deps.db, tenantScope(ctx), institutionId, includeArchived);
  return { items: rows.map(presentUnit) };
}

export async function getUnit(deps: AppDeps, ctx: RequestContext, id: string) {
  assertCanRead(ctx);
  const row = await repo.findVisibleUnit(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('unit');
  return presentUnit(row);
}

export async function createUnit(deps: AppDeps, ctx: RequestContext, institutionId: string, input: z.infer<typeof CreateUnit>) {
  await getInstitution(deps, ctx, institutionId);
  assertCanManageDirectoryOf(ctx, institutionId);
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertUnit(tx, {
      institution_id: institutionId,
      parent_id: input.parentId ?? null,
      kind: input.kind,
      code: input.code ?? null,
      name_vi: input.nameVi,
      name_en: input.nameEn,
    });
    const created = presentUnit((await repo.findVisibleUnit(tx, tenantScope(ctx), id))!);
    await recordAudit(tx, ctx, { entity: 'unit', entityId: id, action: 'create', owners: [institutionId], after: created });
    return created;
  });
}

export async function updateUnit(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdateUnit>) {
  assertCanRead(ctx);
  return deps.db.transaction().execute(async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockUnit(tx, scope, id);
    if (!current) throw notFound('unit');
    assertCanManageDirectoryOf(ctx, current.institution_id);
    assertVersion(current, input.version, presentUnit);
    if (input.parentId && (await repo.subtreeIds(tx, id)).has(input.parentId)) {
      throw new AppError('validation_failed', { messageKey: 'errors.unit_cycle', fields: [{ field: 'parentId', code: 'invalid' }] });
    }
    const before = presentUnit(current);
    await repo.updateUnit(tx, id, {
      parent_id: input.parentId,
      kind: input.kind,
      code: input.code,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      archived_at: archivedAtAfter(input.archived, current.archived_at),
    });
    const after = presentUnit((await repo.findVisibleUnit(tx, scope, id))!);
    await recordAudit(tx, ctx, { entity: 'unit', entityId: id, action: 'update', owners: [current.institution_id], before, after });
    return after;
  });
}
