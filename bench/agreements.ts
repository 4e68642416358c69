// Agreements benchmark (Agreements issue): with 20,000 agreements, 60,000 parties and 100,000 areas, a filtered,
// sorted list page answers at p95 < 50 ms at the API, and opening an agreement (areas, contacts, approvals
// re-verified by recomputing their hash) at p95 < 30 ms — on loopback, beside GET /healthz (SELECT 1 through
// the same pool) as the baseline, at concurrency 1 and 4 (8 for reference).
//
//   npx tsx bench/agreements.ts [--agreements 20000] [--concurrency 1,4,8] [--requests 2000] [--warmup 200]
//        [--explain | --explain-all] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own (startEmbeddedPostgres) on a temporary directory;
// 2. runs `hoptac serve` as a child process against it (DATABASE_URL, HOPTAC_DEMO=1): migrations + demo;
// 3. adds 64 institutions, units and people (bench/lib/directory-data.ts), then the agreements with their
//    versions, projections and approvals (bench/lib/agreement-data.ts), then VACUUM ANALYZE;
// 4. signs in as the HUST cooperation officer and, for each concurrency, runs the same closed-loop load on
//    /healthz (the baseline), /api/v1/me (baseline + session lookup), a weighted mix of list pages (first
//    pages and the page after, by cursor) and the opening of agreements the officer can see;
// 5. prints latency tables, PASS/FAIL per target, and with --explain the EXPLAIN (ANALYZE, BUFFERS) of the
//    slowest list shape, built by the server's own repository code (listAgreements + readerOf).
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AgreementListQuery } from '../src/contracts/agreements.ts';
import type { Database } from '../src/server/platform/db-schema.ts';
import type { Db } from '../src/server/platform/db.ts';
import type { RequestContext, Role } from '../src/server/platform/context.ts';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { decodeCursor } from '../src/server/platform/pagination.ts';
import { readerOf } from '../src/server/modules/agreements/access.ts';
import { cursorKind, listAgreements } from '../src/server/modules/agreements/repository.ts';
import { todayIn } from '../src/server/modules/agreements/service.ts';
import { EXTRA_INSTITUTIONS, seedAgreements, seedInstitutions, type AgreementInstitution } from './lib/agreement-data.ts';
import { seedDirectory, type SeedInstitution } from './lib/directory-data.ts';
import { arg, bounded, flag, log, since } from './lib/args.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { removeOnExit, spawnServer, waitReady } from './lib/server.ts';
import { ms, prng, summarize, table } from './lib/stats.ts';

const AGREEMENTS = bounded(Number(arg('--agreements') ?? 20_000), 200, 500_000);
const CONCURRENCY = (arg('--concurrency') ?? '1,4,8').split(',').map((c) => bounded(Number(c), 1, 64));
const REQUESTS = bounded(Number(arg('--requests') ?? 2000), 10, 100_000);
const WARMUP = bounded(Number(arg('--warmup') ?? 200), 0, 10_000);
const EXPLAIN = flag('--explain') || flag('--explain-all');
const LIST_P95_MS = 50;
const OPEN_P95_MS = 30;
/** The targets are judged up to this concurrency; higher levels are printed for reference. */
const JUDGED_UP_TO = 4;
const OFFICER = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' };
const HOME = 'HUST';
const HOME_SHARE = 0.05;
/** Units and people added for all institutions: contacts of the areas are people of the party institutions. */
const DIRECTORY = { units: 2000, people: 8000 };
/** Two words typed without diacritics, from the topics and party names in the titles. */
const QUERIES = ['tri tue', 'vi mach', 'bach khoa', 'ung buou', 'khi hau', 'y sinh'];

/** The consortium branch of tenantScope().agreementVisible, as compiled (see --explain). */
const CONSORTIUM_SET =
  /vp\.institution_id IN \(SELECT (\$\d+)::uuid UNION SELECT m2\.institution_id FROM consortium_members m1\s+JOIN consortium_members m2 ON m2\.consortium_id = m1\.consortium_id WHERE m1\.institution_id = (\$\d+)::uuid\)/;
const consortiumSet = (a: string, b: string) =>
  `SELECT ${a}::uuid UNION SELECT m2.institution_id FROM consortium_members m1 JOIN consortium_members m2 ON m2.consortium_id = m1.consortium_id WHERE m1.institution_id = ${b}::uuid`;

const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const n = (x: number) => x.toLocaleString('en');

// ---- the list mix
interface ListShape {
  name: string;
  weight: number;
  /** One or more query strings (without limit/cursor); one is drawn per request. */
  variants: Record<string, string>[];
}
interface ListRequest {
  shape: string;
  page: 1 | 2;
  params: Record<string, string>;
  path: string;
}
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();
const listPath = (params: Record<string, string>, cursor?: string) =>
  `/api/v1/agreements?${qs({ ...params, limit: '50', ...(cursor ? { cursor } : {}) })}`;
const listLabel = (r: ListRequest) => `${r.shape}\u0000${r.page}\u0000${qs(r.params)}`;
const parseLabel = (label: string) => {
  const [shape, page, query] = label.split('\u0000');
  return { shape, page: Number(page) as 1 | 2, query };
};
/** Share of list requests that ask for the page after the first one. */
const SECOND_PAGE_SHARE = 0.35;

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OFFICER),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  if (body.institution?.code !== HOME) throw new Error(`signed in to ${body.institution?.code}, expected ${HOME}`);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

async function getJson(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

// ---- CPU accounting (Linux /proc): where a request's CPU goes — the server's process tree (tsx + node),
// PostgreSQL (postmaster and its backends) and this process (the load generator). Wall-clock latency at 4 and
// 8 connections on 2 shared cores is mostly queueing for CPU; CPU ms per request says which side to make cheaper.
const TICK_MS = 10; // USER_HZ = 100 on Linux
function procStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    // utime, stime (14, 15) and cutime, cstime (16, 17): children already reaped stay counted in their parent
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}
/** The pids of `roots` and of all their descendants. */
function processTree(roots: number[]): number[] {
  if (!existsSync('/proc/self/stat')) return [];
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = procStat(pid);
    if (!st) continue;
    children.set(st.ppid, [...(children.get(st.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = roots.filter((r) => r > 0);
  while (stack.length) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}
const cpuTicks = (pids: number[]) => pids.reduce((sum, pid) => sum + (procStat(pid)?.ticks ?? 0), 0);
interface CpuShare {
  server: number;
  postgres: number;
  generator: number;
}
/** Runs `f` and returns the CPU ms spent by each side (trees re-read after `f`: backends may start during it). */
async function withCpu<T>(serverPid: number, postmasterPid: number, f: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
  const before = { server: cpuTicks(processTree([serverPid])), postgres: cpuTicks(processTree([postmasterPid])), self: process.cpuUsage() };
  const result = await f();
  const self = process.cpuUsage(before.self);
  return {
    result,
    cpu: {
      server: (cpuTicks(processTree([serverPid])) - before.server) * TICK_MS,
      postgres: (cpuTicks(processTree([postmasterPid])) - before.postgres) * TICK_MS,
      generator: (self.user + self.system) / 1000,
    },
  };
}

// ---- main
const t0 = performance.now();
log(
  `hoptac agreements benchmark — ${n(AGREEMENTS)} agreements; concurrency ${CONCURRENCY.join(', ')}; ` +
    `${REQUESTS} requests after ${WARMUP} warm-up per run; node ${process.version}; load average ${loadAvg()}`,
);
const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-bench-agreements-')));
chmodSync(root, 0o755); // as root, the cluster runs as the `postgres` user, which must reach its directory
const cluster = await startEmbeddedPostgres({ dataDir: join(root, 'cluster') });
let server: ReturnType<typeof spawnServer> | undefined;
let kdb: Db | undefined;
let exitCode = 0;
try {
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query('CREATE DATABASE hoptac');
  await admin.end();
  const dbUrl = cluster.url('hoptac');
  log(`cluster up (${since(t0)})`);

  server = spawnServer({ DATABASE_URL: dbUrl, DATA_DIR: join(root, 'app'), HOPTAC_DEMO: '1' }, { echo: flag('--echo') });
  const { url } = await waitReady(server, 120_000);
  let serverGone: string | undefined;
  server.child.on('exit', (code, signal) => {
    serverGone = `hoptac serve exited during the benchmark (code ${code}, signal ${signal})`;
  });
  /** Stops the run at once if the server is gone (killed, crashed), instead of measuring refused connections. */
  const alive = () => {
    if (serverGone) throw new Error(`${serverGone}; its last output:\n${server?.output().slice(-3000)}`);
  };
  log(`server ready at ${url}: migrations + demo loaded (${since(t0)})`);

  // ---- seed
  const client = new pg.Client(dbUrl);
  await client.connect();
  const demoAgreements = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM agreements')).rows[0].n;
  const added = await seedInstitutions(client);
  const insts = await client.query<{ id: string; code: string; kind: string; country: string; name_vi: string; name_en: string }>(
    'SELECT id, code::text, kind, country, name_vi, name_en FROM institutions ORDER BY code',
  );
  const codeOf = new Map(insts.rows.map((r) => [r.id, r.code]));
  const extra = new Set(EXTRA_INSTITUTIONS.map((x) => x.code));
  const seedInsts: SeedInstitution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, weight: extra.has(r.code) ? 1 : 3 }));
  const dir = await seedDirectory(client, seedInsts, DIRECTORY, 20261124, (l) => log(`  ${l}`));
  const peopleRows = await client.query<{ id: string; institution_id: string }>('SELECT id, institution_id FROM people WHERE archived_at IS NULL ORDER BY id');
  const unitRows = await client.query<{ id: string; institution_id: string }>('SELECT id, institution_id FROM units WHERE archived_at IS NULL ORDER BY id');
  const group = (rows: { id: string; institution_id: string }[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const list = m.get(r.institution_id) ?? [];
      m.set(r.institution_id, list);
      list.push(r.id);
    }
    return m;
  };
  const today = todayIn(new Date());
  const institutions: AgreementInstitution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, country: r.country, nameVi: r.name_vi, nameEn: r.name_en }));
  log(`  ${added} institutions added (${insts.rows.length} in all), ${n(dir.units)} units and ${n(dir.people)} people for them; platform day ${today}`);
  const seeded = await seedAgreements(client, institutions, group(peopleRows.rows), group(unitRows.rows), { agreements: AGREEMENTS, home: HOME, hustShare: HOME_SHARE, today }, (l) => log(`  ${l}`));
  log(
    `  ${n(seeded.agreements)} agreements, ${n(seeded.versions)} versions, ${n(seeded.parties)} parties, ${n(seeded.areas)} areas, ` +
      `${n(seeded.contacts)} contacts, ${n(seeded.targets)} targets, ${n(seeded.approvals)} approvals in ${seeded.seconds.toFixed(1)} s ` +
      `(of which ${seeded.hashSeconds.toFixed(1)} s parsing and hashing content in Node)`,
  );
  const tv = performance.now();
  for (const t of ['institutions', 'units', 'people', 'agreements', 'agreement_versions', 'agreement_parties', 'agreement_areas', 'agreement_contacts', 'agreement_targets', 'agreement_approvals']) {
    await client.query(`VACUUM (ANALYZE) ${t}`);
  }
  log(`VACUUM ANALYZE in ${since(tv)}`);

  const officer = (await client.query<{ id: string; institution_id: string; roles: Role[] }>('SELECT id, institution_id, roles FROM users WHERE email = $1', [OFFICER.email])).rows[0];
  const home = officer.institution_id;
  const stats = (
    await client.query<Record<string, number | string>>(
      `SELECT (SELECT count(*)::int FROM agreements) AS agreements,
              (SELECT count(*)::int FROM agreement_parties) AS parties,
              (SELECT count(*)::int FROM agreement_areas) AS areas,
              (SELECT count(*)::int FROM agreement_contacts) AS contacts,
              (SELECT count(*)::int FROM agreement_approvals) AS approvals,
              (SELECT count(*)::int FROM agreement_parties WHERE institution_id = $1) AS home_party,
              pg_size_pretty(pg_table_size('agreements')) AS agreements_size,
              pg_size_pretty(pg_table_size('agreement_versions')) AS versions_size,
              (SELECT round(avg(pg_column_size(content)))::int FROM agreement_versions) AS avg_content_bytes`,
      [home],
    )
  ).rows[0];

  // The officer's view, through the server's own query code (compiled by Kysely, with its tenant scope).
  let captured: CompiledQuery | undefined;
  kdb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 2 }) }),
    log: (e) => {
      if (e.level === 'query') captured = e.query;
    },
  }) as unknown as Db;
  const ctx: RequestContext = {
    actor: { kind: 'user', userId: officer.id, tokenId: null, institutionId: home, roles: officer.roles, scopes: null, label: OFFICER.email },
    lang: 'vi',
    requestId: 'bench',
    ip: '127.0.0.1',
  };
  const scope = readerOf(ctx); // the tenancy scope and what the officer's roles add (drafts of its institution)
  const visible = (
    await kdb
      .selectFrom('agreements as a')
      .select([
        sql<number>`count(*)::int`.as('all'),
        sql<number>`count(*) FILTER (WHERE a.visibility = 'parties')::int`.as('parties'),
        sql<number>`count(*) FILTER (WHERE a.visibility = 'consortium')::int`.as('consortium'),
        sql<number>`count(*) FILTER (WHERE a.visibility = 'public')::int`.as('public'),
      ])
      .where(scope.agreementVisible('a'))
      .executeTakeFirstOrThrow()
  );
  log(
    `data: ${n(Number(stats.agreements))} agreements (${demoAgreements} of the demo), ${n(Number(stats.parties))} party rows, ` +
      `${n(Number(stats.areas))} areas, ${n(Number(stats.contacts))} contacts, ${n(Number(stats.approvals))} approvals; ` +
      `agreements table ${stats.agreements_size}, agreement_versions ${stats.versions_size} (content ${n(Number(stats.avg_content_bytes))} B on average, stored)`,
  );
  log(
    `the HUST officer sees ${n(visible.all)} agreements: HUST a party of ${n(Number(stats.home_party))}; ` +
      `visible by visibility: ${n(visible.parties)} parties-only, ${n(visible.consortium)} consortium, ${n(visible.public)} public (${since(t0)})`,
  );

  const cookie = await login(url);
  const headers = { cookie };

  // ---- the list mix; a frequent partner of HUST for partnerId
  const frequent = (
    await client.query<{ id: string; code: string; n: number }>(
      `SELECT p.institution_id AS id, i.code::text AS code, count(*)::int AS n FROM agreement_parties p
       JOIN agreement_parties h ON h.agreement_id = p.agreement_id AND h.institution_id = $1
       JOIN institutions i ON i.id = p.institution_id
       WHERE p.institution_id <> $1 GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 1`,
      [home],
    )
  ).rows[0];
  const shapes: ListShape[] = [
    { name: 'no filter, sort=updated', weight: 25, variants: [{ sort: 'updated' }] },
    { name: 'status=active, sort=end', weight: 15, variants: [{ status: 'active', sort: 'end' }] },
    { name: 'areaKind=research & partnerKind=hospital', weight: 10, variants: [{ areaKind: 'research', partnerKind: 'hospital' }] },
    { name: 'q=<two words>', weight: 20, variants: QUERIES.map((q) => ({ q })) },
    { name: 'expiringWithinDays=90', weight: 10, variants: [{ expiringWithinDays: '90' }] },
    { name: `partnerId=${frequent.code}, sort=title`, weight: 10, variants: [{ partnerId: frequent.id, sort: 'title' }] },
    { name: 'country=VN & kind=mou, sort=start', weight: 10, variants: [{ country: 'VN', kind: 'mou', sort: 'start' }] },
  ];
  const display = (query: string) => query.replace(/partnerId=([0-9a-f-]{36})/, (_, id: string) => `partnerId=${codeOf.get(id) ?? id}`);
  /** Matches, first page and the cursor of the second page of every variant (asked once, before the load). */
  const pages = new Map<string, { matches: number; cursor: string | null; firstItems: number; secondItems: number; bytes: number }>();
  const selectivity: (string | number)[][] = [];
  for (const s of shapes) {
    for (const v of s.variants) {
      const parsed = AgreementListQuery.parse({ ...v, limit: '200' });
      const all = await listAgreements(kdb, scope, { ...parsed, limit: 100_000, today, cursor: undefined });
      const first = await getJson(`${url}${listPath(v)}`, headers);
      const cursor: string | null = first.body.nextCursor;
      const second = cursor ? await getJson(`${url}${listPath(v, cursor)}`, headers) : null;
      pages.set(qs(v), { matches: all.length, cursor, firstItems: first.body.items.length, secondItems: second?.body.items.length ?? 0, bytes: first.bytes });
      selectivity.push([s.name, `${s.weight}%`, display(qs(v)), n(all.length), first.body.items.length, second?.body.items.length ?? '–', `${(first.bytes / 1024).toFixed(1)} kB`]);
    }
  }
  log(`\nlist mix (rows the HUST officer's query matches before LIMIT; pages of limit=50; ${Math.round(SECOND_PAGE_SHARE * 100)}% of requests ask for page 2):`);
  log(table(['shape', 'weight', 'query', 'matches', 'page 1', 'page 2', 'page 1 size'], selectivity));

  const listMix = (seed: number) => {
    const rand = prng(seed);
    const total = shapes.reduce((a, s) => a + s.weight, 0);
    return (): ListRequest => {
      let x = rand() * total;
      let shape = shapes[shapes.length - 1];
      for (const s of shapes) {
        if (x < s.weight) {
          shape = s;
          break;
        }
        x -= s.weight;
      }
      const params = shape.variants[Math.floor(rand() * shape.variants.length)];
      const cursor = pages.get(qs(params))?.cursor;
      const second = cursor && rand() < SECOND_PAGE_SHARE;
      return { shape: shape.name, page: second ? 2 : 1, params, path: listPath(params, second ? cursor : undefined) };
    };
  };

  // ---- agreements to open: visible to the officer, 3+ areas with contacts, 2–4 approvals
  const openable = await kdb
    .selectFrom('agreements as a')
    .select([
      'a.id',
      sql<number>`(SELECT count(*)::int FROM agreement_areas ar WHERE ar.agreement_id = a.id)`.as('areas'),
      sql<number>`(SELECT count(*)::int FROM agreement_approvals ap WHERE ap.agreement_id = a.id)`.as('approvals'),
      sql<number>`(SELECT count(*)::int FROM agreement_contacts c WHERE c.agreement_id = a.id)`.as('contacts'),
      sql<number>`a.current_version`.as('versions'),
      sql<boolean>`EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.institution_id = ${home}::uuid)`.as('party'),
      'a.visibility',
    ])
    .where(scope.agreementVisible('a'))
    .where(sql<boolean>`(SELECT count(*) FROM agreement_areas ar WHERE ar.agreement_id = a.id) >= 3`)
    .where(sql<boolean>`(SELECT count(*) FROM agreement_approvals ap WHERE ap.agreement_id = a.id) BETWEEN 2 AND 4`)
    .where(sql<boolean>`(SELECT count(DISTINCT c.area_key) FROM agreement_contacts c WHERE c.agreement_id = a.id) >= 3`)
    .orderBy(sql`md5(a.id::text)`)
    .limit(500)
    .execute();
  if (openable.length === 0) throw new Error('no agreement to open');
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let openBytes = 0;
  for (const o of openable.slice(0, 20)) openBytes += (await getJson(`${url}/api/v1/agreements/${o.id}`, headers)).bytes;
  log(
    `\nopen: ${openable.length} agreements drawn at random among those the officer sees with 3+ areas and 2–4 approvals ` +
      `(HUST a party of ${openable.filter((o) => o.party).length}, ${openable.filter((o) => !o.party && o.visibility === 'public').length} public, ` +
      `${openable.filter((o) => !o.party && o.visibility === 'consortium').length} shared with the consortium); on average ${avg(openable.map((o) => o.areas)).toFixed(1)} areas, ` +
      `${avg(openable.map((o) => o.contacts)).toFixed(1)} contacts, ${avg(openable.map((o) => o.approvals)).toFixed(1)} approvals, ` +
      `${avg(openable.map((o) => o.versions)).toFixed(1)} versions; response ${(openBytes / 20 / 1024).toFixed(1)} kB on average`,
  );
  const openMix = (seed: number) => {
    const rand = prng(seed);
    return () => {
      const o = openable[Math.floor(rand() * openable.length)];
      return { label: o.party ? 'HUST a party' : `visible as ${o.visibility}`, path: `/api/v1/agreements/${o.id}` };
    };
  };

  // ---- load
  const pidFile = join(root, 'cluster', 'pg', 'postmaster.pid');
  const postmasterPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  const serverPid = server.child.pid ?? 0;
  const measured = async (o: Parameters<typeof runLoad>[0]) => {
    const r = await withCpu(serverPid, postmasterPid, () => runLoad(o));
    alive();
    return r;
  };
  const perRequest = (cpu: CpuShare, r: LoadResult) => {
    const count = r.completed + WARMUP + r.errors;
    const f = (x: number) => (x / count).toFixed(x / count >= 10 ? 0 : 1);
    return postmasterPid && serverPid ? `${f(cpu.server)} · ${f(cpu.postgres)} · ${f(cpu.generator)}` : '–';
  };
  const summaryRows: (string | number)[][] = [];
  const shapeRows: (string | number)[][] = [];
  const worst: { shape: string; page: number; query: string; p95: number; concurrency: number }[] = [];
  const results = new Map<number, { health: LoadResult; list: LoadResult; open: LoadResult }>();
  const verdict = (p95: number, target: number, c: number) => `${p95 < target ? 'PASS' : 'FAIL'}${c > JUDGED_UP_TO ? ' (ref.)' : ''}`;
  for (const c of CONCURRENCY) {
    log(`\nconcurrency ${c}: /healthz …`);
    const { result: health, cpu: healthCpu } = await measured({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: /api/v1/me …`);
    const { result: me, cpu: meCpu } = await measured({ baseUrl: url, headers, next: () => ({ label: 'me', path: '/api/v1/me' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: list mix …`);
    const nextList = listMix(11 + c);
    const { result: list, cpu: listCpu } = await measured({
      baseUrl: url,
      headers,
      next: () => {
        const r = nextList();
        return { label: listLabel(r), path: r.path };
      },
      concurrency: c,
      warmup: WARMUP,
      requests: REQUESTS,
      maxSeconds: 300,
    });
    log(`concurrency ${c}: open …`);
    const { result: open, cpu: openCpu } = await measured({ baseUrl: url, headers, next: openMix(23 + c), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 300 });
    results.set(c, { health, list, open });
    const endpoints = [
      ['GET /healthz (SELECT 1)', health, 0, healthCpu],
      ['GET /api/v1/me (session lookup)', me, 0, meCpu],
      ['GET /api/v1/agreements (list mix)', list, LIST_P95_MS, listCpu],
      ['GET /api/v1/agreements/{id} (open)', open, OPEN_P95_MS, openCpu],
    ] as const;
    for (const [name, r, target, cpu] of endpoints) {
      if (r.errors) log(`  ${name}: ${r.errors} error(s), first: ${r.firstError}`);
      if (r.truncated) log(`  ${name}: stopped at the time limit after ${r.completed} requests`);
      const o = r.overall;
      summaryRows.push([name, c, r.completed, r.errors, ms(o.p50), ms(o.p95), ms(o.p99), ms(o.max), r.rps.toFixed(0), perRequest(cpu, r), target ? `< ${target} ms: ${verdict(o.p95, target, c)}` : '']);
      if (target && c <= JUDGED_UP_TO && (r.errors || r.truncated || o.p95 >= target)) exitCode = 1;
    }
    // Per shape and page (all variants of a shape together; the slowest variant named).
    const groups = new Map<string, { samples: number[]; worst: { query: string; p95: number } }>();
    for (const [label, samples] of list.samplesByLabel) {
      const { shape, page, query } = parseLabel(label);
      const key = `${shape}\u0000${page}`;
      const g = groups.get(key) ?? { samples: [], worst: { query, p95: -1 } };
      groups.set(key, g);
      g.samples.push(...samples);
      const p95 = summarize(samples).p95;
      if (p95 > g.worst.p95) g.worst = { query, p95 };
    }
    for (const s of shapes) {
      for (const page of [1, 2] as const) {
        const g = groups.get(`${s.name}\u0000${page}`);
        if (!g) continue;
        const st = summarize(g.samples);
        shapeRows.push([s.name, page, c, st.n, ms(st.p50), ms(st.p95), ms(st.p99), ms(st.max), s.variants.length > 1 ? display(g.worst.query) : '']);
        worst.push({ shape: s.name, page, query: g.worst.query, p95: g.worst.p95, concurrency: c });
      }
    }
    for (const [label, samples] of [...open.samplesByLabel].sort()) {
      const st = summarize(samples);
      shapeRows.push([`open: ${label}`, '', c, st.n, ms(st.p50), ms(st.p95), ms(st.p99), ms(st.max), '']);
    }
  }

  log(`\nresults (${new Date().toISOString().slice(0, 10)}, load average ${loadAvg()}):`);
  log(table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'CPU ms/req: server · pg · load gen', 'target'], summaryRows));
  log('\nper list shape and page, and per opened agreement by why the officer sees it:');
  log(table(['shape', 'page', 'conc.', 'n', 'p50', 'p95', 'p99', 'max', 'slowest variant (by p95)'], shapeRows));
  const scale = `${n(Number(stats.agreements))} agreements / ${n(Number(stats.parties))} parties / ${n(Number(stats.areas))} areas`;
  log('');
  for (const [c, r] of results) {
    const h = r.health.overall.p95;
    log(
      `agreements list p95 ${ms(r.list.overall.p95)}, open p95 ${ms(r.open.overall.p95)} vs baseline (GET /healthz, SELECT 1) p95 ${ms(h)} — ` +
        `${scale}, ${c} connection${c > 1 ? 's' : ''}, loopback; list < ${LIST_P95_MS} ms: ${verdict(r.list.overall.p95, LIST_P95_MS, c)}, ` +
        `open < ${OPEN_P95_MS} ms: ${verdict(r.open.overall.p95, OPEN_P95_MS, c)}`,
    );
  }

  // ---- EXPLAIN of the slowest list shape(s), compiled by the server's own repository code
  if (EXPLAIN) {
    const lowest = Math.min(...CONCURRENCY);
    const ranked = worst.filter((w) => w.concurrency === lowest).sort((a, b) => b.p95 - a.p95);
    const chosen = flag('--explain-all') ? ranked : ranked.slice(0, 1);
    for (const w of chosen) {
      const params = Object.fromEntries(new URLSearchParams(w.query));
      const cursor = w.page === 2 ? (pages.get(w.query)?.cursor ?? undefined) : undefined;
      const parsed = AgreementListQuery.parse({ ...params, limit: '50', ...(cursor ? { cursor } : {}) });
      captured = undefined;
      await listAgreements(kdb, scope, { ...parsed, today, cursor: decodeCursor(parsed.cursor, cursorKind(parsed.sort)) });
      if (!captured) continue;
      const q = captured as CompiledQuery;
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${w.shape}, page ${w.page}: ${display(w.query)} (p95 ${ms(w.p95)} at concurrency ${w.concurrency}):`);
      log(`-- ${q.sql.replace(/\s+/g, ' ')}`);
      log(`-- parameters: ${JSON.stringify(q.parameters)}`);
      for (const row of plan.rows) log(row['QUERY PLAN']);
      // The finding of bench/README.md: the consortium branch of agreementVisible, `vp.institution_id IN (SELECT …
      // UNION …)`, is planned as a hashed SubPlan that joins every agreement_parties row with the visible
      // institutions on each query. The same query with that set as an array (one InitPlan, then an index scan)
      // gives the same rows; timed here one query at a time (best of 7), for comparison only.
      const variant = q.sql.replace(CONSORTIUM_SET, (_m, a: string, b: string) => `vp.institution_id = ANY (ARRAY(${consortiumSet(a, b)}))`);
      if (variant !== q.sql) {
        const params = q.parameters as unknown[];
        const timed = async (text: string) => {
          let best = Number.POSITIVE_INFINITY;
          let rows = 0;
          for (let i = 0; i < 7; i++) {
            const t = performance.now();
            rows = (await client.query(text, params)).rowCount ?? 0;
            best = Math.min(best, performance.now() - t);
          }
          const j = (await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params)).rows[0]['QUERY PLAN'][0];
          return `${ms(best)} (best of 7; EXPLAIN: execution ${ms(j['Execution Time'])}, shared hit ${n(j.Plan['Shared Hit Blocks'])}; ${rows} rows)`;
        };
        log(`-- as the server runs it:                      ${await timed(q.sql)}`);
        log(`-- consortium set as ANY (ARRAY(…)) instead:   ${await timed(variant)}`);
      }
    }
  }
  await client.end();
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(`\nserver output:\n${server.output().slice(-4000)}`);
  exitCode = 2;
} finally {
  await kdb?.destroy();
  const code = await server?.stop();
  // With DATABASE_URL set, embedded-postgres's exit hook ends the process with 130 on SIGINT before the
  // app's own shutdown finishes (see bench/README.md, finding 2); reported, not counted against the benchmark.
  if (server && code !== 0) log(`note: hoptac serve exited with ${code} after SIGINT (expected 0)`);
  await cluster.stop();
  log(`\ndone in ${since(t0)}`);
}
process.exit(exitCode);
