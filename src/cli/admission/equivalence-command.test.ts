import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEquivalenceCommand } from './equivalence-command.ts';
import { runScoreCommand } from './score-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'hoptac-equiv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { stdout: () => {}, stderr: () => {} };

describe('admission equivalence', () => {
  it('builds a table that score can load', async () => {
    // HSA-like 0..150 against a 0..30 scale with the same ranks: y = x / 5.
    const from = Array.from({ length: 400 }, (_, i) => (i * 150) / 399);
    writeFileSync(join(dir, 'from.csv'), `candidate_id,score\n${from.map((x, i) => `c${i},${x}`).join('\n')}\n`);
    writeFileSync(join(dir, 'to.csv'), `score\n${from.map((x) => x / 5).join('\n')}\n`);
    const out = join(dir, 'equivalence.csv');
    expect(
      await runEquivalenceCommand(['--from', join(dir, 'from.csv'), '--to', join(dir, 'to.csv'), '--table', 'HSA', '--out', out], quiet),
    ).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('table,a,b,c,d,label');
    for (const l of lines.slice(1)) {
      const [name, a, b, c, d] = l.split(',');
      expect(name).toBe('HSA');
      expect(Number(c)).toBeCloseTo(Number(a) / 5, 3);
      expect(Number(d)).toBeCloseTo(Number(b) / 5, 3);
    }
    // Used by score: HSA 105 → 21.
    writeFileSync(join(dir, 'exams.csv'), 'exam,subject,max\nHSA,total,150\n');
    writeFileSync(join(dir, 'methods.csv'), 'program_id,method_id,exam,subject,equivalence\nP,HSA,HSA,total,HSA\n');
    writeFileSync(join(dir, 'results.csv'), 'candidate_id,exam,subject,score\nx,HSA,total,105\n');
    expect(
      await runScoreCommand(
        [
          '--exams',
          join(dir, 'exams.csv'),
          '--results',
          join(dir, 'results.csv'),
          '--methods',
          join(dir, 'methods.csv'),
          '--equivalence',
          out,
          '--out',
          join(dir, 's'),
        ],
        quiet,
      ),
    ).toBe(0);
    expect(readFileSync(join(dir, 's/scores.csv'), 'utf8')).toBe('candidate_id,program_id,score,method_id\nx,P,21.00,HSA\n');
  });

  it('rejects bad scores with their lines', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'score\n1\nx\n3\n');
    let err = '';
    const code = await runEquivalenceCommand(
      ['--from', join(dir, 'bad.csv'), '--to', join(dir, 'bad.csv'), '--table', 'T', '--out', join(dir, 'never.csv')],
      {
        stdout: () => {},
        stderr: (s) => {
          err += s;
        },
      },
    );
    expect(code).toBe(1);
    expect(err).toMatch(/bad\.csv:3: column "score": "x" is not a number/);
  });
});
