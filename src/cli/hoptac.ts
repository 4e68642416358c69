#!/usr/bin/env -S npx tsx
// The `hoptac` command. Each sub-command lives in its own module and is loaded on demand,
// so `hoptac admission …` never pays for starting the web server's dependencies.
type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.ts')).runServe,
  migrate: async () => (await import('./database-commands.ts')).runMigrate,
  demo: async () => (await import('./database-commands.ts')).runDemo,
  user: async () => (await import('./database-commands.ts')).runUser,
  backup: async () => (await import('./database-commands.ts')).runBackup,
  restore: async () => (await import('./database-commands.ts')).runRestore,
  admission: async () => (await import('./admission/index.ts')).runAdmissionCommand,
};

function usage(): string {
  return [
    'Usage: hoptac <command> [options]',
    '',
    'Commands:',
    '  serve                   start the web app and API (PORT, DATABASE_URL, DATA_DIR …; see README)',
    '  migrate                 apply database migrations and exit',
    '  demo load|reset         load the demo consortium (reset erases ALL data first)',
    '  user create-admin --email E --password P --institution CODE [--name N]',
    "  backup FILE             write every table and stored file to a gzip'd JSON-lines file",
    "  restore FILE            replace all data and files with a backup (an earlier version's is migrated forward)",
    '  admission match|score|equivalence\n                          admission engine over CSV files (see `hoptac admission --help`)',
  ].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  if (!(name in commands)) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const run = await commands[name]();
  return run(rest);
}

// Exit explicitly: open handles (a pool, a timer in a library) must not keep a finished command alive,
// and the code must reach the caller even through the tsx wrapper.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
