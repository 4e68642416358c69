import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from './app.ts';
import { isDemoLoaded, loadDemo } from './demo/load.ts';
import { runAgreementLifecycle } from './modules/agreements/lifecycle-job.ts';
import { runActivityReminders } from './modules/activities/reminders-job.ts';
import { runGuestDataErasure } from './modules/delegations/erasure-job.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { createDb, type Db } from './platform/db.ts';
import { type DataChanges, watchDataChanges } from './platform/data-changes.ts';
import { type AppDeps, systemClock } from './platform/deps.ts';
import type { EmbeddedCluster } from './platform/embedded-postgres.ts';
import { createFileStore } from './platform/files.ts';
import { purgeExpiredRows } from './platform/housekeeping.ts';
import { startJobs } from './platform/jobs.ts';
import { admissionRunHandler, failAbandonedRuns } from './modules/admissions/run-job.ts';
import { createMailer } from './platform/mail.ts';
import { migrate } from './platform/migrate.ts';

// Start-up and shutdown of the whole process: database (embedded or external), migrations,
// demo data, jobs, HTTP. The CLI commands reuse the parts they need.
const EMBEDDED_DB = 'hoptac';

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded cluster under DATA_DIR, and migrates. */
export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  let cluster: EmbeddedCluster | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    // Loaded only when needed: the package installs process exit hooks as soon as it is imported.
    const { startEmbeddedPostgres } = await import('./platform/embedded-postgres.ts');
    cluster = await startEmbeddedPostgres({ dataDir: config.dataDir });
    const admin = new pg.Client(cluster.url());
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DB}`);
    await admin.end();
    url = cluster.url(EMBEDDED_DB);
    log(`embedded PostgreSQL running for ${config.dataDir}`);
  }
  const { db, pool } = createDb(url, config.DB_POOL_SIZE);
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    await db.destroy();
    await cluster?.stop();
    throw err;
  }
  return {
    db,
    pool,
    url,
    async close() {
      await db.destroy();
      await cluster?.stop();
    },
  };
}

export interface RunningServer {
  app: FastifyInstance;
  deps: AppDeps;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config = loadConfig(), options: { logger?: boolean } = {}): Promise<RunningServer> {
  const log = (line: string) => {
    if (options.logger !== false) console.log(`[hoptac] ${line}`);
  };
  const database = await openDatabase(config, log);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const files = createFileStore(config.filesDir);
  let jobs: AppDeps['jobs'] = null;
  let changes: DataChanges | undefined;
  try {
    if (config.HOPTAC_DEMO && !(await isDemoLoaded(database.db))) {
      await loadDemo(database.db, { files });
      log('demo consortium loaded (sign in as officer@hust.demo.hoptac.vn / hoptac-demo)');
    }
    // The embedded cluster writes what start-up changed (a new database, migrations, the demo) now, so
    // that stopping soon after, even on a busy machine, stays within seconds (its shutdown checkpoint).
    if (!config.DATABASE_URL) await database.pool.query('CHECKPOINT');
    changes = watchDataChanges(database.url, log);
    const deps: AppDeps = { db: database.db, config, mailer, jobs: null, files, clock: systemClock, changes };
    jobs = await startJobs({
      connectionString: database.url,
      db: database.db,
      mailer,
      workers: config.HOPTAC_JOBS,
      // 01:00 UTC = 08:00 in Vietnam: statuses by date and expiry reminders, once a day.
      schedules: [
        { name: 'agreements-daily', cron: '0 1 * * *', run: () => runAgreementLifecycle(deps, deps.clock.now()) },
        // 01:10 UTC, after the statuses: dormant agreements and targets behind as their period closes.
        { name: 'activities-daily', cron: '10 1 * * *', run: () => runActivityReminders(deps, deps.clock.now()) },
        // 01:20 UTC: guests' personal data of delegations past GUEST_DATA_RETENTION_DAYS after their visit is erased.
        { name: 'delegations-daily', cron: '20 1 * * *', run: () => runGuestDataErasure(deps, deps.clock.now()) },
        { name: 'housekeeping', cron: '17 * * * *', run: () => purgeExpiredRows(deps.db, deps.clock.now()) },
        // Every minute: admission runs whose process died are failed, so their seasons can be run again.
        { name: 'admissions-sweep', cron: '* * * * *', run: () => failAbandonedRuns(deps) },
      ],
      handlers: [admissionRunHandler(deps)],
    });
    deps.jobs = jobs;
    const app = await buildApp(deps, options);
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://localhost:${port}`;
    log(`serving ${url}`);
    // Catch up on statuses and reminders due while no process ran (the daily job does the rest).
    const catchUp = config.HOPTAC_JOBS
      ? runAgreementLifecycle(deps, deps.clock.now())
          .catch((err) => app.log.error({ err }, 'agreement lifecycle run failed'))
          .then(() => runActivityReminders(deps, deps.clock.now()))
          .catch((err) => app.log.error({ err }, 'activity reminders run failed'))
          .then(() => runGuestDataErasure(deps, deps.clock.now()))
          .catch((err) => app.log.error({ err }, 'guest data erasure run failed'))
          .then(() => failAbandonedRuns(deps))
          .catch((err) => app.log.error({ err }, 'admission runs sweep failed'))
      : undefined;
    let closing: Promise<void> | undefined;
    return {
      app,
      deps,
      url,
      // In order, each part finishing before what it needs goes away: HTTP (in-flight requests end),
      // the start-up catch-up run, jobs (running handlers end), mail, the pool, the embedded cluster.
      close: () => {
        closing ??= (async () => {
          await app.close();
          await catchUp;
          await jobs?.stop();
          mailer.close();
          await changes?.close();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await jobs?.stop();
    await changes?.close();
    await database.close();
    throw err;
  }
}
