import { type Expression, type SqlBool, sql } from 'kysely';
import type { TenantScope } from '../../../platform/access.ts';
import type { Db } from '../../../platform/db.ts';

// What needs a user, and whose agreements (use-cases/home-items.ts, use-cases/linked-agreements.ts).
// Read-only. Each takes the caller's TenantScope; the use cases pass what they find through the module's
// visibility check (access.ts) before showing it.

/** Statuses after which nothing is left to do about an agreement. */
const CLOSED_STATUSES = ['expired', 'terminated', 'renewed'] as const;

/** SQL condition: the person aliased `alias` is one the scope may see in the directory (own, or shared). */
const personShownIn = (scope: TenantScope, alias: string) =>
  scope.ownOrShared(`${alias}.institution_id`, sql<SqlBool>`${sql.ref(`${alias}.visibility`)} = 'consortium'`);

/**
 * How a user is named: the linked person's title and full name (join it only where the caller may see that
 * person, `personShownIn`), else the account's display name.
 */
const userNameSql = (user: string, person: string) =>
  sql<string>`coalesce(nullif(concat_ws(' ', ${sql.ref(`${person}.title`)}, ${sql.ref(`${person}.full_name`)}), ''), ${sql.ref(`${user}.display_name`)})`;

/** The title of an area of the agreement's current version, in one language (null if it has no such area). */
const areaTitleSql = (agreement: string, areaKey: Expression<string>, field: 'titleVi' | 'titleEn') =>
  sql<string | null>`(SELECT ar->>${field} FROM agreement_versions av, jsonb_array_elements(av.content->'areas') ar
    WHERE av.agreement_id = ${sql.table(agreement)}.id AND av.version_no = ${sql.table(agreement)}.current_version AND ar->>'key' = ${areaKey})`;

/** The person linked to a user account, if any. */
export async function personOfUser(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}

/**
 * Agreements in negotiation or awaiting approval whose current version `institutionId` has not approved (with
 * `institutionId` null, platform-wide: any party has not), newest change first, with the codes of the parties
 * whose approval is missing. At most `limit` rows.
 */
export function agreementsAwaitingApproval(db: Db, scope: TenantScope, institutionId: string | null, limit: number) {
  const missing = (party: string) =>
    sql<SqlBool>`NOT EXISTS (SELECT 1 FROM agreement_approvals ap WHERE ap.agreement_id = a.id AND ap.institution_id = ${sql.ref(party)}
      AND ap.content_hash = a.content_hash AND ap.voided_at IS NULL)`;
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.current_version', 'a.updated_at'])
    .select(
      sql<string[]>`ARRAY(SELECT mi.code::text FROM agreement_parties mp JOIN institutions mi ON mi.id = mp.institution_id
        WHERE mp.agreement_id = a.id AND ${missing('mp.institution_id')} ORDER BY mp.position)`.as('missing_codes'),
    )
    .where('a.status', 'in', ['negotiation', 'awaiting_approval'])
    .where(scope.agreementParty('a'))
    .where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties wp WHERE wp.agreement_id = a.id
        AND ${institutionId === null ? sql<SqlBool>`true` : sql<SqlBool>`wp.institution_id = ${institutionId}::uuid`} AND ${missing('wp.institution_id')})`,
    )
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/**
 * Per agreement of `institutionId`, the latest comment or proposal of another party, when `institutionId` has
 * not written one since: what is waiting for its answer — on agreements in one of `negotiating` statuses, and on
 * the others (in force) when written since `recentSince`. Newest first, at most `limit`.
 */
export async function commentsAwaitingAnswer(
  db: Db,
  scope: TenantScope,
  f: { institutionId: string; negotiating: readonly string[]; recentSince: Date; limit: number },
) {
  const { institutionId, limit } = f;
  const rows = await sql<{
    id: string;
    agreement_id: string;
    kind: 'comment' | 'proposal';
    body: string;
    created_at: Date;
    area_title_vi: string | null;
    area_title_en: string | null;
    title_vi: string;
    title_en: string;
    status: string;
    institution_code: string;
    author_name: string;
  }>`
    SELECT * FROM (
      SELECT DISTINCT ON (c.agreement_id) c.id, c.agreement_id, c.kind, c.body, c.created_at,
        ${areaTitleSql('a', sql`c.area_key`, 'titleVi')} AS area_title_vi, ${areaTitleSql('a', sql`c.area_key`, 'titleEn')} AS area_title_en,
        a.title_vi, a.title_en, a.status, i.code AS institution_code,
        coalesce(${userNameSql('u', 'p')}, c.author_label) AS author_name
      FROM agreement_comments c
      JOIN agreements a ON a.id = c.agreement_id
      JOIN institutions i ON i.id = c.institution_id
      LEFT JOIN users u ON u.id = c.author_user_id
      LEFT JOIN people p ON p.id = u.person_id AND ${personShownIn(scope, 'p')}
      WHERE c.institution_id <> ${institutionId}::uuid
        AND a.status NOT IN (${sql.join([...CLOSED_STATUSES])})
        AND (a.status = ANY(${sql.val([...f.negotiating])}::text[]) OR c.created_at >= ${f.recentSince})
        AND EXISTS (SELECT 1 FROM agreement_parties mp WHERE mp.agreement_id = a.id AND mp.institution_id = ${institutionId}::uuid)
        AND ${scope.agreementParty('a')}
        AND NOT EXISTS (SELECT 1 FROM agreement_comments mine WHERE mine.agreement_id = c.agreement_id
          AND mine.institution_id = ${institutionId}::uuid AND mine.created_at >= c.created_at)
      ORDER BY c.agreement_id, c.created_at DESC, c.id DESC
    ) latest
    ORDER BY created_at DESC, id DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/**
 * Agreements in force whose end date is between `today` and `today + days`: those of `institutionId` (null:
 * platform-wide) and those where `personId` is a point of contact. Soonest first, at most `limit`.
 */
export function agreementsExpiringSoon(
  db: Db,
  scope: TenantScope,
  f: { institutionId: string | null; allInstitutions: boolean; personId: string | null; today: string; days: number; limit: number },
) {
  const mine: Expression<SqlBool>[] = [];
  if (f.allInstitutions) mine.push(sql<SqlBool>`true`);
  else if (f.institutionId) mine.push(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties ep WHERE ep.agreement_id = a.id AND ep.institution_id = ${f.institutionId}::uuid)`);
  if (f.personId) mine.push(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_contacts ec WHERE ec.agreement_id = a.id AND ec.person_id = ${f.personId}::uuid)`);
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.end_date'])
    .where('a.status', 'in', ['active', 'expiring'])
    .where('a.end_date', 'is not', null)
    .where(sql<SqlBool>`a.end_date BETWEEN ${f.today}::date AND ${f.today}::date + ${f.days}::int`)
    .where(mine.length > 0 ? sql<SqlBool>`(${sql.join(mine, sql` OR `)})` : sql<SqlBool>`false`)
    .where(scope.agreementVisible('a'))
    .orderBy('a.end_date')
    .orderBy('a.id')
    .limit(f.limit)
    .execute();
}

/**
 * The areas of agreements still open or in force where `personId` is a point of contact, with the area's titles
 * in both languages (from the current version); `includeClosed` also those of expired, terminated, renewed
 * agreements. Newest agreement first, at most `limit`.
 */
export async function areasWithContact(db: Db, scope: TenantScope, personId: string, f: { includeClosed: boolean; limit: number }) {
  return db
    .selectFrom('agreement_contacts as ct')
    .innerJoin('agreements as a', 'a.id', 'ct.agreement_id')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.kind', 'a.start_date', 'a.end_date', 'a.visibility', 'ct.area_key'])
    .select([areaTitleSql('a', sql.ref('ct.area_key'), 'titleVi').as('area_title_vi'), areaTitleSql('a', sql.ref('ct.area_key'), 'titleEn').as('area_title_en')])
    .where('ct.person_id', '=', personId)
    .$if(!f.includeClosed, (q) => q.where('a.status', 'not in', [...CLOSED_STATUSES]))
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .orderBy('ct.area_key')
    .limit(f.limit)
    .execute();
}

/** Whether `personId` is a point of contact of any agreement still open or in force. */
export async function isContactOfOpenAgreement(db: Db, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('agreement_contacts as ct')
    .innerJoin('agreements as a', 'a.id', 'ct.agreement_id')
    .select('a.id')
    .where('ct.person_id', '=', personId)
    .where('a.status', 'not in', [...CLOSED_STATUSES])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What other institutions did since `since` on agreements `institutionId` is a party to (null: platform-wide,
 * anyone): approvals, comments, proposals and status changes by a user, from the audit log, newest first, at
 * most `limit`. The actor is named (title and name), with their institution's code.
 */
export function partnerActivity(db: Db, scope: TenantScope, institutionId: string | null, since: Date, limit: number) {
  let q = db
    .selectFrom('audit_log as l')
    .innerJoin('agreements as a', (j) => j.on(sql<SqlBool>`a.id::text = l.entity_id`))
    .innerJoin('users as u', 'u.id', 'l.actor_user_id')
    .innerJoin('institutions as i', 'i.id', 'u.institution_id')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'u.person_id').on(personShownIn(scope, 'p')))
    .select(['l.id', 'l.action', 'l.after', 'l.created_at', 'a.id as agreement_id', 'a.title_vi', 'a.title_en', 'a.status', 'i.code as institution_code'])
    .select(userNameSql('u', 'p').as('actor_name'))
    .where('l.entity', '=', 'agreement')
    .where('l.action', 'in', ['approve', 'comment', 'propose', 'status'])
    .where('l.created_at', '>=', since)
    .where(scope.agreementParty('a'));
  if (institutionId !== null) {
    q = q
      .where('u.institution_id', '<>', institutionId)
      .where(sql<SqlBool>`EXISTS (SELECT 1 FROM audit_owners o WHERE o.audit_id = l.id AND o.institution_id = ${institutionId}::uuid)`)
      .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties mp WHERE mp.agreement_id = a.id AND mp.institution_id = ${institutionId}::uuid)`);
  }
  return q.orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(limit).execute();
}

/**
 * Agreements in force (active, expiring) of `institutionId` with areas of these kinds (exchange, internships…),
 * with those areas' titles in both languages; newest first, at most `limit`.
 */
export function agreementsInForceWithAreas(db: Db, scope: TenantScope, institutionId: string, kinds: readonly string[], limit: number) {
  return db
    .selectFrom('agreements as a')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.end_date'])
    .select(
      sql<{ titleVi: string; titleEn: string }[]>`coalesce((SELECT jsonb_agg(jsonb_build_object('titleVi', ar->>'titleVi', 'titleEn', ar->>'titleEn'))
        FROM agreement_versions av, jsonb_array_elements(av.content->'areas') ar
        WHERE av.agreement_id = a.id AND av.version_no = a.current_version AND ar->>'kind' = ANY(${sql.val([...kinds])}::text[])), '[]'::jsonb)`.as('areas'),
    )
    .where('a.status', 'in', ['active', 'expiring'])
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_parties op WHERE op.agreement_id = a.id AND op.institution_id = ${institutionId}::uuid)`)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM agreement_areas oa WHERE oa.agreement_id = a.id AND oa.kind = ANY(${sql.val([...kinds])}::text[]))`)
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The agreements `institutionId` is a party to that the scope may see, newest start first, at most `limit`. */
export function agreementsOfParty(db: Db, scope: TenantScope, institutionId: string, limit: number) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('agreement_parties as pp', 'pp.agreement_id', 'a.id')
    .select(['a.id', 'a.title_vi', 'a.title_en', 'a.status', 'a.kind', 'a.start_date', 'a.end_date', 'a.visibility'])
    .where('pp.institution_id', '=', institutionId)
    .where(scope.agreementVisible('a'))
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
