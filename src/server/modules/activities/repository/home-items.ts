import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

// The home page (home-items.ts).

/**
 * Planned activities under agreements of which the institution is a party (all institutions: null), starting from
 * `from` to `to` (both included), soonest first; at most `limit`, and how many in all.
 */
export async function plannedActivitiesOfParty(db: Db | Tx, institutionId: string | null, range: { from: string | null; to: string }, limit: number) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('agreements as ag', 'ag.id', 'a.agreement_id')
    .where('a.status', '=', 'planned')
    .where('a.start_date', '<=', range.to)
    .where('ag.status', '<>', 'draft');
  if (range.from) q = q.where('a.start_date', '>=', range.from);
  if (institutionId) {
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('agreement_parties as p').select('p.agreement_id').whereRef('p.agreement_id', '=', 'a.agreement_id').where('p.institution_id', '=', institutionId)),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .select(['a.id', 'a.agreement_id', 'a.area_key', 'a.title_vi', 'a.title_en', 'a.start_date', 'a.kind', 'ag.title_vi as agreement_title_vi', 'ag.title_en as agreement_title_en'])
      .orderBy('a.start_date')
      .orderBy('a.id')
      .limit(limit)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
