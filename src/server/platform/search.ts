import { sql, type Expression, type SqlBool } from 'kysely';

// Diacritic-insensitive search: the stored `search_doc` (hoptac_search_doc: folded words between
// spaces) and each query word (hoptac_fold: lower case, unaccent, đ→d, punctuation → space) are
// compared so that every query word must start a word of the record: "dai hoc y" finds
// "Đại học Y Hà Nội", "ngu" finds "Nguyễn". The trigram GIN index on search_doc serves these patterns,
// including the word-start trigram (" ng"), which keeps short words selective. A small table without a
// stored column passes the document as an expression (`searchDoc(...)`), searched the same way.
export function matchesAllWords(column: string | Expression<string>, query: string | undefined): Expression<SqlBool> | undefined {
  const words = (query ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  const doc = typeof column === 'string' ? sql.ref(column) : column;
  const parts = words.map(
    // Folding turns LIKE's wildcards (and every other punctuation) into spaces, so no escaping is needed.
    (w) => sql<SqlBool>`${doc} LIKE '% ' || hoptac_fold(${w}) || '%'`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
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
