import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../../platform/db.ts';
import { afterCursor, type Cursor, type CursorKind, exactTimestamp } from '../../../platform/pagination.ts';
import { matchesAllWords } from '../../../platform/search.ts';
import { type AgreementReader, type AgreementRow, agreementReadable } from './visible-agreements.ts';

// The list of agreements: filters, search, sort orders and keyset pages, counts per status, and the parties and
// area kinds each row shows.

export interface AgreementFilter {
  q?: string;
  partnerId?: string;
  partnerKind?: string;
  country?: string;
  kind?: AgreementRow['kind'];
  status?: AgreementRow['status'];
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
function filteredAgreements(db: Db, scope: AgreementReader, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
  let q = db.selectFrom('agreements as a').where(agreementReadable(scope, 'a'));
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

export function listAgreements(db: Db, scope: AgreementReader, f: AgreementFilter) {
  const sort = SORTS[f.sort];
  let q = filteredAgreements(db, scope, f).selectAll('a').select(exactTimestamp('a.updated_at').as('updated_key'));
  if (f.sort === 'end') q = q.where('a.end_date', 'is not', null);
  if (f.cursor) q = q.where(afterCursor(sort.column, 'a.id', f.cursor, sort.direction));
  return q.orderBy(sort.column, sort.direction).orderBy('a.id', sort.direction).limit(f.limit + 1).execute();
}

/** How many of the filtered agreements are in each status. */
export function countAgreementsByStatus(db: Db, scope: AgreementReader, f: Omit<AgreementFilter, 'sort' | 'limit' | 'cursor'>) {
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
