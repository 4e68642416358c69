// The engine's match phase against a compiled C baseline of the same algorithm (baseline.c).
//   npx tsx bench/admission/engine-vs-c.ts [--candidates N] [--programs P] [--seed S] [--repeat R]
//                                          [--mixed-policies] [--cli] [--keep]
// Generates the seeded instance of generate.ts, writes it as a binary file (encodeInstance), builds
// baseline.c with `gcc -O2`, and times both match phases on it — tie keys, deferred acceptance and
// result arrays; not reading the instance. Each program runs R times in a process of its own (the
// engine in a new Node process started the way this one was), alternating so that both see the
// same load, and matches twice there:
//   first run in a process — as in `hoptac admission match`, which matches once: JIT compilation
//     included for the engine, the page faults of fresh memory for both;
//   second run in a process — warm.
// Wall clock and the main thread's CPU time are reported; on a machine shared with other work, CPU
// time is the steadier of the two (the load average is printed). Every candidate's program, every
// program's admitted count and cutoff, the proposals and the rounds must be the same. With --cli it
// also runs `hoptac admission match` on the instance written as CSV and reports its read / match /
// write phases. The exit code is non-zero on any disagreement.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MatchingInstance, type MatchingResult, runMatching } from '../../src/engines/admission/index.ts';
import { arg, flag } from '../lib/args.ts';
import { decodeInstance, encodeInstance, type GeneratedInstance, generateInstance, writeCsvFiles } from './generate.ts';

const self = fileURLToPath(import.meta.url);
const here = dirname(self);
const root = join(here, '../..');
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const threadCpu = () => {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
};

/** The engine's match phase: wall clock and this thread's CPU time (ms). */
function timeEngine(inst: MatchingInstance): { wall: number; cpu: number; res: MatchingResult } {
  const c0 = threadCpu();
  const w0 = process.hrtime.bigint();
  const res = runMatching(inst, { trusted: true });
  const wall = ms(w0);
  return { wall, cpu: threadCpu() - c0, res };
}

if (flag('--child')) {
  // Child process: two matches on the instance file — the first as the CLI runs it, then a warm
  // one — as the C program does; prints the timings.
  const inst = decodeInstance(readFileSync(arg('--child') as string));
  const runs = [timeEngine(inst), timeEngine(inst)];
  const { proposals, rounds } = runs[1].res;
  process.stdout.write(`${JSON.stringify({ wall: runs.map((r) => r.wall), cpu: runs.map((r) => r.cpu), proposals, rounds })}\n`);
  process.exit(0);
}

const candidates = Number(arg('--candidates') ?? 1_000_000);
const programs = Number(arg('--programs') ?? 5000);
const seed = Number(arg('--seed') ?? 20250717);
const repeat = Math.max(1, Number(arg('--repeat') ?? 5));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const best = (xs: number[]) => Math.min(...xs);
const f0 = (x: number) => x.toFixed(0).padStart(7);

console.log(`load average at start: ${load()} (Node ${process.version})`);

// --- the C baseline ------------------------------------------------------------------------------
const gcc = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
if (gcc.error || gcc.status !== 0) {
  console.error('engine-vs-c: gcc was not found on PATH; the C baseline needs it (Debian/Ubuntu: apt-get install gcc).');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'hoptac-admission-c-'));
process.on('exit', () => {
  if (!flag('--keep')) rmSync(dir, { recursive: true, force: true });
});
const binary = join(dir, 'baseline');
const build = spawnSync('gcc', ['-O2', '-o', binary, join(here, 'baseline.c'), '-lm'], { encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`engine-vs-c: gcc -O2 baseline.c failed:\n${build.stderr}`);
  process.exit(2);
}
console.log(`${gcc.stdout.split('\n')[0]}: gcc -O2 bench/admission/baseline.c`);

// --- the instance --------------------------------------------------------------------------------
let t0 = process.hrtime.bigint();
const inst: GeneratedInstance = generateInstance({ candidates, programs, seed });
if (flag('--mixed-policies')) {
  const policies = ['strict', 'accept-all', 'reject-all'] as const;
  inst.tiePolicy = Array.from({ length: programs }, (_, p) => policies[p % 3]);
  for (let p = 0; p < programs; p++) if (p % 3 !== 0) inst.tieBreak[p] = ['rank'];
}
const instancePath = join(dir, 'instance.bin');
writeFileSync(instancePath, encodeInstance(inst));
const m = inst.offsets[candidates];
console.log(
  `instance: ${candidates.toLocaleString('en')} candidates, ${programs} programs, ${m.toLocaleString('en')} applications` +
    `${flag('--mixed-policies') ? ', mixed policies' : ''}; generated and written in ${ms(t0).toFixed(0)} ms`,
);

interface CRun {
  wall: number[];
  cpu: number[];
  proposals: number;
  rounds: number;
  assignedProgram: Int32Array;
  admitted: Int32Array;
  cutoff: Int32Array;
}
/** The C program: `runs` match phases in one process. */
function runC(runs: number): CRun {
  const out = join(dir, 'c-result.bin');
  const r = spawnSync(binary, [instancePath, out, String(runs - 1)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`baseline failed (${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  const i32 = new Int32Array(new Uint8Array(readFileSync(out)).buffer); // (a copy: aligned)
  return {
    wall: json.runs_ms,
    cpu: json.cpu_ms,
    proposals: json.proposals,
    rounds: json.rounds,
    assignedProgram: i32.slice(2, 2 + candidates),
    admitted: i32.slice(2 + candidates, 2 + candidates + programs),
    cutoff: i32.slice(2 + candidates + programs, 2 + candidates + 2 * programs),
  };
}
/** The engine in a new Node process started the way this one was: two match phases. */
function runEngine(): { wall: number[]; cpu: number[]; proposals: number; rounds: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', instancePath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`engine child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

// --- the timed runs ------------------------------------------------------------------------------
// Both programs run in processes of their own, two match phases each, alternating.
const first = { tsWall: [] as number[], tsCpu: [] as number[], cWall: [] as number[], cCpu: [] as number[] };
const warm = { tsWall: [] as number[], tsCpu: [] as number[], cWall: [] as number[], cCpu: [] as number[] };
const res = runMatching(inst, { trusted: true }); // for the comparison, not timed
let c: CRun | undefined;
let childDisagrees = 0;
for (let r = 0; r < repeat; r++) {
  const e = runEngine();
  first.tsWall.push(e.wall[0]);
  first.tsCpu.push(e.cpu[0]);
  warm.tsWall.push(e.wall[1]);
  warm.tsCpu.push(e.cpu[1]);
  c = runC(2);
  first.cWall.push(c.wall[0]);
  first.cCpu.push(c.cpu[0]);
  warm.cWall.push(c.wall[1]);
  warm.cCpu.push(c.cpu[1]);
  if (e.proposals !== res.proposals || e.rounds !== res.rounds) childDisagrees++;
}
const cLast = c as CRun;

// --- same results? -------------------------------------------------------------------------------
let differ = 0;
let example = '';
for (let i = 0; i < candidates; i++) {
  if (res.assignedProgram[i] !== cLast.assignedProgram[i]) {
    if (differ++ === 0) example = ` (first: candidate ${i}: engine ${res.assignedProgram[i]}, C ${cLast.assignedProgram[i]})`;
  }
}
let programsDiffer = 0;
for (let p = 0; p < programs; p++) if (res.admitted[p] !== cLast.admitted[p] || res.cutoff[p] !== cLast.cutoff[p]) programsDiffer++;
const same =
  differ === 0 && programsDiffer === 0 && res.proposals === cLast.proposals && res.rounds === cLast.rounds && childDisagrees === 0;

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(7);
const row = (label: string, e: number[], k: number[]) =>
  console.log(
    `  ${label.padEnd(34)}${f0(best(e))} ${f0(median(e))}    ${f0(best(k))} ${f0(median(k))}   ${ratio(median(e), median(k))} ${ratio(
      median(e.map((x, i) => x / k[i])),
      1,
    )}`,
  );
console.log('');
console.log(`match phase (ms), ${repeat} alternating runs each    engine (TS)       C (gcc -O2)     engine / C`);
console.log(`  ${''.padEnd(34)}   best  median       best  median   medians  pairs`);
row('first run in a process: wall', first.tsWall, first.cWall);
row('first run in a process: CPU', first.tsCpu, first.cCpu);
row('second run in a process: wall', warm.tsWall, warm.cWall);
row('second run in a process: CPU', warm.tsCpu, warm.cCpu);
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
console.log(`  CPU, first runs:  engine ${list(first.tsCpu)}; C ${list(first.cCpu)}`);
console.log(`  CPU, second runs: engine ${list(warm.tsCpu)}; C ${list(warm.cCpu)}`);
console.log('  ("pairs": the median of the ratios of runs taken one after the other)');
console.log(
  `proposals ${res.proposals.toLocaleString('en')} / ${cLast.proposals.toLocaleString('en')}, rounds ${res.rounds} / ${cLast.rounds}`,
);
console.log(
  `same results: ${same ? 'yes' : 'NO'} — every candidate's program ${differ === 0 ? 'equal' : `differs for ${differ}${example}`}, ` +
    `admitted and cutoff ${programsDiffer === 0 ? 'equal' : `differ for ${programsDiffer} programs`}` +
    `${childDisagrees ? `; proposals or rounds of ${childDisagrees} timed engine runs differ` : ''}`,
);
console.log(`load average at end: ${load()}`);
if (!same) process.exitCode = 1;

// --- the CLI end to end --------------------------------------------------------------------------
if (flag('--cli')) runCli(inst, cLast.assignedProgram, median(first.cWall));

/** CPU time of this process's waited-for children so far (ms; Linux, else NaN). */
function childrenCpu(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 10 ms ticks
  } catch {
    return Number.NaN;
  }
}

function runCli(inst: GeneratedInstance, expected: Int32Array, cFirstWall: number): void {
  t0 = process.hrtime.bigint();
  writeCsvFiles(inst, dir);
  const appsPath = join(dir, 'applications.csv');
  const progPath = join(dir, 'programs.csv');
  const mb = (statSync(appsPath).size + statSync(progPath).size) / 1e6;
  console.log(`\nCLI: CSVs written in ${ms(t0).toFixed(0)} ms (${mb.toFixed(0)} MB); load average ${load()}`);
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const out = join(dir, 'out');
  const cpu0 = childrenCpu();
  t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    [tsx, join(root, 'src/cli/hoptac.ts'), 'admission', 'match', '--programs', progPath, '--applications', appsPath, '--out', out],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const wall = ms(t0);
  const cpu = childrenCpu() - cpu0;
  if (r.status !== 0) {
    console.log(`CLI failed with status ${r.status}`);
    process.exitCode = 1;
    return;
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  const t = summary.timings_ms;
  console.log(`  read (parse, validate, build)     ${f0(t.parse)} ms   ${(mb / (t.parse / 1000)).toFixed(0)} MB/s`);
  console.log(`  match                             ${f0(t.match)} ms   ${ratio(t.match, cFirstWall).trim()} the C first-run median (wall)`);
  console.log(`  write                             ${f0(t.write)} ms`);
  console.log(`  total (summary.json)              ${f0(t.total)} ms`);
  console.log(`  wall time incl. process start     ${f0(wall)} ms`);
  console.log(`  CPU time, all threads             ${f0(cpu)} ms`);
  console.log(`  peak RSS                          ${f0(summary.peak_rss_mb)} MB`);
  const lines = readFileSync(join(out, 'assignments.csv'), 'utf8').split('\n');
  let diff = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const comma = lines[i].indexOf(',');
    const id = Number(lines[i].slice(1, comma));
    const pid = lines[i].slice(comma + 1, lines[i].indexOf(',', comma + 1));
    if (pid !== (expected[id] < 0 ? '' : inst.programIds[expected[id]])) diff++;
  }
  console.log(`  CLI assignment equals C           ${diff === 0 ? 'yes' : `NO (${diff} differ)`}`);
  if (diff) process.exitCode = 1;
  console.log(`load average at end: ${load()}`);
}
