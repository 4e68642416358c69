// Reliability, part "Load" (issue 12, item 2): a busy day's mix on loopback, bounded in time and request count.
//
//   npx tsx reliability/load.ts [--duration 300] [--connections 8] [--max-requests 2000000] [--quick] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own (startEmbeddedPostgres) on a temporary directory and runs
//    `hoptac serve` against it as a child process (bench/lib/server.ts; DATABASE_URL, HOPTAC_DEMO=1: migrations +
//    the demo consortium);
// 2. signs in as five demo users of two institutions and finds, through the API, what each sees: agreements,
//    those under which it may record activities (active, the caller a recorder of a party), its institution;
// 3. single process: `--connections` virtual users (each with its own cookie session, the users in turn) run the
//    mix in a closed loop for `--duration` seconds after a warm-up — sign-ins (the old session signed out and
//    checked dead), /me, agreement lists (filters, search, sorts), agreement pages, an agreement's activities,
//    people and institution search, dashboards, notifications, activity writes (POST, CSRF header) each read back;
//    any answer other than the one expected is an error (must be 0). The app's RSS is sampled every 5 s from /proc;
//    "flat" = the last minute's average within 15% of the second minute's. After the run, the activities written
//    are counted in the database: exactly the writes acknowledged (201), none lost, none doubled;
// 4. two processes on the one database: a second `hoptac serve` with HOPTAC_JOBS=0 (HTTP only) and the shared
//    FILES_DIR; checked explicitly first — a session started on one works on the other, a write on one is read and
//    listed on the other, an edit on one is seen on the other, a sign-out on one ends the session on the other,
//    failed sign-ins counted on both reach the one limit — then the same load with every request sent to the
//    processes in turn (round robin: a step's sign-in, write and read-back land on different processes);
// 5. prints throughput, p50/p95/p99 per request kind and overall, errors, RSS samples, PASS/FAIL.
//
// `--quick` (check:reliability --quick): 30 s per scenario. Runs as part of `npm run check:reliability` (run()).
import { chmodSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { arg, flag } from '../bench/lib/args.ts';
import { removeOnExit, type ServerProcess, spawnServer, waitReady } from '../bench/lib/server.ts';
import { ms, table } from '../bench/lib/stats.ts';
import {
  closeAgents,
  login,
  mustLogin,
  readHeaders,
  request,
  type Answer,
  type Session,
  writeHeaders,
} from './lib/load-client.ts';
import { judgeFlat, type RssSample, rssSeries, sampleRss, servingPid } from './lib/load-memory.ts';
import { pick, type RunResult, runClosedLoop, type Sample, weighted } from './lib/load-runner.ts';
import type { PartOptions, PartResult } from './lib/part.ts';
import { activityBody, discover, type UserWorld, YEAR } from './lib/load-world.ts';

export interface LoadOptions extends Partial<PartOptions> {
  quick?: boolean;
  /** Seconds of measured load per scenario (default 300; 30 with quick). */
  durationSec?: number;
  connections?: number;
  maxRequests?: number;
}

const USERS = [
  'officer@hust.demo.hoptac.vn',
  'officer@hmu.demo.hoptac.vn',
  'coordinator@hust.demo.hoptac.vn',
  'admin@hmu.demo.hoptac.vn',
  'lecturer@hust.demo.hoptac.vn',
];
/** Weights of a busy day's requests (per step of a virtual user). */
const MIX = {
  login: 3,
  me: 10,
  'agreement list': 18,
  'agreement page': 18,
  'agreement activities': 7,
  'people search': 10,
  'institution search': 6,
  dashboard: 8,
  notifications: 6,
  'activity write': 6,
};
type Kind = keyof typeof MIX;
const PEOPLE_QUERIES = ['nguyen', 'tran', 'le', 'minh', 'hoa', 'pham', 'y hoc', 'co khi', 'ky thuat', 'tri tue', 'duoc', 'ngoc'];
const INSTITUTION_QUERIES = ['dai hoc', 'bach khoa', 'benh vien', 'y ha noi', 'vin', 'quoc gia', 'su pham', 'hust'];
const LIST_VARIANTS = [
  'limit=20',
  'limit=20&status=active',
  'limit=20&sort=end',
  'limit=20&sort=title',
  'limit=50&q=hop tac',
  'limit=20&q=dao tao',
  'limit=20&areaKind=research',
  'limit=20&expiringWithinDays=180',
];

interface VirtualUser {
  world: UserWorld;
  session: Session;
}

const sampleOf = (label: string, a: Answer, expect: number, what: string): Sample => ({
  label,
  ms: a.ms,
  status: a.status,
  ok: a.status === expect,
  detail: a.status === expect ? undefined : `${what} → ${a.status || a.error}: ${a.body.slice(0, 200)}`,
});

interface Scenario {
  name: string;
  bases: string[];
  tag: string;
}

function makeStep(s: Scenario, counters: { rr: number; written: string[]; writes: number }) {
  const next = () => s.bases[counters.rr++ % s.bases.length];
  return async (vu: VirtualUser, rnd: () => number): Promise<Sample[]> => {
    let kind: Kind = weighted(MIX, rnd);
    const w = vu.world;
    if (kind === 'activity write' && w.recordable.length === 0) kind = 'agreement page';
    if (kind === 'dashboard' && !w.dashboard) kind = 'agreement list';
    if (kind === 'agreement activities' && w.partyAgreements.length === 0) kind = 'agreement page';
    const h = readHeaders(vu.session);
    const get = async (label: string, path: string) => sampleOf(label, await request(next(), path, { headers: h }), 200, `GET ${path} as ${w.email}`);
    switch (kind) {
      case 'login': {
        const { answer, session } = await login(next(), w.email);
        const out = [sampleOf('login', answer, 200, `POST /api/v1/auth/login ${w.email}`)];
        if (!session) return out;
        const old = vu.session;
        vu.session = session;
        const bye = await request(next(), '/api/v1/auth/logout', { method: 'POST', headers: { cookie: old.cookie, 'x-csrf-token': old.csrf } });
        out.push(sampleOf('logout', bye, 200, `POST /api/v1/auth/logout ${w.email}`));
        const dead = await request(next(), '/api/v1/me', { headers: readHeaders(old) });
        out.push(sampleOf('me (signed out: 401)', dead, 401, `GET /api/v1/me with a signed-out session ${w.email}`));
        return out;
      }
      case 'me':
        return [await get('me', '/api/v1/me')];
      case 'agreement list':
        return [await get('agreement list', `/api/v1/agreements?${pick(LIST_VARIANTS, rnd)}`)];
      case 'agreement page':
        return [await get('agreement page', `/api/v1/agreements/${pick(w.agreements, rnd)}`)];
      case 'agreement activities':
        return [await get('agreement activities', `/api/v1/agreements/${pick(w.partyAgreements, rnd)}/activities?limit=20`)];
      case 'people search':
        return [await get('people search', `/api/v1/people?q=${encodeURIComponent(pick(PEOPLE_QUERIES, rnd))}&limit=20`)];
      case 'institution search':
        return [await get('institution search', `/api/v1/institutions?q=${encodeURIComponent(pick(INSTITUTION_QUERIES, rnd))}&limit=20`)];
      case 'dashboard':
        return [await get('dashboard', `/api/v1/institutions/${w.institutionId}/dashboard?year=${YEAR}`)];
      case 'notifications':
        return [await get('notifications', '/api/v1/notifications?limit=20')];
      case 'activity write': {
        const r = pick(w.recordable, rnd);
        const n = ++counters.writes;
        const path = `/api/v1/agreements/${r.agreementId}/activities`;
        const a = await request(next(), path, { method: 'POST', headers: writeHeaders(vu.session), body: JSON.stringify(activityBody(w, r, rnd, s.tag, n)) });
        const out = [sampleOf('activity write', a, 201, `POST ${path} as ${w.email}`)];
        if (a.status !== 201) return out;
        const id = JSON.parse(a.body).items[0].id as string;
        counters.written.push(id);
        // Read back at once, from the next process in turn when there are two.
        out.push(await get('activity read-back', `/api/v1/activities/${id}`));
        return out;
      }
    }
  };
}

/** Explicit checks that nothing assumes a single process (two processes on one database). */
async function crossProcessChecks(a: string, b: string, world: UserWorld, tag: string): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const check = (what: string, pass: boolean, detail = '') => {
    lines.push(`  ${pass ? 'PASS' : 'FAIL'}  ${what}${detail ? ` — ${detail}` : ''}`);
    if (!pass) ok = false;
  };
  const s = await mustLogin(a, world.email);
  const meB = await request(b, '/api/v1/me', { headers: readHeaders(s) });
  check('a session started on process 1 works on process 2 (GET /me)', meB.status === 200 && JSON.parse(meB.body).user.id === s.userId, `HTTP ${meB.status}`);
  const r = world.recordable[0];
  const body = { ...activityBody(world, r, () => 0.5, `${tag} cross-process`, 1), titleEn: `${tag} cross-process write` };
  const created = await request(b, `/api/v1/agreements/${r.agreementId}/activities`, { method: 'POST', headers: writeHeaders(s), body: JSON.stringify(body) });
  check('a write on process 2 with the CSRF token process 1 issued (POST activity)', created.status === 201, `HTTP ${created.status}`);
  if (created.status === 201) {
    const id = JSON.parse(created.body).items[0].id as string;
    const readA = await request(a, `/api/v1/activities/${id}`, { headers: readHeaders(s) });
    const viewA = readA.status === 200 ? JSON.parse(readA.body) : undefined;
    check('… is read on process 1 at once, as written', viewA?.titleEn === body.titleEn && viewA?.startDate === body.startDate, `HTTP ${readA.status}`);
    const listA = await request(a, `/api/v1/agreements/${r.agreementId}/activities?q=${encodeURIComponent(`${tag} cross-process write`)}&limit=5`, { headers: readHeaders(s) });
    const found = listA.status === 200 ? JSON.parse(listA.body).items.some((x: { id: string }) => x.id === id) : false;
    check('… and listed on process 1 (search of the agreement’s activities)', found, `HTTP ${listA.status}`);
    if (viewA) {
      const patched = await request(a, `/api/v1/activities/${id}`, {
        method: 'PATCH',
        headers: writeHeaders(s),
        body: JSON.stringify({ version: viewA.version, titleEn: `${tag} cross-process edit` }),
      });
      const readB = await request(b, `/api/v1/activities/${id}`, { headers: readHeaders(s) });
      const viewB = readB.status === 200 ? JSON.parse(readB.body) : undefined;
      check(
        'an edit on process 1 is seen on process 2 (title and version)',
        patched.status === 200 && viewB?.titleEn === `${tag} cross-process edit` && viewB?.version === viewA.version + 1,
        `PATCH ${patched.status}, GET ${readB.status}, version ${viewA.version} → ${viewB?.version}`,
      );
      const stale = await request(b, `/api/v1/activities/${id}`, {
        method: 'PATCH',
        headers: writeHeaders(s),
        body: JSON.stringify({ version: viewA.version, titleEn: 'stale' }),
      });
      check('an edit on process 2 based on the version read before process 1’s edit is refused (409)', stale.status === 409, `HTTP ${stale.status}`);
    }
  }
  const bye = await request(b, '/api/v1/auth/logout', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
  const meA = await request(a, '/api/v1/me', { headers: readHeaders(s) });
  check('a sign-out on process 2 ends the session on process 1 (401)', bye.status === 200 && meA.status === 401, `logout ${bye.status}, /me ${meA.status}`);
  // Failed sign-ins for one e-mail, alternately on each process: the limit (LOGIN_MAX_FAILURES, 5) is one count.
  const email = `nobody-${tag.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.test`;
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? b : a, email, 'wrong-password')).answer.status);
  check(
    'failed sign-ins counted on both processes reach one limit (5 × 401, then 429)',
    statuses.slice(0, 5).every((x) => x === 401) && statuses[5] === 429,
    statuses.join(' '),
  );
  return { ok, lines };
}

async function countWritten(dbUrl: string, tag: string): Promise<number> {
  const c = new pg.Client(dbUrl);
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE title_en LIKE $1`, [`${tag} activity %`]);
    return rows[0].n;
  } finally {
    await c.end();
  }
}

function report(r: RunResult, windowSec: number, log: (l: string) => void) {
  const rows: (string | number)[][] = [...r.byLabel].map(([label, s]) => [
    label,
    s.n,
    r.errorsByLabel.get(label)?.count ?? 0,
    ms(s.p50),
    ms(s.p95),
    ms(s.p99),
    ms(s.max),
    (s.n / r.seconds).toFixed(1),
  ]);
  for (const [label, e] of r.errorsByLabel) if (!r.byLabel.has(label)) rows.push([label, 0, e.count, '–', '–', '–', '–', '0']);
  rows.push(['overall', r.overall.n, r.errors, ms(r.overall.p50), ms(r.overall.p95), ms(r.overall.p99), ms(r.overall.max), r.rps.toFixed(1)]);
  log(table(['request', 'n', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s'], rows));
  log(`throughput per ${windowSec} s window (req/s): ${r.windows.map((x) => x.toFixed(0)).join(' ')}`);
  for (const [label, e] of r.errorsByLabel) log(`errors of ${label}: ${e.count}; e.g. ${e.examples.join(' | ')}`);
}

export async function run(opts: LoadOptions = {}): Promise<PartResult> {
  // Called by reliability/run.ts (argv given: it prints the report lines after the part; progress goes to log) or alone.
  const argv = opts.argv ?? [];
  const argOf = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : undefined;
  };
  const quick = opts.quick ?? argv.includes('--quick');
  const durationSec = opts.durationSec ?? argOf('--duration') ?? (quick ? 30 : 300);
  const connections = opts.connections ?? argOf('--connections') ?? 8;
  const maxRequests = opts.maxRequests ?? argOf('--max-requests') ?? 2_000_000;
  const warmupSec = quick ? 3 : 10;
  const inRunner = opts.argv !== undefined;
  const started = performance.now();
  const emit = opts.log ?? ((l: string) => console.log(l));
  const log = (l: string) => emit(inRunner ? `  [load ${((performance.now() - started) / 1000).toFixed(0)} s] ${l}` : l);
  const lines: string[] = [];
  /** A line of the report; `progress` also shows it while running under run.ts. */
  const say = (l: string, progress = false) => {
    lines.push(l);
    if (!inRunner || progress) log(l.replace(/^\n/, ''));
  };
  let ok = true;
  const fail = (why: string) => {
    ok = false;
    say(`FAIL: ${why}`, true);
  };
  const t0 = performance.now();
  say(
    `load: ${durationSec} s per scenario after ${warmupSec} s warm-up, ${connections} connections, at most ${maxRequests} requests; ` +
      `node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
  const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-reliability-load-')));
  chmodSync(root, 0o755);
  const cluster = await startEmbeddedPostgres({ dataDir: join(root, 'cluster') });
  const servers: ServerProcess[] = [];
  try {
    const admin = new pg.Client(cluster.url());
    await admin.connect();
    await admin.query('CREATE DATABASE hoptac');
    await admin.end();
    const dbUrl = cluster.url('hoptac');
    const filesDir = join(root, 'files');
    const appEnv = { DATABASE_URL: dbUrl, FILES_DIR: filesDir, LOG_LEVEL: 'warn' };
    const a = spawnServer({ ...appEnv, DATA_DIR: join(root, 'app1'), HOPTAC_DEMO: '1' }, { echo: opts.echo });
    servers.push(a);
    const urlA = (await waitReady(a, 180_000)).url;
    const pidA = servingPid(a.child.pid ?? 0);
    say(`process 1 serving ${urlA} (pid ${pidA}), demo loaded (${((performance.now() - t0) / 1000).toFixed(1)} s)`, true);

    const worlds: UserWorld[] = [];
    for (const email of USERS) worlds.push(await discover(urlA, await mustLogin(urlA, email)));
    for (const w of worlds) {
      say(
        `  ${w.email}: sees ${w.agreements.length} agreements (${w.partyAgreements.length} whole), records under ${w.recordable.length} ` +
          `(${w.recordable.reduce((n, r) => n + r.areaKeys.length, 0)} areas), ${w.people.length} people of its institution, dashboard ${w.dashboard ? 'yes' : 'no'}`,
      );
    }
    if (!worlds.some((w) => w.recordable.length > 0)) throw new Error('no demo user may record an activity: the write mix would be empty');

    const runScenario = async (s: Scenario, pids: number[]) => {
      say(`\n${s.name}: ${s.bases.length} process${s.bases.length > 1 ? 'es (requests in turn)' : ''}, ${durationSec} s`, true);
      const users: VirtualUser[] = [];
      for (let i = 0; i < connections; i++) {
        const world = worlds[i % worlds.length];
        users.push({ world, session: await mustLogin(s.bases[i % s.bases.length], world.email) });
      }
      const counters = { rr: 0, written: [] as string[], writes: 0 };
      const rss = pids.map((pid) => sampleRss(pid, 5));
      let gone: string | undefined;
      for (const srv of servers) srv.child.once('exit', (code, sig) => (gone ??= `an app process exited during the load (code ${code}, signal ${sig})`));
      const windowSec = durationSec >= 120 ? 30 : Math.max(5, Math.floor(durationSec / 3));
      const result = await runClosedLoop({
        users,
        step: makeStep(s, counters),
        durationSec,
        warmupSec,
        maxRequests,
        windowSec,
        abort: () => gone,
      });
      const samples: RssSample[][] = rss.map((r) => r.stop());
      const captured: string[] = [];
      report(result, windowSec, (l) => {
        captured.push(l);
        if (!inRunner) log(l);
      });
      lines.push(...captured);
      if (result.stoppedBy) fail(result.stoppedBy);
      if (result.errors > 0) fail(`${s.name}: ${result.errors} requests answered other than expected`);
      const stored = await countWritten(dbUrl, s.tag);
      const acked = counters.written.length;
      const exact = stored === acked;
      say(`activity writes acknowledged (201): ${acked}; in the database: ${stored} — ${exact ? 'PASS (none lost, none doubled)' : 'FAIL'}`);
      if (!exact) ok = false;
      samples.forEach((smp, i) => {
        // The memory windows are counted from the start of sampling, which began with the warm-up.
        const v = judgeFlat(smp, durationSec + warmupSec);
        say(`process ${i + 1} ${v.line}`);
        say(`  RSS every 30 s (MiB): ${rssSeries(smp, 30)}`);
        if (!v.ok) ok = false;
      });
      say(
        `${s.name}: ${result.rps.toFixed(1)} req/s over ${result.seconds.toFixed(0)} s, p50 ${ms(result.overall.p50)}, p95 ${ms(result.overall.p95)}, ` +
          `p99 ${ms(result.overall.p99)}, ${result.completed} requests measured (${result.sent} sent), errors ${result.errors}`,
        true,
      );
      return result;
    };

    const single = await runScenario({ name: 'single process', bases: [urlA], tag: 'LoadA' }, pidA ? [pidA] : []);

    const b = spawnServer({ ...appEnv, DATA_DIR: join(root, 'app2'), HOPTAC_DEMO: '0', HOPTAC_JOBS: '0' }, { echo: opts.echo });
    servers.push(b);
    const urlB = (await waitReady(b, 180_000)).url;
    const pidB = servingPid(b.child.pid ?? 0);
    say(`\nprocess 2 serving ${urlB} (pid ${pidB}), HOPTAC_JOBS=0, same DATABASE_URL and FILES_DIR`, true);
    const writer = worlds.find((w) => w.recordable.length > 0) as UserWorld;
    const cross = await crossProcessChecks(urlA, urlB, writer, 'LoadX');
    for (const l of cross.lines) say(l);
    if (!cross.ok) ok = false;
    const dual = await runScenario({ name: 'two processes', bases: [urlA, urlB], tag: 'LoadB' }, [pidA, pidB].filter((p): p is number => !!p));

    say(
      `\nsummary: single process ${single.rps.toFixed(1)} req/s (p95 ${ms(single.overall.p95)}, errors ${single.errors}); ` +
        `two processes ${dual.rps.toFixed(1)} req/s (p95 ${ms(dual.overall.p95)}, errors ${dual.errors}); ` +
        `cross-process checks ${cross.ok ? 'PASS' : 'FAIL'}`,
      true,
    );
  } catch (err) {
    fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
    for (const [i, s] of servers.entries()) say(`process ${i + 1} output (last lines):\n${s.output().slice(-3000)}`);
  } finally {
    closeAgents();
    for (const s of [...servers].reverse()) {
      const code = await s.stop();
      if (code !== 0) say(`note: an app process exited with ${code} after SIGINT`);
    }
    await cluster.stop();
    say(`load ${ok ? 'PASS' : 'FAIL'} (${((performance.now() - t0) / 1000).toFixed(0)} s)`, true);
  }
  return { name: 'load', ok, lines };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const num = (name: string) => (arg(name) === undefined ? undefined : Number(arg(name)));
  const result = await run({
    quick: flag('--quick'),
    durationSec: num('--duration'),
    connections: num('--connections'),
    maxRequests: num('--max-requests'),
    echo: flag('--echo'),
  });
  process.exit(result.ok ? 0 : 1);
}
