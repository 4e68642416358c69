import { sql } from 'kysely';
import type { ActivityKind } from '../../../../contracts/activities.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import { MAX_IDS } from './target-progress.ts';

// Dashboards: an institution's agreements, their activities in a year, dormancy and exchanges.

/** The ids of the agreements the institution is a party to (the caller then keeps those it may read). */
export async function agreementIdsOfParty(db: Db | Tx, institutionId: string, filter: { partnerId?: string; areaKind?: string }) {
  let q = db.selectFrom('agreement_parties as p').select('p.agreement_id').where('p.institution_id', '=', institutionId);
  if (filter.partnerId) {
    const partner = filter.partnerId;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('agreement_parties as o').select('o.agreement_id').whereRef('o.agreement_id', '=', 'p.agreement_id').where('o.institution_id', '=', partner)),
    );
  }
  if (filter.areaKind) {
    const kind = filter.areaKind;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('agreement_areas as ar').select('ar.agreement_id').whereRef('ar.agreement_id', '=', 'p.agreement_id').where('ar.kind', '=', kind)),
    );
  }
  return (await q.execute()).map((r) => r.agreement_id);
}

/** The agreements' status, titles, dates and partners (other parties than `institutionId`). */
export function agreementSummaries(db: Db | Tx, agreementIds: string[], institutionId: string) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agreements as a')
    .select([
      'a.id',
      'a.status',
      'a.title_vi',
      'a.title_en',
      sql<string>`a.start_date::text`.as('start_date'),
      sql<string | null>`a.end_date::text`.as('end_date'),
      sql<{ id: string; code: string; name_vi: string; name_en: string; country: string }[]>`(SELECT coalesce(json_agg(json_build_object(
        'id', i.id, 'code', i.code, 'name_vi', i.name_vi, 'name_en', i.name_en, 'country', i.country) ORDER BY p.position), '[]')
        FROM agreement_parties p JOIN institutions i ON i.id = p.institution_id WHERE p.agreement_id = a.id AND p.institution_id <> ${institutionId}::uuid)`.as('partners'),
    ])
    .where('a.id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .execute();
}

/** Done and planned activities per month of the year, and done ones per kind and per agreement, over the agreements. */
export async function activitiesInYear(db: Db | Tx, agreementIds: string[], year: number) {
  if (agreementIds.length === 0) return { byMonth: [], byKind: [], donePerAgreement: [] };
  // The tallies the database keeps per agreement (0019): by month, and by kind and year (which also gives the
  // done ones per agreement: a grouping set of the same rows). A few thousand rows for a large institution.
  const ids = sql`ANY(${agreementIds}::uuid[])`;
  const rows = await sql<{ agreement_id: string | null; month: number | null; kind: ActivityKind | null; done: number; planned: number }>`
    SELECT NULL::uuid AS agreement_id, extract(month FROM month)::int AS month, NULL AS kind, sum(done)::int AS done, sum(planned)::int AS planned
    FROM activity_month_tallies WHERE agreement_id = ${ids} AND month >= ${`${year}-01-01`}::date AND month <= ${`${year}-12-01`}::date
    GROUP BY month
    UNION ALL
    SELECT agreement_id, NULL, kind, sum(done)::int, sum(planned)::int
    FROM activity_kind_tallies WHERE agreement_id = ${ids} AND year = ${year}
    GROUP BY GROUPING SETS ((kind), (agreement_id))`.execute(db);
  const byMonth: { month: number; done: number; planned: number }[] = [];
  const byKind: { kind: ActivityKind; count: number }[] = [];
  const donePerAgreement: { agreement_id: string; done: number }[] = [];
  for (const r of rows.rows) {
    if (r.month !== null) byMonth.push({ month: r.month, done: r.done, planned: r.planned });
    else if (r.agreement_id !== null) donePerAgreement.push({ agreement_id: r.agreement_id, done: r.done });
    else if (r.kind !== null && r.done > 0) byKind.push({ kind: r.kind, count: r.done });
  }
  return {
    byMonth: byMonth.sort((a, b) => a.month - b.month),
    byKind: byKind.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    donePerAgreement,
  };
}

/** The stored tallies of an agreement and those its activities give (the test of 0019 compares them). */
export async function activityTallies(db: Db | Tx, agreementId: string) {
  const [stored, live] = await Promise.all([
    sql<{ key: string; done: number; planned: number }>`
      SELECT 'month ' || month::text AS key, done, planned FROM activity_month_tallies WHERE agreement_id = ${agreementId}::uuid
      UNION ALL SELECT 'kind ' || year || ' ' || kind, done, planned FROM activity_kind_tallies WHERE agreement_id = ${agreementId}::uuid`.execute(db),
    sql<{ key: string; done: number; planned: number }>`
      SELECT 'month ' || to_char(start_date, 'YYYY-MM') || '-01' AS key, count(*) FILTER (WHERE status = 'done')::int AS done,
        count(*) FILTER (WHERE status = 'planned')::int AS planned
      FROM activities WHERE agreement_id = ${agreementId}::uuid AND status <> 'cancelled' GROUP BY 1
      UNION ALL SELECT 'kind ' || extract(year FROM start_date)::int || ' ' || kind, count(*) FILTER (WHERE status = 'done')::int,
        count(*) FILTER (WHERE status = 'planned')::int
      FROM activities WHERE agreement_id = ${agreementId}::uuid AND status <> 'cancelled' GROUP BY 1`.execute(db),
  ]);
  const byKey = (rows: { key: string; done: number; planned: number }[]) => new Map(rows.map((r) => [r.key, { done: r.done, planned: r.planned }]));
  return { stored: byKey(stored.rows), live: byKey(live.rows) };
}

export async function dormantMonthsOf(db: Db | Tx, institutionId: string): Promise<number> {
  const row = await db.selectFrom('institutions').select('dormant_after_months').where('id', '=', institutionId).executeTakeFirst();
  return row?.dormant_after_months ?? 12;
}

const EXCHANGE_KINDS: ActivityKind[] = ['lecturer_exchange', 'student_exchange', 'internship', 'training_course', 'visit'];

/**
 * People sent and received between two institutions over the agreements: a person of `from` (named or counted) in an
 * exchange activity organised by `to` and not by `from` is one sent from `from` to `to`; each person once.
 */
export async function exchangeFlow(db: Db | Tx, agreementIds: string[], from: string, to: string, year: number | null) {
  if (agreementIds.length === 0) return { people: 0, ids: [] as string[] };
  const inYear = year === null ? sql`true` : sql`a.start_date >= ${`${year}-01-01`}::date AND a.start_date <= ${`${year}-12-31`}::date`;
  const activities = sql`SELECT a.id FROM activities a WHERE a.agreement_id = ANY(${agreementIds}::uuid[]) AND a.status = 'done'
    AND a.kind = ANY(${EXCHANGE_KINDS}::text[]) AND ${inYear}
    AND EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${to}::uuid)
    AND NOT EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${from}::uuid)`;
  const row = await sql<{ people: number; ids: string[] }>`WITH x AS (${activities})
    SELECT ((SELECT count(DISTINCT p.person_id) FROM activity_participants p JOIN x ON x.id = p.activity_id WHERE p.institution_id = ${from}::uuid)
      + (SELECT coalesce(sum(c.count), 0) FROM activity_counts c JOIN x ON x.id = c.activity_id WHERE c.institution_id = ${from}::uuid))::float8 AS people,
      coalesce((SELECT array_agg(id) FROM (SELECT x.id FROM x WHERE EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = x.id AND p.institution_id = ${from}::uuid)
        OR EXISTS (SELECT 1 FROM activity_counts c WHERE c.activity_id = x.id AND c.institution_id = ${from}::uuid AND c.count > 0) LIMIT ${MAX_IDS}) s), '{}') AS ids`.execute(db);
  return row.rows[0] ?? { people: 0, ids: [] };
}
