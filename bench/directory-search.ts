// Directory search benchmark (Foundation issue): p95 of GET /api/v1/people?q=… over 100,000 people and
// 20,000 units, at the API on loopback, beside GET /healthz (SELECT 1 through the same pool) as the baseline.
//
//   npx tsx bench/directory-search.ts [--people 100000] [--units 20000] [--concurrency 1,8]
//        [--requests 3000] [--warmup 300] [--explain | --explain-all] [--no-edge] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own (startEmbeddedPostgres) on a temporary directory;
// 2. runs `hoptac serve` as a child process against it (DATABASE_URL, HOPTAC_DEMO=1): migrations + demo;
// 3. bulk-inserts units and people over SQL (bench/lib/directory-data.ts), then VACUUM ANALYZE;
// 4. signs in as the HUST cooperation officer and, for each concurrency, runs the same closed-loop load on
//    /healthz (the baseline), /api/v1/me (baseline + session lookup: what every API call pays) and a
//    weighted mix of realistic searches typed without diacritics;
// 5. prints latency tables (search vs baseline, per query shape), PASS/FAIL against p95 < 30 ms, and with
//    --explain the EXPLAIN (ANALYZE, BUFFERS) of the slowest query, built by the server's own repository code.
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
import { listPeople } from '../src/server/modules/people/repository.ts';
import { fold, RARE_GIVEN, seedDirectory, type SeedInstitution } from './lib/directory-data.ts';
import { arg, bounded, flag, log, since } from './lib/args.ts';
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

  // ---- load
  const summaryRows: (string | number)[][] = [];
  const shapeRows: (string | number)[][] = [];
  const worstQueries: { shape: string; query: string; p95: number; concurrency: number }[] = [];
  let headline: { c: number; search: LoadResult; health: LoadResult } | undefined;
  for (const c of CONCURRENCY) {
    log(`\nconcurrency ${c}: /healthz …`);
    const health = await runLoad({ baseUrl: url, next: () => ({ label: 'healthz', path: '/healthz' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: /api/v1/me …`);
    const me = await runLoad({ baseUrl: url, headers, next: () => ({ label: 'me', path: '/api/v1/me' }), concurrency: c, warmup: WARMUP, requests: REQUESTS, maxSeconds: 120 });
    log(`concurrency ${c}: search mix …`);
    const next = mix(mixShapes, institutionIds, 7 + c);
    const search = await runLoad({
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
      ['GET /healthz (SELECT 1)', health],
      ['GET /api/v1/me (session lookup)', me],
      ['GET /api/v1/people?q= (mix)', search],
    ] as const;
    for (const [name, r] of endpoints) {
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
  log(table(['endpoint', 'conc.', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'req/s', `p95 < ${TARGET_P95_MS} ms`], summaryRows));
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

  // ---- EXPLAIN of the slowest query, compiled by the server's own repository code
  if (EXPLAIN) {
    const ranked = worstQueries
      .filter((w) => w.concurrency === Math.min(...CONCURRENCY) || w.shape === EDGE.name)
      .sort((a, b) => b.p95 - a.p95);
    const chosen = flag('--explain-all') ? ranked : ranked.filter((w) => w.shape !== EDGE.name).slice(0, 1).concat(ranked.filter((w) => w.shape === EDGE.name).slice(0, 1));
    let captured: CompiledQuery | undefined;
    const kdb = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: dbUrl, max: 1 }) }),
      log: (e) => {
        if (e.level === 'query') captured = e.query;
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
    for (const w of chosen) {
      const [q, code] = w.query.split(' @');
      await listPeople(kdb, tenantScope(ctx), { q, institutionId: code, archived: 'exclude', sort: 'name', limit: 50 });
      if (!captured) continue;
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.parameters as unknown[]);
      log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${w.shape} "${display(w.query)}" (p95 ${ms(w.p95)} at concurrency ${w.concurrency}):`);
      log(`-- ${captured.sql.replace(/\s+/g, ' ')}`);
      log(`-- parameters: ${JSON.stringify(captured.parameters)}`);
      for (const row of plan.rows) log(row['QUERY PLAN']);
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
