// `hoptac admission match --programs programs.csv --applications applications.csv --out DIR`
import { basename } from 'node:path';
import { runMatching } from '../../engines/admission/index.ts';
import { EXIT_STATUS, parseArgs, requireOptions } from './args.ts';
import { csvOptions, DELIMITER_USAGE } from './csv-format.ts';
import { ErrorList, formatErrors } from './errors.ts';
import { readApplications, readPrograms, toInstance } from './match-input.ts';
import { type Summary, writeOutputs } from './match-output.ts';
import { Progress } from './progress.ts';

export const MATCH_USAGE = `Usage: hoptac admission match --programs programs.csv --applications applications.csv --out DIR

Runs the consortium-wide matching (virtual filtering): each candidate gets the highest of their
preferences whose program keeps them. Writes DIR/assignments.csv, DIR/cutoffs.csv, DIR/summary.json.
Input is validated completely first; on any problem every offending line is listed and nothing is
written. See docs/admission.md for the formats.

Options:
  --programs FILE       program_id,quota[,floor,tie_break,tie_policy,name]
  --applications FILE   candidate_id,rank,program_id,score[,c1,c2,lottery]
  --out DIR             output directory (created if missing)
${DELIMITER_USAGE}
  --no-progress         no progress bar even on a terminal

${EXIT_STATUS}`;

export interface CommandIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  progress?: Progress;
}

const defaultIO: CommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

export async function runMatchCommand(argv: string[], io: CommandIO = defaultIO): Promise<number> {
  const args = parseArgs(argv, ['programs', 'applications', 'out', 'delimiter'], ['no-progress', 'help']);
  if (args.flags.has('help')) {
    io.stdout(`${MATCH_USAGE}\n`);
    return 0;
  }
  requireOptions(args, ['programs', 'applications', 'out']);
  const csv = csvOptions(args.values.get('delimiter'), args.problems, io);
  if (args.problems.length) {
    io.stderr(`${args.problems.join('\n')}\n\n${MATCH_USAGE}\n`);
    return 2;
  }
  const programsPath = args.values.get('programs') as string;
  const applicationsPath = args.values.get('applications') as string;
  const out = args.values.get('out') as string;
  const progress = io.progress ?? new Progress(process.stderr.isTTY === true && !args.flags.has('no-progress'));
  csv.note = (line) => {
    progress.finish(); // a note on a line of its own, not inside the bar
    io.stderr(`${line}\n`);
  };

  const t0 = performance.now();
  const errors = new ErrorList();
  progress.start(`reading ${basename(programsPath)}`);
  const programs = readPrograms(programsPath, errors, basename(programsPath), csv);
  progress.start(`reading ${basename(applicationsPath)}`, 1);
  const apps = readApplications(
    applicationsPath,
    programs,
    errors,
    (done, total) => progress.update(done, total),
    basename(applicationsPath),
    csv,
  );
  progress.finish();
  if (errors.size > 0 || !apps) {
    io.stderr(`${formatErrors(errors.items)}\n`);
    io.stderr(`${errors.size} problem${errors.size === 1 ? '' : 's'} found; nothing was written.\n`);
    return 1;
  }
  const inst = toInstance(programs, apps);
  const t1 = performance.now();

  progress.start('matching');
  const res = runMatching(inst, { trusted: true });
  progress.finish();
  const t2 = performance.now();

  let matched = 0;
  for (let c = 0; c < apps.candidateCount; c++) if (res.assignedProgram[c] >= 0) matched++;
  let t3 = 0;
  progress.start('writing results', apps.candidateCount);
  writeOutputs(
    out,
    programs,
    apps,
    res,
    (): Summary => {
      t3 = performance.now();
      return {
        candidates: apps.candidateCount,
        applications: apps.rows,
        matched,
        proposals: res.proposals,
        rounds: res.rounds,
        timings_ms: {
          parse: Math.round(t1 - t0),
          match: Math.round(t2 - t1),
          write: Math.round(t3 - t2),
          total: Math.round(t3 - t0),
        },
        peak_rss_mb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
      };
    },
    (done, total) => progress.update(done, total),
  );
  progress.finish();
  io.stdout(
    `${apps.candidateCount} candidates, ${apps.rows} applications, ${programs.count} programs: ${matched} matched ` +
      `(${res.proposals} proposals, ${res.rounds} rounds) in ${Math.round(performance.now() - t0)} ms → ${out}\n`,
  );
  return 0;
}
