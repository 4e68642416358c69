import { sql, type Insertable, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { PeopleTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';
import { matchesAllWords, prefersTextIndex } from '../../platform/search.ts';

const SORTS = {
  name: { column: 'p.full_name', direction: 'asc', key: 'text' },
  updated: { column: 'p.updated_at', direction: 'desc', key: 'timestamp' },
} as const;

/** What the cursor of a list in this order holds (checked by decodeCursor). */
export const cursorKind = (sort: keyof typeof SORTS): CursorKind => ({ key: SORTS[sort].key });

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
  sort: keyof typeof SORTS;
  limit: number;
  cursor?: Cursor;
}

/**
 * One page of people. The page's ids are chosen on `people` alone (filters, order, limit), then the
 * page is joined to institutions and units, so the joins cost 50 rows, not every match.
 */
export async function listPeople(db: Db, scope: TenantScope, f: PeopleFilter): Promise<PersonRecord[]> {
  const sort = SORTS[f.sort];
  let q = db
    .selectFrom('people as p')
    .select('p.id')
    .where(scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`));
  const match = matchesAllWords('p.search_doc', f.q);
  if (match) q = q.where(match);
  if (f.institutionId) q = q.where('p.institution_id', '=', f.institutionId);
  if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
  if (f.title) q = q.where('p.title', '=', f.title);
  if (f.archived === 'exclude') q = q.where('p.archived_at', 'is', null);
  if (f.archived === 'only') q = q.where('p.archived_at', 'is not', null);
  if (f.cursor) q = q.where(afterCursor(sort.column, 'p.id', f.cursor, sort.direction));
  // `full_name || ''` sorts the same but is not the indexed column, which steers the planner to the
  // trigram index for multi-word searches (see prefersTextIndex).
  const orderBy = f.sort === 'name' && prefersTextIndex(f.q) ? sql`p.full_name || ''` : sql.ref(sort.column);
  const ids = (await q.orderBy(orderBy, sort.direction).orderBy('p.id', sort.direction).limit(f.limit + 1).execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await baseQuery(db, scope).where('p.id', 'in', ids).execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
}

export const sortKeyOf = (sort: keyof typeof SORTS, row: PersonRecord) =>
  sort === 'name' ? row.full_name : row.updated_key;

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
