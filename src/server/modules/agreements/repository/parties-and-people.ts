import { type SqlBool, sql } from 'kysely';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db, Tx } from '../../../platform/db.ts';

// One agreement's parties and points of contact, after the service found it; the people and accounts its
// content and history name.

export async function partyInstitutionIds(db: Db | Tx, agreementId: string): Promise<string[]> {
  const rows = await db.selectFrom('agreement_parties').select('institution_id').where('agreement_id', '=', agreementId).orderBy('position').execute();
  return rows.map((r) => r.institution_id);
}

export function partyViews(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_parties as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.institution_id as institutionId',
      'p.unit_id as unitId',
      'i.code',
      'i.name_vi as nameVi',
      'i.name_en as nameEn',
      'i.kind',
      'i.country',
      'u.name_vi as unitNameVi',
      'u.name_en as unitNameEn',
    ])
    .where('p.agreement_id', '=', agreementId)
    .orderBy('p.position')
    .execute();
}

/** The user's person is a point of contact of the agreement. */
export async function isContactUser(db: Db | Tx, agreementId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const row = await db
    .selectFrom('agreement_contacts as c')
    .innerJoin('users as u', 'u.person_id', 'c.person_id')
    .select('c.person_id')
    .where('c.agreement_id', '=', agreementId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The people who are points of contact of the agreement's current version. */
export async function contactPersonIds(db: Db | Tx, agreementId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('agreement_contacts').select('person_id').where('agreement_id', '=', agreementId).execute();
  return new Set(rows.map((r) => r.person_id));
}

export function peopleByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'full_name', 'title', 'institution_id']).where('id', 'in', ids).execute();
}

/** The institution of each of these people that is not archived (content rules: contacts). */
export function activePeopleInstitutions(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'institution_id']).where('id', 'in', [...new Set(ids)]).where('archived_at', 'is', null).execute();
}

/** Of these people, those the scope may see in the directory (own, or shared with the consortium), by id. */
export async function visiblePeopleIds(db: Db | Tx, scope: TenantScope, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('people as p')
    .select('p.id')
    .where('p.id', 'in', [...new Set(ids)])
    .where(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The accounts behind these user ids as people are named: display name, e-mail, institution code, and the
 * linked person's title and full name when the scope may see that person in the directory.
 */
export function userNames(db: Db | Tx, scope: TenantScope, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .leftJoin('people as p', (j) =>
      j.onRef('p.id', '=', 'u.person_id').on(scope.ownOrShared('p.institution_id', sql<SqlBool>`p.visibility = 'consortium'`)),
    )
    .select(['u.id', 'u.display_name', 'u.email', 'u.institution_id', 'i.code as institution_code', 'p.title', 'p.full_name'])
    .where('u.id', 'in', [...new Set(userIds)])
    .execute();
}

/** The institution code of each of these API tokens (who did something, named for non-parties). */
export function tokenInstitutionCodes(db: Db | Tx, tokenIds: readonly string[]) {
  if (tokenIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('institutions as i', 'i.id', 't.institution_id')
    .select(['t.id', 'i.code'])
    .where('t.id', 'in', [...new Set(tokenIds)])
    .execute();
}
