// `hoptac admission equivalence`: builds a percentile equivalence table from two score
// distributions and writes it in the equivalence.csv format that `score` reads.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildTableFromDistributions, DEFAULT_PERCENTILES } from '../../engines/admission/index.ts';
import { EXIT_STATUS, parseArgs, requireOptions } from './args.ts';
import { csvOptions, DELIMITER_USAGE } from './csv-format.ts';
import { ErrorList, formatErrors } from './errors.ts';
import type { CommandIO } from './match-command.ts';
import { numberCell, readTable } from './score-input.ts';

export const EQUIVALENCE_USAGE = `Usage: hoptac admission equivalence --from from.csv --to to.csv --table NAME --out equivalence.csv
                                    [--percentiles 0.5,1,3,5,10,…]

Builds the table mapping scores of one distribution (from.csv) onto another (to.csv) by pairing
the thresholds of the top p% of each. Both files need a "score" column. Default levels:
${DEFAULT_PERCENTILES.join(',')}.

Input:
${DELIMITER_USAGE}

${EXIT_STATUS}`;

const defaultIO: CommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export async function runEquivalenceCommand(argv: string[], io: CommandIO = defaultIO): Promise<number> {
  const args = parseArgs(argv, ['from', 'to', 'table', 'out', 'percentiles', 'delimiter'], ['help']);
  if (args.flags.has('help')) {
    io.stdout(`${EQUIVALENCE_USAGE}\n`);
    return 0;
  }
  requireOptions(args, ['from', 'to', 'table', 'out']);
  const levels = args.values.has('percentiles')
    ? (args.values.get('percentiles') as string).split(',').map((x) => Number(x.trim()))
    : [...DEFAULT_PERCENTILES];
  if (levels.some((p) => !(p > 0 && p <= 100))) args.problems.push('--percentiles must be numbers in (0, 100]');
  const csv = csvOptions(args.values.get('delimiter'), args.problems, io);
  if (args.problems.length) {
    io.stderr(`${args.problems.join('\n')}\n\n${EQUIVALENCE_USAGE}\n`);
    return 2;
  }
  const errors = new ErrorList();
  const scores = (key: 'from' | 'to'): number[] => {
    const path = args.values.get(key) as string;
    const rows = readTable(path, basename(path), ['score'], [], errors, csv) ?? [];
    const out: number[] = [];
    for (const row of rows) {
      const v = numberCell(row, 'score', basename(path), errors);
      if (v !== undefined) out.push(v);
    }
    if (rows.length > 0 && out.length === 0) errors.add(basename(path), 0, 'EMPTY_FILE');
    return out;
  };
  const from = scores('from');
  const to = scores('to');
  if (errors.size > 0) {
    io.stderr(`${formatErrors(errors.items)}\n${errors.size} problem${errors.size === 1 ? '' : 's'} found; nothing was written.\n`);
    return 1;
  }
  const name = args.values.get('table') as string;
  let table: ReturnType<typeof buildTableFromDistributions>;
  try {
    table = buildTableFromDistributions(name, from, to, levels);
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const r = (x: number) => Number(x.toFixed(4));
  const lines = ['table,a,b,c,d,label', ...table.segments.map((s) => `${name},${r(s.a)},${r(s.b)},${r(s.c)},${r(s.d)},${s.label ?? ''}`)];
  writeFileSync(args.values.get('out') as string, `${lines.join('\n')}\n`);
  io.stdout(`${table.segments.length} segments from ${from.length} and ${to.length} scores → ${args.values.get('out')}\n`);
  return 0;
}
