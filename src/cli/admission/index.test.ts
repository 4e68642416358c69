import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAdmissionCommand } from './index.ts';

// docs/admission.md and every command's help: exit 0 done, 1 bad input, 2 usage error (usage on stderr).
describe('hoptac admission — usage errors exit 2', () => {
  let out = '';
  let err = '';
  const capture = () => {
    out = '';
    err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      err += String(s);
      return true;
    });
  };
  afterEach(() => vi.restoreAllMocks());

  it('exits 2 with the problem and the usage on stderr, for every command', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^which admission command\?\n\nUsage: hoptac admission/],
      [['nope'], /^unknown admission command "nope"/],
      [['match', '--programs', 'p.csv'], /^--applications is required\n--out is required\n\nUsage: hoptac admission match/],
      [['match', '--programs', 'p.csv', '--programs', 'q.csv', '--applications', 'a', '--out', 'o'], /^--programs is given twice\n/],
      [['match', '--programs=', '--applications', 'a', '--out', 'o'], /^--programs needs a value\n\n/],
      [['match', '--programs', 'p', '--applications', 'a', '--out', 'o', '--delimiter', 'pipe'], /^--delimiter must be/],
      [['match', '--programs', 'p', '--applications', 'a', '--out', 'o', 'extra'], /^unexpected argument "extra"/],
      [
        ['score', '--exams', 'e', '--results', 'r', '--methods', 'm', '--out', 'o', '--year', 'next'],
        /^--year must be a year\n\nUsage: hoptac admission score/,
      ],
      [['score', '--exams', 'e', '--results', 'r', '--methods', 'm', '--out', 'o', '--bogus'], /^unknown option --bogus/],
      [['equivalence', '--from', 'a', '--to', 'b', '--table', 'T', '--out', 'o', '--percentiles', '0,50'], /^--percentiles must be/],
    ];
    for (const [argv, message] of cases) {
      capture();
      expect(await runAdmissionCommand(argv), argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toMatch(message);
      expect(err).toMatch(/Exit status: 0 done; 1 bad input \(every problem listed, nothing written\); 2 usage error\./);
      expect(out).toBe('');
    }
  });

  it('--help exits 0 with the usage on stdout', async () => {
    for (const argv of [['--help'], ['help'], ['match', '--help'], ['score', '--help'], ['equivalence', '--help']]) {
      capture();
      expect(await runAdmissionCommand(argv)).toBe(0);
      expect(out).toMatch(/^Usage: hoptac admission/);
      expect(out).toMatch(/--delimiter ,\|;\|tab/);
      expect(err).toBe('');
    }
  });
});
