// Directory search benchmark (Foundation issue): p95 of GET /api/v1/people?q=… over 100,000 people and
// 20,000 units, at the API on loopback, beside GET /healthz (SELECT 1 through the same pool) as the baseline.
//
//   npx tsx bench/directory-search.ts [--people 100000] [--units 20000] [--concurrency 1,8]
//        [--requests 3000] [--warmup 300] [--explain | --explain-all] [--statements] [--matches] [--no-edge] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own (startEmbeddedPostgres) on a temporary directory;
// 2. runs `hoptac serve` as a child process against it (DATABASE_URL, HOPTAC_DEMO=1): migrations + demo;
// 3. bulk-inserts units and people over SQL (bench/lib/directory-data.ts), then VACUUM ANALYZE;
// 4. signs in as the HUST cooperation officer and, for each concurrency, runs the same closed-loop load on
//    /healthz (the baseline), /api/v1/me (baseline + session lookup: what every API call pays) and a
//    weighted mix of realistic searches typed without diacritics;
// 5. prints latency tables (search vs baseline, per query shape) with the CPU each request cost the server, PostgreSQL
//    and the load generator, PASS/FAIL against p95 < 30 ms, and with --explain the EXPLAIN (ANALYZE, BUFFERS) of every
//    statement of the slowest query, built by the server's own repository code; --statements times every statement
//    of every query of the mix (planning and execution); --matches pages every query through the API and prints
//    what each shape finds (count and a hash of the ids in order), to compare before and after a change.
import { chmodSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/platform/db-schema.ts';
import type { Db } from '../src/server/platform/db.ts';
import { tenantScope } from '../src/server/platform/access.ts';
import type { RequestContext, Role } from '../src/server/platform/context.ts';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { effectiveSort, listPeople } from '../src/server/modules/people/repository.ts';
import { fold, RARE_GIVEN, seedDirectory, type SeedInstitution } from './lib/directory-data.ts';
import { createHash } from 'node:crypto';
import { arg, bounded, flag, log, since } from './lib/args.ts';
import { cpuPerRequest, type CpuShare, postmasterPidOf, withCpu } from './lib/cpu.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { removeOnExit, spawnServer, waitReady } from './lib/server.ts';
import { ms, prng, summarize, table } from './lib/stats.ts';

const PEOPLE = bounded(Number(arg('--people') ?? 100_000), 0, 2_000_000);
const UNITS = bounded(Number(arg('--units') ?? 20_000), 9, 500_000);
const CONCURRENCY = (arg('--concurrency') ?? '1,8').split(',').map((c) => bounded(Number(c), 1, 64));
const REQUESTS = bounded(Number(arg('--requests') ?? 3000), 10, 100_000);
const WARMUP = bounded(Number(arg('--warmup') ?? 300), 0, 10_000);
const EXPLAIN = flag('--explain') || flag('--explain-all');
const TARGET_P95_MS = 30;
const OFFICER = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' };
// Share of the generated units and people per demo institution.
const WEIGHTS: Record<string, number> = { HUST: 18, VNU: 18, VNUHCM: 16, HMU: 12, BMH: 10, HNUE: 9, VINMEC: 8, VINUNI: 5, RUMED: 4 };


// ---- the query mix: what people type into the directory box, without diacritics
interface Shape {
  name: string;
  weight: number;
  queries: string[];
  /** Adds `institutionId=` (one of these codes) to the request. */
  institutions?: string[];
}
function shapes(sampleNames: string[]): Shape[] {
  return [
    { name: 'family + middle name', weight: 15, queries: ['nguyen van', 'nguyen thi', 'tran van', 'pham thi'] },
    { name: 'three words', weight: 15, queries: ['tran thi thu', 'le duc minh', 'pham van hung', 'hoang thi huong', 'vu minh tuan', 'do thi lan'] },
    { name: 'single common word', weight: 10, queries: ['huong', 'minh', 'tuan', 'linh'] },
    { name: 'single rare word', weight: 10, queries: RARE_GIVEN.map(fold).filter((w) => !['nhan', 'que'].includes(w)) },
    { name: 'whole name', weight: 15, queries: sampleNames.slice(0, 50).map(fold) },
    { name: 'expertise keyword', weight: 15, queries: ['hoc may', 'tim mach', 'tri tue nhan tao', 'vat lieu nano', 'machine learning', 'dich te hoc', 'cong nghe gen'] },
    { name: 'name + institution filter', weight: 10, queries: ['tran minh', 'nguyen thi', 'le van', 'hung'], institutions: ['VNU', 'HMU', 'HUST', 'BMH'] },
    { name: 'title + name', weight: 5, queries: ['pgs nguyen', 'ts tran', 'ths le thi'] },
    { name: 'with a 2-letter word', weight: 5, queries: ['vu thi', 'ho van', 'le thi ha'] },
  ];
}
/** Typed-prefix and 1–2 letter queries (search-as-you-type); measured apart, not in the mix. */
const EDGE: Shape = { name: 'edge: 1–3 letters', weight: 0, queries: ['ng', 'ngu', 'le', 'a', 'tra'] };

interface Request {
  shape: string;
  q: string;
  institutionId?: string;
}
const pathOf = (r: Request) =>
  `/api/v1/people?q=${encodeURIComponent(r.q)}&limit=50${r.institutionId ? `&institutionId=${r.institutionId}` : ''}`;
const codeOf = new Map<string, string>(); // institution id → code, for display
const labelOf = (r: Request) => `${r.shape}\u0000${r.q}${r.institutionId ? ` @${r.institutionId}` : ''}`;
const display = (query: string) => query.replace(/@([0-9a-f-]{36})/, (_, id: string) => `+ institutionId=${codeOf.get(id) ?? id}`);

function mix(list: Shape[], institutionIds: Map<string, string>, seed: number): (i: number) => Request {
  const total = list.reduce((s, x) => s + x.weight, 0);
  const rand = prng(seed);
  return () => {
    let x = rand() * total;
    let shape = list[list.length - 1];
    for (const s of list) {
      if (x < s.weight) {
        shape = s;
        break;
      }
      x -= s.weight;
    }
    const q = shape.queries[Math.floor(rand() * shape.queries.length)];
    const code = shape.institutions?.[Math.floor(rand() * shape.institutions.length)];
    return { shape: shape.name, q, institutionId: code ? institutionIds.get(code) : undefined };
  };
}

function parseLabel(label: string) {
  const [shape, query] = label.split('\u0000');
  return { shape, query };
}

/** Groups raw samples per shape (and keeps the slowest query string of each). */
function byShape(result: LoadResult) {
  const groups = new Map<string, { samples: number[]; worst: { query: string; p95: number } }>();
  for (const [label, samples] of result.samplesByLabel) {
    const { shape, query } = parseLabel(label);
    const g = groups.get(shape) ?? { samples: [], worst: { query, p95: -1 } };
    groups.set(shape, g);
    g.samples.push(...samples);
    const p95 = summarize(samples).p95;
    if (p95 > g.worst.p95) g.worst = { query, p95 };
  }
  return groups;
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OFFICER),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  if (body.institution?.code !== 'HUST') throw new Error(`signed in to ${body.institution?.code}, expected HUST`);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

// ---- main
const t0 = performance.now();
log(
  `hoptac directory search benchmark — ${PEOPLE.toLocaleString('en')} people, ${UNITS.toLocaleString('en')} units; ` +
    `concurrency ${CONCURRENCY.join(', ')}; ${REQUESTS} requests after ${WARMUP} warm-up per run; node ${process.version}; ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);
const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-bench-search-')));
chmodSync(root, 0o755); // as root, the cluster runs as the `postgres` user, which must reach its directory
const cluster = await startEmbeddedPostgres({ dataDir: join(root, 'cluster') });
let server: ReturnType<typeof spawnServer> | undefined;
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
  log(`server ready at ${url}: migrations + demo loaded (${since(t0)})`);

  // ---- seed
  const client = new pg.Client(dbUrl);
  await client.connect();
  const insts = await client.query<{ id: string; code: string; kind: string }>('SELECT id, code::text, kind FROM institutions ORDER BY code');
  const institutionIds = new Map(insts.rows.map((r) => [r.code, r.id]));
  for (const r of insts.rows) codeOf.set(r.id, r.code);
  const seedInsts: SeedInstitution[] = insts.rows.map((r) => ({ ...r, weight: WEIGHTS[r.code] ?? 5 }));
  const seeded = await seedDirectory(client, seedInsts, { units: UNITS, people: PEOPLE }, 20261123, (l) => log(`  ${l}`));
  const tv = performance.now();
  await client.query('VACUUM (ANALYZE) units');
  await client.query('VACUUM (ANALYZE) people');
  // The words of the names, written by people's triggers (0023), where the server has them.
  const nameWords = await client.query<{ present: boolean }>(`SELECT to_regclass('people_name_words') IS NOT NULL AS present`);
  if (nameWords.rows[0].present) await client.query('VACUUM (ANALYZE) people_name_words');
  log(`VACUUM ANALYZE in ${since(tv)}`);
  const totals = await client.query<{ people: number; units: number; size: string; idx: string }>(
    `SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM units) AS units,
       pg_size_pretty(pg_table_size('people')) AS size, pg_size_pretty(pg_relation_size('people_search_idx')) AS idx`,
  );
  const tot = totals.rows[0];
  log(
    `directory: ${tot.people.toLocaleString('en')} people (${seeded.privatePeople.toLocaleString('en')} private, ` +
      `${seeded.archivedPeople.toLocaleString('en')} archived of the generated), ${tot.units.toLocaleString('en')} units; ` +
      `people table ${tot.size}, people_search_idx ${tot.idx} (${since(t0)})`,
  );

  const cookie = await login(url);
  const headers = { cookie };
  const mixShapes = shapes(seeded.sampleNames);

  // ---- selectivity: how many rows each query matches (as the officer sees them), and a first request each
  const officer = await client.query<{ id: string; institution_id: string; roles: Role[] }>(
    'SELECT id, institution_id, roles FROM users WHERE email = $1',
    [OFFICER.email],
  );
  const scopeSql = `(p.institution_id = $1::uuid OR (p.visibility = 'consortium' AND p.institution_id IN
      (SELECT $1::uuid UNION SELECT m2.institution_id FROM consortium_members m1
       JOIN consortium_members m2 ON m2.consortium_id = m1.consortium_id WHERE m1.institution_id = $1::uuid)))`;
  const selectivity: (string | number)[][] = [];
  for (const s of [...mixShapes, EDGE]) {
    const counts: number[] = [];
    for (const q of s.queries) {
      const words = q.split(/\s+/).filter(Boolean);
      const where = words.map((_, i) => `p.search_doc LIKE '%' || hoptac_fold($${i + 2}) || '%'`).join(' AND ');
      const r = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM people p WHERE ${where} AND p.archived_at IS NULL AND ${scopeSql}`,
        [officer.rows[0].institution_id, ...words],
      );
      counts.push(r.rows[0].n);
      const res = await fetch(`${url}${pathOf({ shape: s.name, q })}`, { headers, signal: AbortSignal.timeout(30_000) });
      if (res.status !== 200) throw new Error(`${pathOf({ shape: s.name, q })}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const sorted = [...counts].sort((a, b) => a - b);
    selectivity.push([
      s.name,
      s.weight ? `${s.weight}%` : 'apart',
      s.queries.length,
      sorted[0].toLocaleString('en'),
      sorted[Math.floor(sorted.length / 2)].toLocaleString('en'),
      sorted[sorted.length - 1].toLocaleString('en'),
      s.queries.slice(0, 3).join(' · ') + (s.queries.length > 3 ? ' …' : ''),
    ]);
  }
  log('\nquery mix (rows matched as the HUST officer sees them, before LIMIT 50):');
  log(table(['shape', 'weight', 'queries', 'min', 'median', 'max', 'examples'], selectivity));

  // ---- what each query finds through the API (--matches): every page of it, ids in the order listed
  if (flag('--matches')) {
    const found: (string | number)[][] = [];
    const all = createHash('sha256');
    for (const s of [...mixShapes, EDGE]) {
      const h = createHash('sha256');
      let rows = 0;
      const requests = s.queries.flatMap((q) => (s.institutions ?? [undefined]).map((code) => ({ shape: s.name, q, institutionId: code && institutionIds.get(code) })));
      for (const r of requests) {
        const names: string[] = [];
        const people: string[] = [];
        let cursor: string | null = null;
        do {
          const path = `${pathOf(r).replace('limit=50', 'limit=200')}${cursor ? `&cursor=${cursor}` : ''}`;
          const res = await fetch(`${url}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
          if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { items: { fullName: string; institutionCode: string; email: string | null }[]; nextCursor: string | null };
          // Names in order, and who they are: stable across runs (the demo's people get new ids each run), and the
          // same whichever of two people with the same name comes first.
          names.push(...body.items.map((p) => p.fullName));
          people.push(...body.items.map((p) => `${p.fullName}|${p.institutionCode}|${p.email ?? ''}`));
          cursor = body.nextCursor;
        } while (cursor);
        rows += names.length;
        h.update(`${r.shape}\t${r.q}\t${r.institutionId ? codeOf.get(r.institutionId) : ''}\t${names.join(',')}\t${people.sort().join(',')}\n`);
      }
      const digest = h.digest('hex');
      all.update(digest);
      found.push([s.name, requests.length, rows.toLocaleString('en'), digest.slice(0, 16)]);
    }
    log('\nwhat the API finds (every page, limit=200; the hash covers the names in the order listed and who was listed):');
    log(table(['shape', 'requests', 'rows found', 'sha256'], found));
    log(`all shapes: ${all.digest('hex').slice(0, 16)}`);
  }

  // ---- load, with the CPU the server's process tree, PostgreSQL and this process spent on it
  const postmasterPid = postmasterPidOf(join(root, 'cluster'));
  const serverPid = server.child.pid ?? 0;
  const measured = (o: Parameters<typeof runLoad>[0]) => withCpu(serverPid, postmasterPid, () => runLoad(o));
  const perRequest = (cpu: CpuShare, r: LoadResult) => cpuPerRequest(cpu, r.completed + WARMUP + r.errors, postmasterPid > 0 && serverPid > 0);
  const summaryRows: (string | number)[][] = [];
  const shapeRows: (string | number)[][] = [];
  const worstQueries: { shape: string; query: string; p95: number; concurrency: number }[] = [];
  let headline: { c: number; search: LoadResult; health: LoadResult } | undefined;
  for (const c of CONCURRENCY) {
    log(`\nconcurrency ${c}: /healthz …`);
    const { result: health, cpu: healthCpu } = await measured({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: /api/v1/me …`);
    const { result: me, cpu: meCpu } = await measured({ baseUrl: url, headers, next: () => ({ label: 'me', path: '/api/v1/me' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: search mix …`);
    const next = mix(mixShapes, institutionIds, 7 + c);
    const { result: search, cpu: searchCpu } = await measured({
      baseUrl: url,
      headers,
      next: (i) => {
        const r = next(i);
        return { label: labelOf(r), path: pathOf(r) };
      },
      concurrency: c,
      warmup: WARMUP,
      requests: REQUESTS,
      maxSeconds: 300,
    });
    const endpoints = [
      ['GET /healthz (SELECT 1)', health, healthCpu],
      ['GET /api/v1/me (session lookup)', me, meCpu],
      ['GET /api/v1/people?q= (mix)', search, searchCpu],
    ] as const;
    for (const [name, r, cpu] of endpoints) {
      if (r.errors) log(`  ${name}: ${r.errors} error(s), first: ${r.firstError}`);
      if (r.truncated) log(`  ${name}: stopped at the time limit after ${r.completed} requests`);
      const o = r.overall;
      const isSearch = r === search;
      summaryRows.push([
        name,
        c,
        r.completed,
        r.errors,
        ms(o.p50),
        ms(o.p95),
        ms(o.p99),
        ms(o.max),
        r.rps.toFixed(0),
        perRequest(cpu, r),
        isSearch ? (o.p95 < TARGET_P95_MS ? 'PASS' : 'FAIL') : '',
      ]);
      if (isSearch && (r.errors || r.truncated)) exitCode = 1;
    }
    for (const [shape, g] of byShape(search)) {
      const s = summarize(g.samples);
      shapeRows.push([shape, c, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), display(g.worst.query)]);
      worstQueries.push({ shape, query: g.worst.query, p95: g.worst.p95, concurrency: c });
    }
    if (!headline || c >= headline.c) headline = { c, search, health };
  }

  // ---- edge shapes apart, at concurrency 1
  if (!flag('--no-edge')) {
    const rand = prng(99);
    const edge = await runLoad({
      baseUrl: url,
      headers,
      next: () => {
        const r = { shape: EDGE.name, q: EDGE.queries[Math.floor(rand() * EDGE.queries.length)] };
        return { label: labelOf(r), path: pathOf(r) };
      },
      concurrency: 1,
      warmup: 10,
      requests: Math.min(REQUESTS, 200),
      maxSeconds: 120,
    });
    // Payload probe: a rare word matches ~40 rows, so the SQL work is the same for limit=1 and limit=50;
    // the difference is what the API spends per page of results (row mapping, response schema, JSON).
    const payload = await runLoad({
      baseUrl: url,
      headers,
      next: (i) => (i % 2 ? { label: 'limit=50', path: '/api/v1/people?q=khue&limit=50' } : { label: 'limit=1', path: '/api/v1/people?q=khue&limit=1' }),
      concurrency: 1,
      warmup: 20,
      requests: Math.min(REQUESTS, 400),
      maxSeconds: 60,
    });
    for (const [label, samples] of payload.samplesByLabel) {
      const s = summarize(samples);
      shapeRows.push([`payload probe "khue" ${label}`, 1, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), '(not in the mix)']);
    }
    for (const [label, samples] of edge.samplesByLabel) {
      const s = summarize(samples);
      const { query } = parseLabel(label);
      shapeRows.push([`${EDGE.name} "${query}"`, 1, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), '(not in the mix)']);
      worstQueries.push({ shape: EDGE.name, query, p95: s.p95, concurrency: 1 });
    }
  }

  log(`\nresults (${new Date().toISOString().slice(0, 10)}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}):`);
  log(table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', 'CPU ms/req: server · pg · load gen', `p95 < ${TARGET_P95_MS} ms`], summaryRows));
  log('\nsearch latency per query shape:');
  log(table(['shape', 'conc.', 'n', 'p50', 'p95', 'p99', 'max', 'slowest query (by p95)'], shapeRows));
  if (headline) {
    const s = headline.search.overall;
    const h = headline.health.overall;
    log(
      `\ndirectory search p95 ${ms(s.p95)} vs baseline (GET /healthz, SELECT 1) p95 ${ms(h.p95)} — ` +
        `${PEOPLE.toLocaleString('en')} people / ${UNITS.toLocaleString('en')} units, ${headline.c} connections, loopback; ` +
        `target p95 < ${TARGET_P95_MS} ms: ${s.p95 < TARGET_P95_MS ? 'PASS' : 'FAIL'}`,
    );
  }

  // ---- EXPLAIN of the slowest query and timings of every statement, compiled by the server's own repository code
  if (EXPLAIN || flag('--statements')) {
    let captured: CompiledQuery[] = [];
    const kdb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 1 }) }),
      log: (e) => {
        if (e.level === 'query') captured.push(e.query);
      },
    }) as unknown as Db;
    const ctx: RequestContext = {
      actor: {
        kind: 'user',
        userId: officer.rows[0].id,
        tokenId: null,
        institutionId: officer.rows[0].institution_id,
        roles: officer.rows[0].roles,
        scopes: null,
        label: OFFICER.email,
      },
      lang: 'vi',
      requestId: 'bench',
      ip: '127.0.0.1',
    };
    /** The statements the repository runs for one search (as the API runs it: default order, limit 50). */
    const statementsOf = async (query: string) => {
      const [q, institutionId] = query.split(' @');
      captured = [];
      await listPeople(kdb, tenantScope(ctx), { q, institutionId, archived: 'exclude', sort: effectiveSort({ q }), limit: 50 }, officer.rows[0].id);
      return captured;
    };
    if (EXPLAIN) {
      const ranked = worstQueries
        .filter((w) => w.concurrency === Math.min(...CONCURRENCY) || w.shape === EDGE.name)
        .sort((a, b) => b.p95 - a.p95);
      const chosen = flag('--explain-all') ? ranked : ranked.filter((w) => w.shape !== EDGE.name).slice(0, 1).concat(ranked.filter((w) => w.shape === EDGE.name).slice(0, 1));
      for (const w of chosen) {
        const statements = await statementsOf(w.query);
        for (const [i, st] of statements.entries()) {
          const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.parameters as unknown[]);
          log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${w.shape} "${display(w.query)}" (p95 ${ms(w.p95)} at concurrency ${w.concurrency}), statement ${i + 1} of ${statements.length}:`);
          log(`-- ${st.sql.replace(/\s+/g, ' ')}`);
          log(`-- parameters: ${JSON.stringify(st.parameters)}`);
          for (const row of plan.rows) log(row['QUERY PLAN']);
        }
      }
    }
    if (flag('--statements')) {
      // Planning and execution of every statement of every query (best of 3, EXPLAIN ANALYZE without per-node
      // timing), averaged per shape; the mix line weighs the shapes as the load does.
      const timed = async (st: CompiledQuery) => {
        let best = { plan: Infinity, exec: Infinity };
        for (let k = 0; k < 3; k++) {
          const r = await client.query(`EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ${st.sql}`, st.parameters as unknown[]);
          const text = r.rows.map((row) => row['QUERY PLAN']).join('\n');
          const plan = Number(/Planning Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN);
          const exec = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN);
          if (plan + exec < best.plan + best.exec) best = { plan, exec };
        }
        return best;
      };
      const rows: (string | number)[][] = [];
      let mixTotal = 0;
      let mixWeight = 0;
      for (const s of [...mixShapes, EDGE]) {
        const queries = s.queries.flatMap((q) => (s.institutions ?? [undefined]).map((code) => (code ? `${q} @${institutionIds.get(code)}` : q)));
        let plan = 0;
        let exec = 0;
        let statements = 0;
        let worst = { query: '', ms: -1 };
        for (const query of queries) {
          let total = 0;
          const list = await statementsOf(query);
          statements += list.length;
          for (const st of list) {
            const t = await timed(st);
            plan += t.plan;
            exec += t.exec;
            total += t.plan + t.exec;
          }
          if (total > worst.ms) worst = { query, ms: total };
        }
        const n = queries.length;
        rows.push([s.name, n, (statements / n).toFixed(1), ms(plan / n), ms(exec / n), ms((plan + exec) / n), `${display(worst.query)} ${ms(worst.ms)}`]);
        if (s.weight) {
          mixTotal += (s.weight * (plan + exec)) / n;
          mixWeight += s.weight;
        }
      }
      log('\nSQL per search, one at a time (mean over the shape\'s queries; best of 3 each):');
      log(table(['shape', 'queries', 'statements', 'planning', 'execution', 'total', 'slowest query'], rows));
      log(`the mix, weighted: ${ms(mixTotal / mixWeight)} of planning + execution per search`);
    }
    await kdb.destroy();
  }
  await client.end();
  if (headline && headline.search.overall.p95 >= TARGET_P95_MS) exitCode = 1;
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  if (server) console.error(`\nserver output:\n${server.output().slice(-4000)}`);
  exitCode = 2;
} finally {
  const code = await server?.stop();
  // With DATABASE_URL set, embedded-postgres's exit hook ends the process with 130 on SIGINT before the
  // app's own shutdown finishes (see bench/README.md); reported, not counted against the benchmark.
  if (server && code !== 0) log(`note: hoptac serve exited with ${code} after SIGINT (expected 0)`);
  await cluster.stop();
  log(`\ndone in ${since(t0)}`);
}
process.exit(exitCode);
