// The engine's match phase against a compiled C baseline of the same algorithm (baseline.c).
//   npx tsx bench/admission/engine-vs-c.ts [--candidates N] [--programs P] [--seed S] [--repeat R]
//                                          [--runs K] [--mixed-policies] [--cli] [--keep]
// Generates the seeded instance of generate.ts, writes it as a binary file (encodeInstance), builds
// baseline.c with `gcc -O2`, and times both match phases on it — tie keys, deferred acceptance and
// result arrays; not reading the instance. Each program runs R times in a process of its own (the
// engine in a new Node process started the way this one was), alternating so that both see the
// same load, and matches K times there (default 4):
//   first run in a process — as in `hoptac admission match`, which matches once: JIT compilation
//     included for the engine, the page faults of fresh memory for both;
//   repeated runs (2nd to Kth) — warm, as in a process that matches again (the server).
// Wall clock, the main thread's CPU time and minor page faults are reported, with engine / C for
// every repeated run against the C run of the same index in the process started next; on a machine
// shared with other work, CPU time is the steadier of the two (the load average is printed). Every candidate's program, every
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

/** The engine's match phase: wall clock and this thread's CPU time (ms), minor page faults. */
function timeEngine(inst: MatchingInstance): { wall: number; cpu: number; faults: number; res: MatchingResult } {
  const f0 = process.resourceUsage().minorPageFault;
  const c0 = threadCpu();
  const w0 = process.hrtime.bigint();
  const res = runMatching(inst, { trusted: true });
  const wall = ms(w0);
  const cpu = threadCpu() - c0;
  return { wall, cpu, faults: process.resourceUsage().minorPageFault - f0, res };
}

const runsPerProcess = Math.max(2, Number(arg('--runs') ?? 4));

if (flag('--child')) {
  // Child process: K matches on the instance file — the first as the CLI runs it, then warm ones —
  // as the C program does; prints the timings. The results are kept, as a caller would.
  const inst = decodeInstance(readFileSync(arg('--child') as string));
  const runs = Array.from({ length: runsPerProcess }, () => timeEngine(inst));
  const { proposals, rounds } = runs[runs.length - 1].res;
  const differ = runs.some((r) => r.res.proposals !== proposals || r.res.rounds !== rounds);
  const out = { wall: runs.map((r) => r.wall), cpu: runs.map((r) => r.cpu), faults: runs.map((r) => r.faults), proposals, rounds, differ };
  process.stdout.write(`${JSON.stringify(out)}\n`);
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
  faults: number[];
  proposals: number;
  rounds: number;
  assignedProgram: Int32Array;
  admitted: Int32Array;
  cutoff: Int32Array;
}
// glibc returns blocks this large to the kernel when they are freed (munmap, heap trim), so each run
// of the C program gets fresh pages again; with these settings it keeps them for the next run, as
// the engine keeps its work arrays (runMatching). Both variants are timed.
const KEEP_FREED_MEMORY = { MALLOC_MMAP_THRESHOLD_: String(32 << 20), MALLOC_TRIM_THRESHOLD_: String(2 ** 32) };

/** The C program: `runs` match phases in one process. */
function runC(runs: number, keepFreedMemory = false): CRun {
  const out = join(dir, 'c-result.bin');
  const env = keepFreedMemory ? { ...process.env, ...KEEP_FREED_MEMORY } : process.env;
  const r = spawnSync(binary, [instancePath, out, String(runs - 1)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`baseline failed (${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  const i32 = new Int32Array(new Uint8Array(readFileSync(out)).buffer); // (a copy: aligned)
  return {
    wall: json.runs_ms,
    cpu: json.cpu_ms,
    faults: json.faults,
    proposals: json.proposals,
    rounds: json.rounds,
    assignedProgram: i32.slice(2, 2 + candidates),
    admitted: i32.slice(2 + candidates, 2 + candidates + programs),
    cutoff: i32.slice(2 + candidates + programs, 2 + candidates + 2 * programs),
  };
}
/** The engine in a new Node process started the way this one was: `runs` match phases. */
function runEngine(runs: number): { wall: number[]; cpu: number[]; faults: number[]; proposals: number; rounds: number; differ: boolean } {
  const r = spawnSync(process.execPath, [...process.execArgv, self, '--child', instancePath, '--runs', String(runs)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`engine child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string);
}

// --- the timed runs ------------------------------------------------------------------------------
// Both programs run in processes of their own, K match phases each, alternating: timing[r][j] is
// run j of the r-th process.
const tsWall: number[][] = [];
const tsCpu: number[][] = [];
const tsFaults: number[][] = [];
const cWall: number[][] = [];
const cCpu: number[][] = [];
const cFaults: number[][] = [];
const kWall: number[][] = [];
const kCpu: number[][] = [];
const kFaults: number[][] = [];
const res = runMatching(inst, { trusted: true }); // for the comparison, not timed
let c: CRun | undefined;
let childDisagrees = 0;
for (let r = 0; r < repeat; r++) {
  const e = runEngine(runsPerProcess);
  tsWall.push(e.wall);
  tsCpu.push(e.cpu);
  tsFaults.push(e.faults);
  c = runC(runsPerProcess);
  cWall.push(c.wall);
  cCpu.push(c.cpu);
  cFaults.push(c.faults);
  const k = runC(runsPerProcess, true);
  kWall.push(k.wall);
  kCpu.push(k.cpu);
  kFaults.push(k.faults);
  if (k.proposals !== c.proposals || k.rounds !== c.rounds || k.assignedProgram.some((x, i) => x !== c?.assignedProgram[i]))
    childDisagrees++;
  if (e.proposals !== res.proposals || e.rounds !== res.rounds || e.differ) childDisagrees++;
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
const firsts = (t: number[][]) => t.map((runs) => runs[0]);
const repeats = (t: number[][]) => t.flatMap((runs) => runs.slice(1));
const pairRatios = (e: number[], k: number[]) => e.map((x, i) => x / k[i]);
const row = (label: string, e: number[], k: number[]) => {
  const pairs = pairRatios(e, k);
  console.log(
    `  ${label.padEnd(30)}${f0(best(e))} ${f0(median(e))}    ${f0(best(k))} ${f0(median(k))}   ${ratio(median(e), median(k))}` +
      ` ${ratio(median(pairs), 1)} ${ratio(Math.max(...pairs), 1)}`,
  );
};
console.log('');
console.log(
  `match phase (ms), ${repeat} alternating processes each, ${runsPerProcess} runs a process   engine (TS)       C (gcc -O2)     engine / C`,
);
console.log(`  ${''.padEnd(30)}   best  median       best  median   medians  pairs  worst`);
row('first run in a process: wall', firsts(tsWall), firsts(cWall));
row('first run in a process: CPU', firsts(tsCpu), firsts(cCpu));
row(`repeated runs (2–${runsPerProcess}): wall`, repeats(tsWall), repeats(cWall));
row(`repeated runs (2–${runsPerProcess}): CPU`, repeats(tsCpu), repeats(cCpu));
console.log('  against C with glibc keeping freed memory for the next run (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_):');
row('first run in a process: CPU', firsts(tsCpu), firsts(kCpu));
row(`repeated runs (2–${runsPerProcess}): wall`, repeats(tsWall), repeats(kWall));
row(`repeated runs (2–${runsPerProcess}): CPU`, repeats(tsCpu), repeats(kCpu));
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
const ratios = (e: number[], k: number[]) =>
  pairRatios(e, k)
    .map((x) => `${x.toFixed(2)}×`)
    .join(' ');
console.log('  ("pairs": the median of the ratios of runs taken one after the other; "worst": their largest)');
console.log('  per process, engine / C of each run (first, then the repeated ones):');
for (let r = 0; r < repeat; r++) {
  console.log(
    `    ${String(r + 1).padStart(2)}  CPU ${ratios(tsCpu[r], cCpu[r])}   wall ${ratios(tsWall[r], cWall[r])}` +
      `   CPU against C keeping memory ${ratios(tsCpu[r], kCpu[r])}`,
  );
}
console.log(`  CPU (ms), engine: ${tsCpu.map(list).join(' | ')}`);
console.log(`  CPU (ms), C:      ${cCpu.map(list).join(' | ')}`);
console.log(`  CPU (ms), C keeping memory: ${kCpu.map(list).join(' | ')}`);
console.log(
  `  minor page faults a run, medians: first run engine ${median(firsts(tsFaults))}, C ${median(firsts(cFaults))}; ` +
    `repeated runs engine ${median(repeats(tsFaults))}, C ${median(repeats(cFaults))}, C keeping memory ${median(repeats(kFaults))}`,
);
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
if (flag('--cli')) runCli(inst, cLast.assignedProgram, median(firsts(cWall)));

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
