import { PgBoss } from 'pg-boss';
import type { Db } from './db.ts';
import { isDatabaseUnavailable } from './errors.ts';
import { deliverMail, type Mailer, mailDue } from './mail.ts';

// Background work in pg-boss queues, stored in the same PostgreSQL, so any number of app processes
// can share it. Producers call `jobs.send`; workers run only where `startWorkers` was called.

export const QUEUES = { mailSend: 'mail-send', mailSweep: 'mail-sweep' } as const;

export interface Jobs {
  /** Queues a job; `retryLimit` 0 for work that must not run twice (an admission run: a failure is final). */
  send(queue: string, data: object, options?: { retryLimit?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** Work that modules queue with `send` (e.g. an admission run), done by whichever worker process picks it up. */
export interface JobHandler {
  queue: string;
  run(data: Record<string, unknown>): Promise<unknown>;
}

/** A task that modules run on a cron schedule (UTC), in whichever worker process picks it up. */
export interface ScheduledTask {
  name: string;
  cron: string;
  run(): Promise<unknown>;
}

export async function startJobs(options: {
  connectionString: string;
  db: Db;
  mailer: Mailer;
  workers: boolean;
  schedules?: ScheduledTask[];
  handlers?: JobHandler[];
}): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4, application_name: 'hoptac-jobs' });
  // The database away (restarting, shutting down with the process) is no job error: pg-boss retries by itself and
  // /healthz says why; one short line a minute at most, instead of a stack per connection.
  let quietUntil = 0;
  boss.on('error', (err) => {
    if (!isDatabaseUnavailable(err)) return console.error('[jobs]', err);
    if (Date.now() < quietUntil) return;
    quietUntil = Date.now() + 60_000;
    console.warn('[jobs] the database is unavailable; queued work waits until it is back');
  });
  await boss.start();
  const queues = [...Object.values(QUEUES), ...(options.schedules ?? []).map((t) => t.name), ...(options.handlers ?? []).map((h) => h.queue)];
  for (const name of queues) await boss.createQueue(name);
  if (options.workers) {
    await boss.work<{ id: string }>(QUEUES.mailSend, { pollingIntervalSeconds: 0.5, batchSize: 20 }, async (jobs) => {
      for (const job of jobs) await deliverMail(options.db, options.mailer, job.data.id);
    });
    // Every minute: mail whose job was lost or ran out of retries goes to the queue again (mail.ts mailDue).
    await boss.schedule(QUEUES.mailSweep, '* * * * *');
    await boss.work(QUEUES.mailSweep, async () => {
      const stale = await mailDue(options.db, new Date());
      for (const { id } of stale) await boss.send(QUEUES.mailSend, { id }, { singletonKey: id });
    });
    for (const task of options.schedules ?? []) {
      await boss.schedule(task.name, task.cron);
      await boss.work(task.name, async () => {
        await task.run();
      });
    }
    for (const handler of options.handlers ?? []) {
      await boss.work<Record<string, unknown>>(handler.queue, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
        for (const job of jobs) await handler.run(job.data);
      });
    }
  }
  return {
    async send(queue, data, sendOptions) {
      await boss.send(queue, data, { retryLimit: sendOptions?.retryLimit ?? 5, retryDelay: 30, retryBackoff: true });
    },
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
