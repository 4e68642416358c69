import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db.ts';

// The calendar (calendar-events.ts).

type DayRange = { from: string; to: string };

/** Agreements of which the institution is a party (any, for null) with planned or done activities overlapping the range. */
export async function agreementsWithActivitiesIn(db: Db | Tx, institutionId: string | null, range: DayRange): Promise<string[]> {
  const rows = await db
    .selectFrom('agreements as ag')
    .select('ag.id')
    .$if(institutionId !== null, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(selectFrom('agreement_parties as p').select('p.agreement_id').whereRef('p.agreement_id', '=', 'ag.id').where('p.institution_id', '=', institutionId!)),
      ),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activities as a')
          .select('a.id')
          .whereRef('a.agreement_id', '=', 'ag.id')
          .where('a.status', 'in', ['planned', 'done'])
          .where('a.start_date', '<=', range.to)
          .where('a.end_date', '>=', range.from),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Planned and done activities overlapping the range under these agreements (whose activities the caller reads), by
 * start; with `involving`, only those that user recorded, takes part in, or is a point of contact of the area for.
 */
export function calendarActivities(db: Db | Tx, agreementIds: readonly string[], range: DayRange, involving: string | null = null) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activities as a')
    .innerJoin('agreements as ag', 'ag.id', 'a.agreement_id')
    .select(['a.id', 'a.agreement_id', 'a.kind', 'a.status', 'a.title_vi', 'a.title_en', 'a.start_date', 'a.end_date', 'a.place', 'a.online', 'ag.title_vi as agreement_title_vi', 'ag.title_en as agreement_title_en'])
    .where('a.agreement_id', 'in', [...new Set(agreementIds)])
    .where('a.status', 'in', ['planned', 'done'])
    .where('a.start_date', '<=', range.to)
    .where('a.end_date', '>=', range.from)
    .$if(involving !== null, (q) =>
      q.where(
        sql<boolean>`(a.created_by = ${involving}::uuid
          OR EXISTS (SELECT 1 FROM users u JOIN activity_participants p ON p.person_id = u.person_id WHERE u.id = ${involving}::uuid AND p.activity_id = a.id)
          OR EXISTS (SELECT 1 FROM users u JOIN agreement_contacts c ON c.person_id = u.person_id
            WHERE u.id = ${involving}::uuid AND c.agreement_id = a.agreement_id AND c.area_key = a.area_key))`,
      ),
    )
    .orderBy('a.start_date')
    .orderBy('a.id')
    .execute();
}
