// Minimal `--name value` / `--flag` argument parsing for the admission commands.

/** Ends every command's help (docs/admission.md says the same). */
export const EXIT_STATUS = 'Exit status: 0 done; 1 bad input (every problem listed, nothing written); 2 usage error.';

export interface ParsedArgs {
  values: Map<string, string>;
  flags: Set<string>;
  problems: string[];
  /** Every option named on the command line, with or without a usable value. */
  named: Set<string>;
}

/** Adds "--x is required" for each of `names` not on the command line at all. */
export function requireOptions(args: ParsedArgs, names: readonly string[]): void {
  for (const n of names) if (!args.named.has(n)) args.problems.push(`--${n} is required`);
}

export function parseArgs(argv: readonly string[], valueOptions: readonly string[], flagOptions: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const problems: string[] = [];
  const named = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(2, eq) : a.startsWith('--') ? a.slice(2) : null;
    if (name !== null) named.add(name);
    if (name === null) {
      problems.push(`unexpected argument "${a}"`);
    } else if (valueOptions.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) problems.push(`--${name} needs a value`);
      else if (values.has(name)) problems.push(`--${name} is given twice`);
      else values.set(name, v);
    } else if (flagOptions.includes(name)) {
      flags.add(name);
    } else {
      problems.push(`unknown option --${name}`);
    }
  }
  return { values, flags, problems, named };
}
