import { type RawBuilder, sql } from 'kysely';
import type { ActivityKind, ParticipantRole } from '../../../../contracts/activities.ts';
import type { Db, Tx } from '../../../platform/db.ts';

// Progress against targets: the metrics' queries (metric_sources, 0015) and the figures the database stores.

export interface TargetRow {
  agreement_id: string;
  area_key: string;
  target_key: string;
  metric: string;
  period_start: string;
  period_end: string;
  value: number;
}

/** The agreements' targets (the projection of each current version). */
export function targetsOf(db: Db | Tx, agreementIds: string[]): Promise<TargetRow[]> {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agreement_targets as t')
    .innerJoin('agreement_areas as ar', (j) => j.onRef('ar.agreement_id', '=', 't.agreement_id').onRef('ar.area_key', '=', 't.area_key'))
    .select([
      't.agreement_id',
      't.area_key',
      't.target_key',
      't.metric',
      sql<string>`t.period_start::text`.as('period_start'),
      sql<string>`t.period_end::text`.as('period_end'),
      sql<number>`t.value::float8`.as('value'),
    ])
    .where('t.agreement_id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .orderBy('t.agreement_id')
    .orderBy('ar.position')
    .orderBy('t.target_key')
    .execute();
}

/**
 * How a metric counts (metrics.ts names each metric's way): `activities` — the done activities of the kinds under
 * the target's area starting within its period; `people` — the people who took part in those activities, each
 * person once per target (participants of `role`, when given), plus the counted anonymous participants.
 */
export type MetricQuery = { count: 'activities'; kinds: readonly ActivityKind[] } | { count: 'people'; kinds: readonly ActivityKind[]; role?: ParticipantRole };

/** At most this many record ids per target are returned to link the figure to its records. */
export const MAX_IDS = 200;

/**
 * The SQL of one metric over the targets (of that metric) of the agreements: one row per target with its actual
 * computed from the records. The stored actuals (`target_actuals`, kept by the database: 0015) are what the API
 * reads; this form computes them again for the test that compares the stored figures with the records (and the
 * benchmark's check). The records behind a figure are listed by `listActivities` with `counted`.
 */
function metricSql(metric: string, query: MetricQuery, agreementIds: string[]): RawBuilder<unknown> {
  const matching = sql`a.agreement_id = t.agreement_id AND a.area_key = t.area_key AND a.status = 'done'
    AND a.kind = ANY(${query.kinds as string[]}::text[]) AND a.start_date BETWEEN t.period_start AND t.period_end`;
  const targets = sql`agreement_targets t WHERE t.agreement_id = ANY(${agreementIds}::uuid[]) AND t.metric = ${metric}`;
  const role = query.count === 'people' && query.role ? sql`AND p.role = ${query.role}` : sql``;
  const countRole = query.count === 'people' && query.role ? sql`AND c.role = ${query.role}` : sql``;
  const actual =
    query.count === 'activities'
      ? sql`(SELECT count(*) FROM activities a WHERE ${matching})::float8`
      : sql`((SELECT count(DISTINCT p.person_id) FROM activities a JOIN activity_participants p ON p.activity_id = a.id WHERE ${matching} ${role})
     + (SELECT coalesce(sum(c.count), 0) FROM activities a JOIN activity_counts c ON c.activity_id = a.id WHERE ${matching} ${countRole}))::float8`;
  return sql`SELECT t.agreement_id, t.area_key, t.target_key, ${actual} AS actual FROM ${targets}`;
}

export interface Actual {
  agreement_id: string;
  area_key: string;
  target_key: string;
  actual: number;
}

/** Computed from the records, in one statement: the actual value of every target of the agreements whose metric has a query. */
export async function actuals(db: Db | Tx, agreementIds: string[], queries: ReadonlyMap<string, MetricQuery>): Promise<Actual[]> {
  if (agreementIds.length === 0 || queries.size === 0) return [];
  const parts = [...queries].map(([metric, query]) => metricSql(metric, query, agreementIds));
  const result = await sql<Actual>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return result.rows;
}

/** The stored actual of every target of the agreements (target_actuals, exact: kept by the database). */
export function storedActuals(db: Db | Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('target_actuals')
    .select(['agreement_id', 'area_key', 'target_key', 'actual'])
    .where('agreement_id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .execute();
}

/** Every row of target_actuals (for the test that compares them with the records). */
export function allStoredActuals(db: Db | Tx) {
  return db.selectFrom('target_actuals').select(['agreement_id', 'area_key', 'target_key', 'actual']).execute();
}

/** The metric definitions the database computes the stored actuals with (0015), to compare with the registry. */
export function metricSources(db: Db | Tx) {
  return db.selectFrom('metric_sources').selectAll().orderBy('metric').execute();
}

/** The last done activity's start, per agreement (null when none). */
export async function lastDoneOf(db: Db | Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  const rows = await sql<{ agreement_id: string; last_done: string | null }>`SELECT ag.id AS agreement_id,
      (SELECT max(a.start_date)::text FROM activities a WHERE a.agreement_id = ag.id AND a.status = 'done') AS last_done
    FROM unnest(${agreementIds}::uuid[]) ag(id)`.execute(db);
  return rows.rows;
}

/** Activity counts per status and the last done activity's start, per agreement. */
export async function activityStatusCounts(db: Db | Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('activities')
    .select([
      'agreement_id',
      sql<number>`count(*) FILTER (WHERE status = 'planned')::int`.as('planned'),
      sql<number>`count(*) FILTER (WHERE status = 'done')::int`.as('done'),
      sql<number>`count(*) FILTER (WHERE status = 'cancelled')::int`.as('cancelled'),
      sql<string | null>`max(start_date) FILTER (WHERE status = 'done')::text`.as('last_done'),
    ])
    .where('agreement_id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .groupBy('agreement_id')
    .execute();
}
