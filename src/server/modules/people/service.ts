import type { z } from 'zod';
import type { CreatePerson, PeopleListQuery, Person, UpdatePerson } from '../../../contracts/directory.ts';
import { tenantScope } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import { type Db, inTransaction, type Tx } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { notFound } from '../../platform/errors.ts';
import { decodeCursor, pageOf } from '../../platform/pagination.ts';
import { archivedAtAfter, assertVersion } from '../../platform/versioning.ts';
import { agreementsOfContactPerson } from '../agreements/service.ts';
import { requireDirectoryReader } from '../institutions/policy.ts';
import { getInstitution } from '../institutions/service.ts';
import { assertMayAddPersonTo, assertMayUpdatePerson, type PersonViewer, personPermissions } from './policy.ts';
import * as repo from './repository.ts';

/** What a person's presentation reads of their row (a record, or a person of a listed page). */
type PersonRow = Pick<
  repo.PersonRecord,
  | 'id'
  | 'institution_id'
  | 'institution_code'
  | 'unit_id'
  | 'unit_name_vi'
  | 'unit_name_en'
  | 'full_name'
  | 'title'
  | 'position_vi'
  | 'position_en'
  | 'email'
  | 'phone'
  | 'expertise'
  | 'languages'
  | 'visibility'
  | 'is_sample'
  | 'archived_at'
  | 'version'
  | 'updated_at'
>;

/** The person as the audit log keeps it: the record, without what one caller may do with it. */
function personRecord(row: PersonRow): Omit<Person, 'permissions'> {
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

export function presentPerson(row: PersonRow, viewer: PersonViewer): Person {
  return { ...personRecord(row), permissions: personPermissions(viewer, row) };
}

/** The caller as people's policy sees them: with the person their account speaks for. */
async function viewerOf(db: Db | Tx, ctx: RequestContext): Promise<PersonViewer> {
  const actor = requireDirectoryReader(ctx);
  return { actor, ownPersonId: actor.userId ? await repo.personIdOfUser(db, actor.userId) : null };
}

export async function listPeople(deps: AppDeps, ctx: RequestContext, query: z.infer<typeof PeopleListQuery>) {
  const actor = requireDirectoryReader(ctx);
  const sort = repo.effectiveSort(query);
  // One statement: the page comes with the person the caller's account speaks for (what `viewerOf` looks up).
  const rows = await repo.listPeople(deps.db, tenantScope(ctx), { ...query, sort, cursor: decodeCursor(query.cursor, repo.cursorKind(sort)) }, actor.userId);
  const viewer: PersonViewer = { actor, ownPersonId: rows[0]?.viewer_person_id ?? null };
  const page = pageOf(rows, query.limit, (r) => repo.sortKeyOf(sort, r));
  return { items: page.items.map((r) => presentPerson(r, viewer)), nextCursor: page.nextCursor };
}

export async function getPerson(deps: AppDeps, ctx: RequestContext, id: string) {
  const viewer = await viewerOf(deps.db, ctx);
  const row = await repo.findVisiblePerson(deps.db, tenantScope(ctx), id);
  if (!row) throw notFound('person');
  return presentPerson(row, viewer);
}

/** The agreements the person is a point of contact of, as far as the caller may read them (404 for a person they may not see). */
export async function listPersonAgreements(deps: AppDeps, ctx: RequestContext, id: string) {
  await getPerson(deps, ctx, id);
  return agreementsOfContactPerson(deps, ctx, id);
}

export async function createPerson(deps: AppDeps, ctx: RequestContext, institutionId: string, input: z.infer<typeof CreatePerson>) {
  const viewer = await viewerOf(deps.db, ctx);
  await getInstitution(deps, ctx, institutionId); // 404 first, then 403
  assertMayAddPersonTo(viewer.actor, institutionId);
  return inTransaction(deps.db, async (tx) => {
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
    const created = (await repo.findVisiblePerson(tx, tenantScope(ctx), id))!;
    await recordAudit(tx, ctx, { entity: 'person', entityId: id, action: 'create', owners: [institutionId], after: personRecord(created) });
    return presentPerson(created, viewer);
  });
}

/** Directory managers edit their institution's people; anyone edits the person record of their own account. */
export async function updatePerson(deps: AppDeps, ctx: RequestContext, id: string, input: z.infer<typeof UpdatePerson>) {
  requireDirectoryReader(ctx);
  return inTransaction(deps.db, async (tx) => {
    const scope = tenantScope(ctx);
    const current = await repo.lockPerson(tx, scope, id);
    if (!current) throw notFound('person');
    const viewer = await viewerOf(tx, ctx);
    assertMayUpdatePerson(viewer, current, input.archived !== undefined);
    assertVersion(current, input.version, (row) => presentPerson(row, viewer));
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
    const after = (await repo.findVisiblePerson(tx, scope, id))!;
    await recordAudit(tx, ctx, { entity: 'person', entityId: id, action: 'update', owners: [current.institution_id], before: personRecord(current), after: personRecord(after) });
    return presentPerson(after, viewer);
  });
}
