import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/platform/config.ts';

/**
 * `hoptac serve`: runs the server (serve-process.ts) in a child process of its own process group and
 * waits for it. Ctrl-C in a terminal signals the whole foreground group — npm, sh, tsx, this process —
 * but not the server and its embedded PostgreSQL: had the cluster received it, it would have shut
 * itself down at once, cutting the connections of requests and jobs still finishing (and tsx's relay may
 * SIGKILL its child 30 ms after a signal). Here the first SIGINT, SIGTERM or SIGHUP is passed on to the
 * server once, which stops HTTP, jobs, the pool and the cluster in that order and exits 0; further
 * signals are ignored. If this process dies anyway, the server sees its IPC channel close and stops.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * A larger young generation for the server: a busy request (a calendar feed of thousands of events) allocates tens of
 * megabytes that die young, which V8's default semi-space copies through several scavenges — a rendered feed spent
 * about a third of its CPU there; with 64 MB its p50 went from 133–165 ms to 69–100 ms (`bench/calendar.ts --cold
 * --scale 0.2`). NODE_OPTIONS may choose another size.
 */
const V8_FLAGS = process.env.NODE_OPTIONS?.includes('--max-semi-space-size') ? [] : ['--max-semi-space-size=64'];

export async function runServe(argv: string[]): Promise<number> {
  loadConfig(); // a wrong variable stops here, naming it, before anything starts
  const entry = fileURLToPath(new URL('./serve-process.ts', import.meta.url));
  const child = spawn(process.execPath, [...V8_FLAGS, '--import', import.meta.resolve('tsx'), entry, ...argv], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let forwarded: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (forwarded) return;
    forwarded = signal;
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return new Promise<number>((resolve) => {
    child.on('error', (err) => {
      console.error(`[hoptac] could not start the server process: ${err.message}`);
      resolve(1);
    });
    // Killed by the signal passed on before it could install its handlers (still loading): nothing had started.
    child.on('exit', (code, signal) => resolve(code ?? (signal !== null && signal === forwarded ? 0 : 1)));
  });
}
