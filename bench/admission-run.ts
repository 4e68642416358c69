// Admission run benchmark (issue 13, "Performance"): a season of 1,000,000 candidates and 7,500,000 preferences read
// from PostgreSQL, scored, matched and written back by the server's own run job (modules/admissions/run-job.ts
// `executeRun`, the function the pg-boss worker calls): under 60 s end to end and under 3 GB peak memory, with the
// progress moving; 100,000 candidates under 8 s. Beside it, the CLI on the same data exported as CSV (`hoptac
// admission score` then `hoptac admission match`), and a check that both assign every candidate the same.
//
//   npx tsx bench/admission-run.ts [--candidates 1000000] [--programs 300] [--no-cli] [--keep] [--echo]
//
// 1. starts an embedded PostgreSQL cluster (the app's settings) in a temporary directory, creates a database and
//    applies the migrations (platform/migrate.ts);
// 2. seeds the season in SQL (bench/lib/admission-data.ts): exam, candidates, subject scores, programs, preferences;
// 3. inserts a queued dry run and calls executeRun in this process (no HTTP, no pg-boss: the job's work alone),
//    timing each phase from the run's own progress points (afterPhase: 0.05 claimed, 0.2 preferences read, 0.5 exam
//    results read, 0.6 scored, 0.8 matched, then written and done), the CPU of this process and of PostgreSQL's
//    processes (/proc), the peak RSS of this process (process.resourceUsage().maxRSS, which includes the ~0.2 GB of
//    Node and the modules loaded before the run), and the progress values another connection saw while polling
//    admission_runs every 100 ms (what the web page's progress bar shows);
// 4. exports exams.csv, results.csv, methods.csv, preferences.csv and programs.csv with COPY, runs the CLI's score
//    and match commands as child processes (tsx, as bench/admission/run.ts does), and compares assignments.csv with
//    the run's results (candidate, program, rank), line by line.
// Exit status: 0 when every target is met and the assignments agree, 1 when not, 2 on an error.
import { spawnSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { executeRun } from '../src/server/modules/admissions/run-job.ts';
import { createDb } from '../src/server/platform/db.ts';
import type { AppDeps } from '../src/server/platform/deps.ts';
import { startEmbeddedPostgres } from '../src/server/platform/embedded-postgres.ts';
import { migrate } from '../src/server/platform/migrate.ts';
import { seedSeason } from './lib/admission-data.ts';
import { arg, bounded, flag, log } from './lib/args.ts';
import { postmasterPidOf } from './lib/cpu.ts';
import { removeOnExit } from './lib/server.ts';
import { table } from './lib/stats.ts';

const N = bounded(Number(arg('--candidates') ?? 1_000_000), 100, 5_000_000);
const PROGRAMS = bounded(Number(arg('--programs') ?? 300), 20, 5_000);
const CLI = !flag('--no-cli');
// The issue's targets: 1,000,000 candidates in 60 s and 3 GB; 100,000 (and fewer) in 8 s.
const TARGET = N > 100_000 ? { seconds: 60, gb: 3 } : { seconds: 8, gb: 3 };

const loadAvg = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const n = (x: number) => x.toLocaleString('en');

// CPU ticks of a process tree (PostgreSQL: the postmaster and its backends), from /proc.
function treeCpuMs(root: number): number {
  const stat = (pid: number) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(x[1]), ticks: Number(x[11]) + Number(x[12]) + Number(x[13]) + Number(x[14]) };
    } catch {
      return undefined;
    }
  };
  const kids = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = stat(pid);
    if (st) kids.set(st.ppid, [...(kids.get(st.ppid) ?? []), pid]);
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += stat(pid)?.ticks ?? 0;
    stack.push(...(kids.get(pid) ?? []));
  }
  return ticks * 10;
}

/** CPU of this process's waited-for children (cutime + cstime of /proc/self/stat), ms. */
function childrenCpuMs() {
  const f = readFileSync('/proc/self/stat', 'utf8');
  const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(x[13]) + Number(x[14])) * 10;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let exitCode = 0;
let cluster: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
const t0 = performance.now();
log(`hoptac admission run benchmark — ${n(N)} candidates, ${PROGRAMS} programs; node ${process.version}; load average ${loadAvg()}`);
try {
  const dir = removeOnExit(mkdtempSync(join(tmpdir(), 'hoptac-admission-run-')));
  chmodSync(dir, 0o755); // as root, the cluster runs as the `postgres` user
  cluster = await startEmbeddedPostgres({ dataDir: join(dir, 'cluster') });
  const admin = new pg.Client(cluster.url());
  await admin.connect();
  await admin.query('CREATE DATABASE hoptac');
  await admin.end();
  const { db, pool } = createDb(cluster.url('hoptac'), 10);
  await migrate(pool);
  const client = new pg.Client(cluster.url('hoptac'));
  await client.connect();
  log(`cluster up and migrated (${s(performance.now() - t0)}); seeding:`);
  const ids = await seedSeason(client, N, PROGRAMS, log);
  const counts = (await client.query(`SELECT (SELECT count(*) FROM admission_preferences)::int AS prefs, (SELECT count(*) FROM exam_scores)::int AS scores,
      pg_size_pretty(pg_total_relation_size('admission_preferences')) AS size`)).rows[0];
  log(`seeded ${n(N)} candidates, ${n(counts.scores)} subject scores, ${n(counts.prefs)} preferences (admission_preferences ${counts.size}) — load average ${loadAvg()}`);

  // ---- the run
  const { id: runId } = (
    await client.query(`INSERT INTO admission_runs (season_id, institution_id, kind, started_by_label) VALUES ($1, $2, 'dry', 'bench') RETURNING id`, [
      ids.seasonId,
      ids.institutionId,
    ])
  ).rows[0];
  const deps = { db, clock: { now: () => new Date() }, jobs: null } as unknown as AppDeps;
  const seen: { at: number; progress: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const r = await client.query('SELECT progress FROM admission_runs WHERE id = $1', [runId]);
      const p = Number(r.rows[0].progress);
      if (seen.at(-1)?.progress !== p) seen.push({ at: performance.now(), progress: p });
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  const postmaster = postmasterPidOf(join(dir, 'cluster'));
  const rssBefore = process.memoryUsage().rss;
  const pgBefore = treeCpuMs(postmaster);
  const cpuBefore = process.cpuUsage();
  const marks: { progress: number; at: number; cpu: number }[] = [];
  const start = performance.now();
  const cpuNow = () => {
    const c = process.cpuUsage(cpuBefore);
    return (c.user + c.system) / 1000;
  };
  await executeRun(deps, runId, {
    afterPhase: async (progress) => {
      marks.push({ progress, at: performance.now(), cpu: cpuNow() });
    },
  });
  const end = performance.now();
  const cpuRun = cpuNow();
  const pgRun = treeCpuMs(postmaster) - pgBefore;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  polling = false;
  await poller;
  const run = (await client.query('SELECT status, error, candidates, applications, matched FROM admission_runs WHERE id = $1', [runId])).rows[0];
  if (run.status !== 'done') throw new Error(`the run ended ${run.status}: ${run.error}`);
  const at = (p: number) => marks.find((m) => m.progress === p)!;
  const phases: [string, number, number, number, number][] = [
    ['claim', start, at(0.05).at, 0, at(0.05).cpu],
    ['read preferences (COPY)', at(0.05).at, at(0.2).at, at(0.05).cpu, at(0.2).cpu],
    ['read exam results (COPY)', at(0.2).at, at(0.5).at, at(0.2).cpu, at(0.5).cpu],
    ['score (engine)', at(0.5).at, at(0.6).at, at(0.5).cpu, at(0.6).cpu],
    ['match (engine)', at(0.6).at, at(0.8).at, at(0.6).cpu, at(0.8).cpu],
    ['write results (COPY) + commit', at(0.8).at, end, at(0.8).cpu, cpuRun],
  ];
  log(`\nrun: ${n(run.candidates)} candidates, ${n(run.applications)} applications, ${n(run.matched)} matched — load average ${loadAvg()}`);
  log(table(['phase', 'wall', 'CPU of this process'], phases.map(([name, a, b, ca, cb]) => [name, s(b - a), s(cb - ca)])));
  const total = end - start;
  const okTime = total < TARGET.seconds * 1000;
  const okMem = maxRss < TARGET.gb * 1024 ** 3;
  const moved = seen.filter((x) => x.progress > 0 && x.progress < 1);
  log(
    table(
      ['', 'figure', 'target'],
      [
        ['end to end (claim → done)', s(total), `< ${TARGET.seconds} s: ${okTime ? 'PASS' : 'FAIL'}`],
        ['CPU: this process · PostgreSQL', `${s(cpuRun)} · ${s(pgRun)}`, ''],
        ['peak RSS of this process', `${(maxRss / 1024 ** 3).toFixed(2)} GB (before the run ${(rssBefore / 1024 ** 3).toFixed(2)} GB)`, `< ${TARGET.gb} GB: ${okMem ? 'PASS' : 'FAIL'}`],
        [
          'progress seen by a poller (100 ms)',
          seen.map((x) => `${x.progress} @${((x.at - start) / 1000).toFixed(1)}s`).join(', '),
          moved.length >= 3 ? 'moved: PASS' : 'FAIL',
        ],
      ],
    ),
  );
  if (!okTime || !okMem || moved.length < 3) exitCode = 1;

  // ---- the CLI on the same data
  if (CLI) {
    const csv = join(dir, 'csv');
    mkdirSync(csv);
    const exportStart = performance.now();
    const copyOut = async (file: string, query: string) => {
      await pipeline(client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER true)`)), createWriteStream(join(csv, file)));
    };
    const season = `'${ids.seasonId}'`;
    await copyOut('exams.csv', `SELECT exam_id AS exam, key AS subject, max_score AS max FROM exam_subjects WHERE exam_id = '${ids.examId}'`);
    await copyOut(
      'results.csv',
      `SELECT sc.candidate_id, su.exam_id AS exam, su.key AS subject, sc.total AS score FROM exam_scores sc JOIN exam_subjects su ON su.id = sc.subject_id WHERE su.exam_id = '${ids.examId}'`,
    );
    await copyOut(
      'methods.csv',
      `SELECT p.id AS program_id, m->>'methodId' AS method_id, c->>'examId' AS exam, c->>'subject' AS subject, c->>'weight' AS weight, m->>'floor' AS floor
       FROM admission_programs p, jsonb_array_elements(p.methods) m, jsonb_array_elements(m->'components') c WHERE p.season_id = ${season}`,
    );
    await copyOut('preferences.csv', `SELECT candidate_key AS candidate_id, rank, program_id FROM admission_preferences WHERE season_id = ${season}`);
    await copyOut(
      'programs.csv',
      `SELECT id AS program_id, quota, floor, array_to_string(tie_break, '>') AS tie_break, tie_policy FROM admission_programs WHERE season_id = ${season} ORDER BY code`,
    );
    const exportMs = performance.now() - exportStart;
    const sizes = spawnSync('du', ['-sh', csv], { encoding: 'utf8' }).stdout.split('\t')[0];
    log(`\nCLI baseline: CSVs exported with COPY in ${s(exportMs)} (${sizes}) — load average ${loadAvg()}`);
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const cli = (args: string[]) => {
      const cpu0 = childrenCpuMs();
      const t = performance.now();
      const r = spawnSync(process.execPath, [tsx, join(root, 'src/cli/hoptac.ts'), 'admission', ...args], { encoding: 'utf8' });
      const wall = performance.now() - t;
      if (r.status !== 0) throw new Error(`hoptac admission ${args[0]} failed (${r.status}): ${r.stderr.slice(-2000)}`);
      return { wall, cpu: childrenCpuMs() - cpu0 };
    };
    const scored = join(dir, 'scored');
    const out = join(dir, 'out');
    const score = cli([
      'score',
      '--exams',
      join(csv, 'exams.csv'),
      '--results',
      join(csv, 'results.csv'),
      '--methods',
      join(csv, 'methods.csv'),
      '--preferences',
      join(csv, 'preferences.csv'),
      '--year',
      String(ids.year),
      '--out',
      scored,
    ]);
    const match = cli(['match', '--programs', join(csv, 'programs.csv'), '--applications', join(scored, 'applications.csv'), '--out', out]);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    log(
      table(
        ['', 'server run (executeRun)', 'CLI'],
        [
          ['read', `${s(phases[1][2] - phases[1][1])} preferences + ${s(phases[2][2] - phases[2][1])} exam results`, `score: ${s(score.wall)} (parse, score, write applications.csv); match parse ${s(summary.timings_ms.parse)}`],
          ['score', s(phases[3][2] - phases[3][1]), '(in score above)'],
          ['match', s(phases[4][2] - phases[4][1]), s(summary.timings_ms.match)],
          ['write', s(phases[5][2] - phases[5][1]), s(summary.timings_ms.write)],
          ['end to end', s(total), `${s(score.wall + match.wall)} (score ${s(score.wall)} + match ${s(match.wall)}, from CSV files)`],
          ['CPU', `${s(cpuRun)} + PostgreSQL ${s(pgRun)}`, s(score.cpu + match.cpu)],
          ['peak RSS', `${(maxRss / 1024 ** 3).toFixed(2)} GB`, `match ${(summary.peak_rss_mb / 1024).toFixed(2)} GB`],
          ['candidates · applications · matched', `${n(run.candidates)} · ${n(run.applications)} · ${n(run.matched)}`, `${n(summary.candidates)} · ${n(summary.applications)} · ${n(summary.matched)}`],
        ],
      ),
    );
    // Same assignment: the assigned rows of assignments.csv (sorted by candidate id bytes) against the run's in the same
    // order. The run also lists candidates none of whose preferences is an application (unassigned); the CLI's score
    // leaves them out, so unassigned rows are compared by count only.
    const cliAll = readFileSync(join(out, 'assignments.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const cliLines = cliAll.filter((l) => !l.endsWith(',,'));
    const ours = (
      await client.query(
        `SELECT candidate_key AS c, program_id AS p, rank AS r FROM admission_run_results WHERE run_id = $1 AND program_id IS NOT NULL ORDER BY candidate_key COLLATE "C"`,
        [runId],
      )
    ).rows.map((x) => `${x.c},${x.p},${x.r}`);
    let differ = 0;
    let first = '';
    for (let i = 0; i < Math.max(cliLines.length, ours.length); i++) {
      if (cliLines[i] !== ours[i]) {
        differ++;
        first ||= `assigned row ${i + 1}: CLI ${cliLines[i]} vs run ${ours[i]}`;
      }
    }
    log(
      `assignments: ${n(ours.length)} assigned by the run vs ${n(cliLines.length)} by the CLI (unassigned: run ${n(run.candidates - ours.length)}, CLI ${n(cliAll.length - cliLines.length)} + ${n(run.candidates - cliAll.length)} without an application) — ${differ === 0 ? 'identical: PASS' : `${n(differ)} differ (${first}): FAIL`}`,
    );
    if (differ > 0) exitCode = 1;
  }
  await client.end();
  await db.destroy();
  log(`\nload average at the end ${loadAvg()}; total ${s(performance.now() - t0)}`);
} catch (err) {
  console.error(err);
  exitCode = 2;
} finally {
  await cluster?.stop().catch(() => {});
}
process.exit(exitCode);
