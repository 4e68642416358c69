import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './db-schema.ts';

// The only place that creates a connection pool. Everything else receives a `Db`.
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// bigint (int8) and numeric come back as strings by default; counts are small enough for numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// Calendar dates stay 'YYYY-MM-DD' strings (a Date would shift them by the time zone); numeric → number.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

const pools = new WeakMap<Db, pg.Pool>();
/** The pool under a `Db` made by createDb, for its usage figures (platform/metrics.ts). */
export const poolOf = (db: Db): pg.Pool | undefined => pools.get(db);

export function createDb(connectionString: string, poolSize = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'hoptac' });
  pool.on('error', () => {
    // An idle client lost its connection (e.g. the server restarted); the pool replaces it.
  });
  // A client lent out (a transaction between two queries) whose connection breaks — PostgreSQL killed, stopped or
  // restarted — emits 'error' with no listener, which ended the process (reliability/faults.ts): its queries fail
  // instead (503, errors.ts), and the pool drops it when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return { db, pool };
}

/**
 * Runs `work` in one transaction (committed when it returns, rolled back when it throws). Services draw
 * their transaction boundaries with it and hand `tx` to repositories; only repositories build SQL.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/** SELECT 1: the database answers (health checks). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
}

/**
 * Waits for, then holds until the transaction ends, a lock named by `keys` (an advisory lock: no row is
 * locked). Transactions that take the same name run one after the other — for checks over several rows
 * that a row lock cannot cover (an institution's last admin, a rate limit's count). Keys are taken in a
 * fixed order, so two callers never wait on each other in a circle.
 */
export async function serialize(tx: Tx, ...keys: string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}
