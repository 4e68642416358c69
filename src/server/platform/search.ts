import { sql, type Expression, type SqlBool } from 'kysely';

// Diacritic-insensitive search: both the stored `search_doc` and the query are folded by the SQL
// function hoptac_fold (lower case, unaccent, đ→d), and every word of the query must occur.
// The trigram GIN index on search_doc serves these LIKE patterns.
export function matchesAllWords(column: string, query: string | undefined): Expression<SqlBool> | undefined {
  const words = (query ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  const parts = words.map(
    (w) => sql<SqlBool>`${sql.ref(column)} LIKE '%' || hoptac_fold(${escapeLike(w)}) || '%'`,
  );
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
