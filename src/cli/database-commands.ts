import { parseArgs } from 'node:util';
import { resetDemo, isDemoLoaded, loadDemo } from '../server/demo/load.ts';
import { createPlatformAdmin } from '../server/modules/accounts/service.ts';
import { backupDatabase, restoreDatabase } from '../server/platform/backup.ts';
import { systemContext } from '../server/platform/context.ts';
import { loadConfig } from '../server/platform/config.ts';
import { createFileStore } from '../server/platform/files.ts';
import { openDatabase } from '../server/runtime.ts';

// Commands that work on the database without serving HTTP. Each opens the same database the
// server would (DATABASE_URL, or the embedded cluster under DATA_DIR) and closes it again.
async function withDatabase<T>(fn: (d: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig(), (line) => console.log(line));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function runMigrate(): Promise<number> {
  await withDatabase(async () => console.log('database is up to date'));
  return 0;
}

export async function runDemo(argv: string[]): Promise<number> {
  const [action] = argv;
  if (action !== 'load' && action !== 'reset') {
    console.error('Usage: hoptac demo load|reset');
    return 2;
  }
  const files = createFileStore(loadConfig().filesDir);
  return withDatabase(async ({ db }) => {
    if (action === 'reset') {
      await resetDemo(db, { files });
      console.log('all data erased; demo consortium loaded');
      return 0;
    }
    if (await isDemoLoaded(db)) {
      console.log('the demo consortium is already loaded (use `hoptac demo reset` to start over)');
      return 0;
    }
    await loadDemo(db, { files });
    console.log('demo consortium loaded');
    return 0;
  });
}

export async function runUser(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, institution: { type: 'string' } },
  });
  if (positionals[0] !== 'create-admin' || !values.email || !values.password || !values.institution) {
    console.error('Usage: hoptac user create-admin --email E --password P --institution CODE [--name "Display name"]');
    return 2;
  }
  if (values.password.length < 10) {
    console.error('--password: at least 10 characters');
    return 2;
  }
  const input = { email: values.email, password: values.password, displayName: values.name, institutionCode: values.institution };
  return withDatabase(async ({ db }) => {
    // Through the accounts service: the operator's account is made and audited the one way accounts are.
    const user = await createPlatformAdmin({ db }, { ...systemContext(), requestId: 'cli' }, input);
    if (!user) {
      console.error(`--institution: no institution with code ${values.institution}`);
      return 2;
    }
    console.log(`platform admin ${user.email} is ready`);
    return 0;
  });
}

export async function runBackup(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    console.error('Usage: hoptac backup FILE');
    return 2;
  }
  const files = createFileStore(loadConfig().filesDir);
  const r = await withDatabase(({ pool }) => backupDatabase(pool, file, { files }));
  const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
  console.log(
    `backup written to ${file}: ${rows} rows in ${Object.keys(r.rows).length} tables and ${r.files} files ` +
      `(${(r.fileBytes / 1048576).toFixed(1)} MiB), at migration ${r.migrations.at(-1) ?? 'none'}`,
  );
  // The backup is incomplete without these: say so, and fail, so that a scheduled backup is noticed.
  for (const [list, what] of [
    [r.missingFiles, 'missing from FILES_DIR'],
    [r.corruptFiles, 'damaged in FILES_DIR (their bytes no longer match their SHA-256)'],
  ] as const) {
    if (list.length > 0) console.error(`warning: ${list.length} files the data names are ${what} and not in the backup: ${list.join(', ')}`);
  }
  return r.missingFiles.length + r.corruptFiles.length > 0 ? 1 : 0;
}

export async function runRestore(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    console.error('Usage: hoptac restore FILE   (replaces ALL data with the backup)');
    return 2;
  }
  const files = createFileStore(loadConfig().filesDir);
  const r = await withDatabase(({ pool }) => restoreDatabase(pool, file, { files }));
  const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
  console.log(`restored ${rows} rows in ${Object.keys(r.rows).length} tables and ${r.files} files from ${file}`);
  if (r.migratedForward.length > 0) console.log(`the backup was from an earlier version; migrated forward: ${r.migratedForward.join(', ')}`);
  if (r.missingFiles.length > 0) {
    console.error(
      `warning: ${r.missingFiles.length} files the data names are not in FILES_DIR (a backup of an earlier version holds no files: ` +
        `copy them from the old FILES_DIR): ${r.missingFiles.join(', ')}`,
    );
  }
  return 0;
}
