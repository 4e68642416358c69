import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadEmbeddedPostgres, startEmbeddedPostgres } from '../../src/server/platform/embedded-postgres.ts';

// A PostgreSQL cluster the harness owns and can hurt: started with the app's own startEmbeddedPostgres (same
// initdb flags and settings as `hoptac serve`), then killed (-9), stopped cleanly and started again on the same
// data directory and port, so the app's DATABASE_URL stays valid and PostgreSQL does its crash recovery.

/** The settings startEmbeddedPostgres applies; a restart passes the same ones. */
const SETTINGS = { listen_addresses: '127.0.0.1', max_connections: '200' };

export interface Cluster {
  port: number;
  url(database?: string): string;
  /** The postmaster's pid from postmaster.pid, when one is running. */
  pid(): number | undefined;
  /** SIGKILL to the postmaster (no shutdown, no checkpoint); resolves once it is gone. */
  kill9(): Promise<void>;
  /** Fast shutdown (SIGINT: sessions ended, checkpoint written); resolves once it is gone. */
  stop(): Promise<void>;
  /**
   * Starts the cluster again on the same directory and port (crash recovery after kill9). Backends of a killed
   * postmaster may hold its shared memory for a moment, which makes PostgreSQL refuse to start: retried until
   * `timeoutMs`. Resolves with the ms until it accepted connections.
   */
  start(timeoutMs?: number): Promise<number>;
  /** Stops whatever runs (fast, then immediate shutdown); for the end of a run. */
  close(): Promise<void>;
  /** Synchronous last resort for process exit: immediate shutdown (SIGQUIT) of a running postmaster. */
  killNow(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (alive(pid)) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export async function startCluster(dataDir: string, log: (line: string) => void = () => {}): Promise<Cluster> {
  const first = await startEmbeddedPostgres({ dataDir, settings: SETTINGS, log });
  const url0 = new URL(first.url());
  const port = Number(url0.port);
  const password = readFileSync(join(dataDir, '.pg-password'), 'utf8').trim();
  const databaseDir = join(dataDir, 'pg');
  const pidFile = join(databaseDir, 'postmaster.pid');
  const pid = () => {
    if (!existsSync(pidFile)) return undefined;
    const n = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
    return Number.isInteger(n) && n > 0 && alive(n) ? n : undefined;
  };
  const signalAndWait = async (signal: NodeJS.Signals, timeoutMs: number) => {
    const p = pid();
    if (p === undefined) return true;
    process.kill(p, signal);
    return waitGone(p, timeoutMs);
  };
  const cluster: Cluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    pid,
    async kill9() {
      if (!(await signalAndWait('SIGKILL', 10_000))) throw new Error('the postmaster survived SIGKILL for 10 s');
    },
    async stop() {
      if (await signalAndWait('SIGINT', 20_000)) return;
      if (!(await signalAndWait('SIGQUIT', 5000))) throw new Error('PostgreSQL did not stop within 25 s');
    },
    async start(timeoutMs = 60_000) {
      const EmbeddedPostgres = await loadEmbeddedPostgres();
      const t0 = performance.now();
      let attempts = 0;
      let last = '';
      for (;;) {
        attempts++;
        const pg = new EmbeddedPostgres({
          databaseDir,
          port,
          user: 'postgres',
          password,
          authMethod: 'scram-sha-256',
          persistent: true,
          createPostgresUser: process.getuid?.() === 0,
          postgresFlags: Object.entries(SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
          onLog: (line: string) => {
            last = line.trim().split('\n').at(-1) ?? last;
            log(line);
          },
          onError: (e: unknown) => log(String(e)),
        });
        const remaining = timeoutMs - (performance.now() - t0);
        let timer: NodeJS.Timeout | undefined;
        const started = await Promise.race([
          pg.start().then(
            () => true,
            () => false,
          ),
          new Promise<'timeout'>((r) => {
            timer = setTimeout(() => r('timeout'), Math.max(1000, remaining));
          }),
        ]);
        clearTimeout(timer);
        if (started === true) return performance.now() - t0;
        if (started === 'timeout' || performance.now() - t0 > timeoutMs) {
          throw new Error(`PostgreSQL did not start again within ${timeoutMs} ms (${attempts} attempts; last: ${last})`);
        }
        await sleep(300); // e.g. "pre-existing shared memory block is still in use": old backends still exiting
      }
    },
    async close() {
      try {
        await cluster.stop();
      } catch {
        await signalAndWait('SIGKILL', 5000);
      }
    },
    killNow() {
      const p = pid();
      if (p === undefined) return;
      try {
        process.kill(p, 'SIGQUIT');
      } catch {
        // gone
      }
    },
  };
  return cluster;
}
