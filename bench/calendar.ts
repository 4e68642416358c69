// iCalendar feed benchmark (issue 11, "Performance"): for an institution with 200 agreements and 200,000
// activities, the iCalendar feed of a busy user answers in under 100 ms (p95), at 1 and 4 concurrent connections,
// beside GET /healthz (SELECT 1 through the same pool) as the baseline.
//
//   npx tsx bench/calendar.ts [--scale 1] [--concurrency 1,4] [--requests 50] [--warmup 5]
//        [--cold] [--identity] [--explain] [--echo]          # or: npm run bench:calendar -- …
//
// The server keeps a rendered feed in memory while no write committed (calendar/feed-cache.ts): a calendar
// application polling an unchanged calendar is served those bytes. --cold turns that off (FEED_CACHE_MB=0), so
// every fetch renders the feed: the figure for the first poll after a change. The load asks for gzip, as calendar
// applications do (--identity: the plain text, ~7× the bytes to move).
//
// 1. starts an embedded PostgreSQL cluster and `hoptac serve` against it, and seeds as bench/activities.ts does
//    (bench/lib/activity-setup.ts → lib/activity-data.ts): HUST a party of every one of the 200 agreements in force,
//    200,000 activities (2024–2027, 80% done, 15% planned, 5% cancelled), 2,000,000 participants; `--scale 0.1`
//    divides every count by ten;
// 2. the busy user is the HUST cooperation officer, made busy: point of contact of one area in each of 40 agreements
//    and a participant of 1,500 more activities (SQL). The officer reads every activity of HUST's agreements (the
//    calendar page shows them all); the feed holds what the officer takes part in — recorded, participant, point of
//    contact of the area — planned and done, overlapping the feed's window (FEED_DAYS_BACK days back to
//    FEED_DAYS_AHEAD ahead, contracts/calendar.ts), plus the delegations the officer requested, decided or joins;
// 3. makes the officer's feed URL through the API as the web app does (POST /api/v1/me/calendar-feed with the
//    session and its CSRF token), fetches the feed once and checks it: RFC 5545 framing (CRLF, folded lines of at
//    most 75 octets, VCALENDAR with VERSION and PRODID, BEGIN:VEVENT/END:VEVENT pairs each with UID, DTSTAMP,
//    DTSTART, DTEND and SUMMARY, unique UIDs), parsed again by node-ical (a dev dependency the tests use), and the
//    number of events equal to GET /api/v1/calendar over the same range and to a count of the records in SQL;
// 4. for each concurrency, the same closed loop (keep-alive) on /healthz and on the feed URL (no session: the
//    secret in the path is the credential); p50/p95/p99/max, req/s, the CPU per request (server · PostgreSQL ·
//    load generator) and PASS/FAIL against p95 < 100 ms;
// 5. --explain: calls the server's own feedCalendar (calendar/service.ts) in this process on a Kysely that records
//    every statement; prints the whole call, each statement alone (best of 3) and EXPLAIN (ANALYZE, BUFFERS) of
//    the slowest, so the time in PostgreSQL and in Node (rows → events → iCalendar text) can be told apart.
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import ical from 'node-ical';
import pg from 'pg';
import { CALENDAR_MAX_DAYS, FEED_DAYS_AHEAD, FEED_DAYS_BACK } from '../src/contracts/calendar.ts';
import { addDays } from '../src/engines/progress/target-status.ts';
import { feedCalendar, listCalendar } from '../src/server/modules/calendar/service.ts';
import { registerCalendarSource } from '../src/server/modules/calendar/registry.ts';
import { MODULES } from '../src/server/modules/index.ts';
import type { RequestContext, Role } from '../src/server/platform/context.ts';
import type { Database } from '../src/server/platform/db-schema.ts';
import type { Db } from '../src/server/platform/db.ts';
import type { AppDeps } from '../src/server/platform/deps.ts';
import { activityCounts, HOME, loginOfficer, OFFICER, type Stack, seedActivityInstitution, startStack, vacuumAnalyze } from './lib/activity-setup.ts';
import { arg, flag, log, since } from './lib/args.ts';
import { cpuPerRequest, postmasterPidOf, withCpu } from './lib/cpu.ts';
import { type LoadResult, runLoad } from './lib/load.ts';
import type { ServerProcess } from './lib/server.ts';
import { ms, table } from './lib/stats.ts';

const SCALE = Math.min(2, Math.max(0.05, Number(arg('--scale') ?? 1)));
const CONCURRENCY = (arg('--concurrency') ?? '1,4').split(',').map((c) => Math.min(64, Math.max(1, Math.floor(Number(c)))));
const REQUESTS = Math.min(100_000, Math.max(10, Math.floor(Number(arg('--requests') ?? 50))));
const WARMUP = Math.min(10_000, Math.max(0, Math.floor(Number(arg('--warmup') ?? 5))));
const EXPLAIN = flag('--explain');
const COLD = flag('--cold');
const IDENTITY = flag('--identity');
if (COLD) process.env.FEED_CACHE_MB = '0'; // the server's environment (bench/lib/server.ts passes ours on)
const COUNTS = activityCounts(SCALE);
const FEED_P95_MS = 100;

const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const n = (x: number) => x.toLocaleString('en');
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`);

/**
 * Checks the iCalendar text as a strict reader would (RFC 5545 §3.1 lines and folding, §3.4 the calendar object,
 * §3.6.1 the event's required and expected properties) and answers what it found, or throws naming the first fault.
 */
function checkIcs(text: string) {
  // RFC 5545 §3.1: every content line ends with CRLF (the last one too) and SHOULD be folded at 75 octets —
  // octets, not characters: a Vietnamese letter takes 2–3 of them in UTF-8. Faults of these two are counted and
  // reported; anything else below fails the check.
  const endsWithCrlf = text.endsWith('\r\n');
  const physical = (endsWithCrlf ? text.slice(0, -2) : text).split('\r\n');
  let longLines = 0;
  let longest = 0;
  for (const [i, line] of physical.entries()) {
    if (line.includes('\n') || line.includes('\r')) throw new Error(`line ${i + 1}: a bare LF or CR`);
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) longLines++;
    longest = Math.max(longest, octets);
  }
  // Unfold: a line starting with a space or a tab continues the previous one.
  const lines: string[] = [];
  for (const line of physical) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  if (lines[0] !== 'BEGIN:VCALENDAR' || lines.at(-1) !== 'END:VCALENDAR') throw new Error('not one VCALENDAR object');
  const nameOf = (line: string) => /^[A-Za-z0-9-]+/.exec(line)?.[0].toUpperCase() ?? '';
  const top = new Set<string>();
  const uids = new Set<string>();
  let events = 0;
  let current: Set<string> | null = null;
  let depth = 0;
  for (const [i, line] of lines.slice(1, -1).entries()) {
    if (!/^[A-Za-z0-9-]+[;:]/.test(line)) throw new Error(`content line ${i + 2} is not NAME[;params]:value: ${line.slice(0, 80)}`);
    const name = nameOf(line);
    if (line === 'BEGIN:VEVENT') {
      if (current) throw new Error(`content line ${i + 2}: VEVENT inside VEVENT`);
      current = new Set();
      continue;
    }
    if (line === 'END:VEVENT') {
      if (!current) throw new Error(`content line ${i + 2}: END:VEVENT without BEGIN`);
      for (const p of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY']) if (!current.has(p)) throw new Error(`event ${events + 1} has no ${p}`);
      events++;
      current = null;
      continue;
    }
    if (name === 'BEGIN') depth++;
    if (name === 'END') depth--;
    if (current) {
      if (name === 'UID') {
        const uid = line.slice(line.indexOf(':') + 1);
        if (uids.has(uid)) throw new Error(`UID ${uid} twice`);
        uids.add(uid);
      }
      if (['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY'].includes(name) && current.has(name)) throw new Error(`event ${events + 1}: ${name} twice`);
      current.add(name);
    } else if (depth === 0) top.add(name);
  }
  if (current) throw new Error('a VEVENT is not closed');
  if (depth !== 0) throw new Error('unbalanced BEGIN/END');
  for (const p of ['VERSION', 'PRODID']) if (!top.has(p)) throw new Error(`the calendar has no ${p}`);
  if (!lines.includes('VERSION:2.0')) throw new Error('VERSION is not 2.0');
  const begins = lines.filter((l) => l === 'BEGIN:VEVENT').length;
  const ends = lines.filter((l) => l === 'END:VEVENT').length;
  return { events, begins, ends, uids: uids.size, lines: physical.length, endsWithCrlf, longLines, longest };
}

// ---- main
const t0 = performance.now();
log(
  `hoptac iCalendar feed benchmark — scale ${SCALE}: ${n(COUNTS.agreements)} agreements, ${n(COUNTS.activities)} activities, ` +
    `${n(COUNTS.participants)} participants, ${n(COUNTS.people)} people; concurrency ${CONCURRENCY.join(', ')}; ` +
    `${REQUESTS} requests after ${WARMUP} warm-up per run; node ${process.version}; load average ${loadAvg()}; ` +
    (COLD ? 'every fetch rendered (--cold, FEED_CACHE_MB=0)' : `rendered feeds kept in memory while nothing changed (FEED_CACHE_MB ${process.env.FEED_CACHE_MB ?? 'default'})`),
);
let cluster: Stack['cluster'] | undefined;
let server: ServerProcess | undefined;
let kdb: Kysely<Database> | undefined;
let client: pg.Client | undefined;
let exitCode = 0;
try {
  const stack = await startStack('hoptac-bench-calendar-', {
    echo: flag('--echo'),
    onCluster: (c) => {
      cluster = c;
    },
    onServer: (s) => {
      server = s;
    },
  });
  const { url, dbUrl, alive } = stack;
  log(`server ready at ${url}: migrations + demo loaded (${since(t0)})`);

  // ---- seed
  client = new pg.Client(dbUrl);
  client.on('error', () => {}); // the cluster stopping at the end must not crash the run
  await client.connect();
  const ts = performance.now();
  const seeded = await seedActivityInstitution(client, COUNTS, (l) => log(`  ${l}`));
  const { home, today } = seeded;
  await vacuumAnalyze(client);
  log(
    `seeded ${n(seeded.agreements.agreements.length)} agreements in force with HUST a party of each, ${n(seeded.activities.activities)} activities ` +
      `(done ${n(seeded.activities.done)}, planned ${n(seeded.activities.planned)}, cancelled ${n(seeded.activities.cancelled)}), ` +
      `${n(seeded.activities.participants)} participants; VACUUM ANALYZE; ${since(ts)}; platform day ${today}`,
  );

  // ---- the busy user: point of contact of an area in 40 agreements, participant of 1,500 other activities
  const from = addDays(today, -FEED_DAYS_BACK);
  const to = addDays(today, FEED_DAYS_AHEAD);
  const busy = await client.query<{ contacts: number; participations: number }>(
    `WITH me AS (SELECT u.id, u.person_id, u.institution_id FROM users u WHERE u.email = $1),
     areas AS (SELECT DISTINCT ON (ar.agreement_id) ar.agreement_id, ar.area_key AS key FROM agreement_areas ar
               JOIN agreement_parties p ON p.agreement_id = ar.agreement_id AND p.institution_id = (SELECT institution_id FROM me)
               ORDER BY ar.agreement_id, ar.area_key LIMIT 40),
     contacts AS (INSERT INTO agreement_contacts (agreement_id, area_key, institution_id, person_id)
                  SELECT a.agreement_id, a.key, me.institution_id, me.person_id FROM areas a, me
                  ON CONFLICT (agreement_id, area_key, institution_id) DO UPDATE SET person_id = EXCLUDED.person_id RETURNING 1),
     picked AS (SELECT a.id FROM activities a JOIN agreement_parties p ON p.agreement_id = a.agreement_id AND p.institution_id = (SELECT institution_id FROM me)
                WHERE a.status IN ('planned', 'done') AND a.start_date <= $3::date AND a.end_date >= $2::date
                  AND NOT EXISTS (SELECT 1 FROM areas x WHERE x.agreement_id = a.agreement_id AND x.key = a.area_key)
                ORDER BY md5(a.id::text) LIMIT 1500),
     joined AS (INSERT INTO activity_participants (activity_id, person_id, institution_id, role)
                SELECT picked.id, me.person_id, me.institution_id, 'staff' FROM picked, me ON CONFLICT DO NOTHING RETURNING 1)
     SELECT (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM joined) AS participations`,
    [OFFICER.email, from, to],
  );
  log(`busy user: point of contact of ${n(busy.rows[0].contacts)} areas, participant of ${n(busy.rows[0].participations)} more activities in the window`);

  // ---- what the busy user's feed holds: the window, and the records in it, counted in SQL
  const expected = (
    await client.query<{ agreements: number; activities: number; mine: number; planned: number; done: number; delegations: number }>(
      `SELECT (SELECT count(*)::int FROM agreement_parties WHERE institution_id = $1) AS agreements,
              count(*) FILTER (WHERE a.created_by = u.id OR EXISTS (SELECT 1 FROM activity_participants ap WHERE ap.activity_id = a.id AND ap.person_id = u.person_id)
                OR EXISTS (SELECT 1 FROM agreement_contacts c WHERE c.agreement_id = a.agreement_id AND c.area_key = a.area_key AND c.person_id = u.person_id))::int AS mine,
              count(*)::int AS activities, count(*) FILTER (WHERE a.status = 'planned')::int AS planned, count(*) FILTER (WHERE a.status = 'done')::int AS done,
              (SELECT count(*)::int FROM delegations d WHERE d.status IN ('submitted', 'approved', 'done') AND d.start_date <= $3::date AND d.end_date >= $2::date
                 AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = d.agreement_id AND p.institution_id = $1)) AS delegations
       FROM activities a, (SELECT id, person_id FROM users WHERE email = $4) u
       WHERE a.status IN ('planned', 'done') AND a.start_date <= $3::date AND a.end_date >= $2::date
         AND EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.agreement_id AND p.institution_id = $1)`,
      [home, from, to, OFFICER.email],
    )
  ).rows[0];
  log(
    `the feed's window: ${from} … ${to} (${FEED_DAYS_BACK} days back, ${FEED_DAYS_AHEAD} ahead); HUST a party of ${n(expected.agreements)} agreements; ` +
      `in the window: ${n(expected.activities)} activities (planned ${n(expected.planned)}, done ${n(expected.done)}) and ${n(expected.delegations)} delegations ` +
      `under HUST's agreements (SQL; an officer of a party reads all of them), ${n(expected.mine)} of the activities the officer's own`,
  );

  // ---- the feed URL, made through the API as the user does
  const session = await loginOfficer(url);
  const made = await fetch(`${url}/api/v1/me/calendar-feed`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    signal: AbortSignal.timeout(10_000),
  });
  const madeBody = (await made.json()) as { url: string; createdAt: string };
  if (made.status !== 201) throw new Error(`POST /api/v1/me/calendar-feed: HTTP ${made.status} ${JSON.stringify(madeBody)}`);
  const feedPath = new URL(madeBody.url).pathname; // the URL names the public address; the benchmark asks its own server
  log(`feed URL made by POST /api/v1/me/calendar-feed → 201: ${madeBody.url.replace(/feed\/[^/]+\.ics$/, 'feed/<secret>.ics')}`);

  // ---- one fetch, checked
  const tf = performance.now();
  const first = await fetch(`${url}${feedPath}`, { signal: AbortSignal.timeout(120_000) });
  const text = await first.text();
  const firstMs = performance.now() - tf;
  if (first.status !== 200) throw new Error(`GET feed: HTTP ${first.status} ${text.slice(0, 300)}`);
  const bytes = Buffer.byteLength(text, 'utf8');
  const check = checkIcs(text);
  const tp = performance.now();
  const parsed = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === 'VEVENT');
  const parseMs = performance.now() - tp;
  // GET /api/v1/calendar answers at most CALENDAR_MAX_DAYS days per request: the window in two halves, events by id.
  const listedById = new Map<string, { type: string }>();
  const middle = addDays(from, CALENDAR_MAX_DAYS);
  for (const [f, t] of [[from, middle], [addDays(middle, 1), to]]) {
    const res = await fetch(`${url}/api/v1/calendar?from=${f}&to=${t}`, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(120_000) });
    const body = (await res.json()) as { items: { id: string; type: string }[] };
    if (res.status !== 200) throw new Error(`GET /api/v1/calendar?from=${f}&to=${t}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    for (const e of body.items) listedById.set(e.id, e);
  }
  const listed = [...listedById.values()];
  const listedActivities = listed.filter((e) => e.type === 'activity').length;
  const listedDelegations = listed.filter((e) => e.type === 'delegation').length;
  log(
    `feed: HTTP 200, ${first.headers.get('content-type')}, ${kb(bytes)} (${n(bytes)} bytes, ${n(check.lines)} lines), ${n(check.events)} VEVENTs ` +
      `(${n(check.begins)} BEGIN / ${n(check.ends)} END, ${n(check.uids)} distinct UIDs), ${Math.round(bytes / Math.max(1, check.events))} bytes per event; ` +
      `first fetch ${ms(firstMs)}; node-ical parsed ${n(parsed.length)} events in ${ms(parseMs)}; ` +
      `GET /api/v1/calendar over the same range: ${n(listed.length)} events (${n(listedActivities)} activities, ${n(listedDelegations)} delegations)`,
  );
  // The page lists every readable record; the feed the officer's own (the demo's delegations are not the officer's).
  const feedActivities = parsed.filter((e) => String((e as { uid?: string }).uid).startsWith('activity:')).length;
  const sameCount = check.events === parsed.length && feedActivities === expected.mine && listedActivities === expected.activities && listedDelegations === expected.delegations;
  log(
    `feed check: RFC 5545 structure PASS (VCALENDAR, VERSION, PRODID, VEVENT pairs with UID, DTSTAMP, DTSTART, DTEND, SUMMARY, unique UIDs); ` +
      `last line ends with CRLF: ${check.endsWithCrlf ? 'yes' : 'NO'}; lines over 75 octets: ${n(check.longLines)} of ${n(check.lines)} (longest ${check.longest})`,
  );
  log(`feed check: events feed = node-ical, feed activities = the officer's own in SQL (${n(feedActivities)}), /calendar = every readable in SQL: ${sameCount ? 'PASS' : 'FAIL'}`);
  if (!sameCount) exitCode = 1;

  // ---- load
  const postmasterPid = postmasterPidOf(join(stack.root, 'cluster'));
  const serverPid = stack.server.child.pid ?? 0;
  const rows: (string | number)[][] = [];
  const results = new Map<number, { health: LoadResult; feed: LoadResult }>();
  const verdict = (p95: number) => (p95 < FEED_P95_MS ? 'PASS' : 'FAIL');
  let feedBytes = 0;
  for (const c of CONCURRENCY) {
    log(`\nconcurrency ${c}: /healthz …`);
    const h = await withCpu(serverPid, postmasterPid, () =>
      runLoad({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: Math.max(WARMUP, 50), requests: Math.max(REQUESTS, 500), maxSeconds: 60 }),
    );
    alive();
    log(`concurrency ${c}: feed …`);
    const f = await withCpu(serverPid, postmasterPid, () =>
      runLoad({
        baseUrl: url,
        next: () => ({ label: 'feed', path: feedPath }),
        // As calendar applications ask (Google Calendar, Apple Calendar, Outlook accept gzip); --identity: plain.
        headers: IDENTITY ? {} : { 'accept-encoding': 'gzip' },
        concurrency: c,
        warmup: WARMUP,
        requests: REQUESTS,
        maxSeconds: 600,
        timeoutMs: 120_000,
        onBody: (_, body) => {
          feedBytes = Math.max(feedBytes, body.length);
        },
      }),
    );
    alive();
    results.set(c, { health: h.result, feed: f.result });
    for (const [name, r, cpu, warm, target] of [
      ['GET /healthz (SELECT 1)', h.result, h.cpu, Math.max(WARMUP, 50), false],
      ['GET /api/v1/calendar/feed/<secret>.ics', f.result, f.cpu, WARMUP, true],
    ] as const) {
      if (r.errors) log(`  ${name}: ${r.errors} error(s), first: ${r.firstError}`);
      if (r.truncated) log(`  ${name}: stopped at the time limit after ${r.completed} requests`);
      const o = r.overall;
      const per = cpuPerRequest(cpu, r.completed + warm + r.errors, postmasterPid > 0 && serverPid > 0);
      rows.push([name, c, r.completed, r.errors, ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max), r.rps.toFixed(r.rps >= 10 ? 0 : 1), per, target ? `< ${FEED_P95_MS} ms: ${verdict(o.p95)}` : '']);
      if (target && (r.errors || r.truncated || o.p95 >= FEED_P95_MS)) exitCode = Math.max(exitCode, 1);
    }
  }
  log(`\nresults (${new Date().toISOString().slice(0, 10)}, load average ${loadAvg()}):`);
  log(table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'CPU ms/req: server · pg · load gen', 'target'], rows));
  log('');
  for (const [c, r] of results) {
    const h = r.health.overall;
    const f = r.feed.overall;
    log(
      `iCalendar feed p95 ${ms(f.p95)} (p50 ${ms(f.p50)}, max ${ms(f.max)}) vs baseline (GET /healthz, SELECT 1) p95 ${ms(h.p95)} (p50 ${ms(h.p50)}) — ` +
        `${n(check.events)} VEVENTs, ${kb(bytes)}${IDENTITY ? '' : ` (${kb(feedBytes)} gzipped)`}; ${n(expected.agreements)} agreements / ${n(seeded.activities.activities)} activities, ` +
        `${c} connection${c > 1 ? 's' : ''}, loopback; < ${FEED_P95_MS} ms: ${verdict(f.p95)}`,
    );
  }

  // ---- the feed's work, statement by statement, as the server's code runs it
  if (EXPLAIN) {
    const officer = (await client.query<{ id: string; institution_id: string; roles: Role[]; language: string }>('SELECT id, institution_id, roles, language FROM users WHERE email = $1', [OFFICER.email])).rows[0];
    let captured: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
    kdb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 1 }) }),
      log: (e) => {
        if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
      },
    });
    for (const m of MODULES) if (m.calendar) registerCalendarSource(m.name, m.calendar);
    const deps = { db: kdb as unknown as Db, clock: { now: () => new Date() }, config: { publicUrl: 'https://hoptac.example' } } as unknown as AppDeps;
    const ctx: RequestContext = {
      actor: { kind: 'user', userId: officer.id, tokenId: null, institutionId: officer.institution_id, roles: officer.roles, scopes: null, label: OFFICER.email },
      lang: officer.language as RequestContext['lang'],
      requestId: 'bench',
      ip: '127.0.0.1',
    };
    const secret = feedPath.replace(/^.*\/feed\//, '').replace(/\.ics$/, '');
    const best = async (run: () => Promise<unknown>) => {
      let b = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        captured = [];
        const t = performance.now();
        await run();
        b = Math.min(b, performance.now() - t);
      }
      return b;
    };
    const listMs = await best(() => listCalendar(deps, ctx, { from, to }));
    const feedMs = await best(() => feedCalendar(deps, { requestId: 'bench', ip: '127.0.0.1' }, secret));
    const statements = captured;
    const timed: { i: number; sql: string; parameters: readonly unknown[]; ms: number; rows: number }[] = [];
    for (const [i, s] of statements.entries()) {
      let bq = Number.POSITIVE_INFINITY;
      let rowsN = 0;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        const r = await client.query(s.sql, s.parameters as unknown[]);
        bq = Math.min(bq, performance.now() - t);
        rowsN = r.rowCount ?? 0;
      }
      timed.push({ i: i + 1, sql: s.sql, parameters: s.parameters, ms: bq, rows: rowsN });
    }
    const sqlMs = timed.reduce((s, x) => s + x.ms, 0);
    log(
      `\nfeedCalendar in this process (${HOME} officer, best of 3): ${ms(feedMs)} in all — the events (listCalendar alone) ${ms(listMs)}, ` +
        `so the iCalendar text ${ms(feedMs - listMs)}; ${statements.length} statements, ${ms(sqlMs)} alone (their sum, best of 3 each):`,
    );
    log(table(['#', 'alone (best of 3)', 'rows', 'statement'], timed.map((x) => [x.i, ms(x.ms), x.rows, x.sql.replace(/\s+/g, ' ').slice(0, 120)])));
    const slowest = [...timed].sort((a, b) => b.ms - a.ms)[0];
    if (slowest) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`, slowest.parameters as unknown[]);
      const shown = JSON.stringify(slowest.parameters, (k, v) => (k !== '' && Array.isArray(v) && v.length > 6 ? [...v.slice(0, 3), `… ${v.length} in all`] : v));
      log(`\nEXPLAIN (ANALYZE, BUFFERS) — statement #${slowest.i} (${ms(slowest.ms)} alone):`);
      log(`-- ${slowest.sql.replace(/\s+/g, ' ').replace(/(\$\d+, ){6,}/, (m) => `${m.split(', ').slice(0, 3).join(', ')}, … `)}`);
      log(`-- parameters: ${shown}`);
      for (const row of plan.rows) {
        const line = String(row['QUERY PLAN']);
        log(line.length > 400 ? `${line.slice(0, 400)}… (${n(line.length)} characters)` : line);
      }
    }
    // The activities statement (activities/repository.ts calendarActivities) as the server runs it, beside the same
    // rows without the join to agreements (each row carries its agreement's two titles, ~40% of the bytes) and
    // without ORDER BY (listCalendar sorts every source's events again), plus one query of the titles: best of 3,
    // rows read into this process as the server reads them.
    const acts = timed.find((x) => /from "activities" as "a" inner join "agreements"/i.test(x.sql));
    if (acts) {
      const ids = acts.parameters.filter((p) => typeof p === 'string' && /^[0-9a-f-]{36}$/.test(p)) as string[];
      const variant = async () => {
        const r = await client!.query(
          `SELECT a.id, a.agreement_id, a.kind, a.status, a.title_vi, a.title_en, a.start_date, a.end_date, a.place, a.online FROM activities a
           WHERE a.agreement_id = ANY($1::uuid[]) AND a.status IN ('planned', 'done') AND a.start_date <= $2 AND a.end_date >= $3`,
          [ids, to, from],
        );
        const t = await client!.query('SELECT id, title_vi, title_en FROM agreements WHERE id = ANY($1::uuid[])', [ids]);
        return (r.rowCount ?? 0) + (t.rowCount ?? 0) * 0;
      };
      let bv = Number.POSITIVE_INFINITY;
      let bytesAsIs = 0;
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        await variant();
        bv = Math.min(bv, performance.now() - t);
      }
      const size = await client.query<{ as_is: string; without: string }>(
        `SELECT sum(octet_length(a.id::text) + octet_length(a.title_vi) + octet_length(a.title_en) + octet_length(a.place) + octet_length(ag.title_vi) + octet_length(ag.title_en))::text AS as_is,
                sum(octet_length(a.id::text) + octet_length(a.title_vi) + octet_length(a.title_en) + octet_length(a.place))::text AS without
         FROM activities a JOIN agreements ag ON ag.id = a.agreement_id
         WHERE a.agreement_id = ANY($1::uuid[]) AND a.status IN ('planned', 'done') AND a.start_date <= $2 AND a.end_date >= $3`,
        [ids, to, from],
      );
      bytesAsIs = Number(size.rows[0].as_is);
      log(
        `\nactivities statement #${acts.i}: as the server runs it ${ms(acts.ms)} (${n(acts.rows)} rows); without the join and ORDER BY, plus the ` +
          `${n(ids.length)} agreements' titles: ${ms(bv)} (text columns ${kb(bytesAsIs)} → ${kb(Number(size.rows[0].without))})`,
      );
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(`\nserver output:\n${server.output().slice(-4000)}`);
  exitCode = 2;
} finally {
  await kdb?.destroy();
  await client?.end().catch(() => {});
  const code = await server?.stop();
  if (server && code !== 0) log(`note: hoptac serve exited with ${code} after SIGINT (expected 0)`);
  await cluster?.stop();
  log(`\ndone in ${since(t0)}`);
}
process.exit(exitCode);
