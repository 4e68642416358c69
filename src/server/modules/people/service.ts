import type { z } from 'zod';
import type { CreatePerson, PeopleListQuery, Person, UpdatePerson } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { requireActor, type RequestContext } from '../../platform/context.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import { getInstitution } from '../institutions/service.ts';
import { assertCanManageDirectoryOf, assertCanRead, canManageDirectoryOf } from '../policy.ts';
import * as repo from './repository.ts';

export function presentPerson(row: repo.PersonRecord): Person {
  return {
    id: row.id,
    institutionId: row.institution_id,
    institutionCode: row.institution_code,
    unitId: row.unit_id,
    unitNameVi: row.unit_name_vi,
    unitNameEn: row.unit_name_en,
    fullName: row.full_name,
    title: row.title,
    positionVi: row.position_vi,
    positionEn: row.position_en,
    email: row.email,
    phone: row.phone,
    expertise: row.expertise,
    languages: row.languages,
    visibility: row.visibility as Person['visibility'],
    isSample: row.is_sample,
    archived: row.archived_at !== null,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listPeople(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof PeopleListQuery>) {
  assertCanRead(ctx);
  const rows = await repo.listPeople(deps.db, tenantScope(ctx), { ...query, cursor: decodeCursor(query.cursor, repo.cursorKind(query.sort)) });
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(query.sort, r));
  return { items: page.items.map(presentPerson), nextCursor: page.nextCursor };
}

export async function getPerson(deps: AppDeps, ctx: RequestContext, id: string) {
  assertCanRead(ctx);
  const row = await repo.findVisiblePerson(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('person');
  return presentPerson(row);
}

export async function createPerson(deps: AppDeps, ctx: RequestContext, institutionId: string, input: z.infer<typeof CreatePerson>) {
  await getInstitution(deps, ctx, institutionId);
  assertCanManageDirectoryOf(ctx, institutionId);
  return deps.db.transaction().execute(async (tx) => {
    const id = await repo.insertPerson(tx, {
      institution_id: institutionId,
      unit_id: input.unitId ?? null,
      full_name: input.fullName,
      title: input.title ?? null,
      position_vi: input.positionVi ?? null,
      position_en: input.positionEn ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      expertise: input.expertise,
      languages: input.languages,
      visibility: input.visibility,
    });
    const created = presentPerson((await repo.findVisiblePerson(tx, tenantScope(ctx), id))!);
    await recordAudit(tx, ctx, { entity: 'person', entityId: id, action: 'create', owners: [institutionId], after: created });
    return created;
  });
}

/** Directory managers edit their institution's people; anyone edits the person record of their own account. */
export async function updatePerson(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdatePerson>) {
  assertCanRead(ctx);
  const actor = requireActor(ctx);
  return deps.db.transaction().execute(async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockPerson(tx, scope, id);
    if (!current) throw notFound('person');
    const isSelf = actor.userId !== null && (await repo.personIdOfUser(tx, actor.userId)) === id;
    if (!isSelf) assertCanManageDirectoryOf(ctx, current.institution_id);
    if (isSelf && !canManageDirectoryOf(ctx, current.institution_id) && input.archived !== undefined) {
      throw new AppError('forbidden');
    }
    assertVersion(current, input.version, presentPerson);
    const before = presentPerson(current);
    await repo.updatePerson(tx, id, {
      unit_id: input.unitId,
      full_name: input.fullName,
      title: input.title,
      position_vi: input.positionVi,
      position_en: input.positionEn,
      email: input.email,
      phone: input.phone,
      expertise: input.expertise,
      languages: input.languages,
      visibility: input.visibility,
      archived_at: archivedAtAfter(input.archived, current.archived_at),
    });
    const after = presentPerson((await repo.findVisiblePerson(tx, scope, id))!);
    await recordAudit(tx, ctx, { entity: 'person', entityId: id, action: 'update', owners: [current.institution_id], before, after });
    return after;
  });
}
