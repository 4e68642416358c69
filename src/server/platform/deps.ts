import type { Config } from './config.ts';
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
}

export const systemClock = { now: () => new Date() };
