import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from './match-command.ts';
import { Progress } from './progress.ts';
import { runScoreCommand } from './score-command.ts';

// The samples shipped in docs/examples/ stay true: `score` on them writes their applications.csv and
// excluded.csv, and `match` on programs.csv and that applications.csv writes expected/. The commands
// are the ones docs/admission.md (§5) tells the reader to run.
const examples = join(import.meta.dirname, '..', '..', '..', 'docs', 'examples');
const out = mkdtempSync(join(tmpdir(), 'hoptac-examples-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ex = (name: string) => join(examples, name);
const read = (path: string) => readFileSync(path, 'utf8');

function io() {
  const text = { stdout: '', stderr: '' };
  return {
    text,
    io: {
      stdout: (s: string) => {
        text.stdout += s;
      },
      stderr: (s: string) => {
        text.stderr += s;
      },
      progress: new Progress(false),
    },
  };
}

describe('docs/examples', () => {
  it('score on the sample season writes docs/examples/applications.csv and excluded.csv', async () => {
    const { text, io: x } = io();
    const code = await runScoreCommand(
      [
        ...['--exams', ex('exams.csv'), '--results', ex('results.csv'), '--methods', ex('methods.csv')],
        ...['--candidates', ex('candidates.csv'), '--equivalence', ex('equivalence.csv'), '--preferences', ex('preferences.csv')],
        ...['--year', '2025', '--out', join(out, 'scored')],
      ],
      x,
    );
    expect(text.stderr).toBe('');
    expect(code).toBe(0);
    expect(read(join(out, 'scored', 'applications.csv'))).toBe(read(ex('applications.csv')));
    expect(read(join(out, 'scored', 'excluded.csv'))).toBe(read(ex('excluded.csv')));
  });

  it('match on docs/examples/programs.csv and applications.csv writes docs/examples/expected/', async () => {
    const { text, io: x } = io();
    const code = await runMatchCommand(
      ['--programs', ex('programs.csv'), '--applications', ex('applications.csv'), '--out', join(out, 'result')],
      x,
    );
    expect(text.stderr).toBe('');
    expect(code).toBe(0);
    for (const file of ['assignments.csv', 'cutoffs.csv']) {
      expect(read(join(out, 'result', file)), file).toBe(read(ex(join('expected', file))));
    }
    expect(JSON.parse(read(join(out, 'result', 'summary.json')))).toMatchObject({ candidates: 9, applications: 16, matched: 8 });
  });
});
