import { sql } from 'kysely';
import { type Db, pingDatabase } from './db.ts';
import { isDatabaseUnavailable } from './errors.ts';
import { listMigrations, MIGRATIONS_DIR } from './migrate.ts';

// Liveness and readiness, for a load balancer, an orchestrator or a person with curl (README, Operations).
// `GET /healthz` (liveness) is one `SELECT 1` through the app's pool: cheap enough to call every second, and it
// says why it fails. `GET /readyz` (readiness) adds that every migration in src/server/migrations is applied —
// a process on a database an older or newer deployment migrated should not get traffic. Both answer 200 or 503
// with what each check found, never an error body: they are read by machines that look at the status.

/** How long a check waits for the database: longer, and the pool is exhausted or the network is away. */
export const CHECK_TIMEOUT_MS = 2_000;

/**
 * What the database check found: it answered, cannot be reached (refused, reset, shutting down, starting up),
 * did not answer within CHECK_TIMEOUT_MS, or answered with an error (e.g. wrong password: the log says which).
 */
export type DatabaseState = 'ok' | 'unreachable' | 'timeout' | 'error';
/** Every migration applied, some not yet (`pending` names them), or not known because the database is away. */
export type MigrationsState = 'ok' | 'pending' | 'unknown';

export interface Liveness {
  ok: boolean;
  checks: { database: DatabaseState };
}

export interface Readiness {
  ok: boolean;
  checks: { database: DatabaseState; migrations: MigrationsState };
  /** The migrations of this build the database has not applied, when `migrations` is `pending`. */
  pending?: string[];
}

class CheckTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  // The query still ends on its own; its late failure must not be an unhandled rejection.
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  const timeout = new Promise<never>((_, reject) => {
    // After a busy moment (the event loop held by other work) timers run before the answers that came in
    // meanwhile are read: give those one turn (setImmediate runs after them) before calling it a timeout.
    timer = setTimeout(() => setImmediate(() => settled || reject(new CheckTimeout())), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The state a failed check reports for `err`. */
export function databaseState(err: unknown): DatabaseState {
  if (err instanceof CheckTimeout) return 'timeout';
  return isDatabaseUnavailable(err) ? 'unreachable' : 'error';
}

export interface CheckOptions {
  timeoutMs?: number;
  /** Told about a check's failure other than a timeout (the route logs it). */
  onError?: (err: unknown) => void;
}

/** `SELECT 1` within the timeout. */
export async function liveness(db: Db, options: CheckOptions = {}): Promise<Liveness> {
  try {
    await withTimeout(pingDatabase(db), options.timeoutMs ?? CHECK_TIMEOUT_MS);
    return { ok: true, checks: { database: 'ok' } };
  } catch (err) {
    if (!(err instanceof CheckTimeout)) options.onError?.(err);
    return { ok: false, checks: { database: databaseState(err) } };
  }
}

const migrationNames = new Map<string, string[]>();
/** The migrations this build ships (file names), read once per directory. */
function expectedMigrations(dir: string): string[] {
  let names = migrationNames.get(dir);
  if (!names) {
    names = listMigrations(dir).map((m) => m.name);
    migrationNames.set(dir, names);
  }
  return names;
}

/** The table platform/migrate.ts keeps; missing on a database never migrated (PostgreSQL 42P01). */
async function appliedMigrations(db: Db): Promise<Set<string>> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
    return new Set(rows.map((r) => r.name));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return new Set();
    throw err;
  }
}

/** The database answers and has applied every migration of `migrationsDir` (default: src/server/migrations). */
export async function readiness(db: Db, options: CheckOptions & { migrationsDir?: string } = {}): Promise<Readiness> {
  const expected = expectedMigrations(options.migrationsDir ?? MIGRATIONS_DIR);
  let applied: Set<string>;
  try {
    applied = await withTimeout(appliedMigrations(db), options.timeoutMs ?? CHECK_TIMEOUT_MS);
  } catch (err) {
    if (!(err instanceof CheckTimeout)) options.onError?.(err);
    return { ok: false, checks: { database: databaseState(err), migrations: 'unknown' } };
  }
  const pending = expected.filter((name) => !applied.has(name));
  if (pending.length > 0) return { ok: false, checks: { database: 'ok', migrations: 'pending' }, pending };
  return { ok: true, checks: { database: 'ok', migrations: 'ok' } };
}
