import type { z } from 'zod';
import type { CreateInstitution, Institution, InstitutionListQuery, UpdateInstitution } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { requireRole, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import { assertCanRead } from '../policy.ts';
import * as repo from './repository.ts';

export function presentInstitution(row: repo.InstitutionRecord): Institution {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as Institution['kind'],
    country: row.country,
    nameVi: row.name_vi,
    nameEn: row.name_en,
    website: row.website,
    city: row.city,
    isSample: row.is_sample,
    archived: row.archived_at !== null,
    unitCount: row.unit_count,
    peopleCount: row.people_count,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listInstitutions(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof InstitutionListQuery>) {
  assertCanRead(ctx);
  const rows = await repo.listInstitutions(deps.db, tenantScope(ctx), { ...query, cursor: decodeCursor(query.cursor, repo.cursorKind(query.sort)) });
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(query.sort, r));
  return { items: page.items.map(presentInstitution), nextCursor: page.nextCursor };
}

export async function getInstitution(deps: AppDeps, ctx: RequestContext, id: string) {
  assertCanRead(ctx);
  const row = await repo.findVisibleInstitution(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('institution');
  return presentInstitution(row);
}

/** Only platform operators add institutions (tenants). */
export async function createInstitution(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateInstitution>) {
  requireRole(ctx, 'platform_admin');
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertInstitution(tx, {
      code: input.code,
      kind: input.kind,
      country: input.country,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      website: input.website ?? null,
      city: input.city ?? null,
    });
    const created = presentInstitution((await repo.findVisibleInstitution(tx, tenantScope(ctx), id))!);
    await recordAudit(tx, ctx, { entity: 'institution', entityId: id, action: 'create', owners: [id], after: created });
    return created;
  });
}

export async function updateInstitution(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof UpdateInstitution>,
) {
  const actor = requireRole(ctx, 'institution_admin');
  return deps.db.transaction().execute(async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockInstitution(tx, scope, id);
    if (!current) throw notFound('institution');
    if (!actor.roles.includes('platform_admin') && current.id !== actor.institutionId) requireRole(ctx, 'platform_admin');
    assertVersion(current, input.version, presentInstitution);
    const before = presentInstitution(current);
    await repo.updateInstitution(tx, id, {
      code: input.code,
      kind: input.kind,
      country: input.country,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      website: input.website,
      city: input.city,
      archived_at: archivedAtAfter(input.archived, current.archived_at),
    });
    const after = presentInstitution((await repo.findVisibleInstitution(tx, scope, id))!);
    await recordAudit(tx, ctx, { entity: 'institution', entityId: id, action: 'update', owners: [id], before, after });
    return after;
  });
}
