import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatching } from '../../engines/admission/index.ts';
import { runMatchCommand } from './match-command.ts';
import { Progress } from './progress.ts';

const root = mkdtempSync(join(tmpdir(), 'hoptac-match-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

async function run(programs: string | Buffer, applications: string | Buffer, extra: string[] = []) {
  const dir = join(root, `case${seq++}`);
  const out = join(dir, 'out');
  writeFileSync(join(root, `p${seq}.csv`), programs);
  writeFileSync(join(root, `a${seq}.csv`), applications);
  let stdout = '';
  let stderr = '';
  const args = ['--programs', join(root, `p${seq}.csv`), '--applications', join(root, `a${seq}.csv`), '--out', out, ...extra];
  const code = await runMatchCommand(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    progress: new Progress(false),
  });
  const read = (f: string) => (existsSync(join(out, f)) ? readFileSync(join(out, f), 'utf8') : null);
  return { code, stdout, stderr, out, read };
}

const PROGRAMS = `program_id,quota,floor,tie_break,tie_policy,name
MED,2,20.5,rank>lottery,strict,Medicine
TEA,1,19,,,"Teacher training, Math"
BIO,3,,c1>lottery,accept-all,Biology
`;

const APPLICATIONS = `candidate_id,rank,program_id,score,c1,lottery
C3,1,MED,27.00,9,3
C1,2,TEA,25.5,8,1
C1,1,MED,26.25,8,1
C2,1,MED,26.25,7,2
C2,2,BIO,26.25,7,2
"C,4",1,TEA,18.5,6,4
"C,4",2,BIO,18.5,6,4
C5,1,BIO,20,6,5
C5,2,TEA,22,6,5
`;

describe('admission match — outputs', () => {
  it('writes assignments sorted by candidate_id, cutoffs in program order, and a summary', async () => {
    const r = await run(PROGRAMS, APPLICATIONS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.read('assignments.csv')).toBe(
      ['candidate_id,program_id,rank', '"C,4",BIO,2', 'C1,MED,1', 'C2,BIO,2', 'C3,MED,1', 'C5,BIO,1', ''].join('\n'),
    );
    expect(r.read('cutoffs.csv')).toBe(['program_id,quota,admitted,cutoff', 'MED,2,2,26.25', 'TEA,1,0,', 'BIO,3,3,18.50', ''].join('\n'));
    const summary = JSON.parse(r.read('summary.json') as string);
    expect(summary).toMatchObject({ candidates: 5, applications: 9, matched: 5, proposals: 6 });
    for (const k of ['parse', 'match', 'write', 'total']) expect(summary.timings_ms[k]).toBeGreaterThanOrEqual(0);
    expect(summary.peak_rss_mb).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/5 candidates, 9 applications, 3 programs: 5 matched/);
  });

  it('lists unassigned candidates with an empty program and uses defaults for optional columns', async () => {
    const r = await run('program_id,quota\nA,1\n', 'candidate_id,rank,program_id,score\nx,1,A,10\ny,1,A,12.5\n');
    expect(r.code).toBe(0);
    expect(r.read('assignments.csv')).toBe('candidate_id,program_id,rank\nx,,\ny,A,1\n');
    expect(r.read('cutoffs.csv')).toBe('program_id,quota,admitted,cutoff\nA,1,1,12.50\n');
  });
});

describe('admission match — bad input', () => {
  it('lists every offending line and writes nothing', async () => {
    const r = await run(
      'program_id,quota,floor,tie_break,tie_policy\nA,2,,,\nB,x,,,\nA,1,,,\nC,1,abc,rank>height,maybe\n',
      [
        'candidate_id,rank,program_id,score,lottery',
        'c1,1,A,20,1',
        'c1,1,B,21,1', // duplicate rank
        'c2,1,Z,20,2', // unknown program
        'c3,1,A,twenty,3', // not a number
        'c4,1,A,,4', // empty score
        'c5,x,A,20,5', // bad rank
        'c6,1,A,20,6',
        'c6,2,A,19,6', // duplicate application
        'c7,1,A,20,7',
        'c7,2,B,20,8', // lottery mismatch
        'c8,1', // too few fields
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    expect(r.read('assignments.csv')).toBeNull();
    expect(existsSync(r.out)).toBe(false);
    const lines = r.stderr.trim().split('\n');
    const expected = [
      /p\d+\.csv:3: column "quota": "x" is not a whole number \[NOT_AN_INTEGER\]/,
      /p\d+\.csv:4: column "program_id": program "A" is already defined on line 2 \[DUPLICATE_PROGRAM_ID\]/,
      /p\d+\.csv:5: column "floor": "abc" is not a number \[NOT_A_NUMBER\]/,
      /p\d+\.csv:5: column "tie_break": .*\[INVALID_TIE_BREAK\]/,
      /p\d+\.csv:5: column "tie_policy": .*\[INVALID_TIE_POLICY\]/,
      /a\d+\.csv:3: column "rank": candidate "c1" uses rank 1 twice \(also on line 2\) \[DUPLICATE_RANK\]/,
      /a\d+\.csv:4: column "program_id": unknown program "Z" .*\[UNKNOWN_PROGRAM\]/,
      /a\d+\.csv:5: column "score": "twenty" is not a number \[NOT_A_NUMBER\]/,
      /a\d+\.csv:6: column "score": value is empty \[MISSING_VALUE\]/,
      /a\d+\.csv:7: column "rank": "x" is not a whole number \[NOT_AN_INTEGER\]/,
      /a\d+\.csv:9: column "program_id": candidate "c6" applies to program "A" twice \(also on line 8\) \[DUPLICATE_APPLICATION\]/,
      /a\d+\.csv:11: column "lottery": candidate "c7" has lottery number 8 here but 7 on line 10 \[LOTTERY_MISMATCH\]/,
      /a\d+\.csv:12: expected at least 5 fields, found 2 \[FIELD_COUNT\]/,
      /13 problems found; nothing was written\./,
    ];
    expect(lines).toHaveLength(expected.length);
    for (const [i, re] of expected.entries()) expect(lines[i]).toMatch(re);
  });

  it('reports missing columns, including c1 needed by a tie-break chain', async () => {
    const r = await run('program_id,quota,tie_break\nA,1,c1>rank\n', 'candidate_id,program_id,score\nx,A,1\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/:1: required column "rank" is missing from the header \[MISSING_COLUMN\]/);
    const r2 = await run('program_id,quota,tie_break\nA,1,c1>rank\n', 'candidate_id,rank,program_id,score\nx,1,A,1\n');
    expect(r2.stderr).toMatch(/column "c1" is needed because program "A" breaks ties by it \[COLUMN_NEEDED\]/);
  });

  it('reports unreadable files and usage errors', async () => {
    let err = '';
    const io = {
      stdout: () => {},
      stderr: (s: string) => {
        err += s;
      },
      progress: new Progress(false),
    };
    expect(
      await runMatchCommand(
        ['--programs', join(root, 'nope.csv'), '--applications', join(root, 'nope2.csv'), '--out', join(root, 'o')],
        io,
      ),
    ).toBe(1);
    expect(err).toMatch(/cannot read the file/);
    err = '';
    expect(await runMatchCommand(['--programs', 'x'], io)).toBe(2);
    expect(err).toMatch(/--applications is required/);
  });
});

// What spreadsheets write, and numbers the matcher cannot hold: refused with the line, or read and said so.
describe('admission match — Excel files and limits', () => {
  const utf16 = (text: string, order: 'le' | 'be') => {
    const body = Buffer.from(text, 'utf16le');
    if (order === 'be') body.swap16();
    return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
  };

  it('refuses a row with more fields than the header, naming the line and hinting at a decimal comma', async () => {
    const r = await run('program_id,quota,floor\nP1,2,20\nP2,1,19,5\n', 'candidate_id,rank,program_id,score\nC1,1,P1,22.5\nC4,1,P1,21,5\n');
    expect(r.code).toBe(1);
    expect(existsSync(r.out)).toBe(false);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^p\d+\.csv:3: the row has 4 fields where the header has 3 \(a decimal comma\? write 21\.5, not 21,5\) \[TOO_MANY_FIELDS\]$/,
      ),
      expect.stringMatching(/^a\d+\.csv:3: the row has 5 fields where the header has 4 \(a decimal comma\? .*\[TOO_MANY_FIELDS\]$/),
      '2 problems found; nothing was written.',
    ]);
  });

  it('refuses numbers it cannot store exactly, naming line and column (a score of 30000000 no longer wraps)', async () => {
    const r = await run(
      'program_id,quota,floor,tie_break\nP1,2,20,c1>rank\nP2,3000000000,,\nP3,1,99999999,\n',
      [
        'candidate_id,rank,program_id,score,c1,lottery',
        'C1,1,P1,30000000,1,1',
        'C2,99999999999,P1,20,1,2',
        'C3,1,P1,20,-25000000,3',
        'C4,1,P1,20,1,12345678901234567890',
        'C5,1,P1,21474836.47,1,5', // the largest score stored exactly is accepted
      ].join('\n'),
    );
    expect(r.code).toBe(1);
    expect(existsSync(r.out)).toBe(false);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^p\d+\.csv:3: column "quota": "3000000000" is out of range \(at most 2147483647\) \[VALUE_OUT_OF_RANGE\]$/),
      expect.stringMatching(
        /^p\d+\.csv:4: column "floor": "99999999" is out of range \(at most 21474836\.47, .*\) \[VALUE_OUT_OF_RANGE\]$/,
      ),
      expect.stringMatching(
        /^a\d+\.csv:2: column "score": "30000000" is out of range \(at most 21474836\.47, the largest value stored exactly\)/,
      ),
      expect.stringMatching(/^a\d+\.csv:3: column "rank": "99999999999" is out of range/),
      expect.stringMatching(/^a\d+\.csv:4: column "c1": "-25000000" is out of range/),
      expect.stringMatching(/^a\d+\.csv:5: column "lottery": "12345678901234567890" is out of range/),
      '6 problems found; nothing was written.',
    ]);
  });

  it('reports a missing, empty or header-only programs file once, not once per application row', async () => {
    const apps = 'candidate_id,rank,program_id,score\nC1,1,P1,20\nC2,1,P2,21\nC3,1,P3,22\nC4,x,P1,20\n';
    for (const [programs, expected] of [
      ['', /^p\d+\.csv: the file is empty \(a header row is required\) \[EMPTY_FILE\]$/],
      ['program_id,quota\n', /^p\d+\.csv: the file has a header but no rows \[NO_ROWS\]$/],
      ['program_id,seats\nP1,2\n', /^p\d+\.csv:1: required column "quota" is missing from the header \[MISSING_COLUMN\]$/],
    ] as const) {
      const r = await run(programs, apps);
      expect(r.code).toBe(1);
      // the programs problem once; the applications' own problems still listed, but no UNKNOWN_PROGRAM
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(expected),
        expect.stringMatching(/^a\d+\.csv:5: column "rank": "x" is not a whole number \[NOT_AN_INTEGER\]$/),
        '2 problems found; nothing was written.',
      ]);
    }
    let err = '';
    const code = await runMatchCommand(
      ['--programs', join(root, 'absent.csv'), '--applications', join(root, `a${seq}.csv`), '--out', join(root, 'o')],
      {
        stdout: () => {},
        stderr: (s) => {
          err += s;
        },
        progress: new Progress(false),
      },
    );
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([
      expect.stringMatching(/^absent\.csv: cannot read the file: ENOENT.*\[MISSING_FILE\]$/),
      expect.stringMatching(/\[NOT_AN_INTEGER\]$/),
      '2 problems found; nothing was written.',
    ]);
  });

  it('reads ";"-separated files with decimal commas (Excel in a Vietnamese locale) and says so on stderr', async () => {
    const r = await run(
      'program_id;quota;floor;name\nP1;2;20,5;"Y khoa; Hà Nội"\nP2;1;;\n',
      'candidate_id;rank;program_id;score\nC1;1;P1;22,5\nC2;1;P1;20,25\nC3;1;P2;19\n',
    );
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^note: p\d+\.csv: fields separated by ";" \(detected from the header; --delimiter to choose\); decimal commas accepted \(21,5 = 21\.5\)$/,
      ),
      expect.stringMatching(/^note: a\d+\.csv: fields separated by ";"/),
    ]);
    expect(r.read('assignments.csv')).toBe('candidate_id,program_id,rank\nC1,P1,1\nC2,,\nC3,P2,1\n');
    expect(r.read('cutoffs.csv')).toBe('program_id,quota,admitted,cutoff\nP1,2,1,22.50\nP2,1,1,19.00\n');
  });

  it('reads UTF-16 LE and BE with a byte-order mark (tab- or ";"-separated) and UTF-8 with one, saying which', async () => {
    const programs = 'program_id;quota\nNGÀNH-1;1\n';
    const apps = 'candidate_id\trank\tprogram_id\tscore\nNguyễn A\t1\tNGÀNH-1\t22,5\nTrần B\t1\tNGÀNH-1\t23\n';
    const r = await run(utf16(programs, 'be'), utf16(apps, 'le'));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^note: p\d+\.csv: read as UTF-16 BE; fields separated by ";" .*\nnote: a\d+\.csv: read as UTF-16 LE; fields separated by tabs /,
    );
    expect(r.read('assignments.csv')).toBe('candidate_id,program_id,rank\nNguyễn A,,\nTrần B,NGÀNH-1,1\n');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const r8 = await run(
      Buffer.concat([bom, Buffer.from('program_id,quota\nP,1\n')]),
      Buffer.concat([bom, Buffer.from('candidate_id,rank,program_id,score\nx,1,P,1\n')]),
    );
    expect([r8.code, r8.stderr]).toEqual([0, '']);
  });

  it('--delimiter sets the separator (no note); a bad value is a usage error', async () => {
    const r = await run('program_id;quota\nP1;1\n', 'candidate_id;rank;program_id;score\nC1;1;P1;7,25\n', ['--delimiter', ';']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.read('cutoffs.csv')).toBe('program_id,quota,admitted,cutoff\nP1,1,1,7.25\n');
    // a comma-separated file forced to ";" has one column: the required ones are missing
    const forced = await run('program_id,quota\nP1,1\n', 'candidate_id,rank,program_id,score\nC1,1,P1,7\n', ['--delimiter', ';']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/required column "program_id" is missing/);
    const bad = await run('program_id,quota\nP1,1\n', 'candidate_id,rank,program_id,score\n', ['--delimiter', '|']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--delimiter must be ",", ";" or "tab", got "\|"\n\nUsage: hoptac admission match/);
  });

  it('trims padded quoted numbers as it trims unquoted ones', async () => {
    const r = await run(
      'program_id,quota,floor,tie_break\nP1," 2 ",\t"20.5 ",c1>lottery\n',
      'candidate_id,rank,program_id,score,c1,lottery\n" C 1 "," 1 ",P1," 21.5 ","\t9 ", " 3"\nC2,1,P1, 22 ,8,4\n',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // ids keep their quoted spaces; numbers do not
    expect(r.read('assignments.csv')).toBe('candidate_id,program_id,rank\n" C 1 ",P1,1\nC2,P1,1\n');
    expect(r.read('cutoffs.csv')).toBe('program_id,quota,admitted,cutoff\nP1,2,2,21.50\n');
  });
});

describe('admission match — agrees with the engine on random inputs in any row order', () => {
  it('CSV in, CSV out equals runMatching on the same data', async () => {
    let s = 12345;
    const rnd = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const P = 12;
    const n = 400;
    const policies = ['strict', 'accept-all', 'reject-all'];
    const progs = Array.from({ length: P }, (_, p) => ({
      id: `P${p}`,
      quota: 5 + Math.floor(rnd() * 30),
      floor: rnd() < 0.3 ? 18 : null,
      chain: rnd() < 0.3 ? 'c1>rank' : 'rank>lottery',
      policy: policies[p % 3],
    }));
    const rows: string[] = [];
    const cand: { id: string; apps: { p: number; score: number; c1: number; rank: number }[]; lottery: number }[] = [];
    for (let i = 0; i < n; i++) {
      const id = `S${Math.floor(rnd() * 1e6)}-${i}`;
      const k = 1 + Math.floor(rnd() * 5);
      const ps = new Set<number>();
      while (ps.size < k) ps.add(Math.floor(rnd() * P));
      const apps = [...ps].map((p, j) => ({ p, score: 15 + Math.floor(rnd() * 40) / 4, c1: Math.floor(rnd() * 4), rank: 2 * j + 1 }));
      const lottery = Math.floor(rnd() * 50);
      cand.push({ id, apps, lottery });
      for (const a of apps) rows.push(`${id},${a.rank},P${a.p},${a.score.toFixed(2)},${a.c1},${lottery}`);
    }
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    const r = await run(
      `program_id,quota,floor,tie_break,tie_policy\n${progs.map((p) => `${p.id},${p.quota},${p.floor ?? ''},${p.chain},${p.policy}`).join('\n')}\n`,
      `candidate_id,rank,program_id,score,c1,lottery\n${rows.join('\n')}\n`,
    );
    expect(r.stderr).toBe('');
    // The same instance built directly, candidates in id order.
    const sorted = [...cand].sort((a, b) => (a.id < b.id ? -1 : 1));
    const offsets = new Int32Array(n + 1);
    sorted.forEach((c, i) => {
      offsets[i + 1] = offsets[i] + c.apps.length;
    });
    const all = sorted.flatMap((c) => c.apps);
    const res = runMatching({
      candidateCount: n,
      programCount: P,
      offsets,
      program: Int32Array.from(all, (a) => a.p),
      score: Int32Array.from(all, (a) => Math.round(a.score * 100)),
      rank: Int32Array.from(all, (a) => a.rank),
      c1: Int32Array.from(all, (a) => a.c1 * 100),
      lottery: Float64Array.from(sorted, (c) => c.lottery),
      quota: Int32Array.from(progs, (p) => p.quota),
      floor: Int32Array.from(progs, (p) => (p.floor === null ? -2147483648 : p.floor * 100)),
      tieBreak: progs.map((p) => p.chain.split('>') as never),
      tiePolicy: progs.map((p) => p.policy as never),
    });
    const expected = sorted.map((c, i) => {
      const a = res.assignedApp[i];
      return a < 0 ? `${c.id},,` : `${c.id},P${all[a].p},${all[a].rank}`;
    });
    expect(r.read('assignments.csv')).toBe(`candidate_id,program_id,rank\n${expected.join('\n')}\n`);
    expect(res.assignedProgram.filter((p) => p >= 0).length).toBeGreaterThan(n / 4);
  });
});
