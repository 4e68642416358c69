import { sql } from 'kysely';
import type { ActivityKind } from '../../../contracts/activities.ts';
import type { Db, Tx } from '../../platform/db.ts';

// The reports' one query of their own: the exchange balance of an institution with every partner at once, for the
// annual report (one statement instead of activities' `exchangeBalance` per partner, which made the workbook of an
// institution with 70 partners take seconds). The same rule as activities/repository.ts `exchangeFlow`, applied per
// partner over the agreements the two share: people *sent* are the institution's people (named, each once, plus
// counted ones) in done exchange activities of the year organised by the partner and not by the institution;
// people *received* the partner's in those organised by the institution and not by the partner.
// reports.test.ts compares the result with GET /institutions/{id}/exchange-balance for every partner.

/** The kinds of activity that are exchanges (activities/repository.ts EXCHANGE_KINDS). */
export const EXCHANGE_KINDS: ActivityKind[] = ['lecturer_exchange', 'student_exchange', 'internship', 'training_course', 'visit'];

/**
 * `agreementIds`: the agreements of the institution whose activities the caller reads (the caller's reading is
 * decided by the services before; no tenant condition applies here beyond these ids).
 */
export async function exchangeBalances(db: Db | Tx, agreementIds: string[], institutionId: string, year: number) {
  if (agreementIds.length === 0) return [];
  const rows = await sql<{ partner_id: string; sent: number; received: number }>`
    WITH pairs AS (
      SELECT p.agreement_id, p.institution_id AS partner_id FROM agreement_parties p
      WHERE p.agreement_id = ANY(${agreementIds}::uuid[]) AND p.institution_id <> ${institutionId}::uuid
    ),
    x AS (
      SELECT a.id, a.agreement_id FROM activities a
      WHERE a.agreement_id = ANY(${agreementIds}::uuid[]) AND a.status = 'done' AND a.kind = ANY(${EXCHANGE_KINDS}::text[])
        AND a.start_date >= ${`${year}-01-01`}::date AND a.start_date <= ${`${year}-12-31`}::date
    ),
    flows AS (
      SELECT pr.partner_id, x.id AS activity_id,
        CASE WHEN bool_or(o.institution_id = pr.partner_id) AND NOT bool_or(o.institution_id = ${institutionId}::uuid) THEN ${institutionId}::uuid
             WHEN bool_or(o.institution_id = ${institutionId}::uuid) AND NOT bool_or(o.institution_id = pr.partner_id) THEN pr.partner_id
        END AS traveller
      FROM x JOIN pairs pr ON pr.agreement_id = x.agreement_id
      JOIN activity_organisers o ON o.activity_id = x.id
      GROUP BY pr.partner_id, x.id
    ),
    named AS (
      SELECT f.partner_id, f.traveller, count(DISTINCT ap.person_id)::float8 AS people FROM flows f
      JOIN activity_participants ap ON ap.activity_id = f.activity_id AND ap.institution_id = f.traveller
      GROUP BY 1, 2
    ),
    counted AS (
      SELECT f.partner_id, f.traveller, sum(c.count)::float8 AS people FROM flows f
      JOIN activity_counts c ON c.activity_id = f.activity_id AND c.institution_id = f.traveller
      GROUP BY 1, 2
    ),
    people AS (SELECT * FROM named UNION ALL SELECT * FROM counted)
    SELECT partner_id,
      coalesce(sum(people) FILTER (WHERE traveller = ${institutionId}::uuid), 0)::float8 AS sent,
      coalesce(sum(people) FILTER (WHERE traveller = partner_id), 0)::float8 AS received
    FROM people GROUP BY partner_id`.execute(db);
  return rows.rows;
}
