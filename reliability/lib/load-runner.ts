import { performance } from 'node:perf_hooks';
import { prng, type Summary, summarize } from '../../bench/lib/stats.ts';

// A closed-loop load runner bounded in time and in request count, in the manner of bench/lib/load.ts (which
// sends GETs with one set of headers): here each virtual user holds its own session and each step is any
// request (or a few: a sign-in that replaces the session, then the sign-out of the old one) with the status
// it must answer. Anything else — another status, a refused connection, a timeout — is an error.

export interface Sample {
  label: string;
  ms: number;
  status: number;
  /** The status was the one expected. */
  ok: boolean;
  /** What went wrong, for the report (method, path, status, the start of the body). */
  detail?: string;
}

export interface RunOptions<V> {
  /** One per connection: each runs its steps one after the other (closed loop). */
  users: V[];
  /** One step of a virtual user: the requests it made. `rnd` is the user's own seeded PRNG. */
  step: (user: V, rnd: () => number) => Promise<Sample[]>;
  durationSec: number;
  /** The first seconds are run but not measured (JIT, pools, caches); errors there count all the same. */
  warmupSec: number;
  /** Hard bound on the requests of the whole run (warm-up included). */
  maxRequests: number;
  seed?: number;
  /** Width of the throughput windows in the report. */
  windowSec?: number;
  /** Stops the run early (e.g. an app process died). Returns the reason or undefined. */
  abort?: () => string | undefined;
}

export interface ErrorTally {
  count: number;
  examples: string[];
}

export interface RunResult {
  overall: Summary;
  byLabel: Map<string, Summary>;
  errorsByLabel: Map<string, ErrorTally>;
  errors: number;
  /** Requests answered as expected in the measured phase. */
  completed: number;
  /** All requests sent, warm-up included. */
  sent: number;
  seconds: number;
  rps: number;
  /** Requests per second in consecutive windows of the measured phase. */
  windows: number[];
  stoppedBy?: string;
}

export async function runClosedLoop<V>(o: RunOptions<V>): Promise<RunResult> {
  const windowSec = o.windowSec ?? 30;
  const samples: number[] = [];
  const byLabel = new Map<string, number[]>();
  const errorsByLabel = new Map<string, ErrorTally>();
  const windowCounts: number[] = [];
  let errors = 0;
  let sent = 0;
  let stoppedBy: string | undefined;
  const t0 = performance.now();
  const measureFrom = t0 + o.warmupSec * 1000;
  const end = measureFrom + o.durationSec * 1000;
  const worker = async (user: V, index: number) => {
    const rnd = prng((o.seed ?? 20261127) + index * 7919);
    while (performance.now() < end && sent < o.maxRequests && !stoppedBy) {
      const reason = o.abort?.();
      if (reason) {
        stoppedBy = reason;
        return;
      }
      const started = performance.now();
      const got = await o.step(user, rnd);
      const measured = started >= measureFrom && performance.now() <= end + 60_000;
      for (const s of got) {
        sent++;
        if (!s.ok) {
          errors++;
          const t = errorsByLabel.get(s.label) ?? { count: 0, examples: [] };
          errorsByLabel.set(s.label, t);
          t.count++;
          if (t.examples.length < 3) t.examples.push(s.detail ?? `HTTP ${s.status}`);
          continue;
        }
        if (!measured) continue;
        samples.push(s.ms);
        const list = byLabel.get(s.label) ?? [];
        byLabel.set(s.label, list);
        list.push(s.ms);
        const w = Math.floor((started - measureFrom) / (windowSec * 1000));
        windowCounts[w] = (windowCounts[w] ?? 0) + 1;
      }
    }
  };
  await Promise.all(o.users.map((u, i) => worker(u, i)));
  const seconds = Math.max(0.001, (Math.min(performance.now(), end) - measureFrom) / 1000);
  const fullWindows = Math.max(1, Math.floor(seconds / windowSec));
  const windows = Array.from({ length: fullWindows }, (_, i) => (windowCounts[i] ?? 0) / windowSec);
  return {
    overall: summarize(samples),
    byLabel: new Map([...byLabel].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, summarize(v)])),
    errorsByLabel,
    errors,
    completed: samples.length,
    sent,
    seconds,
    rps: samples.length / seconds,
    windows,
    stoppedBy,
  };
}

/** Picks a key by weight. */
export function weighted<K extends string>(weights: Record<K, number>, rnd: () => number): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1][0];
}

export const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)];
