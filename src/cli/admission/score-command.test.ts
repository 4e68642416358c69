import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from './match-command.ts';
import { Progress } from './progress.ts';
import { runScoreCommand } from './score-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'hoptac-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'exams.csv': `exam,subject,part,weight,max,attempt_policy
THPT,math,,1,10,latest
THPT,chemistry,,1,10,latest
THPT,biology,,1,10,latest
THPT,literature,,1,10,latest
SPT,math,multiple_choice,0.7,10,best
SPT,math,essay,0.3,10,best
SPT,chemistry,multiple_choice,0.7,10,best
SPT,chemistry,essay,0.3,10,best
SPT,biology,multiple_choice,0.7,10,best
SPT,biology,essay,0.3,10,best
HSA,total,,1,150,best
`,
  'methods.csv': `program_id,method_id,exam,subject,weight,floor,equivalence
HMU-MED,THPT-B00x2,THPT,math,2,20.5,
HMU-MED,THPT-B00x2,THPT,chemistry,1,,
HMU-MED,THPT-B00x2,THPT,biology,1,,
HMU-MED,SPT-B00,SPT,math,1,20.5,SPT-B00
HMU-MED,SPT-B00,SPT,chemistry,1,,
HMU-MED,SPT-B00,SPT,biology,1,,
HMU-MED,THPT-B00-bio3,THPT,math,1,,
HMU-MED,THPT-B00-bio3,THPT,chemistry,1,,
HMU-MED,THPT-B00-bio3,THPT,biology,3,,
HNUE-TEA,THPT-math-lit,THPT,math,1,19,
HNUE-TEA,THPT-math-lit,THPT,literature,1,,
HNUE-TEA,HSA,HSA,total,1,19,HSA
`,
  'equivalence.csv': `table,a,b,c,d
SPT-B00,0,23.4,0,21.6
SPT-B00,23.4,24.5,21.6,23
SPT-B00,24.5,30,23,30
HSA,0,75,0,15
HSA,75,150,15,30
`,
  'candidates.csv': `candidate_id,region,groups,graduation_year,bonus,lottery
A01,KV1,UT1,2025,0,7
A02,KV3,,2025,0.5,3
A03,KV2-NT,UT2,2022,0,5
`,
  'results.csv': `candidate_id,exam,attempt,subject,part,score
A01,THPT,1,math,,10
A01,THPT,2,math,,9
A01,THPT,1,chemistry,,8
A01,THPT,1,biology,,7
A02,SPT,1,math,multiple_choice,8
A02,SPT,1,math,essay,9
A02,SPT,2,math,multiple_choice,6
A02,SPT,2,math,essay,6
A02,SPT,1,chemistry,multiple_choice,8
A02,SPT,1,chemistry,essay,7
A02,SPT,1,biology,multiple_choice,7.5
A02,SPT,1,biology,essay,7.5
A02,THPT,1,math,,6
A02,THPT,1,chemistry,,7
A02,THPT,1,biology,,7
A03,THPT,1,math,,7
A03,THPT,1,literature,,6
A03,HSA,1,total,,105
`,
  'preferences.csv': `candidate_id,rank,program_id
A01,1,HMU-MED
A02,1,HMU-MED
A02,2,HNUE-TEA
A03,1,HMU-MED
A03,2,HNUE-TEA
`,
  'programs.csv': `program_id,quota,floor,name
HMU-MED,1,20.5,Medicine
HNUE-TEA,5,19,Teacher training
`,
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (s: string) => {
        out.stdout += s;
      },
      stderr: (s: string) => {
        out.stderr += s;
      },
      progress: new Progress(false),
    },
  };
}
const f = (name: string) => join(dir, name);

describe('admission score — end to end on a fixture', () => {
  it('computes method scores, equivalence, priority and bonus points, and feeds match', async () => {
    const { out, io: x } = io();
    const code = await runScoreCommand(
      [
        '--exams',
        f('exams.csv'),
        '--results',
        f('results.csv'),
        '--methods',
        f('methods.csv'),
        '--candidates',
        f('candidates.csv'),
        '--equivalence',
        f('equivalence.csv'),
        '--preferences',
        f('preferences.csv'),
        '--year',
        '2025',
        '--out',
        f('scored'),
      ],
      x,
    );
    expect(code).toBe(0);
    // The 5-weight method gives Math 20%: a warning, not an error.
    expect(out.stderr).toMatch(/warning: method THPT-B00-bio3 of program HMU-MED: Math or Literature carries 20\.0%/);
    // A01: THPT latest math 9 → (2·9 + 8 + 7)·30/40 = 24.75; KV1+UT1 = 2.75 → (30−24.75)/7.5·2.75 = 1.925 → 26.68.
    // A02: SPT 8.3 + 7.7 + 7.5 = 23.5 → 21.73 by the table (published example); THPT 19.5 is below 20.5;
    //      KV3, bonus 0.5 → 22.23 (the bio×3 method gives 20.4 + 0.5 = 20.9).
    // A03: HSA 105 → 21 on 30; graduated 2022 so only UT2 (1.0) counts → 22.00 (THPT math+lit: 19.5 + 1).
    expect(readFileSync(f('scored/applications.csv'), 'utf8')).toBe(
      [
        'candidate_id,rank,program_id,score,lottery,method_id',
        'A01,1,HMU-MED,26.68,7,THPT-B00x2',
        'A02,1,HMU-MED,22.23,3,SPT-B00',
        'A03,2,HNUE-TEA,22.00,5,HSA',
        '',
      ].join('\n'),
    );
    expect(
      readFileSync(f('scored/excluded.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 3).join(',')),
    ).toEqual(['A02,2,HNUE-TEA', 'A03,1,HMU-MED']);

    const m = io();
    expect(
      await runMatchCommand(['--programs', f('programs.csv'), '--applications', f('scored/applications.csv'), '--out', f('matched')], m.io),
    ).toBe(0);
    expect(readFileSync(f('matched/assignments.csv'), 'utf8')).toBe('candidate_id,program_id,rank\nA01,HMU-MED,1\nA02,,\nA03,HNUE-TEA,2\n');
  });

  it('threshold-includes-bonus and floor-basis settings change the result as documented', async () => {
    const { io: x } = io();
    const code = await runScoreCommand(
      [
        '--exams',
        f('exams.csv'),
        '--results',
        f('results.csv'),
        '--methods',
        f('methods.csv'),
        '--candidates',
        f('candidates.csv'),
        '--equivalence',
        f('equivalence.csv'),
        '--year',
        '2025',
        '--floor-basis',
        'final',
        '--out',
        f('scores-final'),
      ],
      x,
    );
    expect(code).toBe(0);
    const rows = readFileSync(f('scores-final/scores.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('candidate_id,program_id,score,method_id');
    // With floors on the final score, A02's THPT 19.5 + 0.5 = 20.0 is still below 20.5; SPT stays best.
    expect(rows).toContain('A02,HMU-MED,22.23,SPT-B00');
    expect(rows).toContain('A01,HMU-MED,26.68,THPT-B00x2');

    // A01 with 1 bonus point: T = 24.75 → 24.75 + 1.925 + 1 = 27.68; with the bonus in T (25.75):
    // (30 − 25.75)/7.5 · 2.75 = 1.558… → 27.31.
    writeFileSync(f('candidates-bonus.csv'), 'candidate_id,region,groups,graduation_year,bonus\nA01,KV1,UT1,2025,1\n');
    const base = [
      '--exams',
      f('exams.csv'),
      '--results',
      f('results.csv'),
      '--methods',
      f('methods.csv'),
      '--candidates',
      f('candidates-bonus.csv'),
      '--equivalence',
      f('equivalence.csv'),
      '--year',
      '2025',
    ];
    expect(await runScoreCommand([...base, '--out', f('bonus-off')], x)).toBe(0);
    expect(await runScoreCommand([...base, '--threshold-includes-bonus', '--out', f('bonus-on')], x)).toBe(0);
    expect(readFileSync(f('bonus-off/scores.csv'), 'utf8')).toContain('A01,HMU-MED,27.68,THPT-B00x2');
    expect(readFileSync(f('bonus-on/scores.csv'), 'utf8')).toContain('A01,HMU-MED,27.31,THPT-B00x2');
    // Region points lapse two years after graduation: the same candidate in 2027 keeps only UT1.
    expect(await runScoreCommand([...base.slice(0, -1), '2027', '--out', f('later')], x)).toBe(0);
    // 24.75 + (5.25/7.5)·2 + 1 = 27.15
    expect(readFileSync(f('later/scores.csv'), 'utf8')).toContain('A01,HMU-MED,27.15,THPT-B00x2');
  });

  it('reports bad input with lines and writes nothing', async () => {
    writeFileSync(
      f('bad-results.csv'),
      'candidate_id,exam,attempt,subject,part,score\nA01,THPT,1,art,,5\nA01,THPT,1,math,,11\nA01,XYZ,1,math,,5\nA01,SPT,1,math,oral,5\nA01,THPT,1,math,,9\nA01,THPT,1,math,,8\n',
    );
    writeFileSync(
      f('bad-methods.csv'),
      'program_id,method_id,exam,subject,weight,floor,equivalence\nP,M,THPT,math,1,,NOPE\nP,M2,THPT,math,0,40,\n',
    );
    const { out, io: x } = io();
    const code = await runScoreCommand(
      ['--exams', f('exams.csv'), '--results', f('bad-results.csv'), '--methods', f('bad-methods.csv'), '--out', f('bad-out')],
      x,
    );
    expect(code).toBe(1);
    expect(existsSync(f('bad-out'))).toBe(false);
    const lines = out.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('bad-methods.csv:'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('bad-results.csv:')).map((l) => l.split(':')[1])).toEqual(['2', '3', '4', '5', '7']);
    expect(lines.at(-1)).toMatch(/8 problems found; nothing was written/);
  });
});

describe('admission score — Excel files and limits', () => {
  const base = ['--exams', f('exams.csv'), '--methods', f('methods.csv'), '--equivalence', f('equivalence.csv'), '--year', '2025'];

  it('reads ";"-separated UTF-16 files with decimal commas and padded quoted numbers, saying so on stderr', async () => {
    // results.csv as Excel "Unicode text" in a Vietnamese locale would hold it, plus a padded quoted score
    const text = files['results.csv']
      .replaceAll(',', ';')
      .replace(/(\d)\.(\d)/g, '$1,$2')
      .replace('A03;THPT;1;math;;7', 'A03;THPT;1;math;;" 7 "');
    writeFileSync(f('results-vi.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const cands = files['candidates.csv'].replaceAll(',', ';').replace('A02;KV3;;2025;0.5;3', 'A02;KV3;;2025;0,5;3');
    writeFileSync(f('candidates-vi.csv'), cands);
    const a = io();
    expect(
      await runScoreCommand([...base, '--results', f('results.csv'), '--candidates', f('candidates.csv'), '--out', f('plain')], a.io),
    ).toBe(0);
    const b = io();
    const code = await runScoreCommand(
      [...base, '--results', f('results-vi.csv'), '--candidates', f('candidates-vi.csv'), '--out', f('vi')],
      b.io,
    );
    expect(b.out.stderr.split('\n').filter((l) => l.startsWith('note:'))).toEqual([
      'note: results-vi.csv: read as UTF-16 LE; fields separated by ";" (detected from the header; --delimiter to choose); decimal commas accepted (21,5 = 21.5)',
      'note: candidates-vi.csv: fields separated by ";" (detected from the header; --delimiter to choose); decimal commas accepted (21,5 = 21.5)',
    ]);
    expect(code).toBe(0);
    expect(readFileSync(f('vi/scores.csv'), 'utf8')).toBe(readFileSync(f('plain/scores.csv'), 'utf8'));
  });

  it('refuses rows with more fields than the header and numbers beyond exact storage, naming line and column', async () => {
    writeFileSync(
      f('results-extra.csv'),
      'candidate_id,exam,attempt,subject,part,score\nA01,THPT,1,math,,8,5\nA01,THPT,99999999999999999,chemistry,,8\n',
    );
    const x = io();
    expect(await runScoreCommand([...base, '--results', f('results-extra.csv'), '--out', f('extra')], x.io)).toBe(1);
    expect(x.out.stderr.trim().split('\n')).toEqual([
      'results-extra.csv:2: the row has 7 fields where the header has 6 (a decimal comma? write 21.5, not 21,5) [TOO_MANY_FIELDS]',
      expect.stringMatching(
        /^results-extra\.csv:3: column "attempt": "99999999999999999" is out of range \(at most 9007199254740991 .*\[VALUE_OUT_OF_RANGE\]$/,
      ),
      '2 problems found; nothing was written.',
    ]);
    expect(existsSync(f('extra'))).toBe(false);
  });

  it('refuses a file too large to read whole, saying so (not as a missing file), and writes nothing', async () => {
    // A sparse file: 600 MB long on paper, nothing on disk, never read (the size decides).
    writeFileSync(f('huge-preferences.csv'), 'candidate_id,rank,program_id\n');
    truncateSync(f('huge-preferences.csv'), 600_000_000);
    const x = io();
    const args = ['--exams', f('exams.csv'), '--results', f('results.csv'), '--methods', f('methods.csv'), '--equivalence', f('equivalence.csv'), '--year', '2026'];
    const code = await runScoreCommand([...args, '--preferences', f('huge-preferences.csv'), '--out', f('huge')], x.io);
    expect(code).toBe(1);
    expect(x.out.stderr.trim().split('\n')).toEqual([
      'huge-preferences.csv: the file is too large for this command, which reads a file whole (600 MB, at most 500 MB); split it, e.g. the preferences by season or region [FILE_TOO_LARGE]',
      '1 problem found; nothing was written.',
    ]);
    expect(existsSync(f('huge'))).toBe(false);
  });

  it('reports unreadable exams and methods files once, not on every row of results and preferences', async () => {
    const x = io();
    const code = await runScoreCommand(
      [
        '--exams',
        f('none-exams.csv'),
        '--methods',
        f('none-methods.csv'),
        '--results',
        f('results.csv'),
        '--preferences',
        f('preferences.csv'),
        '--out',
        f('none'),
      ],
      x.io,
    );
    expect(code).toBe(1);
    expect(x.out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^none-exams\.csv: cannot read the file: ENOENT.*\[MISSING_FILE\]$/),
      expect.stringMatching(/^none-methods\.csv: cannot read the file: ENOENT.*\[MISSING_FILE\]$/),
      '2 problems found; nothing was written.',
    ]);
  });
});
