import { sql } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { InstitutionsTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';
import { afterRanked, matchesAllWords, matchRank, rankedKey } from '../../platform/search.ts';
import type { Insertable, Updateable } from 'kysely';

const SORTS = {
  name: { column: 'i.name_vi', direction: 'asc', key: 'text' },
  code: { column: 'i.code', direction: 'asc', key: 'text' },
  updated: { column: 'i.updated_at', direction: 'desc', key: 'timestamp' },
  // The best matches first (search.ts `matchRank` over the code and names), then by name; the key is "<rank>:<name>".
  relevance: { column: 'i.name_vi', direction: 'asc', key: 'text' },
} as const;
export type InstitutionSort = keyof typeof SORTS;

/** The order of a list: as asked, else by relevance when searching and by name when not. */
export const effectiveSort = (query: { q?: string; sort?: InstitutionSort }): InstitutionSort => query.sort ?? (query.q ? 'relevance' : 'name');

/** What the cursor of a list in this order holds (checked by decodeCursor). */
export const cursorKind = (sort: InstitutionSort): CursorKind => ({ key: SORTS[sort].key });

function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('institutions as i')
    .selectAll('i')
    .select([
      sql<number>`(SELECT count(*)::int FROM units u WHERE u.institution_id = i.id AND u.archived_at IS NULL)`.as('unit_count'),
      sql<number>`(SELECT count(*)::int FROM people p WHERE p.institution_id = i.id AND p.archived_at IS NULL)`.as('people_count'),
      exactTimestamp('i.updated_at').as('updated_key'),
    ]);
}
export type InstitutionRecord = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export async function listInstitutions(
  db: Db,
  scope: TenantScope,
  filter: { q?: string; kind?: InstitutionsTable['kind']; country?: string; archived: 'include' | 'only' | 'exclude'; sort: InstitutionSort; limit: number; cursor?: Cursor },
) {
  const sort = SORTS[filter.sort];
  // The search document of an institution is its code and names only: the rank reads it as the name.
  const rank = filter.sort === 'relevance' ? matchRank('i.search_doc', filter.q) : sql<number>`0`;
  let query = baseQuery(db).select(rank.as('match_rank')).where(scope.visible('i.id'));
  const match = matchesAllWords('i.search_doc', filter.q);
  if (match) query = query.where(match);
  if (filter.kind) query = query.where('i.kind', '=', filter.kind);
  if (filter.country) query = query.where('i.country', '=', filter.country);
  if (filter.archived === 'exclude') query = query.where('i.archived_at', 'is', null);
  if (filter.archived === 'only') query = query.where('i.archived_at', 'is not', null);
  if (filter.cursor) {
    query = query.where(
      filter.sort === 'relevance' ? afterRanked(rank, sort.column, 'i.id', filter.cursor) : afterCursor(sort.column, 'i.id', filter.cursor, sort.direction),
    );
  }
  if (filter.sort === 'relevance') query = query.orderBy(rank);
  return query
    .orderBy(sort.column, sort.direction)
    .orderBy('i.id', sort.direction)
    .limit(filter.limit + 1)
    .execute();
}

export const sortKeyOf = (sort: InstitutionSort, row: InstitutionRecord & { match_rank: number }) =>
  sort === 'relevance' ? rankedKey(Number(row.match_rank), row.name_vi) : sort === 'name' ? row.name_vi : sort === 'code' ? row.code : row.updated_key;

export function findVisibleInstitution(db: Db | Tx, scope: TenantScope, id: string) {
  return baseQuery(db).where('i.id', '=', id).where(scope.visible('i.id')).executeTakeFirst();
}

export function lockInstitution(tx: Tx, scope: TenantScope, id: string) {
  return baseQuery(tx).where('i.id', '=', id).where(scope.visible('i.id')).forUpdate('i').executeTakeFirst();
}

export async function insertInstitution(tx: Tx, values: Insertable<InstitutionsTable>) {
  const { id } = await tx.insertInto('institutions').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateInstitution(tx: Tx, id: string, values: Updateable<InstitutionsTable>) {
  await tx
    .updateTable('institutions')
    .set({ ...values, ...nextVersion() })
    .where('id', '=', id)
    .execute();
}
