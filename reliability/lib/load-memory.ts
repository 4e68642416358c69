import { existsSync, readdirSync, readFileSync } from 'node:fs';

// Memory of an app process, read from Linux /proc. `hoptac serve` (as bench/lib/server.ts spawns it: tsx's CLI →
// the hoptac command → serve-process.ts in its own process group) serves HTTP from the last of these; its resident
// set (VmRSS) is what grows if something leaks.

function ppidOf(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const ppid = ppidOf(pid);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The pid of the process running serve-process.ts under `root` (the spawned `hoptac serve`), if found. */
export function servingPid(root: number): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  for (const pid of descendants(root)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve-process.ts')) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** Resident set size in MiB (VmRSS), or NaN when the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export interface RssSample {
  /** Seconds since sampling started. */
  at: number;
  mib: number;
}

/** Samples the RSS of `pid` every `everySec` seconds until stopped. */
export function sampleRss(pid: number, everySec = 5): { samples: RssSample[]; stop(): RssSample[] } {
  const samples: RssSample[] = [];
  const t0 = Date.now();
  const take = () => samples.push({ at: (Date.now() - t0) / 1000, mib: rssMiB(pid) });
  take();
  const timer = setInterval(take, everySec * 1000);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export interface FlatVerdict {
  /** Whether the run was long enough to judge (two windows of a minute, the second minute and the last). */
  judged: boolean;
  ok: boolean;
  early: number;
  late: number;
  changePct: number;
  min: number;
  max: number;
  line: string;
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * "Flat": the average RSS of the last minute within `tolerancePct` of the second minute's (the first minute is
 * start-up and warm-up). Runs shorter than `minJudgedSec` compare the second sixth with the last sixth and are
 * reported, not judged.
 */
export function judgeFlat(samples: RssSample[], durationSec: number, tolerancePct = 15, minJudgedSec = 180): FlatVerdict {
  const ok = samples.filter((s) => Number.isFinite(s.mib));
  const judged = durationSec >= minJudgedSec;
  const w = judged ? 60 : durationSec / 6;
  const earlyWindow = ok.filter((s) => s.at >= w && s.at < 2 * w).map((s) => s.mib);
  const lateWindow = ok.filter((s) => s.at >= durationSec - w).map((s) => s.mib);
  const early = avg(earlyWindow);
  const late = avg(lateWindow);
  const changePct = ((late - early) / early) * 100;
  const mibs = ok.map((s) => s.mib);
  const min = Math.min(...mibs);
  const max = Math.max(...mibs);
  const within = Math.abs(changePct) <= tolerancePct;
  const windows = judged ? 'second minute → last minute' : `${w.toFixed(0)} s windows: second → last`;
  const line =
    `RSS ${samples.length} samples every 5 s: min ${min.toFixed(0)} MiB, max ${max.toFixed(0)} MiB; ${windows} ` +
    `${early.toFixed(1)} → ${late.toFixed(1)} MiB (${changePct >= 0 ? '+' : ''}${changePct.toFixed(1)}%; lowest ` +
    `${Math.min(...earlyWindow).toFixed(0)} → ${Math.min(...lateWindow).toFixed(0)} MiB), flat within ${tolerancePct}%: ` +
    `${judged ? (within ? 'PASS' : 'FAIL') : `${within ? 'yes' : 'no'}, not judged: run shorter than ${minJudgedSec} s`}`;
  return { judged, ok: !judged || within, early, late, changePct, min, max, line };
}

/** The samples as a compact series, one value per `stepSec` seconds (for the report). */
export function rssSeries(samples: RssSample[], stepSec = 30): string {
  const out: string[] = [];
  let next = 0;
  for (const s of samples) {
    if (s.at + 0.5 >= next) {
      out.push(Number.isFinite(s.mib) ? s.mib.toFixed(0) : '–');
      next += stepSec;
    }
  }
  return out.join(' ');
}
