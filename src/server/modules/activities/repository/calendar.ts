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
 * start; with `involving`, only those that user recorded, takes part in, or is a point of contact of the area for —
 * found from the user's side by index (a busy officer's agreements hold tens of thousands of activities in the
 * window, their own a few thousand: bench/calendar.ts). Agreement titles: `agreementTitles`.
 */
export function calendarActivities(db: Db | Tx, agreementIds: readonly string[], range: DayRange, involving: string | null = null) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activities as a')
    .select(['a.id', 'a.agreement_id', 'a.kind', 'a.status', 'a.title_vi', 'a.title_en', 'a.start_date', 'a.end_date', 'a.place', 'a.online'])
    .where('a.agreement_id', '=', sql<string>`ANY(${[...new Set(agreementIds)]}::uuid[])`)
    .where('a.status', 'in', ['planned', 'done'])
    .where('a.start_date', '<=', range.to)
    .where('a.end_date', '>=', range.from)
    .$if(involving !== null, (q) =>
      q.where(
        'a.id',
        'in',
        sql<string>`(SELECT r.id FROM activities r WHERE r.created_by = ${involving}::uuid
          UNION SELECT p.activity_id FROM users u JOIN activity_participants p ON p.person_id = u.person_id WHERE u.id = ${involving}::uuid
          UNION SELECT c_a.id FROM users u JOIN agreement_contacts c ON c.person_id = u.person_id
            JOIN activities c_a ON c_a.agreement_id = c.agreement_id AND c_a.area_key = c.area_key
              AND c_a.start_date <= ${range.to}::date AND c_a.end_date >= ${range.from}::date
            WHERE u.id = ${involving}::uuid)`,
      ),
    )
    .orderBy('a.start_date')
    .orderBy('a.id')
    .execute();
}

/** The agreements' titles, by id. */
export async function agreementTitles(db: Db | Tx, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return new Map<string, { title_vi: string; title_en: string }>();
  const rows = await db
    .selectFrom('agreements')
    .select(['id', 'title_vi', 'title_en'])
    .where('id', '=', sql<string>`ANY(${[...new Set(agreementIds)]}::uuid[])`)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
