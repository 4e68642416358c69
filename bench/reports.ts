// Reports benchmark (issue 11, "Performance"): for an institution with 200 agreements and 200,000 activities, the
// annual PDF report (GET /api/v1/institutions/{id}/report.pdf?year=…) renders in under 5 s and the annual XLSX
// (GET /api/v1/institutions/{id}/annual-report.xlsx?year=…) in under 3 s, end to end over HTTP; an agreement's
// PDF report is timed beside them (no target).
//
//   npx tsx bench/reports.ts [--scale 1] [--runs 5] [--year 2026] [--echo]
//
// 1. starts an embedded PostgreSQL cluster of its own on a temporary directory;
// 2. runs `hoptac serve` as a child process against it (DATABASE_URL, HOPTAC_DEMO=1): migrations + demo;
// 3. seeds as bench/activities.ts does (bench/lib/agreement-data.ts, directory-data.ts, activity-data.ts): 64 more
//    institutions, 20,000 people, 200 agreements in force with HUST a party of each, 200,000 activities and
//    2,000,000 participant rows, then VACUUM ANALYZE; `--scale 0.1` divides every count by ten;
// 4. signs in as the HUST cooperation officer, downloads each report once to warm up, checks that it is a PDF /
//    an XLSX workbook, then times `--runs` sequential downloads of each and prints min / median / max with
//    PASS/FAIL on the median... and on the max, since a report is downloaded once, not at a percentile.
import { chmodSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { todayIn } from '../src/server/modules/agreements/service.ts';
import { seedInstitutions } from './lib/agreement-data.ts';
import { seedDirectory, type SeedInstitution } from './lib/directory-data.ts';
import { type Institution, peopleWeights, seedActivities, seedHomeAgreements } from './lib/activity-data.ts';
import { arg, flag, log, since } from './lib/args.ts';
import { removeOnExit, spawnServer, waitReady } from './lib/server.ts';
import { ms, table } from './lib/stats.ts';

const SCALE = Math.min(2, Math.max(0.01, Number(arg('--scale') ?? 1)));
const RUNS = Math.min(100, Math.max(1, Math.floor(Number(arg('--runs') ?? 5))));
const YEAR = Math.floor(Number(arg('--year') ?? 2026));
const COUNTS = {
  agreements: Math.max(2, Math.round(200 * SCALE)),
  activities: Math.round(200_000 * SCALE),
  participants: Math.round(2_000_000 * SCALE),
  people: Math.max(5_000, Math.round(20_000 * SCALE)), // every institution needs a few people for the participants
};
const TARGETS = { pdf: 5_000, xlsx: 3_000 };
const OFFICER = { email: 'officer@hust.demo.hoptac.vn', password: 'hoptac-demo' };
const HOME = 'HUST';
const n = (x: number) => x.toLocaleString('en');

async function login(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OFFICER),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login failed: HTTP ${res.status} ${JSON.stringify(body)}`);
  return String(res.headers.get('set-cookie')).split(';')[0];
}

async function download(url: string, cookie: string): Promise<{ ms: number; bytes: Buffer }> {
  const t = performance.now();
  const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const elapsed = performance.now() - t;
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${bytes.toString('utf8', 0, 300)}`);
  return { ms: elapsed, bytes };
}

const t0 = performance.now();
log(
  `hoptac reports benchmark — scale ${SCALE}: ${n(COUNTS.agreements)} agreements, ${n(COUNTS.activities)} activities, ` +
    `${n(COUNTS.participants)} participants, ${n(COUNTS.people)} people; ${RUNS} runs per report; year ${YEAR}; node ${process.version}; ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);
const root = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-bench-reports-')));
chmodSync(root, 0o755); // as root, the cluster runs as the `postgres` user, which must reach its directory
const cluster = await startEmbeddedPostgres({ dataDir: join(root, 'cluster') });
let server: ReturnType<typeof spawnServer> | undefined;
let client: pg.Client | undefined;
let exitCode = 0;
try {
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query('CREATE DATABASE hoptac');
  await admin.end();
  const dbUrl = cluster.url('hoptac');
  server = spawnServer({ DATABASE_URL: dbUrl, DATA_DIR: join(root, 'app'), HOPTAC_DEMO: '1' }, { echo: flag('--echo') });
  const { url } = await waitReady(server, 120_000);
  log(`server ready at ${url}: migrations + demo loaded (${since(t0)})`);

  client = new pg.Client(dbUrl);
  client.on('error', () => {}); // the cluster stopping at the end must not crash the run
  await client.connect();
  const ts = performance.now();
  await seedInstitutions(client);
  const insts = await client.query<{ id: string; code: string; kind: string; country: string; name_vi: string; name_en: string }>(
    'SELECT id, code::text, kind, country, name_vi, name_en FROM institutions ORDER BY code',
  );
  const institutions: Institution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, country: r.country, nameVi: r.name_vi, nameEn: r.name_en }));
  const home = institutions.find((i) => i.code === HOME)?.id;
  if (!home) throw new Error(`no institution ${HOME}`);
  const weights = peopleWeights(institutions, HOME, 0.25);
  const seedInsts: SeedInstitution[] = insts.rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind, weight: weights.get(r.id) ?? 1 }));
  await seedDirectory(client, seedInsts, { units: Math.round(COUNTS.people / 5), people: COUNTS.people }, 20261127, (l) => log(`  ${l}`));
  const peopleRows = await client.query<{ id: string; institution_id: string }>('SELECT id, institution_id FROM people WHERE archived_at IS NULL ORDER BY id');
  const people = new Map<string, string[]>();
  for (const r of peopleRows.rows) people.set(r.institution_id, [...(people.get(r.institution_id) ?? []), r.id]);
  const ags = await seedHomeAgreements(client, institutions, people, { count: COUNTS.agreements, home: HOME });
  const acts = await seedActivities(client, ags.agreements, people, { activities: COUNTS.activities, participants: COUNTS.participants, today: todayIn(new Date()) }, (l) => log(`  ${l}`));
  for (const t of ['institutions', 'people', 'units', 'agreements', 'agreement_versions', 'agreement_parties', 'agreement_areas', 'agreement_contacts', 'agreement_targets', 'agreement_approvals', 'activities', 'activity_organisers', 'activity_participants', 'activity_counts']) {
    await client.query(`VACUUM (ANALYZE) ${t}`);
  }
  log(`seeded ${n(ags.agreements.length)} agreements and ${n(acts.activities)} activities (${n(acts.participants)} participants) in ${since(ts)}`);

  const cookie = await login(url);
  const reports = [
    { name: 'institution report PDF', path: `/api/v1/institutions/${home}/report.pdf?year=${YEAR}`, target: TARGETS.pdf, kind: 'pdf' },
    { name: 'annual report XLSX', path: `/api/v1/institutions/${home}/annual-report.xlsx?year=${YEAR}`, target: TARGETS.xlsx, kind: 'xlsx' },
    { name: 'agreement report PDF', path: `/api/v1/agreements/${ags.agreements[0].id}/report.pdf?year=${YEAR}`, target: null, kind: 'pdf' },
  ] as const;
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const r of reports) {
    const warm = await download(`${url}${r.path}`, cookie);
    if (r.kind === 'pdf' && warm.bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error(`${r.name}: not a PDF`);
    if (r.kind === 'xlsx') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(warm.bytes as unknown as ArrayBuffer);
      log(`  ${r.name}: ${wb.worksheets.length} sheets (${wb.worksheets.map((w) => `${w.name} ${w.rowCount}`).join(', ')})`);
    }
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await download(`${url}${r.path}`, cookie)).ms);
    times.sort((a, b) => a - b);
    const median = times[Math.floor((times.length - 1) / 2)];
    const max = times[times.length - 1];
    rows.push([r.name, `${(warm.bytes.length / 1024).toFixed(0)} kB`, ms(warm.ms), ms(times[0]), ms(median), ms(max), r.target ? ms(r.target) : '—']);
    if (r.target) {
      const pass = max < r.target;
      if (!pass) exitCode = 1;
      verdicts.push(`${pass ? 'PASS' : 'FAIL'} ${r.name}: max ${ms(max)} (median ${ms(median)}) < ${ms(r.target)}`);
    }
  }
  log(table(['report', 'size', 'first', 'min', 'median', 'max', 'target'], rows));
  for (const v of verdicts) log(v);
  if (SCALE < 1) log(`(scale ${SCALE}: the targets are for scale 1)`);
} catch (err) {
  exitCode = 1;
  console.error(err);
  if (server) console.error(`server output (last lines):\n${server.output().slice(-3000)}`);
} finally {
  await client?.end().catch(() => {});
  if (server) await server.stop();
  await cluster.stop();
  log(`done in ${since(t0)}`);
  process.exit(exitCode);
}
