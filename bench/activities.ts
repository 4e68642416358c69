// Activities benchmark (issue 10, "Performance"): an institution with 200 agreements, 200,000 activities and
// 2,000,000 participant rows — the institution dashboard answers at p95 < 200 ms and an agreement's progress at
// p95 < 50 ms, at 1 and 4 concurrent connections, beside GET /healthz (SELECT 1 through the same pool) as the
// baseline; and the figures are exact: after the load, one activity recorded through the API changes the
// agreement's progress by exactly what the records say (no drift, no stale cache).
//
//   npx tsx bench/activities.ts [--scale 1] [--concurrency 1,4] [--requests 300] [--warmup 20] [--year 2026]
//        [--explain | --explain-all] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own (startEmbeddedPostgres) on a temporary directory;
// 2. runs `hoptac serve` as a child process against it (DATABASE_URL, HOPTAC_DEMO=1): migrations + demo;
// 3. adds 64 institutions (bench/lib/agreement-data.ts) and 20,000 people (bench/lib/directory-data.ts; HUST a
//    quarter of them), then 200 agreements in force with HUST a party of each (2–4 areas, 2–6 targets over
//    2025–2027; versions, hashes, projections and approvals as the service writes them), 200,000 activities,
//    2,000,000 named participants, organisers and counts (bench/lib/activity-data.ts, INSERT … SELECT in SQL),
//    then VACUUM ANALYZE; `--scale 0.1` divides every count by ten (not the institutions);
// 4. signs in as the HUST cooperation officer and, for each concurrency, runs the same closed-loop load on
//    /healthz (the baseline), GET /api/v1/institutions/{HUST}/dashboard?year=… and the progress of agreements
//    drawn at random among the 200 (GET /api/v1/agreements/{id}/progress);
// 5. records one activity through the API and compares the agreement's progress (and the dashboard) before and
//    after with what the records say, target by target;
// 6. prints latency tables and PASS/FAIL per target; with --explain, the SQL the server runs for one dashboard
//    (and one progress) — the server's own progress.ts called in this process with the officer's context on a
//    Kysely that records every statement — each timed alone, and EXPLAIN (ANALYZE, BUFFERS) of the slowest.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DashboardQuery } from '../src/contracts/activities.ts';
import type { Database } from '../src/server/platform/db-schema.ts';
import type { Db } from '../src/server/platform/db.ts';
import type { AppDeps } from '../src/server/platform/deps.ts';
import type { RequestContext, Role } from '../src/server/platform/context.ts';
import { metricQueries } from '../src/server/modules/activities/metrics.ts';
import { agreementProgress, institutionDashboard } from '../src/server/modules/activities/progress.ts';
import type { SeededAgreement } from './lib/activity-data.ts';
import { activityCounts, loginOfficer, OFFICER, type Session, type Stack, seedActivityInstitution, startStack, vacuumAnalyze } from './lib/activity-setup.ts';
import { arg, flag, log, since } from './lib/args.ts';
import { cpuPerRequest, type CpuShare, postmasterPidOf, withCpu } from './lib/cpu.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import type { ServerProcess } from './lib/server.ts';
import { ms, prng, table } from './lib/stats.ts';

const SCALE = Math.min(2, Math.max(0.05, Number(arg('--scale') ?? 1)));
const CONCURRENCY = (arg('--concurrency') ?? '1,4').split(',').map((c) => Math.min(64, Math.max(1, Math.floor(Number(c)))));
const REQUESTS = Math.min(100_000, Math.max(10, Math.floor(Number(arg('--requests') ?? 300))));
const WARMUP = Math.min(10_000, Math.max(0, Math.floor(Number(arg('--warmup') ?? 20))));
const YEAR = Math.floor(Number(arg('--year') ?? 2026));
const EXPLAIN = flag('--explain') || flag('--explain-all');
const COUNTS = activityCounts(SCALE);
const DASHBOARD_P95_MS = 200;
const PROGRESS_P95_MS = 50;
const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const n = (x: number) => x.toLocaleString('en');

// ---- HTTP helpers
async function getJson(url: string, s: Session) {
  const res = await fetch(url, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/** The progress answer, reduced to what the exactness check compares. */
interface ProgressTarget {
  areaKey: string;
  targetKey: string;
  metric: string;
  measured: boolean;
  actual: number;
  periodStart: string;
  periodEnd: string;
}

// ---- main
const t0 = performance.now();
log(
  `hoptac activities benchmark — scale ${SCALE}: ${n(COUNTS.agreements)} agreements, ${n(COUNTS.activities)} activities, ` +
    `${n(COUNTS.participants)} participants, ${n(COUNTS.people)} people; concurrency ${CONCURRENCY.join(', ')}; ` +
    `${REQUESTS} requests after ${WARMUP} warm-up per run; dashboard year ${YEAR}; node ${process.version}; load average ${loadAvg()}`,
);
let cluster: Stack['cluster'] | undefined;
let server: ServerProcess | undefined;
let kdb: Kysely<Database> | undefined;
let openClient: pg.Client | undefined;
let exitCode = 0;
try {
  const stack = await startStack('hoptac-bench-activities-', {
    echo: flag('--echo'),
    onCluster: (c) => {
      cluster = c;
      log(`cluster up (${since(t0)})`);
    },
    onServer: (s) => {
      server = s;
    },
  });
  const { url, dbUrl, alive } = stack;
  log(`server ready at ${url}: migrations + demo loaded (${since(t0)})`);

  // ---- seed
  const client = new pg.Client(dbUrl);
  openClient = client;
  client.on('error', () => {}); // the cluster stopping at the end must not crash the run
  await client.connect();
  const ts = performance.now();
  const seeded = await seedActivityInstitution(client, COUNTS, (l) => log(`  ${l}`));
  const { home, people, today } = seeded;
  const ags = seeded.agreements;
  const acts = seeded.activities;
  log(
    `  ${seeded.added} institutions added (${seeded.institutions.length} in all), ${n(seeded.directory.units)} units and ${n(seeded.directory.people)} people ` +
      `(HUST ${n(people.get(home)?.length ?? 0)} active)`,
  );
  log(
    `  ${n(ags.agreements.length)} agreements in force (HUST a party of each): ${n(ags.parties)} parties, ${n(ags.areas)} areas, ${n(ags.contacts)} contacts, ` +
      `${n(ags.targets)} targets, ${n(ags.approvals)} approvals in ${ags.seconds.toFixed(1)} s`,
  );
  log(
    `  ${n(acts.activities)} activities (done ${n(acts.done)} = ${((100 * acts.done) / acts.activities).toFixed(1)}%, planned ${n(acts.planned)}, cancelled ${n(acts.cancelled)}), ` +
      `${n(acts.participants)} participants, ${n(acts.organisers)} organisers, ${n(acts.counts)} counts in ${acts.seconds.toFixed(1)} s; platform day ${today}`,
  );
  const tv = performance.now();
  await vacuumAnalyze(client);
  log(`VACUUM ANALYZE in ${since(tv)}; seeding ${since(ts)} in all`);

  const officer = (await client.query<{ id: string; institution_id: string; roles: Role[] }>('SELECT id, institution_id, roles FROM users WHERE email = $1', [OFFICER.email])).rows[0];
  const stats = (
    await client.query<Record<string, number | string>>(
      `SELECT (SELECT count(*)::int FROM agreement_parties WHERE institution_id = $1) AS home_agreements,
              (SELECT count(*)::int FROM activities) AS activities,
              (SELECT count(*)::int FROM activities a JOIN agreement_parties p ON p.agreement_id = a.agreement_id AND p.institution_id = $1) AS home_activities,
              (SELECT count(*)::int FROM activity_participants) AS participants,
              (SELECT count(*)::int FROM activity_counts) AS counts,
              (SELECT count(*)::int FROM activity_organisers) AS organisers,
              (SELECT count(*)::int FROM people) AS people,
              (SELECT count(*)::int FROM agreement_targets t JOIN agreement_parties p ON p.agreement_id = t.agreement_id AND p.institution_id = $1) AS home_targets,
              pg_size_pretty(pg_total_relation_size('activities')) AS activities_size,
              pg_size_pretty(pg_total_relation_size('activity_participants')) AS participants_size`,
      [home],
    )
  ).rows[0];
  log(
    `data: HUST a party of ${n(Number(stats.home_agreements))} agreements (with the demo's) with ${n(Number(stats.home_targets))} targets; ` +
      `${n(Number(stats.activities))} activities (${n(Number(stats.home_activities))} under HUST's agreements), ${n(Number(stats.participants))} participant rows, ` +
      `${n(Number(stats.counts))} count rows, ${n(Number(stats.organisers))} organiser rows, ${n(Number(stats.people))} people; ` +
      `activities ${stats.activities_size} and activity_participants ${stats.participants_size} with their indexes (${since(t0)})`,
  );

  const session = await loginOfficer(url);
  const headers = { cookie: session.cookie };
  const dashboardPath = `/api/v1/institutions/${home}/dashboard?year=${YEAR}`;
  const first = await getJson(`${url}${dashboardPath}`, session);
  const d = first.body;
  log(
    `dashboard ${YEAR}: ${(first.bytes / 1024).toFixed(1)} kB; agreements by status ${JSON.stringify(d.agreementsByStatus.map((s: { status: string; count: number }) => `${s.status} ${s.count}`))}; ` +
      `${d.partners.length} partners; activities done in ${YEAR}: ${d.activitiesByMonth.reduce((s: number, m: { done: number }) => s + m.done, 0)}; targets ${JSON.stringify(d.targets)}; ` +
      `${d.targetsAtRisk.length} at risk shown, ${d.expiringSoon.length} expiring soon, ${d.dormant.length} dormant`,
  );
  let progressBytes = 0;
  for (const a of ags.agreements.slice(0, 10)) progressBytes += (await getJson(`${url}/api/v1/agreements/${a.id}/progress`, session)).bytes;
  log(`progress: ${(progressBytes / Math.min(10, ags.agreements.length) / 1024).toFixed(1)} kB per answer on average (first 10 agreements)`);

  // ---- load
  const postmasterPid = postmasterPidOf(join(stack.root, 'cluster'));
  const serverPid = stack.server.child.pid ?? 0;
  const measured = async (o: Parameters<typeof runLoad>[0]) => {
    const r = await withCpu(serverPid, postmasterPid, () => runLoad(o));
    alive();
    return r;
  };
  const perRequest = (cpu: CpuShare, r: LoadResult) => cpuPerRequest(cpu, r.completed + WARMUP + r.errors, postmasterPid > 0 && serverPid > 0);
  const progressMix = (seed: number) => {
    const rand = prng(seed);
    return () => {
      const a = ags.agreements[Math.floor(rand() * ags.agreements.length)];
      return { label: 'progress', path: `/api/v1/agreements/${a.id}/progress` };
    };
  };
  const rows: (string | number)[][] = [];
  const results = new Map<number, { health: LoadResult; dashboard: LoadResult; progress: LoadResult }>();
  const verdict = (p95: number, target: number) => (p95 < target ? 'PASS' : 'FAIL');
  for (const c of CONCURRENCY) {
    log(`\nconcurrency ${c}: /healthz …`);
    const { result: health, cpu: healthCpu } = await measured({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: dashboard …`);
    const { result: dashboard, cpu: dashboardCpu } = await measured({
      baseUrl: url,
      headers,
      next: () => ({ label: 'dashboard', path: dashboardPath }),
      concurrency: c,
      warmup: WARMUP,
      requests: REQUESTS,
      maxSeconds: 600,
      timeoutMs: 60_000,
    });
    log(`concurrency ${c}: progress …`);
    const { result: progress, cpu: progressCpu } = await measured({ baseUrl: url, headers, next: progressMix(31 + c), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 300, timeoutMs: 60_000 });
    results.set(c, { health, dashboard, progress });
    for (const [name, r, target, cpu] of [
      ['GET /healthz (SELECT 1)', health, 0, healthCpu],
      [`GET …/institutions/{HUST}/dashboard?year=${YEAR}`, dashboard, DASHBOARD_P95_MS, dashboardCpu],
      ['GET …/agreements/{id}/progress (random)', progress, PROGRESS_P95_MS, progressCpu],
    ] as const) {
      if (r.errors) log(`  ${name}: ${r.errors} error(s), first: ${r.firstError}`);
      if (r.truncated) log(`  ${name}: stopped at the time limit after ${r.completed} requests`);
      const o = r.overall;
      rows.push([name, c, r.completed, r.errors, ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max), r.rps.toFixed(r.rps >= 10 ? 0 : 1), perRequest(cpu, r), target ? `< ${target} ms: ${verdict(o.p95, target)}` : '']);
      if (target && (r.errors || r.truncated || o.p95 >= target)) exitCode = 1;
    }
  }
  log(`\nresults (${new Date().toISOString().slice(0, 10)}, load average ${loadAvg()}):`);
  log(table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'CPU ms/req: server · pg · load gen', 'target'], rows));
  const scaleLine = `${n(Number(stats.home_agreements))} agreements / ${n(Number(stats.activities))} activities / ${n(Number(stats.participants))} participants`;
  log('');
  for (const [c, r] of results) {
    const h = r.health.overall;
    log(
      `dashboard p95 ${ms(r.dashboard.overall.p95)} (p50 ${ms(r.dashboard.overall.p50)}), progress p95 ${ms(r.progress.overall.p95)} (p50 ${ms(r.progress.overall.p50)}) ` +
        `vs baseline (GET /healthz, SELECT 1) p95 ${ms(h.p95)} (p50 ${ms(h.p50)}) — ${scaleLine}, ${c} connection${c > 1 ? 's' : ''}, loopback; ` +
        `dashboard < ${DASHBOARD_P95_MS} ms: ${verdict(r.dashboard.overall.p95, DASHBOARD_P95_MS)}, progress < ${PROGRESS_P95_MS} ms: ${verdict(r.progress.overall.p95, PROGRESS_P95_MS)}`,
    );
  }

  // ---- exactness: one activity recorded through the API; progress before and after vs the records
  log('\nexactness: one activity recorded through the API after the load');
  const queries = metricQueries();
  const dayBefore = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const date = dayBefore >= '2025-01-01' ? dayBefore : today;
  // An area with a target counting people and one counting activities of the same kind if there is one (training:
  // staff_trained and trainings_held), else any measured target whose period holds the date.
  const covers = (t: SeededAgreement['targets'][number]) => t.periodStart <= date && t.periodEnd >= date && queries.has(t.metric);
  const candidates = ags.agreements.flatMap((a) => a.targets.filter(covers).map((t) => ({ a, t })));
  const score = ({ a, t }: (typeof candidates)[number]) => {
    const q = queries.get(t.metric)!;
    const same = a.targets.filter((o) => o.areaKey === t.areaKey && covers(o) && queries.get(o.metric)!.kinds.some((k) => q.kinds.includes(k)));
    const keyShared = a.targets.filter((o) => o.key === t.key).length > 1;
    return (q.count === 'people' ? 2 : 0) + (same.some((o) => queries.get(o.metric)!.count !== q.count) ? 4 : 0) + (keyShared ? 1 : 0);
  };
  candidates.sort((x, y) => score(y) - score(x));
  const chosen = candidates[0];
  if (!chosen) throw new Error(`no target covers ${date}`);
  const query = queries.get(chosen.t.metric)!;
  const kind = query.kinds[0];
  const role = (query.count === 'people' && query.role) || 'staff';
  // Three HUST people, those least involved in the agreement first (at small scales every one may already count).
  const newcomers = (
    await client.query<{ id: string }>(
      `WITH x AS (SELECT ap.person_id, count(*) AS n FROM activities a JOIN activity_participants ap ON ap.activity_id = a.id
                 WHERE a.agreement_id = $2 GROUP BY 1)
       SELECT p.id FROM people p LEFT JOIN x ON x.person_id = p.id WHERE p.institution_id = $1 AND p.archived_at IS NULL
       ORDER BY coalesce(x.n, 0), p.id LIMIT 3`,
      [home, chosen.a.id],
    )
  ).rows.map((r) => r.id);
  const counted = 7;
  /** Each target's actual value from the records, by area and key (the metric's definition, written out here). */
  const truth = async (agreementId: string) => {
    const targets = await client.query<{ area_key: string; target_key: string; metric: string; period_start: string; period_end: string }>(
      `SELECT area_key, target_key, metric, period_start::text, period_end::text FROM agreement_targets WHERE agreement_id = $1 ORDER BY area_key, target_key`,
      [agreementId],
    );
    const out = new Map<string, number | null>();
    for (const t of targets.rows) {
      const q = queries.get(t.metric);
      const args = [agreementId, t.area_key, q?.kinds ?? [], t.period_start, t.period_end];
      const where = `a.agreement_id = $1 AND a.area_key = $2 AND a.status = 'done' AND a.kind = ANY($3::text[]) AND a.start_date BETWEEN $4::date AND $5::date`;
      let v: number | null = null;
      if (q?.count === 'activities') v = (await client.query(`SELECT count(*)::int AS v FROM activities a WHERE ${where}`, args)).rows[0].v;
      else if (q?.count === 'people') {
        const r = q.role ?? null;
        const named = (await client.query(`SELECT count(DISTINCT p.person_id)::int AS v FROM activities a JOIN activity_participants p ON p.activity_id = a.id WHERE ${where} AND ($6::text IS NULL OR p.role = $6)`, [...args, r])).rows[0].v;
        const anon = (await client.query(`SELECT coalesce(sum(c.count), 0)::int AS v FROM activities a JOIN activity_counts c ON c.activity_id = a.id WHERE ${where} AND ($6::text IS NULL OR c.role = $6)`, [...args, r])).rows[0].v;
        v = named + anon;
      }
      out.set(`${t.area_key}/${t.target_key}`, v);
    }
    return out;
  };
  /** Per people-counting target: which of the newcomers it counts already (each person counts once per target). */
  const alreadyCounted = new Map<string, Set<string>>();
  for (const t of chosen.a.targets) {
    const q = queries.get(t.metric);
    if (q?.count !== 'people') continue;
    const r = await client.query<{ person_id: string }>(
      `SELECT DISTINCT p.person_id FROM activities a JOIN activity_participants p ON p.activity_id = a.id
       WHERE a.agreement_id = $1 AND a.area_key = $2 AND a.status = 'done' AND a.kind = ANY($3::text[]) AND a.start_date BETWEEN $4::date AND $5::date
         AND ($6::text IS NULL OR p.role = $6) AND p.person_id = ANY($7::uuid[])`,
      [chosen.a.id, t.areaKey, q.kinds, t.periodStart, t.periodEnd, q.role ?? null, newcomers],
    );
    alreadyCounted.set(`${t.areaKey}/${t.key}`, new Set(r.rows.map((x) => x.person_id)));
  }
  /** What the new activity adds to each target, from the metric definitions. */
  const expectedDelta = (t: ProgressTarget) => {
    const q = queries.get(t.metric);
    if (!q || t.areaKey !== chosen.t.areaKey || !q.kinds.includes(kind) || date < t.periodStart || date > t.periodEnd) return 0;
    if (q.count === 'activities') return 1;
    if (q.role && q.role !== role) return 0;
    const seen = alreadyCounted.get(`${t.areaKey}/${t.targetKey}`) ?? new Set<string>();
    return newcomers.filter((p) => !seen.has(p)).length + counted;
  };
  const progressOf = async () => {
    const { body } = await getJson(`${url}/api/v1/agreements/${chosen.a.id}/progress`, session);
    return { body, targets: new Map<string, ProgressTarget>(body.targets.map((t: ProgressTarget) => [`${t.areaKey}/${t.targetKey}`, t])) };
  };
  const monthDone = (dash: { activitiesByMonth: { month: string; done: number }[]; activitiesByKind: { kind: string; count: number }[] }) => ({
    month: dash.activitiesByMonth.find((m) => m.month === date.slice(0, 7))?.done ?? 0,
    kind: dash.activitiesByKind.find((k) => k.kind === kind)?.count ?? 0,
  });
  const dashPathOfDate = `/api/v1/institutions/${home}/dashboard?year=${date.slice(0, 4)}`;
  const truthBefore = await truth(chosen.a.id);
  const before = await progressOf();
  const dashBefore = monthDone((await getJson(`${url}${dashPathOfDate}`, session)).body);
  const created = await fetch(`${url}/api/v1/agreements/${chosen.a.id}/activities`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({
      areaKey: chosen.t.areaKey,
      kind,
      status: 'done',
      titleVi: 'Hoạt động kiểm tra độ chính xác',
      titleEn: 'Exactness check activity',
      startDate: date,
      endDate: date,
      organiserIds: [home],
      participants: newcomers.map((personId) => ({ personId, role })),
      counts: [{ institutionId: home, role, count: counted }],
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const createdText = await created.text();
  if (created.status !== 201) throw new Error(`recording the activity: HTTP ${created.status} ${createdText.slice(0, 500)}`);
  const after = await progressOf();
  const dashAfter = monthDone((await getJson(`${url}${dashPathOfDate}`, session)).body);
  const truthAfter = await truth(chosen.a.id);
  log(
    `recorded: ${kind}, done, ${date}, under area "${chosen.t.areaKey}" of agreement ${chosen.a.id} (${chosen.a.targets.length} targets), ` +
      `${newcomers.length} named HUST participants (role ${role}; already counted by the area's targets: ` +
      `${[...alreadyCounted].filter(([k]) => k.startsWith(`${chosen.t.areaKey}/`)).map(([k, v]) => `${k} ${v.size}`).join(', ') || 'none'}) and ${counted} counted → HTTP 201`,
  );
  const exactRows: (string | number)[][] = [];
  let deltaOk = true;
  let truthOk = true;
  for (const [key, b] of before.targets) {
    const a = after.targets.get(key);
    const exp = expectedDelta(b);
    const delta = a ? a.actual - b.actual : Number.NaN;
    const tb = truthBefore.get(key);
    const ta = truthAfter.get(key);
    const measuredTarget = b.measured;
    const okDelta = !measuredTarget || delta === exp;
    const okTruth = !measuredTarget || (tb === b.actual && ta === a?.actual);
    deltaOk &&= okDelta;
    truthOk &&= okTruth;
    exactRows.push([
      key, b.metric, `${b.periodStart}…${b.periodEnd}`, measuredTarget ? String(tb) : '–', b.actual, measuredTarget ? String(ta) : '–', a?.actual ?? '–',
      delta, exp, !measuredTarget ? 'not measured' : okDelta && okTruth ? 'OK' : !okDelta ? 'WRONG DELTA' : 'differs from records',
    ]);
  }
  log(table(['area/target', 'metric', 'period', 'records before', 'API before', 'records after', 'API after', 'Δ API', 'Δ expected', ''], exactRows));
  const doneDelta = after.body.activities.done - before.body.activities.done;
  const dashOk = dashAfter.month - dashBefore.month === 1 && dashAfter.kind - dashBefore.kind === 1;
  log(
    `activities done under the agreement: ${before.body.activities.done} → ${after.body.activities.done} (Δ ${doneDelta}, expected 1; last done ${before.body.activities.lastDone} → ${after.body.activities.lastDone}); ` +
      `dashboard ${date.slice(0, 4)}: done in ${date.slice(0, 7)} ${dashBefore.month} → ${dashAfter.month}, done ${kind} ${dashBefore.kind} → ${dashAfter.kind} (expected +1 each)`,
  );
  const sharedKeys = [...new Set(chosen.a.targets.map((t) => t.key).filter((k, i, xs) => xs.indexOf(k) !== i))];
  if (!truthOk && sharedKeys.length) {
    log(
      `note: this agreement has target keys used in more than one area (${sharedKeys.join(', ')}) — ` +
        'check that the actuals are matched to their targets by area as well as by key (progress.ts, repository/target-progress.ts metricSql).',
    );
  }
  const exact = deltaOk && truthOk && doneDelta === 1 && dashOk;
  log(
    `exactness: progress change ${deltaOk ? 'PASS' : 'FAIL'} (every target moved by exactly the expected amount, read right after the write), ` +
      `progress vs records ${truthOk ? 'PASS' : 'FAIL'} (before and after), activity counts and dashboard ${doneDelta === 1 && dashOk ? 'PASS' : 'FAIL'} → ${exact ? 'PASS' : 'FAIL'}`,
  );
  if (!exact) exitCode = 1;

  // ---- the SQL of one dashboard and one progress, as the server's code runs it
  if (EXPLAIN) {
    let captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
    kdb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 1 }) }),
      log: (e) => {
        if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
      },
    });
    const ctx: RequestContext = {
      actor: { kind: 'user', userId: officer.id, tokenId: null, institutionId: officer.institution_id, roles: officer.roles, scopes: null, label: OFFICER.email },
      lang: 'vi',
      requestId: 'bench',
      ip: '127.0.0.1',
    };
    const deps = { db: kdb as unknown as Db, clock: { now: () => new Date() } } as unknown as AppDeps;
    const explainRun = async (name: string, run: () => Promise<unknown>) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        captured = [];
        const t = performance.now();
        await run();
        best = Math.min(best, performance.now() - t);
      }
      const statements = captured;
      log(`\n${name}: ${statements.length} statements (one connection, in sequence); the whole call in this process, best of 3: ${ms(best)}`);
      const timed: { i: number; sql: string; parameters: readonly unknown[]; ms: number; rows: number }[] = [];
      for (const [i, s] of statements.entries()) {
        let bestQ = Number.POSITIVE_INFINITY;
        let rowsN = 0;
        for (let k = 0; k < 3; k++) {
          const t = performance.now();
          const r = await client.query(s.sql, s.parameters as unknown[]);
          bestQ = Math.min(bestQ, performance.now() - t);
          rowsN = r.rowCount ?? 0;
        }
        timed.push({ i: i + 1, sql: s.sql, parameters: s.parameters, ms: bestQ, rows: rowsN });
      }
      log(table(['#', 'alone (best of 3)', 'rows', 'statement'], timed.map((t) => [t.i, ms(t.ms), t.rows, t.sql.replace(/\s+/g, ' ').slice(0, 110)])));
      const ranked = [...timed].sort((a, b) => b.ms - a.ms);
      for (const s of flag('--explain-all') ? ranked : ranked.slice(0, 1)) {
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.parameters as unknown[]);
        const shown = JSON.stringify(s.parameters, (k, v) => (k !== '' && Array.isArray(v) && v.length > 6 ? [...v.slice(0, 3), `… ${v.length} in all`] : v));
        log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${name}, statement #${s.i} (${ms(s.ms)} alone):`);
        log(`-- ${s.sql.replace(/\s+/g, ' ')}`);
        log(`-- parameters: ${shown}`);
        for (const row of plan.rows) log(row['QUERY PLAN']);
      }
    };
    await explainRun(`dashboard ${YEAR} (progress.ts institutionDashboard)`, () => institutionDashboard(deps, ctx, home, DashboardQuery.parse({ year: String(YEAR) })));
    const heaviest = [...ags.agreements].sort((a, b) => b.targets.length - a.targets.length)[0];
    await explainRun(`progress of an agreement with ${heaviest.targets.length} targets (progress.ts agreementProgress)`, () => agreementProgress(deps, ctx, heaviest.id));
  }
  await client.end();
  openClient = undefined;
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(`\nserver output:\n${server.output().slice(-4000)}`);
  exitCode = 2;
} finally {
  await kdb?.destroy();
  await openClient?.end().catch(() => {});
  const code = await server?.stop();
  if (server && code !== 0) log(`note: hoptac serve exited with ${code} after SIGINT (expected 0)`);
  await cluster?.stop();
  log(`\ndone in ${since(t0)}`);
}
process.exit(exitCode);
