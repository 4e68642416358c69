#!/usr/bin/env -S npx tsx
// The `hoptac` command. Each sub-command lives in its own module and is loaded on demand,
// so `hoptac admission …` never pays for starting the web server's dependencies.
type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  admission: async () => (await import('./admission/index.ts')).runAdmissionCommand,
};

function usage(): string {
  return [
    'Usage: hoptac <command> [options]',
    '',
    'Commands:',
    '  admission match|score   admission engine over CSV files (see `hoptac admission --help`)',
  ].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || !(name in commands)) {
    console.log(usage());
    return name && !(name in commands) && name !== '--help' && name !== '-h' ? 2 : 0;
  }
  const run = await commands[name]();
  return run(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
