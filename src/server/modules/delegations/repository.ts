import { sql, type Insertable, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { DelegationsTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';

// All the SQL of the delegations module. Which delegations a caller reads is decided through the agreements module
// (service.ts: the agreements the caller reads whole, as a party); the candidates come from here by the caller's
// TenantScope (delegations of agreements its institution is a party of).

function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('delegations as d')
    .innerJoin('agreements as ag', 'ag.id', 'd.agreement_id')
    .innerJoin('institutions as hi', 'hi.id', 'd.institution_id')
    .innerJoin('institutions as pi', 'pi.id', 'd.partner_id')
    .selectAll('d')
    .select([
      'ag.title_vi as agreement_title_vi',
      'ag.title_en as agreement_title_en',
      'hi.code as institution_code',
      'hi.name_vi as institution_name_vi',
      'hi.name_en as institution_name_en',
      'pi.code as partner_code',
      'pi.name_vi as partner_name_vi',
      'pi.name_en as partner_name_en',
      sql<number>`(SELECT count(*)::int FROM delegation_guests g WHERE g.delegation_id = d.id)`.as('guest_count'),
      sql<string>`d.updated_at::text`.as('updated_at_text'),
    ]);
}
export type DelegationRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export function findDelegation(db: Db | Tx, id: string, options: { lock?: boolean } = {}) {
  const q = baseQuery(db).where('d.id', '=', id);
  return (options.lock ? q.forUpdate('d') : q).executeTakeFirst();
}

/** Agreements with delegations of which the caller's institution is a party (platform admins: all). */
export async function candidateAgreementIds(db: Db | Tx, scope: TenantScope, agreementId?: string): Promise<string[]> {
  let q = db
    .selectFrom('delegations as d')
    .innerJoin('agreement_parties as ap', 'ap.agreement_id', 'd.agreement_id')
    .select('d.agreement_id')
    .distinct()
    .where(scope.own('ap.institution_id'));
  if (agreementId) q = q.where('d.agreement_id', '=', agreementId);
  return (await q.execute()).map((r) => r.agreement_id);
}

export interface ListFilter {
  agreementIds: string[];
  direction?: string;
  status?: string;
  statuses?: string[];
  year?: number;
  from?: string;
  to?: string;
  /** Only those this user requested, approves or decided, or travels or hosts with (a member). */
  involving?: string;
  limit: number;
  cursor?: Cursor;
}

export async function listDelegations(db: Db | Tx, f: ListFilter) {
  if (f.agreementIds.length === 0) return [];
  let q = baseQuery(db).where('d.agreement_id', '=', sql<string>`ANY(${f.agreementIds}::uuid[])`);
  if (f.direction) q = q.where('d.direction', '=', f.direction as 'incoming');
  if (f.status) q = q.where('d.status', '=', f.status as 'draft');
  if (f.statuses) q = q.where('d.status', 'in', f.statuses as 'draft'[]);
  if (f.year !== undefined) {
    q = q.where('d.start_date', '<=', `${f.year}-12-31`).where('d.end_date', '>=', `${f.year}-01-01`);
  }
  if (f.from) q = q.where('d.end_date', '>=', f.from);
  if (f.to) q = q.where('d.start_date', '<=', f.to);
  if (f.involving) {
    q = q.where(sql<boolean>`(d.created_by = ${f.involving}::uuid OR d.decided_by = ${f.involving}::uuid
      OR EXISTS (SELECT 1 FROM delegation_approvers a WHERE a.delegation_id = d.id AND a.user_id = ${f.involving}::uuid)
      OR EXISTS (SELECT 1 FROM users u JOIN delegation_members m ON m.person_id = u.person_id WHERE u.id = ${f.involving}::uuid AND m.delegation_id = d.id))`);
  }
  if (f.cursor) q = q.where(afterCursor('d.start_date', 'd.id', f.cursor, 'desc'));
  return q.orderBy('d.start_date', 'desc').orderBy('d.id', 'desc').limit(f.limit + 1).execute();
}

export function membersOf(db: Db | Tx, delegationIds: string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('delegation_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['m.delegation_id', 'm.person_id', 'm.role', 'p.full_name', 'p.title'])
    .where('m.delegation_id', '=', sql<string>`ANY(${delegationIds}::uuid[])`)
    .orderBy('m.delegation_id')
    .orderBy('m.position')
    .execute();
}

export function approversOf(db: Db | Tx, delegationIds: string[]) {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('delegation_approvers as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.delegation_id', 'a.user_id', 'u.display_name'])
    .where('a.delegation_id', '=', sql<string>`ANY(${delegationIds}::uuid[])`)
    .orderBy('u.display_name')
    .execute();
}

export function guestsOf(db: Db | Tx, delegationId: string) {
  return db.selectFrom('delegation_guests').selectAll().where('delegation_id', '=', delegationId).orderBy('position').execute();
}

/** The agreement's current areas (keys). */
export async function areaKeysOf(db: Db | Tx, agreementId: string): Promise<string[]> {
  const rows = await db.selectFrom('agreement_areas').select('area_key').where('agreement_id', '=', agreementId).execute();
  return rows.map((r) => r.area_key);
}

/** Of these people, those of the institution the caller may see (not archived). */
export async function peopleOf(db: Db | Tx, scope: TenantScope, institutionId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('people')
    .select(['id', 'full_name'])
    .where('id', '=', sql<string>`ANY(${personIds}::uuid[])`)
    .where('institution_id', '=', institutionId)
    .where('archived_at', 'is', null)
    .where(scope.visible('institution_id'))
    .execute();
}

/** Of these users, the active accounts of the institution. */
export async function activeUsersOf(db: Db | Tx, scope: TenantScope, institutionId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id'])
    .where('id', '=', sql<string>`ANY(${userIds}::uuid[])`)
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'active')
    .where(scope.own('institution_id'))
    .execute();
}

export async function insertDelegation(tx: Tx, values: Insertable<DelegationsTable>) {
  const { id } = await tx.insertInto('delegations').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateDelegation(tx: Tx, id: string, values: Updateable<DelegationsTable>) {
  await tx
    .updateTable('delegations')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}

export async function replaceMembers(tx: Tx, id: string, institutionId: string, members: { personId: string; role: string }[]) {
  await tx.deleteFrom('delegation_members').where('delegation_id', '=', id).execute();
  if (members.length === 0) return;
  await tx
    .insertInto('delegation_members')
    .values(members.map((m, i) => ({ delegation_id: id, person_id: m.personId, institution_id: institutionId, role: m.role, position: i })))
    .execute();
}

export interface GuestValues {
  fullName: string;
  title: string;
  gender: 'female' | 'male' | 'other';
  dateOfBirth: string;
  nationality: string;
  passportNumber: string;
  passportExpiry: string;
}

export async function replaceGuests(tx: Tx, id: string, guests: GuestValues[]) {
  await tx.deleteFrom('delegation_guests').where('delegation_id', '=', id).execute();
  if (guests.length === 0) return;
  await tx
    .insertInto('delegation_guests')
    .values(
      guests.map((g, i) => ({
        delegation_id: id,
        position: i,
        full_name: g.fullName,
        title: g.title,
        gender: g.gender,
        date_of_birth: g.dateOfBirth,
        nationality: g.nationality,
        passport_number: g.passportNumber,
        passport_expiry: g.passportExpiry,
      })),
    )
    .execute();
}

export async function replaceApprovers(tx: Tx, id: string, userIds: string[]) {
  await tx.deleteFrom('delegation_approvers').where('delegation_id', '=', id).execute();
  if (userIds.length === 0) return;
  await tx
    .insertInto('delegation_approvers')
    .values(userIds.map((u) => ({ delegation_id: id, user_id: u })))
    .execute();
}

/** Delegations whose guests' data is due for erasure: ended on or before `lastDay`, not erased yet. */
export function dueForErasure(db: Db | Tx, lastDay: string) {
  // Any guest row still holding personal data, whether or not the delegation was erased before (guards against
  // rows written after an erasure).
  return db
    .selectFrom('delegations')
    .select(['id', 'institution_id', 'end_date'])
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('delegation_guests as g').select('g.id').whereRef('g.delegation_id', '=', 'delegations.id').where('g.erased_at', 'is', null)),
    )
    .where('end_date', '<=', lastDay)
    .orderBy('end_date')
    .orderBy('id')
    .execute();
}

/** Erases the guests' personal data of one delegation (locked first; nothing when another run did it). Returns how many. */
export async function eraseGuests(tx: Tx, id: string, at: Date): Promise<number | null> {
  const row = await tx.selectFrom('delegations').select(['guests_erased_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return null;
  const erased = await tx
    .updateTable('delegation_guests')
    .set({
      full_name: null,
      title: null,
      gender: null,
      date_of_birth: null,
      nationality: null,
      passport_number: null,
      passport_expiry: null,
      erased_at: at,
    })
    .where('delegation_id', '=', id)
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  // Not a change of the record's content: the version stays, so an edit in progress is not refused for it.
  if (Number(erased.numUpdatedRows) === 0) return null;
  await tx.updateTable('delegations').set({ guests_erased_at: at }).where('id', '=', id).execute();
  return Number(erased.numUpdatedRows);
}

/** The countries of these institutions (for the reports). */
export async function countriesOf(db: Db | Tx, institutionIds: string[]) {
  if (institutionIds.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('institutions').select(['id', 'country']).where('id', '=', sql<string>`ANY(${institutionIds}::uuid[])`).execute();
  return new Map(rows.map((r) => [r.id, r.country]));
}

/** The institution's active admins: its leadership, who decide delegations when no approver is named. */
export async function leadershipUserIds(db: Db | Tx, institutionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('status', '=', 'active')
    .where(sql<boolean>`'institution_admin' = ANY(roles)`)
    .execute();
  return rows.map((r) => r.id);
}
