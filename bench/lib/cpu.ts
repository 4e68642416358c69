import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CPU accounting (Linux /proc), as in bench/agreements.ts: the server's process tree, PostgreSQL (postmaster and
// backends) and this process (the load generator). On 2 shared cores, latency at 4 connections is mostly waiting
// for CPU; CPU ms per request says whose. Shared by bench/activities.ts and bench/calendar.ts.

const TICK_MS = 10;

function procStat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return undefined;
  }
}

function processTree(roots: number[]): number[] {
  if (!existsSync('/proc/self/stat')) return [];
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = procStat(pid);
    if (st) children.set(st.ppid, [...(children.get(st.ppid) ?? []), pid]);
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

export interface CpuShare {
  server: number;
  postgres: number;
  generator: number;
}

/** The postmaster's pid of an embedded cluster whose data directory is `<clusterDir>/pg` (0 when unknown). */
export function postmasterPidOf(clusterDir: string): number {
  const pidFile = join(clusterDir, 'pg', 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
}

/** Runs `f` and says how many CPU ms the server's tree, PostgreSQL's tree and this process spent meanwhile. */
export async function withCpu<T>(serverPid: number, postmasterPid: number, f: () => Promise<T>): Promise<{ result: T; cpu: CpuShare }> {
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

/** `server · pg · load gen` CPU ms per request over `count` requests ('–' without the pids). */
export function cpuPerRequest(cpu: CpuShare, count: number, known: boolean): string {
  const f = (x: number) => (x / count).toFixed(x / count >= 10 ? 0 : 1);
  return known ? `${f(cpu.server)} · ${f(cpu.postgres)} · ${f(cpu.generator)}` : '–';
}
