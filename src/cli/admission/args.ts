// Minimal `--name value` / `--flag` argument parsing for the admission commands.

export interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
  problems: string[];
}

export function parseArgs(argv: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(2, eq) : a.startsWith('--') ? a.slice(2) : null;
    if (name === null) {
      problems.push(`unexpected argument "${a}"`);
    } else if (valueOptions.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith('--'))) problems.push(`--${name} needs a value`);
      else values.set(name, v);
    } else if (flagOptions.includes(name)) {
      flags.add(name);
    } else {
      problems.push(`unknown option --${name}`);
    }
  }
  return { values, flags, problems };
}
