import type { z } from 'zod';
import type { CreateInstitution, Institution, InstitutionListQuery, UpdateInstitution } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import {
  institutionPermissions,
  mayArchiveInstitution,
  mayEditInstitution,
  requireDirectoryReader,
  requireInstitutionCreator,
  requireInstitutionEditor,
} from './policy.ts';
import { agreementsOfInstitution } from '../agreements/service.ts';
import * as repo from './repository.ts';

/** The institution as the audit log keeps it: the record, without what one caller may do with it. */
function institutionRecord(row: repo.InstitutionRecord): Omit<Institution, 'permissions'> {
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

export function presentInstitution(row: repo.InstitutionRecord, actor: Actor): Institution {
  return { ...institutionRecord(row), permissions: institutionPermissions(actor, row) };
}

export async function listInstitutions(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof InstitutionListQuery>) {
  const actor = requireDirectoryReader(ctx);
  const sort = repo.effectiveSort(query);
  const rows = await repo.listInstitutions(deps.db, tenantScope(ctx), { ...query, sort, cursor: decodeCursor(query.cursor, repo.cursorKind(sort)) });
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(sort, r));
  return { items: page.items.map((r) => presentInstitution(r, actor)), nextCursor: page.nextCursor };
}

export async function getInstitution(deps: AppDeps, ctx: RequestContext, id: string) {
  const actor = requireDirectoryReader(ctx);
  const row = await repo.findVisibleInstitution(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('institution');
  return presentInstitution(row, actor);
}

/** The agreements the institution is a party to, as far as the caller may read them (404 for an institution they may not see). */
export async function listInstitutionAgreements(deps: AppDeps, ctx: RequestContext, id: string) {
  await getInstitution(deps, ctx, id);
  return agreementsOfInstitution(deps, ctx, id);
}

/** Only platform operators add institutions (tenants). */
export async function createInstitution(deps: AppDeps, ctx: RequestContext, input: z.infer<typeof CreateInstitution>) {
  const actor = requireInstitutionCreator(ctx);
  return inTransaction(deps.db, async (tx) => {
    const id = await repo.insertInstitution(tx, {
      code: input.code,
      kind: input.kind,
      country: input.country,
      name_vi: input.nameVi,
      name_en: input.nameEn,
      website: input.website ?? null,
      city: input.city ?? null,
    });
    const created = (await repo.findVisibleInstitution(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, { entity: 'institution', entityId: id, action: 'create', owners: [id], after: institutionRecord(created) });
    return presentInstitution(created, actor);
  });
}

export async function updateInstitution(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof UpdateInstitution>,
) {
  const actor = requireInstitutionEditor(ctx);
  return inTransaction(deps.db, async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockInstitution(tx, scope, id);
    if (!current) throw notFound('institution');
    if (!mayEditInstitution(actor, current.id)) throw new AppError('forbidden');
    if (input.archived !== undefined && !mayArchiveInstitution(actor)) throw new AppError('forbidden');
    assertVersion(current, input.version, (row) => presentInstitution(row, actor));
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
    const after = (await repo.findVisibleInstitution(tx, scope, id))!;
    await recordAudit(tx, ctx, { entity: 'institution', entityId: id, action: 'update', owners: [id], before: institutionRecord(current), after: institutionRecord(after) });
    return presentInstitution(after, actor);
  });
}
