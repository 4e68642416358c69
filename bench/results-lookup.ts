// Public exam results lookup benchmark (issue 13, "Performance"): `POST /api/v1/public/exam-results` (candidate
// number + date of birth, no account) answers in under 20 ms (p95) at 4 concurrent connections, beside GET /healthz
// (SELECT 1 through the same pool) as the baseline; at 1 and 4 connections, over the demo's SPT 2026 exam (20,000
// sample candidates) and a larger exam.
//
//   npx tsx bench/results-lookup.ts [--large 200000] [--concurrency 1,4] [--requests 2000] [--warmup 200]
//        [--wrong 0.1] [--explain] [--echo]
//
// The lookup is rate-limited per candidate number (10 in 15 minutes) and per client address (60): a closed loop from
// one address would measure 429s. The benchmark keeps the limits as they are and measures the lookup with them, as
// a deployment behind a reverse proxy sees it:
// - the server runs with TRUST_PROXY=loopback (a documented setting, platform/config.ts: the proxy on the same host),
//   and every request carries its own client address in X-Forwarded-For (10.x.y.z, never reused), so no address
//   reaches 60;
// - every request asks for another candidate (a stride through the exam's candidates; no number is asked twice in
//   a run of less than the exam's size), so no number reaches 10.
// So each request pays the whole path: the rate-limit transaction (advisory locks, the count over rate_events, the
// insert of the attempt), the candidate, its scores and its consent choices. `--wrong` is the share of lookups with
// a wrong date of birth (the same 404 for them, after the same work; counted as answered).
//
// 1. own embedded cluster and `hoptac serve` child with DATABASE_URL, HOPTAC_DEMO=1 (the demo loads SPT 2026 with
//    its 20,000 sample candidates) and TRUST_PROXY=loopback;
// 2. adds a larger published exam of the same organiser in SQL: `--large` candidates with 3 subjects' scores;
// 3. for each exam and concurrency: the closed loop (keep-alive) on /healthz and on the lookup; p50/p95/p99/max,
//    req/s, CPU ms per request (server · PostgreSQL · load generator) and PASS/FAIL against p95 < 20 ms at 4;
// 4. --explain: calls the server's own lookupResults (exams/service.ts) in this process on a Kysely that records each
//    statement with its time, and prints EXPLAIN (ANALYZE, BUFFERS) of each statement over the larger exam.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lookupResults } from '../src/server/modules/exams/service.ts';
import type { Database } from '../src/server/platform/db-schema.ts';
import type { AppDeps } from '../src/server/platform/deps.ts';
import type { RequestContext } from '../src/server/platform/context.ts';
import { startStack, type Stack } from './lib/activity-setup.ts';
import { arg, flag, log, since } from './lib/args.ts';
import { cpuPerRequest, postmasterPidOf, withCpu } from './lib/cpu.ts';
import { type LoadResult, runLoad } from './lib/load.ts';
import type { ServerProcess } from './lib/server.ts';
import { ms, table } from './lib/stats.ts';

const LARGE = Math.min(2_000_000, Math.max(1_000, Math.floor(Number(arg('--large') ?? 200_000))));
const CONCURRENCY = (arg('--concurrency') ?? '1,4').split(',').map((c) => Math.min(64, Math.max(1, Math.floor(Number(c)))));
const REQUESTS = Math.min(100_000, Math.max(10, Math.floor(Number(arg('--requests') ?? 2000))));
const WARMUP = Math.min(10_000, Math.max(0, Math.floor(Number(arg('--warmup') ?? 200))));
const WRONG = Math.min(1, Math.max(0, Number(arg('--wrong') ?? 0.1)));
const EXPLAIN = flag('--explain');
const P95_MS = 20;
process.env.TRUST_PROXY = 'loopback'; // the server's environment (bench/lib/server.ts passes ours on)

const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const n = (x: number) => x.toLocaleString('en');

interface Exam {
  label: string;
  id: string;
  candidates: { number: string; dob: string }[];
}

/** A larger published exam of the demo organiser: `count` candidates, 3 subjects with scores (SQL, seeded by hash). */
async function seedLargeExam(client: pg.Client, organiserId: string, count: number): Promise<string> {
  const { id: examId } = (
    await client.query(
      `INSERT INTO exams (institution_id, code, title_vi, title_en, year, status, published_at)
       VALUES ($1, 'BENCH-LARGE', 'Kỳ thi lớn (thử tải)', 'Large exam (load test)', 2026, 'published', now()) RETURNING id`,
      [organiserId],
    )
  ).rows[0];
  const { id: roundId } = (
    await client.query(
      `INSERT INTO exam_rounds (exam_id, key, position, name_vi, name_en, start_date, end_date, venues)
       VALUES ($1, 'r1', 1, 'Đợt 1', 'Round 1', '2026-05-23', '2026-05-24', ARRAY['Hà Nội']) RETURNING id`,
      [examId],
    )
  ).rows[0];
  await client.query(
    `INSERT INTO exam_subjects (exam_id, key, position, name_vi, name_en, min_score, max_score, step)
     SELECT $1, k, i, k, k, 0, 10, 0.25 FROM unnest(ARRAY['math', 'literature', 'english']) WITH ORDINALITY AS s(k, i)`,
    [examId],
  );
  await client.query(
    `INSERT INTO exam_candidates (exam_id, number, full_name, date_of_birth, round_id, venue)
     SELECT $1, 'L' || lpad(g::text, 7, '0'), 'Thí sinh ' || g, date '2007-01-01' + (abs(hashint4(g)) % 730), $2, 'Hà Nội'
     FROM generate_series(1, $3::int) g`,
    [examId, roundId, count],
  );
  await client.query(
    `INSERT INTO exam_scores (candidate_id, subject_id, total)
     SELECT c.id, s.id, (abs(hashtext(c.number || s.key)) % 41) / 4.0 FROM exam_candidates c JOIN exam_subjects s ON s.exam_id = c.exam_id
     WHERE c.exam_id = $1`,
    [examId],
  );
  await client.query('VACUUM (ANALYZE) exam_candidates, exam_scores, exam_subjects, exams');
  return examId;
}

// ---- main
const t0 = performance.now();
log(
  `hoptac public results lookup benchmark — demo SPT 2026 and a ${n(LARGE)}-candidate exam; concurrency ${CONCURRENCY.join(', ')}; ` +
    `${REQUESTS} requests after ${WARMUP} warm-up per run; ${Math.round(WRONG * 100)}% wrong dates of birth; node ${process.version}; load average ${loadAvg()}`,
);
let cluster: Stack['cluster'] | undefined;
let server: ServerProcess | undefined;
let client: pg.Client | undefined;
let exitCode = 0;
try {
  const stack = await startStack('hoptac-lookup-bench-', {
    echo: flag('--echo'),
    onCluster: (c) => {
      cluster = c;
    },
    onServer: (s) => {
      server = s;
    },
  });
  const { url, dbUrl } = stack;
  log(`server ready at ${url} (demo loaded, TRUST_PROXY=loopback): ${since(t0)}`);
  client = new pg.Client(dbUrl);
  await client.connect();
  const demo = (
    await client.query(`SELECT e.id, e.institution_id, e.status, (SELECT count(*)::int FROM exam_candidates c WHERE c.exam_id = e.id) AS n
       FROM exams e ORDER BY (SELECT count(*) FROM exam_candidates c WHERE c.exam_id = e.id) DESC LIMIT 1`)
  ).rows[0];
  if (demo?.status !== 'published') throw new Error('the demo has no published exam with candidates');
  const t1 = performance.now();
  const largeId = await seedLargeExam(client, demo.institution_id, LARGE);
  log(`larger exam seeded: ${n(LARGE)} candidates, ${n(3 * LARGE)} scores (${since(t1)})`);
  const candidatesOf = async (examId: string) =>
    (await client!.query(`SELECT number, date_of_birth::text AS dob FROM exam_candidates WHERE exam_id = $1 ORDER BY number`, [examId])).rows as Exam['candidates'];
  const exams: Exam[] = [
    { label: `demo SPT 2026 (${n(demo.n)} candidates)`, id: demo.id, candidates: await candidatesOf(demo.id) },
    { label: `larger exam (${n(LARGE)} candidates)`, id: largeId, candidates: await candidatesOf(largeId) },
  ];

  const serverPid = server!.child.pid ?? 0;
  const postmasterPid = postmasterPidOf(join(stack.root, 'cluster'));
  let address = 0; // every request its own client address
  const rows: (string | number)[][] = [];
  const headline: string[] = [];
  for (const exam of exams) {
    // A stride coprime with the count walks every candidate once before any repeats.
    const count = exam.candidates.length;
    let stride = Math.floor(count * 0.618) | 1;
    while (gcd(stride, count) !== 1) stride += 2;
    let asked = 0;
    for (const c of CONCURRENCY) {
      stack.alive();
      log(`\n${exam.label}, concurrency ${c} — load average ${loadAvg()}`);
      const h = await withCpu(serverPid, postmasterPid, () =>
        runLoad({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 60 }),
      );
      const l = await withCpu(serverPid, postmasterPid, () =>
        runLoad({
          baseUrl: url,
          concurrency: c,
          warmup: WARMUP,
          requests: REQUESTS,
          maxSeconds: 120,
          next: () => {
            const k = asked++;
            const who = exam.candidates[(k * stride) % count];
            const wrong = (k * 7919) % 1000 < WRONG * 1000;
            const a = ++address;
            return {
              label: wrong ? 'wrong date (404)' : 'found (200)',
              path: '/api/v1/public/exam-results',
              method: 'POST',
              body: JSON.stringify({ examId: exam.id, candidateNumber: who.number, dateOfBirth: wrong ? shiftDate(who.dob) : who.dob }),
              headers: { 'x-forwarded-for': `10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}` },
              expect: wrong ? [404] : [200],
            };
          },
        }),
      );
      if (h.result.errors || l.result.errors) {
        log(`errors: healthz ${h.result.errors}, lookup ${l.result.errors}; first: ${l.result.firstError ?? h.result.firstError}`);
        exitCode = 1;
      }
      const judged = c === 4 || (c === Math.max(...CONCURRENCY) && !CONCURRENCY.includes(4));
      const pass = l.result.overall.p95 < P95_MS;
      if (judged && !pass) exitCode = 1;
      const line = (name: string, r: LoadResult, cpu: Parameters<typeof cpuPerRequest>[0], target: string) => [
        name,
        c,
        r.completed,
        r.errors,
        ms(r.overall.p50),
        ms(r.overall.p95),
        ms(r.overall.p99),
        ms(r.overall.max),
        Math.round(r.rps),
        cpuPerRequest(cpu, r.completed + WARMUP + r.errors, serverPid > 0 && postmasterPid > 0),
        target,
      ];
      rows.push([`— ${exam.label}`, '', '', '', '', '', '', '', '', '', '']);
      rows.push(line('GET /healthz (SELECT 1)', h.result, h.cpu, ''));
      rows.push(line('POST /api/v1/public/exam-results', l.result, l.cpu, `p95 < ${P95_MS} ms${judged ? '' : ' (ref.)'}: ${pass ? 'PASS' : 'FAIL'}`));
      for (const [label, s] of l.result.byLabel) rows.push([`   of which ${label}`, c, s.n, '', ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), '', '', '']);
      headline.push(
        `${exam.label}, ${c} connection${c > 1 ? 's' : ''}: lookup p95 ${ms(l.result.overall.p95)} vs baseline (GET /healthz, SELECT 1) p95 ${ms(h.result.overall.p95)}`,
      );
    }
  }
  log(`\n${table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'CPU ms/req: server · pg · load gen', 'target'], rows)}`);
  log(`\nFigure vs baseline (loopback, 2 shared cores, load average at the end ${loadAvg()}):`);
  for (const h of headline) log(`> ${h}`);
  const events = (await client.query(`SELECT count(*)::int AS n FROM rate_events WHERE action = 'exam_lookup'`)).rows[0].n;
  log(`rate_events holds ${n(events)} lookup attempts (each request recorded one)`);

  if (EXPLAIN) await explain(dbUrl, exams[1]);
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(server.output().slice(-3000));
  exitCode = 2;
} finally {
  await client?.end().catch(() => {});
  await server?.stop().catch(() => {});
  await cluster?.stop().catch(() => {});
}
log(`total ${since(t0)}`);
process.exit(exitCode);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function shiftDate(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The server's own lookupResults in this process: each statement with its time, then EXPLAIN (ANALYZE, BUFFERS). */
async function explain(dbUrl: string, exam: Exam) {
  const recorded: { query: CompiledQuery; ms: number }[] = [];
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const kdb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') recorded.push({ query: e.query, ms: e.queryDurationMillis });
    },
  });
  try {
    const deps = { db: kdb, clock: { now: () => new Date() } } as unknown as AppDeps;
    const who = exam.candidates[Math.floor(exam.candidates.length / 2)];
    const ctx = { requestId: 'bench-explain', ip: '10.255.255.254', lang: 'vi' } as unknown as RequestContext;
    const t = performance.now();
    await lookupResults(deps, ctx, { examId: exam.id, candidateNumber: who.number, dateOfBirth: who.dob });
    log(`\n--explain: lookupResults in this process, ${exam.label}: ${ms(performance.now() - t)} for ${recorded.length} statements`);
    for (const r of recorded) log(`  ${ms(r.ms).padStart(9)}  ${r.query.sql.replace(/\s+/g, ' ').slice(0, 140)}`);
    for (const r of recorded) {
      if (!/^\s*select/i.test(r.query.sql)) continue;
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${r.query.sql}`, r.query.parameters as unknown[]);
      log(`\n${r.query.sql.replace(/\s+/g, ' ').slice(0, 200)}\n${plan.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await kdb.destroy();
  }
}
