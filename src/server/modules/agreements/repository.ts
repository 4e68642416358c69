import { sql, type Expression, type SqlBool } from 'kysely';
import type { AgreementContent } from '../../../contracts/agreements.ts';
import { agreementVisibleTo, type TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { matchesAllWords } from '../../platform/search.ts';

export function findVisibleAgreement(db: Db | Tx, scope: TenantScope, id: string) {
  return db.selectFrom('agreements as a').selectAll('a').where('a.id', '=', id).where(scope.agreementVisible('a')).executeTakeFirst();
}
export type AgreementRow = NonNullable<Awaited<ReturnType<typeof findVisibleAgreement>>>;

export function lockVisibleAgreement(tx: Tx, scope: TenantScope, id: string) {
  return tx
    .selectFrom('agreements as a')
    .selectAll('a')
    .where('a.id', '=', id)
    .where(scope.agreementVisible('a'))
    .forUpdate()
    .executeTakeFirst();
}

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

export function versionRow(db: Db | Tx, agreementId: string, versionNo: number) {
  return db.selectFrom('agreement_versions').selectAll().where('agreement_id', '=', agreementId).where('version_no', '=', versionNo).executeTakeFirst();
}

export function listVersions(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_versions')
    .select(['version_no', 'content_hash', 'created_by_label', 'created_at', 'change_note'])
    .where('agreement_id', '=', agreementId)
    .orderBy('version_no', 'desc')
    .execute();
}

export function approvalsWithVersions(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_approvals as ap')
    .innerJoin('institutions as i', 'i.id', 'ap.institution_id')
    .innerJoin('agreement_versions as v', (j) => j.onRef('v.agreement_id', '=', 'ap.agreement_id').onRef('v.version_no', '=', 'ap.version_no'))
    .select([
      'ap.id',
      'ap.institution_id',
      'i.code as institution_code',
      'ap.version_no',
      'ap.content_hash',
      'ap.approved_by_label',
      'ap.approved_at',
      'ap.voided_at',
      'ap.voided_by_version',
      'ap.void_reason',
      'v.content as version_content',
      'v.content_hash as version_hash',
    ])
    .where('ap.agreement_id', '=', agreementId)
    .orderBy('ap.approved_at')
    .execute();
}

export function peopleByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'full_name', 'title', 'institution_id']).where('id', 'in', ids).execute();
}

export function childAgreements(db: Db | Tx, scope: TenantScope, parentId: string) {
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.kind', 'a.title_vi', 'a.title_en', 'a.status'])
    .where('a.parent_id', '=', parentId)
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date')
    .execute();
}

/** Rewrites the projections of the current content (parties, areas, contacts, targets). */
export async function writeProjections(tx: Tx, agreementId: string, content: AgreementContent) {
  for (const table of ['agreement_parties', 'agreement_areas', 'agreement_contacts', 'agreement_targets'] as const) {
    await tx.deleteFrom(table).where('agreement_id', '=', agreementId).execute();
  }
  await tx
    .insertInto('agreement_parties')
    .values(content.parties.map((p, i) => ({ agreement_id: agreementId, institution_id: p.institutionId, unit_id: p.unitId, position: i })))
    .execute();
  if (content.areas.length === 0) return;
  await tx
    .insertInto('agreement_areas')
    .values(content.areas.map((a, i) => ({ agreement_id: agreementId, area_key: a.key, kind: a.kind, position: i })))
    .execute();
  const contacts = content.areas.flatMap((a) =>
    a.contacts.map((c) => ({ agreement_id: agreementId, area_key: a.key, institution_id: c.institutionId, person_id: c.personId })),
  );
  if (contacts.length > 0) await tx.insertInto('agreement_contacts').values(contacts).execute();
  const targets = content.areas.flatMap((a) =>
    a.targets.map((t) => ({
      agreement_id: agreementId,
      area_key: a.key,
      target_key: t.key,
      metric: t.metric,
      period_start: t.periodStart,
      period_end: t.periodEnd,
      value: t.value,
    })),
  );
  if (targets.length > 0) await tx.insertInto('agreement_targets').values(targets).execute();
}

export interface AgreementFilter {
  q?: string;
  partnerId?: string;
  partnerKind?: string;
  country?: string;
  kind?: string;
  status?: string;
  areaKind?: string;
  unitId?: string;
  expiringWithinDays?: number;
  today: string;
  sort: 'title' | 'start' | 'end' | 'updated';
  limit: number;
  cursor?: Cursor;
}

const SORTS = {
  title: { column: 'a.title_vi', direction: 'asc', key: 'text' },
  start: { column: 'a.start_date', direction: 'desc', key: 'date' },
  end: { column: 'a.end_date', direction: 'asc', key: 'date' },
  updated: { column: 'a.updated_at', direction: 'desc', key: 'timestamp' },
} as const;

/** What the cursor of a list in this order holds (checked by decodeCursor). */
export const cursorKind = (sort: AgreementFilter['sort']): CursorKind => ({ key: SORTS[sort].key });

export function sortKeyOf(sort: AgreementFilter['sort'], row: { title_vi: string; start_date: string; end_date: string | null; updated_key: string }) {
  if (sort === 'title') return row.title_vi;
  if (sort === 'start') return row.start_date;
  if (sort === 'end') return row.end_date;
  return row.updated_key;
}

/** The agreements the actor may see that pass the filters (no order, no page). */
function filteredAgreements(db: Db, scope: TenantScope, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
  let q = db.selectFrom('agreements as a').where(scope.agreementVisible('a'));
  const match = matchesAllWords('a.search_doc', f.q);
  if (match) q = q.where(match);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.status) q = q.where('a.status', '=', f.status);
  const partyMatches: Expression<SqlBool>[] = [];
  if (f.partnerId) partyMatches.push(sql<SqlBool>`pp.institution_id = ${f.partnerId}::uuid`);
  if (f.partnerKind) partyMatches.push(sql<SqlBool>`pi.kind = ${f.partnerKind}`);
  if (f.country) partyMatches.push(sql<SqlBool>`pi.country = ${f.country}`);
  if (partyMatches.length > 0) {
    // "Partner" = a party other than my own institution.
    q = q.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties pp JOIN institutions pi ON pi.id = pp.institution_id
        WHERE pp.agreement_id = a.id AND pp.institution_id <> ${scope.institutionId}::uuid AND ${sql.join(partyMatches, sql` AND `)})`,
    );
  }
  if (f.unitId) q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties up WHERE up.agreement_id = a.id AND up.unit_id = ${f.unitId}::uuid)`);
  if (f.areaKind) q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_areas ar WHERE ar.agreement_id = a.id AND ar.kind = ${f.areaKind})`);
  if (f.expiringWithinDays !== undefined) {
    q = q
      .where('a.status', 'in', ['active', 'expiring'])
      .where('a.end_date', 'is not', null)
      .where(sql<SqlBool>`a.end_date BETWEEN ${f.today}::date AND ${f.today}::date + ${f.expiringWithinDays}::int`);
  }
  return q;
}

export function listAgreements(db: Db, scope: TenantScope, f: AgreementFilter) {
  const sort = SORTS[f.sort];
  let q = filteredAgreements(db, scope, f).selectAll('a').select(exactTimestamp('a.updated_at').as('updated_key'));
  if (f.sort === 'end') q = q.where('a.end_date', 'is not', null);
  if (f.cursor) q = q.where(afterCursor(sort.column, 'a.id', f.cursor, sort.direction));
  return q.orderBy(sort.column, sort.direction).orderBy('a.id', sort.direction).limit(f.limit + 1).execute();
}

/** How many of the filtered agreements are in each status. */
export function countAgreementsByStatus(db: Db, scope: TenantScope, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
  return filteredAgreements(db, scope, f)
    .select(['a.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('a.status')
    .execute();
}

/** Parties and area kinds of many agreements at once (for list pages). */
export async function summariesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return { parties: [], areas: [] };
  const [parties, areas] = await Promise.all([
    db
      .selectFrom('agreement_parties as p')
      .innerJoin('institutions as i', 'i.id', 'p.institution_id')
      .select(['p.agreement_id', 'p.institution_id as institutionId', 'i.code', 'i.name_vi as nameVi', 'i.name_en as nameEn', 'i.kind', 'i.country'])
      .where('p.agreement_id', 'in', ids)
      .orderBy('p.position')
      .execute(),
    db.selectFrom('agreement_areas').select(['agreement_id', 'kind']).where('agreement_id', 'in', ids).orderBy('position').execute(),
  ]);
  return { parties, areas };
}

// ---- notifications about agreements (agreements/notifications.ts)

/** The parties' cooperation officers and admins, and the accounts of the points of contact. */
export async function participantUserIds(tx: Tx, agreementId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    SELECT u.id FROM users u
    WHERE u.status = 'active' AND (
      (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${agreementId}::uuid)
        AND u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[])
      OR u.person_id IN (SELECT person_id FROM agreement_contacts WHERE agreement_id = ${agreementId}::uuid))`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Of these users, those whose institution may read the agreement now (platform admins read all). */
export async function readersOfAgreement(tx: Tx, agreementId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .selectFrom('users as u')
    .innerJoin('agreements as a', (join) => join.on('a.id', '=', agreementId))
    .select('u.id')
    .where('u.id', 'in', userIds)
    .where((eb) => eb.or([sql<boolean>`'platform_admin' = ANY(u.roles)`, agreementVisibleTo('a', sql`u.institution_id`)]))
    .execute();
  return rows.map((r) => r.id);
}

/** SQL condition: the agreement whose id is in `idColumn` is visible within `scope`. */
export function agreementReadableIn(scope: TenantScope, idColumn: string) {
  return sql<SqlBool>`EXISTS (SELECT 1 FROM agreements na WHERE na.id = ${sql.ref(idColumn)} AND ${scope.agreementVisible('na')})`;
}

export async function agreementTitles(tx: Tx, agreementId: string) {
  const row = await tx.selectFrom('agreements').select(['title_vi', 'title_en']).where('id', '=', agreementId).executeTakeFirstOrThrow();
  return { titleVi: row.title_vi, titleEn: row.title_en };
}
