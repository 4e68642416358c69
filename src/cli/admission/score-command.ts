// `hoptac admission score`: admission scores from raw exam results, methods, priority settings and
// equivalence tables; writes applications.csv in the format `match` reads. See docs/admission.md.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  bestProgramScore,
  coreSubjectWarning,
  countedSubjectScores,
  DEFAULT_CORE_SUBJECTS,
  type EquivalenceTable,
  type FloorBasis,
  finalScore,
  type PriorityProfile,
  type ProgramScore,
  type SubjectScore,
} from '../../engines/admission/index.ts';
import { EXIT_STATUS, parseArgs, requireOptions } from './args.ts';
import { csvOptions, DELIMITER_USAGE } from './csv-format.ts';
import { ErrorList, formatErrors } from './errors.ts';
import type { CommandIO } from './match-command.ts';
import { formatHundredths } from './match-output.ts';
import {
  type CandidateInfo,
  readCandidates,
  readEquivalence,
  readExams,
  readMethods,
  readPreferences,
  readResults,
  subjectMaxLookup,
} from './score-input.ts';

export const SCORE_USAGE = `Usage: hoptac admission score --exams exams.csv --results results.csv --methods methods.csv
                              [--candidates candidates.csv] [--equivalence equivalence.csv]
                              [--preferences preferences.csv] --out DIR [settings]

Computes each candidate's admission score for each program: the best method score (brought to the
30-point scale, or converted by an equivalence table), plus MOET priority points and bonus points.
With --preferences writes DIR/applications.csv (input for \`match\`) and DIR/excluded.csv;
without, writes DIR/scores.csv with every (candidate, program) score.

Settings:
  --year YYYY                   admission year (region points need graduation this year or the one before); default: current year
  --threshold-includes-bonus    compare T + bonus (not T) with 22.5 in the priority formula; default: off
  --floor-basis academic|final  method floors apply to the score before (academic) or after priority points; default: academic
  --core-subjects a,b           subjects for the "Math or Literature >= 25%" check; default: ${DEFAULT_CORE_SUBJECTS.join(',')}

Input:
${DELIMITER_USAGE}

${EXIT_STATUS}`;

const defaultIO: CommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

function csvField(s: string): string {
  return /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function runScoreCommand(argv: string[], io: CommandIO = defaultIO): Promise<number> {
  const args = parseArgs(
    argv,
    ['exams', 'results', 'methods', 'candidates', 'equivalence', 'preferences', 'out', 'year', 'floor-basis', 'core-subjects', 'delimiter'],
    ['threshold-includes-bonus', 'help'],
  );
  if (args.flags.has('help')) {
    io.stdout(`${SCORE_USAGE}\n`);
    return 0;
  }
  requireOptions(args, ['exams', 'results', 'methods', 'out']);
  const year = Number(args.values.get('year') ?? new Date().getFullYear());
  if (!Number.isInteger(year)) args.problems.push('--year must be a year');
  const floorBasis = (args.values.get('floor-basis') ?? 'academic') as FloorBasis;
  if (floorBasis !== 'academic' && floorBasis !== 'final') args.problems.push('--floor-basis must be academic or final');
  const csv = csvOptions(args.values.get('delimiter'), args.problems, io);
  if (args.problems.length) {
    io.stderr(`${args.problems.join('\n')}\n\n${SCORE_USAGE}\n`);
    return 2;
  }
  const coreSubjects =
    args.values
      .get('core-subjects')
      ?.split(',')
      .map((s) => s.trim()) ?? DEFAULT_CORE_SUBJECTS;
  const settings = { admissionYear: year, thresholdIncludesBonus: args.flags.has('threshold-includes-bonus') };
  const path = (k: string) => args.values.get(k) as string;
  const name = (k: string) => basename(path(k));

  const errors = new ErrorList();
  const exams = readExams(path('exams'), errors, name('exams'), csv);
  const tables: Map<string, EquivalenceTable> = args.values.has('equivalence')
    ? readEquivalence(path('equivalence'), errors, name('equivalence'), csv)
    : new Map();
  const methods = readMethods(path('methods'), exams, tables, errors, name('methods'), csv);
  // A file that could not be read is reported once, not again on every row that refers to it.
  const results = readResults(path('results'), errors.fileUnusable(name('exams')) ? null : exams, errors, name('results'), csv);
  const candidates = args.values.has('candidates')
    ? readCandidates(path('candidates'), errors, name('candidates'), csv)
    : { byId: new Map<string, CandidateInfo>(), hasLottery: false };
  const programIds = errors.fileUnusable(name('methods')) ? null : new Set(methods.programs.keys());
  const preferences = args.values.has('preferences')
    ? readPreferences(path('preferences'), programIds, errors, name('preferences'), csv)
    : null;
  if (errors.size > 0) {
    io.stderr(`${formatErrors(errors.items)}\n${errors.size} problem${errors.size === 1 ? '' : 's'} found; nothing was written.\n`);
    return 1;
  }

  const maxOf = subjectMaxLookup(exams);
  for (const list of methods.programs.values()) {
    for (const m of list) {
      const w = coreSubjectWarning(m, maxOf, coreSubjects);
      if (w) io.stderr(`warning: ${w}\n`);
    }
  }

  // Counted subject scores per candidate, computed once.
  const counted = new Map<string, Map<string, SubjectScore>>();
  const subjectScores = (cand: string): Map<string, SubjectScore> => {
    let s = counted.get(cand);
    if (!s) {
      s = new Map();
      const rows = results.get(cand) ?? [];
      for (const exam of exams.values()) {
        for (const [subject, score] of countedSubjectScores(exam, rows)) s.set(`${exam.exam}\u0000${subject}`, score);
      }
      counted.set(cand, s);
    }
    return s;
  };
  const scoreFor = (cand: string, program: string): ProgramScore | undefined => {
    const s = subjectScores(cand);
    const profile: PriorityProfile = candidates.byId.get(cand)?.profile ?? {};
    return bestProgramScore(
      methods.programs.get(program) ?? [],
      maxOf,
      (exam, subject) => s.get(`${exam}\u0000${subject}`)?.score,
      (academic) => finalScore(academic, profile, settings).final,
      { tables, floorBasis },
    );
  };
  const fmt = (x: number) => formatHundredths(Math.round(x * 100));

  const out = path('out');
  mkdirSync(out, { recursive: true });
  const files: [string, string][] = [];
  if (preferences) {
    const withLottery = candidates.hasLottery;
    const lines = [`candidate_id,rank,program_id,score${withLottery ? ',lottery' : ''},method_id`];
    const excluded = ['candidate_id,rank,program_id,reason'];
    const sorted = [...preferences].sort((a, b) => (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : a.rank - b.rank));
    for (const p of sorted) {
      const best = scoreFor(p.candidate, p.program);
      if (!best) {
        excluded.push(`${csvField(p.candidate)},${p.rank},${csvField(p.program)},no method with complete results at or above its floor`);
        continue;
      }
      const lottery = withLottery ? `,${candidates.byId.get(p.candidate)?.lottery ?? ''}` : '';
      lines.push(`${csvField(p.candidate)},${p.rank},${csvField(p.program)},${fmt(best.score)}${lottery},${csvField(best.methodId)}`);
    }
    files.push(['applications.csv', `${lines.join('\n')}\n`], ['excluded.csv', `${excluded.join('\n')}\n`]);
    io.stdout(`${lines.length - 1} applications scored, ${excluded.length - 1} excluded → ${out}\n`);
    if (withLottery) {
      const missing = new Set(sorted.filter((p) => !candidates.byId.get(p.candidate)?.lottery).map((p) => p.candidate));
      if (missing.size) io.stderr(`warning: ${missing.size} candidates have no lottery number; match will reject their rows\n`);
    }
  } else {
    const lines = ['candidate_id,program_id,score,method_id'];
    const cands = [...new Set([...results.keys()])].sort();
    for (const c of cands) {
      for (const program of methods.programs.keys()) {
        const best = scoreFor(c, program);
        if (best) lines.push(`${csvField(c)},${csvField(program)},${fmt(best.score)},${csvField(best.methodId)}`);
      }
    }
    files.push(['scores.csv', `${lines.join('\n')}\n`]);
    io.stdout(`${lines.length - 1} scores → ${out}\n`);
  }
  const temps = files.map(([n]) => join(out, `.${n}.tmp-${process.pid}`));
  try {
    for (const [i, [, text]] of files.entries()) writeFileSync(temps[i], text);
    for (const [i, [n]] of files.entries()) renameSync(temps[i], join(out, n));
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  return 0;
}
