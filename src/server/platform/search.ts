import { sql, type Expression, type SqlBool } from 'kysely';

// Diacritic-insensitive search: the stored `search_doc` (hoptac_search_doc: folded words between
// spaces) and each query word (hoptac_fold: lower case, unaccent, đ→d, punctuation → space) are
// compared so that every query word must start a word of the record: "dai hoc y" finds
// "Đại học Y Hà Nội", "ngu" finds "Nguyễn". The trigram GIN index on search_doc serves these patterns,
// including the word-start trigram (" ng"), which keeps short words selective.
export function matchesAllWords(column: string, query: string | undefined): Expression<SqlBool> | undefined {
  const words = (query ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  const parts = words.map(
    // Folding turns LIKE's wildcards (and every other punctuation) into spaces, so no escaping is needed.
    (w) => sql<SqlBool>`${sql.ref(column)} LIKE '% ' || hoptac_fold(${w}) || '%'`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}


/**
 * Whether a query should be answered from the trigram index rather than by walking the name index in
 * sort order. Several words that are each common (a family name plus "thị") match few rows together,
 * but they cluster late in Vietnamese name order, so the walk reads most of the table first
 * (bench/README.md: 80–90 ms for "vu thi" on 100,000 people, 4–20 ms through the trigram index).
 * One word, or only one- and two-letter fragments while typing, is cheaper as a walk.
 */
export function prefersTextIndex(query: string | undefined): boolean {
  const words = (query ?? '').split(/\s+/).filter(Boolean);
  return words.length >= 2 && words.some((w) => w.length >= 3);
}
