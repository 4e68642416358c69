import { sql, type Insertable, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { PeopleTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';
import { afterRanked, matchesAllWords, matchRank, prefersTextIndex, rankedKey } from '../../platform/search.ts';

const SORTS = {
  name: { column: 'p.full_name', direction: 'asc', key: 'text' },
  updated: { column: 'p.updated_at', direction: 'desc', key: 'timestamp' },
  // The best matches first (search.ts `matchRank` over the name), then by name; the key is "<rank>:<name>".
  relevance: { column: 'p.full_name', direction: 'asc', key: 'text' },
} as const;
export type PeopleSort = keyof typeof SORTS;

/**
 * The order of a list: as asked, else by relevance when searching and by name when not. A query of one- and
 * two-letter words only ("ng", "le": typing has just begun) is listed by name: its matches are a large part of
 * the directory, which the name index walks in order (a few ms) while ranking them would sort every match
 * (hundreds of ms for "ng" over 100,000 people; bench/README.md).
 */
export const effectiveSort = (query: { q?: string; sort?: PeopleSort }): PeopleSort =>
  query.sort ?? (prefersTextIndex(query.q) ? 'relevance' : 'name');

/** What the cursor of a list in this order holds (checked by decodeCursor). */
export const cursorKind = (sort: PeopleSort): CursorKind => ({ key: SORTS[sort].key });

function baseQuery(db: Db | Tx, scope: TenantScope) {
  return db
    .selectFrom('people as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('p')
    .select(['i.code as institution_code', 'u.name_vi as unit_name_vi', 'u.name_en as unit_name_en', exactTimestamp('p.updated_at').as('updated_key')])
    .where(scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`));
}
export type PersonRecord = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export interface PeopleFilter {
  q?: string;
  institutionId?: string;
  unitId?: string;
  title?: string;
  archived: 'include' | 'only' | 'exclude';
  /** 'true': staff only — no person whose account is only a student's (points of contact are staff). */
  staff?: 'true' | 'false';
  sort: PeopleSort;
  limit: number;
  cursor?: Cursor;
}

/** A person of a page, with how well they matched (for the cursor of a list by relevance). */
export type ListedPerson = PersonRecord & { match_rank: number };

/**
 * One page of people. The page's ids are chosen on `people` alone (filters, order, limit), then the
 * page is joined to institutions and units, so the joins cost 50 rows, not every match.
 */
export async function listPeople(db: Db, scope: TenantScope, f: PeopleFilter): Promise<ListedPerson[]> {
  const sort = SORTS[f.sort];
  const rank = f.sort === 'relevance' ? matchRank('p.name_doc', f.q) : sql<number>`0`;
  let q = db
    .selectFrom('people as p')
    .select(['p.id', rank.as('match_rank')])
    .where(scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`));
  const match = matchesAllWords('p.search_doc', f.q);
  if (match) q = q.where(match);
  if (f.institutionId) q = q.where('p.institution_id', '=', f.institutionId);
  if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
  if (f.title) q = q.where('p.title', '=', f.title);
  if (f.archived === 'exclude') q = q.where('p.archived_at', 'is', null);
  if (f.archived === 'only') q = q.where('p.archived_at', 'is not', null);
  if (f.staff === 'true') {
    q = q.where(sql<boolean>`NOT EXISTS (SELECT 1 FROM users su WHERE su.person_id = p.id AND su.roles = ARRAY['student']::text[])`);
  }
  if (f.cursor) {
    q = q.where(f.sort === 'relevance' ? afterRanked(rank, sort.column, 'p.id', f.cursor) : afterCursor(sort.column, 'p.id', f.cursor, sort.direction));
  }
  if (f.sort === 'relevance') q = q.orderBy(rank);
  // `full_name || ''` sorts the same but is not the indexed column, which steers the planner to the
  // trigram index for multi-word searches (see prefersTextIndex).
  const orderBy = f.sort !== 'updated' && prefersTextIndex(f.q) ? sql`p.full_name || ''` : sql.ref(sort.column);
  const page = await q.orderBy(orderBy, sort.direction).orderBy('p.id', sort.direction).limit(f.limit + 1).execute();
  if (page.length === 0) return [];
  const rows = await baseQuery(db, scope).where('p.id', 'in', page.map((r) => r.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.flatMap((r) => {
    const row = byId.get(r.id);
    return row ? [{ ...row, match_rank: Number(r.match_rank) }] : [];
  });
}

export const sortKeyOf = (sort: PeopleSort, row: ListedPerson) =>
  sort === 'relevance' ? rankedKey(row.match_rank, row.full_name) : sort === 'name' ? row.full_name : row.updated_key;

export function findVisiblePerson(db: Db | Tx, scope: TenantScope, id: string) {
  return baseQuery(db, scope).where('p.id', '=', id).executeTakeFirst();
}

export function lockPerson(tx: Tx, scope: TenantScope, id: string) {
  return baseQuery(tx, scope).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
}

export async function insertPerson(tx: Tx, values: Insertable<PeopleTable>) {
  const { id } = await tx.insertInto('people').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updatePerson(tx: Tx, id: string, values: Updateable<PeopleTable>) {
  await tx
    .updateTable('people')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}

export async function personIdOfUser(db: Db | Tx, userId: string) {
  const row = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirst();
  return row?.person_id ?? null;
}
