import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { AppError } from './errors.ts';
import type { Cursor } from './pagination.ts';

// Diacritic-insensitive search: the stored `search_doc` (hoptac_search_doc: folded words between
// spaces) and each query word (hoptac_fold: lower case, unaccent, đ→d, punctuation → space) are
// compared so that every query word must start a word of the record: "dai hoc y" finds
// "Đại học Y Hà Nội", "ngu" finds "Nguyễn". The trigram GIN index on search_doc serves these patterns,
// including the word-start trigram (" ng"), which keeps short words selective. A small table without a
// stored column passes the document as an expression (`searchDoc(...)`), searched the same way.
export function matchesAllWords(column: string | Expression<string>, query: string | undefined): Expression<SqlBool> | undefined {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const doc = typeof column === 'string' ? sql.ref(column) : column;
  const parts = words.map(
    // Folding turns LIKE's wildcards (and every other punctuation) into spaces, so no escaping is needed.
    (w) => sql<SqlBool>`${doc} LIKE '% ' || hoptac_fold(${w}) || '%'`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The same test as `matchesAllWords`, worded so that a trigram index on the column reads fewer postings. The word-start
 * pattern `LIKE '% duc%'` looks up " du" and "  d" besides "duc", and "  d" is in nearly every document: on 100,000
 * people, intersecting such lists was most of the cost of a search for three common words (bench/README.md). A word
 * of three letters or more is therefore looked up by its own trigrams (`LIKE '%duc%'`) and then checked to start a
 * word (`strpos`, on the rows found); a shorter word keeps the word-start pattern, whose trigrams are all it has.
 */
export function matchesAllWordsIndexed(column: string, query: string | undefined): Expression<SqlBool> | undefined {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const doc = sql.ref(column);
  const parts = words.map((w) => {
    const folded = sql<string>`hoptac_fold(${w})`;
    const pattern = sql<string>`(CASE WHEN length(${folded}) >= 3 THEN '%' || ${folded} || '%' ELSE '% ' || ${folded} || '%' END)`;
    return sql<SqlBool>`${doc} LIKE ${pattern} AND strpos(${doc}, ' ' || ${folded}) > 0`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/**
 * The same test as `matchesAllWords`, worded for a row already found another way: `strpos` is what `LIKE '% w%'`
 * asks of these words (folding leaves no wildcard in them), but the planner neither weighs the trigram index for it
 * nor estimates it from the column's statistics, which a statement that never reads the index saves planning.
 */
export function containsAllWords(column: string, query: string | undefined): Expression<SqlBool> | undefined {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const parts = words.map((w) => sql<SqlBool>`strpos(${sql.ref(column)}, ' ' || hoptac_fold(${w})) > 0`);
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** The words of a query that are searched (at most eight). */
export const queryWords = (query: string | undefined) => (query ?? '').split(/\s+/).filter(Boolean).slice(0, 8);

/**
 * How well a record's name matches the query, for lists ordered by relevance: 0 when every query word is
 * a whole word of the name ("son" → "Nguyễn Văn Sơn"), 1 when every one starts a word of it ("son" →
 * "Sơn Tùng", "Sonia"), 2 when the record matched elsewhere (a position, an e-mail, an expertise: "son" →
 * "khoa học sự sống"). `nameDoc` is the name's search document (folded words between spaces, as
 * `hoptac_search_doc` writes it).
 */
export function matchRank(nameDoc: string, query: string | undefined): RawBuilder<number> {
  const words = queryWords(query);
  if (words.length === 0) return sql<number>`0`;
  const doc = sql.ref(nameDoc);
  const all = (pattern: (w: string) => Expression<SqlBool>) => sql.join(words.map(pattern), sql` AND `);
  const whole = all((w) => sql<SqlBool>`${doc} LIKE '% ' || hoptac_fold(${w}) || ' %'`);
  const start = all((w) => sql<SqlBool>`${doc} LIKE '% ' || hoptac_fold(${w}) || '%'`);
  return sql<number>`(CASE WHEN ${whole} THEN 0 WHEN ${start} THEN 1 ELSE 2 END)`;
}

// A list ordered by relevance pages on (rank, name, id): the cursor's key holds the rank and the name as
// "<rank>:<name>" (decodeCursor checks it is text; `afterRanked` checks the rest).
export const rankedKey = (rank: number, name: string) => `${rank}:${name}`;

/** The rank and name a ranked list's cursor holds (400 naming `cursor` when it holds anything else). */
export function rankedCursor(cursor: Cursor): { rank: number; name: string } {
  const key = /^([0-2]):([\s\S]*)$/.exec(typeof cursor.k === 'string' ? cursor.k : '');
  if (!key) throw new AppError('validation_failed', { fields: [{ field: 'cursor', code: 'invalid_format' }] });
  return { rank: Number(key[1]), name: key[2] };
}

/** Rows after the cursor for `ORDER BY rank, name, id` (all ascending). */
export function afterRanked(rank: Expression<number>, nameColumn: string, idColumn: string, cursor: Cursor): Expression<SqlBool> {
  const key = rankedCursor(cursor);
  return sql<SqlBool>`(${rank}, ${sql.ref(nameColumn)}, ${sql.ref(idColumn)}) > (${key.rank}::int, ${key.name}, ${cursor.id}::uuid)`;
}

/** The search document of `columns` computed on the fly, as the generated `search_doc` columns hold it. */
export function searchDoc(...columns: string[]): Expression<string> {
  return sql<string>`hoptac_search_doc(${sql.join(columns.map((c) => sql`coalesce(${sql.ref(c)}::text, '')`), sql` || ' ' || `)})`;
}


/**
 * Whether a query should be answered from the trigram index rather than by walking the name index in
 * sort order. The walk is only cheap when matches are dense from the start of the alphabet; the
 * planner cannot know that names cluster (a family name plus "thị" sits late in Vietnamese order) and
 * misjudges rare words, so the walk read most of the table: "vu thi" 80 ms, "diep" 120 ms through the
 * walk against 2–20 ms through the index (bench/README.md). Any word of three letters or more has
 * trigrams to look up; one- and two-letter fragments typed so far do not, and keep the walk.
 */
export function prefersTextIndex(query: string | undefined): boolean {
  return (query ?? '').split(/\s+/).some((w) => w.length >= 3);
}
