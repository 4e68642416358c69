import type { Config } from './config.ts';
import type { DataChanges } from './data-changes.ts';
import type { Db } from './db.ts';
import type { FileStore } from './files.ts';
import type { Jobs } from './jobs.ts';
import type { Mailer } from './mail.ts';

/** What services need from the platform; built once per process and passed down explicitly. */
export interface AppDeps {
  db: Db;
  config: Config;
  mailer: Mailer;
  jobs: Jobs | null;
  files: FileStore;
  clock: { now(): Date };
  /** Whether the data changed since (platform/data-changes.ts), for what a process keeps in memory; absent: keep nothing. */
  changes?: DataChanges | null;
}

export const systemClock = { now: () => new Date() };
