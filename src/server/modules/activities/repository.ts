import { type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { ActivityKind, ActivityStatus, ParticipantRole } from '../../../contracts/activities.ts';
import type { TenantScope } from '../../platform/access.ts';
import type { Database } from '../../platform/db-schema.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { afterCursor, type Cursor } from '../../platform/pagination.ts';
import { matchesAllWords } from '../../platform/search.ts';

// Every query of the activities module. Activities hang off agreements: the service finds the agreement for the
// caller first (agreements/access.ts: 404 unseen, 403 not a party), so the functions here take agreement ids the
// caller may read; the people a caller names as participants are looked up with the caller's TenantScope.

export type ActivityRow = Selectable<Database['activities']>;

// ---- writing

export async function insertActivity(tx: Tx, values: Insertable<Database['activities']>): Promise<string> {
  const row = await tx.insertInto('activities').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateActivity(tx: Tx, id: string, values: Partial<Insertable<Database['activities']>>) {
  await tx
    .updateTable('activities')
    .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export interface ActivityLinks {
  organiserIds: string[];
  participants: { personId: string; institutionId: string; role: ParticipantRole }[];
  counts: { institutionId: string; role: ParticipantRole; count: number }[];
}

/** Replace the activity's organisers, participants and counts (one statement each). */
export async function writeLinks(tx: Tx, activityId: string, links: ActivityLinks) {
  await tx.deleteFrom('activity_organisers').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
  await tx.deleteFrom('activity_counts').where('activity_id', '=', activityId).execute();
  await insertLinks(tx, [activityId], links);
}

/** The same organisers, participants and counts for each of the activities (an occurrence series). */
export async function insertLinks(tx: Tx, activityIds: string[], links: ActivityLinks) {
  const organisers = activityIds.flatMap((id) => links.organiserIds.map((institution_id) => ({ activity_id: id, institution_id })));
  const participants = activityIds.flatMap((id) =>
    links.participants.map((p) => ({ activity_id: id, person_id: p.personId, institution_id: p.institutionId, role: p.role })),
  );
  const counts = activityIds.flatMap((id) =>
    links.counts.filter((c) => c.count > 0).map((c) => ({ activity_id: id, institution_id: c.institutionId, role: c.role, count: c.count })),
  );
  for (let i = 0; i < organisers.length; i += 5000) await tx.insertInto('activity_organisers').values(organisers.slice(i, i + 5000)).execute();
  for (let i = 0; i < participants.length; i += 5000) await tx.insertInto('activity_participants').values(participants.slice(i, i + 5000)).execute();
  for (let i = 0; i < counts.length; i += 5000) await tx.insertInto('activity_counts').values(counts.slice(i, i + 5000)).execute();
}

// ---- reading

/** The activity's row (with `lock`, its row lock for an edit). The caller checks the agreement's access. */
export function findActivity(db: Db | Tx, id: string, options: { lock?: boolean } = {}) {
  let q = db.selectFrom('activities').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface ActivityFilter {
  agreementIds: string[];
  status?: ActivityStatus;
  kind?: ActivityKind;
  areaKey?: string;
  year?: number;
  q?: string;
  /** The records a target counts: done, of these kinds, starting within [from, to], with a participant or count of `role`. */
  counted?: { kinds: readonly string[]; from: string; to: string; role?: string };
  /** The records a quantified commitment counts. */
  delivered?: CommitmentFilter;
  limit: number;
  cursor?: Cursor;
}

/** A page of the agreements' activities, newest first (start date, then id), and how many match in all. */
export async function listActivities(db: Db | Tx, f: ActivityFilter) {
  let q = db.selectFrom('activities as a').where('a.agreement_id', '=', sql<string>`ANY(${f.agreementIds}::uuid[])`);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.areaKey) q = q.where('a.area_key', '=', f.areaKey);
  if (f.year !== undefined) q = q.where('a.start_date', '>=', `${f.year}-01-01`).where('a.start_date', '<=', `${f.year}-12-31`);
  const words = matchesAllWords(sql<string>`hoptac_search_doc(a.title_vi || ' ' || a.title_en || ' ' || a.place)`, f.q);
  if (words) q = q.where(words);
  if (f.counted) {
    const c = f.counted;
    q = q
      .where('a.status', '=', 'done')
      .where(sql<boolean>`a.kind = ANY(${c.kinds as string[]}::text[])`)
      .where('a.start_date', '>=', c.from)
      .where('a.start_date', '<=', c.to);
    if (c.role) {
      const role = c.role;
      q = q.where(sql<boolean>`(EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.role = ${role})
        OR EXISTS (SELECT 1 FROM activity_counts k WHERE k.activity_id = a.id AND k.role = ${role} AND k.count > 0))`);
    }
  }
  if (f.delivered) {
    const c = f.delivered;
    const receiver = receivedBy(c);
    q = q
      .where('a.status', '=', 'done')
      .where('a.start_date', '>=', c.from)
      .where('a.start_date', '<=', c.to)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${c.fromInstitutionId}::uuid)`)
      .where(sql<boolean>`(EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.institution_id ${receiver})
        OR EXISTS (SELECT 1 FROM activity_counts k WHERE k.activity_id = a.id AND k.institution_id ${receiver} AND k.count > 0))`);
  }
  const total = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll('a');
  if (f.cursor) page = page.where(afterCursor('a.start_date', 'a.id', f.cursor, 'desc'));
  const rows = await page.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
  return { rows, total: total.n };
}

export function activitiesByIds(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as ActivityRow[]);
  return db.selectFrom('activities').selectAll().where('id', 'in', ids).orderBy('start_date').orderBy('id').execute();
}

/** Organisers, participants (named) and counts of the activities, with institution codes and names. */
export async function linksOf(db: Db | Tx, activityIds: string[]) {
  if (activityIds.length === 0) return { organisers: [], participants: [], counts: [] };
  const [organisers, participants, counts] = await Promise.all([
    db
      .selectFrom('activity_organisers as o')
      .innerJoin('institutions as i', 'i.id', 'o.institution_id')
      .select(['o.activity_id', 'o.institution_id', 'i.code', 'i.name_vi', 'i.name_en'])
      .where('o.activity_id', 'in', activityIds)
      .orderBy('i.code')
      .execute(),
    db
      .selectFrom('activity_participants as p')
      .innerJoin('people as pe', 'pe.id', 'p.person_id')
      .innerJoin('institutions as i', 'i.id', 'p.institution_id')
      .select(['p.activity_id', 'p.person_id', 'p.institution_id', 'p.role', 'pe.full_name', 'pe.title', 'i.code'])
      .where('p.activity_id', 'in', activityIds)
      .orderBy('pe.full_name')
      .execute(),
    db
      .selectFrom('activity_counts as c')
      .innerJoin('institutions as i', 'i.id', 'c.institution_id')
      .select(['c.activity_id', 'c.institution_id', 'c.role', 'c.count', 'i.code'])
      .where('c.activity_id', 'in', activityIds)
      .orderBy('i.code')
      .orderBy('c.role')
      .execute(),
  ]);
  return { organisers, participants, counts };
}

/**
 * The people of these ids that exist and are not archived, with their institution, and whether the caller may see
 * them in the directory (own institution's, or shared with the consortium); `kept`: already participants of this
 * activity (an edit keeps them even when the caller could no longer pick them).
 */
export async function peopleForParticipation(db: Db | Tx, scope: TenantScope, ids: string[], activityId: string | null) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people as p')
    .select([
      'p.id',
      'p.institution_id',
      sql<boolean>`${scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`)}`.as('visible'),
      activityId
        ? sql<boolean>`EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = ${activityId}::uuid AND ap.person_id = p.id)`.as('kept')
        : sql<boolean>`false`.as('kept'),
    ])
    .where('p.id', '=', sql<string>`ANY(${ids}::uuid[])`) // one parameter, however many ids (an import names thousands)
    .where('p.archived_at', 'is', null)
    .execute();
}

/** The agreement's areas in its current content: key, kind and titles (removed areas keep their last titles). */
export async function areasOf(db: Db | Tx, agreementIds: string[]) {
  if (agreementIds.length === 0) return [];
  return db
    .selectFrom('agreements as ag')
    .innerJoin('agreement_versions as v', (j) => j.onRef('v.agreement_id', '=', 'ag.id').onRef('v.version_no', '=', 'ag.current_version'))
    .innerJoin(sql<{ key: string; kind: string; title_vi: string; title_en: string }>`LATERAL (
        SELECT x->>'key' AS key, x->>'kind' AS kind, x->>'titleVi' AS title_vi, x->>'titleEn' AS title_en
        FROM jsonb_array_elements(v.content->'areas') x)`.as('ar'), (j) => j.onTrue())
    .select(['ag.id as agreement_id', 'ar.key', 'ar.kind', 'ar.title_vi', 'ar.title_en'])
    .where('ag.id', '=', sql<string>`ANY(${agreementIds}::uuid[])`)
    .execute();
}

/** The area keys of the agreement where the user's person is a point of contact. */
export async function contactAreas(db: Db | Tx, userId: string | null, agreementId: string): Promise<string[]> {
  if (!userId) return [];
  const rows = await db
    .selectFrom('agreement_contacts as c')
    .innerJoin('users as u', 'u.person_id', 'c.person_id')
    .select('c.area_key')
    .where('u.id', '=', userId)
    .where('c.agreement_id', '=', agreementId)
    .execute();
  return rows.map((r) => r.area_key);
}

// ---- progress: the metrics' queries

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

// ---- dashboards

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

/** Done and planned activities per month of the year, and done ones per kind, over the agreements. */
export async function activitiesInYear(db: Db | Tx, agreementIds: string[], year: number) {
  if (agreementIds.length === 0) return { byMonth: [], byKind: [], donePerAgreement: [] };
  // One pass over the year's rows of the (agreement_id, start_date) index, which includes status and kind: counts
  // per month and kind, and done ones per agreement (two grouping sets of the same scan).
  const rows = await sql<{ agreement_id: string | null; month: number | null; kind: ActivityKind | null; done: number; planned: number }>`
    SELECT agreement_id, extract(month FROM start_date)::int AS month, kind,
      count(*) FILTER (WHERE status = 'done')::int AS done, count(*) FILTER (WHERE status = 'planned')::int AS planned
    FROM activities WHERE agreement_id = ANY(${agreementIds}::uuid[]) AND start_date >= ${`${year}-01-01`}::date
      AND start_date <= ${`${year}-12-31`}::date AND status <> 'cancelled'
    GROUP BY GROUPING SETS ((extract(month FROM start_date), kind), (agreement_id))`.execute(db);
  const months = new Map<number, { month: number; done: number; planned: number }>();
  const kinds = new Map<ActivityKind, number>();
  const donePerAgreement: { agreement_id: string; done: number }[] = [];
  for (const r of rows.rows) {
    if (r.agreement_id !== null) {
      donePerAgreement.push({ agreement_id: r.agreement_id, done: r.done });
      continue;
    }
    if (r.month === null || r.kind === null) continue;
    const m = months.get(r.month) ?? { month: r.month, done: 0, planned: 0 };
    m.done += r.done;
    m.planned += r.planned;
    months.set(r.month, m);
    if (r.done > 0) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + r.done);
  }
  return {
    byMonth: [...months.values()].sort((a, b) => a.month - b.month),
    byKind: [...kinds].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    donePerAgreement,
  };
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

// ---- reminders (reminders-job.ts)

/** Agreements in force, with their start and the last done activity's start. */
export async function agreementsInForce(db: Db | Tx) {
  const rows = await sql<{ id: string; start_date: string; last_done: string | null; party_ids: string[] }>`
    SELECT a.id, a.start_date::text AS start_date,
      (SELECT max(x.start_date)::text FROM activities x WHERE x.agreement_id = a.id AND x.status = 'done') AS last_done,
      ARRAY(SELECT p.institution_id::text FROM agreement_parties p WHERE p.agreement_id = a.id ORDER BY p.position) AS party_ids
    FROM agreements a WHERE a.status IN ('active', 'expiring') ORDER BY a.id`.execute(db);
  return rows.rows;
}

/** The institutions' dormancy settings. */
export async function dormancySettings(db: Db | Tx, institutionIds: string[]) {
  if (institutionIds.length === 0) return new Map<string, number>();
  const rows = await db.selectFrom('institutions').select(['id', 'dormant_after_months']).where('id', 'in', institutionIds).execute();
  return new Map(rows.map((r) => [r.id, r.dormant_after_months]));
}

/**
 * Active users to tell about an agreement: the points of contact of `institutionId` (or of every party), of the
 * area `areaKey` when given, and with `officers`, the parties' cooperation officers and admins.
 */
export async function reminderRecipients(tx: Tx, agreementId: string, options: { institutionId?: string; areaKey?: string; officers: boolean }) {
  const byInstitution = options.institutionId ? sql`AND c.institution_id = ${options.institutionId}::uuid` : sql``;
  const byArea = options.areaKey ? sql`AND c.area_key = ${options.areaKey}` : sql``;
  const officers = options.officers
    ? sql`OR (u.institution_id IN (SELECT institution_id FROM agreement_parties WHERE agreement_id = ${agreementId}::uuid)
        AND u.roles && ARRAY['cooperation_officer', 'institution_admin']::text[])`
    : sql``;
  const rows = await sql<{ id: string }>`SELECT u.id FROM users u WHERE u.status = 'active' AND (
      u.person_id IN (SELECT c.person_id FROM agreement_contacts c WHERE c.agreement_id = ${agreementId}::uuid ${byInstitution} ${byArea})
      ${officers})`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/** Records the reminders; returns those not recorded before (the ones to send). */
export async function recordActivityReminders(tx: Tx, agreementId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await tx
    .insertInto('activity_reminders')
    .values(keys.map((reminder_key) => ({ agreement_id: agreementId, reminder_key })))
    .onConflict((oc) => oc.doNothing())
    .returning('reminder_key')
    .execute();
  return rows.map((r) => r.reminder_key);
}

// ---- imports (import.ts)

/** The import of this file (by its SHA-256) under the agreement, if one was made. */
export function findImport(db: Db | Tx, agreementId: string, sha256: string) {
  return db
    .selectFrom('activity_imports')
    .select(['id', 'rows_created', 'created_at'])
    .where('agreement_id', '=', agreementId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertImport(tx: Tx, values: Insertable<Database['activity_imports']>): Promise<{ id: string; created_at: Date }> {
  return tx.insertInto('activity_imports').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

export async function setImportRows(tx: Tx, id: string, rowsCreated: number) {
  await tx.updateTable('activity_imports').set({ rows_created: rowsCreated }).where('id', '=', id).execute();
}

/** Many activities at once (an import), in chunks; their ids in the order given. */
export async function insertActivities(tx: Tx, values: Insertable<Database['activities']>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await tx.insertInto('activities').values(values.slice(i, i + 1000)).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Links of many activities, each its own (an import): organisers, participants, counts in chunks. */
export async function insertLinksEach(tx: Tx, items: { activityId: string; links: ActivityLinks }[]) {
  const organisers = items.flatMap(({ activityId, links }) => links.organiserIds.map((institution_id) => ({ activity_id: activityId, institution_id })));
  const participants = items.flatMap(({ activityId, links }) =>
    links.participants.map((p) => ({ activity_id: activityId, person_id: p.personId, institution_id: p.institutionId, role: p.role })),
  );
  const counts = items.flatMap(({ activityId, links }) =>
    links.counts.filter((c) => c.count > 0).map((c) => ({ activity_id: activityId, institution_id: c.institutionId, role: c.role, count: c.count })),
  );
  for (let i = 0; i < organisers.length; i += 5000) await tx.insertInto('activity_organisers').values(organisers.slice(i, i + 5000)).execute();
  for (let i = 0; i < participants.length; i += 5000) await tx.insertInto('activity_participants').values(participants.slice(i, i + 5000)).execute();
  for (let i = 0; i < counts.length; i += 5000) await tx.insertInto('activity_counts').values(counts.slice(i, i + 5000)).execute();
}

/** The agreement's parties: id, code and names, in the agreement's order. */
export function partiesOf(db: Db | Tx, agreementId: string) {
  return db
    .selectFrom('agreement_parties as p')
    .innerJoin('institutions as i', 'i.id', 'p.institution_id')
    .select(['i.id', 'i.code', 'i.name_vi', 'i.name_en'])
    .where('p.agreement_id', '=', agreementId)
    .orderBy('p.position')
    .execute();
}

/** Institutions the caller may see, by their short codes (case-insensitive): code (upper case) → id. */
export async function institutionsByCode(db: Db | Tx, scope: TenantScope, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('institutions as i')
    .select(['i.id', 'i.code'])
    .where(sql<boolean>`upper(i.code) = ANY(${codes.map((c) => c.toUpperCase())}::text[])`)
    .where(scope.visible('i.id'))
    .execute();
  return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
}

/**
 * People the caller may see (own institution's, or shared with the consortium), not archived, by e-mail, among the
 * institutions given (an agreement's parties): e-mail (lower case) → the ids of the people with it.
 */
export async function peopleByEmail(db: Db | Tx, scope: TenantScope, emails: string[], institutionIds: readonly string[]) {
  const found = new Map<string, string[]>();
  if (emails.length === 0 || institutionIds.length === 0) return found;
  const rows = await db
    .selectFrom('people as p')
    .select(['p.id', sql<string>`lower(p.email::text)`.as('email')])
    .where(sql<boolean>`lower(p.email::text) = ANY(${emails.map((e) => e.toLowerCase())}::text[])`)
    .where('p.institution_id', '=', sql<string>`ANY(${[...institutionIds]}::uuid[])`)
    .where('p.archived_at', 'is', null)
    .where(scope.ownOrShared('p.institution_id', sql`p.visibility = 'consortium'`))
    .execute();
  for (const r of rows) found.set(r.email, [...(found.get(r.email) ?? []), r.id]);
  return found;
}

// ---- the home page (home-items.ts)

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

// ---- the calendar (calendar-events.ts)

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

/** Planned and done activities overlapping the range under these agreements (whose activities the caller reads), by start. */
export function calendarActivities(db: Db | Tx, agreementIds: readonly string[], range: DayRange) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activities as a')
    .innerJoin('agreements as ag', 'ag.id', 'a.agreement_id')
    .select(['a.id', 'a.agreement_id', 'a.kind', 'a.status', 'a.title_vi', 'a.title_en', 'a.start_date', 'a.end_date', 'a.place', 'a.online', 'ag.title_vi as agreement_title_vi', 'ag.title_en as agreement_title_en'])
    .where('a.agreement_id', 'in', [...new Set(agreementIds)])
    .where('a.status', 'in', ['planned', 'done'])
    .where('a.start_date', '<=', range.to)
    .where('a.end_date', '>=', range.from)
    .orderBy('a.start_date')
    .orderBy('a.id')
    .execute();
}

// ---- quantified commitments (progress.ts)

export interface CommitmentRow {
  area_key: string;
  area_title_vi: string;
  area_title_en: string;
  commitment_key: string;
  text_vi: string;
  text_en: string;
  from_code: string;
  to_code: string | null;
  from_institution_id: string;
  to_institution_id: string | null;
  quantity: number;
  per_year: boolean;
  /** What it delivered (commitment_actuals, kept by the database: 0018): in the year asked for one per year, else over the agreement. */
  actual: number;
}

/** The agreement's quantified commitments in its current content, in content order, each with its stored actual. */
export async function commitmentsProgress(db: Db | Tx, agreementId: string, year: number): Promise<CommitmentRow[]> {
  const rows = await sql<CommitmentRow>`SELECT c.area_key, c.area_title_vi, c.area_title_en, c.commitment_key, c.text_vi, c.text_en,
      fi.code::text AS from_code, ti.code::text AS to_code, c.from_institution_id, c.to_institution_id, c.quantity, c.per_year,
      coalesce(ca.actual, 0) AS actual
    FROM (SELECT ar->>'key' AS area_key, ar->>'titleVi' AS area_title_vi, ar->>'titleEn' AS area_title_en,
        cm->>'key' AS commitment_key, cm->>'textVi' AS text_vi, cm->>'textEn' AS text_en,
        (cm->>'fromInstitutionId')::uuid AS from_institution_id, nullif(cm->>'toInstitutionId', '')::uuid AS to_institution_id,
        (cm->>'quantity')::float8 AS quantity, coalesce((cm->>'perYear')::boolean, false) AS per_year, ai * 1000 + ci AS position
      FROM agreements ag JOIN agreement_versions v ON v.agreement_id = ag.id AND v.version_no = ag.current_version,
        jsonb_array_elements(v.content->'areas') WITH ORDINALITY ar(ar, ai),
        jsonb_array_elements(coalesce(ar->'commitments', '[]'::jsonb)) WITH ORDINALITY cm(cm, ci)
      WHERE ag.id = ${agreementId}::uuid AND jsonb_typeof(cm->'quantity') = 'number') c
    LEFT JOIN institutions fi ON fi.id = c.from_institution_id
    LEFT JOIN institutions ti ON ti.id = c.to_institution_id
    LEFT JOIN commitment_actuals ca ON ca.agreement_id = ${agreementId}::uuid AND ca.area_key = c.area_key
      AND ca.commitment_key = c.commitment_key AND ca.year = CASE WHEN c.per_year THEN ${year}::int ELSE 0 END
    ORDER BY c.position`.execute(db);
  return rows.rows;
}

/** Every row of commitment_actuals of the agreement (for the test that compares them with the records). */
export function storedCommitmentActuals(db: Db | Tx, agreementId: string) {
  return db.selectFrom('commitment_actuals').select(['area_key', 'commitment_key', 'year', 'actual']).where('agreement_id', '=', agreementId).execute();
}

/** The records a commitment counts: done, under its area, organised by the committing party, with a participant or count of the receiver. */
export interface CommitmentFilter {
  fromInstitutionId: string;
  toInstitutionId: string | null;
  from: string;
  to: string;
}

const receivedBy = (c: { fromInstitutionId: string; toInstitutionId: string | null }) =>
  c.toInstitutionId ? sql`= ${c.toInstitutionId}::uuid` : sql`<> ${c.fromInstitutionId}::uuid`;

/**
 * What a commitment delivered within [from, to], computed from the records: the people of the receiving party —
 * each named person once, plus the counted ones — in the done activities of the area that the committing party
 * organised. The stored figures (commitment_actuals) must equal it; the test compares them.
 */
export async function commitmentActual(db: Db | Tx, agreementId: string, areaKey: string, c: CommitmentFilter): Promise<number> {
  const receiver = receivedBy(c);
  const row = await sql<{ people: number }>`WITH x AS (
      SELECT a.id FROM activities a WHERE a.agreement_id = ${agreementId}::uuid AND a.area_key = ${areaKey} AND a.status = 'done'
        AND a.start_date BETWEEN ${c.from}::date AND ${c.to}::date
        AND EXISTS (SELECT 1 FROM activity_organisers o WHERE o.activity_id = a.id AND o.institution_id = ${c.fromInstitutionId}::uuid))
    SELECT ((SELECT count(DISTINCT p.person_id) FROM activity_participants p JOIN x ON x.id = p.activity_id WHERE p.institution_id ${receiver})
      + (SELECT coalesce(sum(k.count), 0) FROM activity_counts k JOIN x ON x.id = k.activity_id WHERE k.institution_id ${receiver}))::float8 AS people`.execute(db);
  return row.rows[0]?.people ?? 0;
}

// ---- evidence (documents of kind `evidence`, 0016)

export async function linkEvidence(tx: Tx, activityId: string, documentId: string) {
  await tx.insertInto('activity_evidence').values({ activity_id: activityId, document_id: documentId }).execute();
}

/** The evidence of these activities: each document's latest revision for the link, with its file. */
export function evidenceOf(db: Db | Tx, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('activity_evidence as e')
    .innerJoin('agreement_documents as d', 'd.id', 'e.document_id')
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select(['e.activity_id', 'd.id as document_id', 'd.title', 'd.file_id', 'f.original_name', 'f.mime_type', 'f.size_bytes', 'd.created_at'])
    .where('e.activity_id', '=', sql<string>`ANY(${activityIds}::uuid[])`)
    .orderBy('d.created_at')
    .execute();
}
