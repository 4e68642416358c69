// `hoptac admission …`: the admission engine over CSV files.
import { EQUIVALENCE_USAGE, runEquivalenceCommand } from './equivalence-command.ts';
import { MATCH_USAGE, runMatchCommand } from './match-command.ts';
import { runScoreCommand, SCORE_USAGE } from './score-command.ts';

const USAGE = `Usage: hoptac admission <match|score|equivalence> [options]

  match         consortium-wide matching from programs.csv and applications.csv
  score         computes admission scores (applications.csv) from raw exam results
  equivalence   builds a percentile equivalence table from two score distributions

${MATCH_USAGE}

${SCORE_USAGE}

${EQUIVALENCE_USAGE}`;

export async function runAdmissionCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'match') return runMatchCommand(rest);
  if (sub === 'score') return runScoreCommand(rest);
  if (sub === 'equivalence') return runEquivalenceCommand(rest);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // A missing or unknown command is a usage error: exit 2, usage on stderr.
  process.stderr.write(`${sub === undefined ? 'which admission command?' : `unknown admission command "${sub}"`}\n\n${USAGE}\n`);
  return 2;
}
