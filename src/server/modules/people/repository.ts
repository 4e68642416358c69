import { type Expression, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { TenantScope } from '../../platform/access.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { PeopleTable } from '../../platform/db-schema.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../platform/pagination.ts';
import { nextVersion } from '../../platform/versioning.ts';
import { afterRanked, containsAllWords, matchesAllWordsIndexed, matchRank, prefersTextIndex, queryWords, rankedCursor, rankedKey } from '../../platform/search.ts';

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

/**
 * The conditions of a list on `people as p`: tenancy, the query's words, the filters. `byIndex: false` words the
 * match for a row already found (the same test, without asking the planner to weigh the trigram index for it).
 */
function listConditions(scope: TenantScope, f: PeopleFilter, byIndex = true): Expression<SqlBool>[] {
  const conditions = [scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`)];
  const match = byIndex ? matchesAllWordsIndexed('p.search_doc', f.q) : containsAllWords('p.search_doc', f.q);
  if (match) conditions.push(match);
  if (f.institutionId) conditions.push(sql<SqlBool>`p.institution_id = ${f.institutionId}::uuid`);
  if (f.unitId) conditions.push(sql<SqlBool>`p.unit_id = ${f.unitId}::uuid`);
  if (f.title) conditions.push(sql<SqlBool>`p.title = ${f.title}`);
  if (f.archived === 'exclude') conditions.push(sql<SqlBool>`p.archived_at IS NULL`);
  if (f.archived === 'only') conditions.push(sql<SqlBool>`p.archived_at IS NOT NULL`);
  if (f.staff === 'true') {
    conditions.push(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM users su WHERE su.person_id = p.id AND su.roles = ARRAY['student']::text[])`);
  }
  return conditions;
}

/** How a page was chosen: its people's ids in the list's order, with their rank and sort name. */
interface PageRow {
  id: string;
  match_rank: number;
  sort_name: string;
}

/** How many entries of the lead word are read for a page of rank-0 people, at most (see `listPeople`). */
const LEAD_READ_CAP = 20_000;

/**
 * How common each name word is: the share of people whose name holds it, from PostgreSQL's statistics of
 * `people_name_words` (its most common words — ANALYZE keeps up to 1,000: 0023 — and the row counts), read once per
 * pool and again every few minutes without waiting. Only a hint for how to read a page (`nameWordsPlan`): stale or
 * missing figures make a search slower, never its result different.
 */
export interface NameWordStats {
  people: number;
  /** Share of people whose name holds the word (words the statistics do not list are rarer than those they do). */
  shares: Map<string, number>;
}
const wordStats = new WeakMap<Db, { loadedAt: number; stats: NameWordStats; loading?: Promise<void> }>();
const WORD_STATS_MAX_AGE_MS = 5 * 60_000;
const WORD_STATS_RETRY_MS = 30_000;

async function nameWordStats(db: Db): Promise<NameWordStats> {
  let entry = wordStats.get(db);
  if (!entry) {
    entry = { loadedAt: 0, stats: { people: 0, shares: new Map() } };
    wordStats.set(db, entry);
  }
  const current = entry;
  if (!current.loading && Date.now() - current.loadedAt > WORD_STATS_MAX_AGE_MS) {
    current.loading = sql<{ word: string; share: number; people: number; entries: number }>`
      SELECT m.word, m.share, c.people, c.entries
      FROM (SELECT (SELECT reltuples FROM pg_class WHERE oid = 'people'::regclass) AS people,
                   (SELECT reltuples FROM pg_class WHERE oid = 'people_name_words'::regclass) AS entries) c,
        pg_stats s, unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS m (word, share)
      WHERE s.schemaname = current_schema() AND s.tablename = 'people_name_words' AND s.attname = 'word'`
      .execute(db)
      .then(({ rows }) => {
        const people = Number(rows[0]?.people ?? 0);
        const perEntry = people > 0 ? Number(rows[0].entries) / people : 0;
        current.stats = { people, shares: new Map(rows.map((r) => [r.word, Math.min(1, Number(r.share) * perEntry)])) };
      })
      .catch(() => {})
      .finally(() => {
        // No figures yet (a table not analyzed since it was filled): ask again soon rather than in five minutes.
        current.loadedAt = Date.now() - (current.stats.shares.size === 0 ? WORD_STATS_MAX_AGE_MS - WORD_STATS_RETRY_MS : 0);
        current.loading = undefined;
      });
    // The first search of a pool waits for the figures; later ones use the last figures while they are renewed.
    if (current.loadedAt === 0) await current.loading;
  }
  return current.stats;
}

/** Tests: read pages with these figures instead of the statistics' (undefined: the statistics' again). */
export function overrideNameWordStats(db: Db, stats: NameWordStats | undefined): void {
  if (stats) wordStats.set(db, { loadedAt: Number.POSITIVE_INFINITY, stats });
  else wordStats.delete(db);
}

/** A query word as `hoptac_fold` writes it, closely enough to look up its share (the search itself folds in SQL). */
const foldForStats = (word: string) =>
  word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Read rank-0 people by name words only when the statistics expect this many times a page of them. */
const NAME_WORDS_MIN_PAGES = 3;

/**
 * Whether a page is read from `people_name_words` and from which query word's entries (its index among the query
 * words), or undefined: when the statistics expect fewer than NAME_WORDS_MIN_PAGES pages of rank-0 people (a rare
 * word, a whole name), the trigram index finds every match quickly, and reading name words first would mostly find
 * that they do not fill the page. The lead is the least common word, the earlier of equals: its entries are the
 * fewest to read.
 */
function nameWordsPlan(query: string | undefined, stats: NameWordStats, rows: number): number | undefined {
  const shares = queryWords(query).map((w) => stats.shares.get(foldForStats(w)) ?? 0);
  const expected = [...new Set(queryWords(query).map(foldForStats))].reduce((n, w) => n * (stats.shares.get(w) ?? 0), stats.people);
  if (expected < NAME_WORDS_MIN_PAGES * rows) return undefined;
  return shares.indexOf(Math.min(...shares));
}

/**
 * One page of people, with the person the caller's account speaks for (`viewer_person_id`, the same on every row;
 * null for tokens), in one statement.
 *
 * The page is chosen on `people` alone (filters, order, limit), then joined to institutions and units, so the joins
 * cost a page, not every match. The matches are found through the trigram index and sorted (`rest` below), except
 * for what most searches ask: ordered by relevance, the people whose name holds every query word as a whole word
 * (rank 0, `matchRank`) come first, by name, and for a common name ("nguyen van", "minh") they are thousands. They
 * are read from `people_name_words` (0023) in the list's order, from the entries of the least common query word
 * (`nameWordsPlan`), checking the other words in the index, and the reading stops when the page is full
 * (`name_matches`) or after LEAD_READ_CAP entries. When they fill the page, it is theirs and the trigram index is not
 * read; when they do not, the page is read the other way, whole. A query word that does not fold to one word
 * ("jean-pierre", "%") has no entries: the page is then read the other way too.
 */
export async function listPeople(db: Db, scope: TenantScope, f: PeopleFilter, viewerUserId: string | null) {
  const sort = SORTS[f.sort];
  const limit = f.limit + 1;
  const relevance = f.sort === 'relevance';
  const rank = relevance ? matchRank('p.name_doc', f.q) : sql<number>`0`;
  const cursor = relevance && f.cursor ? rankedCursor(f.cursor) : undefined;
  const words = queryWords(f.q).map((w) => sql<string>`hoptac_fold(${w})`);

  let rest = db.selectFrom('people as p').select([sql<string>`p.id`.as('id'), rank.as('match_rank'), sql<string>`p.full_name`.as('sort_name')]);
  for (const c of listConditions(scope, f)) rest = rest.where(c);
  if (f.cursor) rest = rest.where(relevance ? afterRanked(rank, sort.column, 'p.id', f.cursor) : afterCursor(sort.column, 'p.id', f.cursor, sort.direction));
  if (relevance) rest = rest.orderBy(rank);
  // `full_name || ''` sorts the same but is not the indexed column, which steers the planner to the
  // trigram index for multi-word searches (see prefersTextIndex).
  const orderBy = f.sort !== 'updated' && prefersTextIndex(f.q) ? sql`p.full_name || ''` : sql.ref(sort.column);
  rest = rest.orderBy(orderBy, sort.direction).orderBy('p.id', sort.direction).limit(limit);

  let from = db;
  let page = sql<PageRow>`${rest}`;
  // A page after the rank-0 people has none of them. A list narrowed to a unit, a title or the archived holds a small
  // part of each word's entries: reading them in order would mostly skip (one institution's have their own index).
  const narrowed = f.unitId !== undefined || f.title !== undefined || f.archived === 'only';
  const byNameWords = relevance && words.length > 0 && !narrowed && (!cursor || cursor.rank === 0);
  const leadIndex = byNameWords ? nameWordsPlan(f.q, await nameWordStats(db), limit) : undefined;
  if (leadIndex !== undefined) {
    const lead = words[leadIndex];
    // The lead word's first entries, in the list's order: however rare the page's people are among them, the reading
    // stops here (a page not filled by then is read the other way).
    let entries = db
      .selectFrom('people_name_words')
      .select(['person_id', 'full_name', 'name_doc'])
      .where(sql<SqlBool>`word = ${lead}`);
    if (f.institutionId) entries = entries.where(sql<SqlBool>`institution_id = ${f.institutionId}::uuid`);
    const ordered = entries
      .orderBy('full_name')
      .orderBy('person_id')
      .limit(sql.lit(LEAD_READ_CAP))
      .as('w');
    let nameMatches = db
      .selectFrom(ordered)
      .innerJoin('people as p', 'p.id', 'w.person_id')
      .select([sql<string>`w.person_id`.as('id'), sql<number>`0`.as('match_rank'), sql<string>`w.full_name`.as('sort_name')])
      .where(sql<SqlBool>`(${sql.join(
        words.map((w) => sql`strpos(w.name_doc, ' ' || ${w} || ' ') > 0`),
        sql` AND `,
      )})`);
    for (const c of listConditions(scope, f, false)) nameMatches = nameMatches.where(c);
    if (cursor && f.cursor) nameMatches = nameMatches.where(sql<SqlBool>`(w.full_name, w.person_id) > (${cursor.name}, ${f.cursor.id}::uuid)`);
    nameMatches = nameMatches.orderBy('w.full_name').orderBy('w.person_id').limit(limit);
    from = db.with((cte) => cte('name_matches').materialized(), () => nameMatches) as unknown as Db;
    const full = sql<SqlBool>`(SELECT count(*) FROM name_matches) = ${limit}`;
    page = sql<PageRow>`(SELECT id, match_rank, sort_name FROM name_matches WHERE ${full} UNION ALL ${rest.where(sql<SqlBool>`NOT ${full}`)})`;
  }
  let q = from
    .selectFrom(page.as('page'))
    .innerJoin('people as p', 'p.id', 'page.id')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.institution_id',
      'p.unit_id',
      'p.full_name',
      'p.title',
      'p.position_vi',
      'p.position_en',
      'p.email',
      'p.phone',
      'p.expertise',
      'p.languages',
      'p.visibility',
      'p.is_sample',
      'p.archived_at',
      'p.version',
      'p.updated_at',
      exactTimestamp('p.updated_at').as('updated_key'),
      'i.code as institution_code',
      'u.name_vi as unit_name_vi',
      'u.name_en as unit_name_en',
      'page.match_rank',
      sql<string | null>`(SELECT person_id FROM users WHERE id = ${viewerUserId}::uuid)`.as('viewer_person_id'),
    ]);
  if (f.sort === 'updated') q = q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc');
  else {
    if (relevance) q = q.orderBy('page.match_rank');
    q = q.orderBy('page.sort_name').orderBy('page.id');
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, match_rank: Number(r.match_rank) }));
}

/** A person of a page, with how well they matched (for the cursor of a list by relevance). */
export type ListedPerson = Awaited<ReturnType<typeof listPeople>>[number];

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
