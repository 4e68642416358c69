// The server process of `hoptac serve`, started by serve.ts in its own process group (run directly, it
// works the same). Stops on the first SIGINT, SIGTERM or SIGHUP, or when the `hoptac` process that
// started it goes away; the stop is ordered (HTTP, jobs, pool, embedded cluster) and prints one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../server/platform/config.ts';
import { type RunningServer, startServer } from '../server/runtime.ts';

/**
 * Past this, the process exits anyway (code 1), first asking the embedded cluster, if any, for a fast
 * shutdown that it finishes on its own; the next start also stops a cluster left running.
 */
const STOP_DEADLINE_MS = 3500;

let config: Config | undefined;

let server: RunningServer | undefined;
let stopping = false;

const say = (line: string) => console.log(`[hoptac] ${line}`);

function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  say(`${reason}, stopping…`);
  setTimeout(() => {
    console.error(`[hoptac] still stopping after ${STOP_DEADLINE_MS / 1000} s; exiting now`);
    stopClusterNow();
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  if (server) void close(server); // during start-up: closed as soon as it is up (below)
}

/** SIGINT to the embedded cluster's postmaster (PostgreSQL's fast shutdown), read from its pid file. */
function stopClusterNow(): void {
  if (!config || config.DATABASE_URL) return;
  try {
    const pid = Number.parseInt(readFileSync(join(config.dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // no cluster running
  }
}

async function close(running: RunningServer): Promise<void> {
  try {
    await running.close();
  } catch (err) {
    console.error(`[hoptac] error while stopping: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  say('stopped');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(`${signal} received`));
process.on('disconnect', () => stop('the hoptac command ended'));

try {
  config = loadConfig();
  server = await startServer(config);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
if (stopping) await close(server);
