import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorList } from './errors.ts';
import { readApplications, readPrograms } from './match-input.ts';

// readApplications reads plain rows on a fast path and leaves every other row to the general reader;
// the two must give the same table and the same problems, whatever the rows and the read chunks.

const dir = mkdtempSync(join(tmpdir(), 'hoptac-match-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function read(programs: string, applications: string | Buffer, options: { fast?: boolean; chunkSize?: number }) {
  const p = join(dir, `p${seq}.csv`);
  const a = join(dir, `a${seq++}.csv`);
  writeFileSync(p, programs);
  writeFileSync(a, applications);
  const errors = new ErrorList();
  const progs = readPrograms(p, errors, 'programs.csv');
  const table = readApplications(a, progs, errors, undefined, 'applications.csv', {}, options);
  const plain = table && {
    ...table,
    candidates: Array.from({ length: table.candidateCount }, (_, i) => table.candidates.text(i)),
  };
  return { table: plain, errors: errors.items };
}

const PROGRAMS = `program_id,quota,floor,tie_break
P1,3,,rank>lottery
P2,2,15,c1>rank
P3,1,,c2>lottery
Đại học Y,2,,rank
`;

/** A random value for a column: usually plain, sometimes anything the general reader must judge. */
function value(rnd: () => number, kind: 'id' | 'rank' | 'prog' | 'score' | 'crit' | 'lot', plain: string): string {
  if (rnd() < 0.85) return plain;
  const odd: Record<typeof kind, string[]> = {
    id: ['', ' C1', 'C1 ', '"C1"', '"C,9"', 'C 1', 'Nguyễn', '"say ""x"""', 'C\t1', 'x'.repeat(1100)],
    rank: ['', '0', '-1', ' 2', '2 ', '02', '1.5', '99999999999', '2147483648', '1234567890', 'a', '"3"'],
    prog: ['', 'P9', ' P1', '"P2"', 'Đại học Y', '"Đại học Y"', 'p1'],
    score: [
      '',
      '-1',
      '21.555',
      '21.554',
      '21.5',
      '21.',
      '.5',
      '21.5.',
      '1e3',
      '30000000',
      '9999999.99',
      '12345678',
      ' 21.5',
      '"21.5"',
      '21,5',
      'x',
      '007.25',
    ],
    crit: ['', '-2.5', '1.005', '8', '8.', '.5', 'x', ' 7', '99999999', '-0'],
    lot: ['', '3', '3.5', '-3', '1234567890', '123456789', '0', ' 4', '1e2', '9007199254740993', '"5"'],
  };
  const list = odd[kind];
  return list[Math.floor(rnd() * list.length)];
}

function randomFile(seed: number, sep: string, crlf: boolean): string {
  const rnd = mulberry(seed);
  const columns = ['candidate_id', 'rank', 'program_id', 'score', 'c1', 'c2', 'lottery', 'note'];
  for (let i = columns.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [columns[i], columns[j]] = [columns[j], columns[i]];
  }
  const eol = crlf ? '\r\n' : '\n';
  const lines = [columns.join(sep)];
  const n = 60;
  for (let c = 0; c < n; c++) {
    const id = `C${String(rnd() < 0.8 ? c : Math.floor(rnd() * n)).padStart(3, '0')}`;
    const lottery = String(Math.floor(rnd() * 20));
    const k = 1 + Math.floor(rnd() * 4);
    for (let r = 1; r <= k; r++) {
      const plain: Record<string, string> = {
        candidate_id: value(rnd, 'id', id),
        rank: value(rnd, 'rank', String(r)),
        program_id: value(rnd, 'prog', `P${1 + Math.floor(rnd() * 3)}`),
        score: value(rnd, 'score', (15 + Math.floor(rnd() * 60) / 4).toFixed(Math.floor(rnd() * 3))),
        c1: value(rnd, 'crit', rnd() < 0.2 ? '' : String(Math.floor(rnd() * 10))),
        c2: value(rnd, 'crit', rnd() < 0.2 ? '' : (Math.floor(rnd() * 100) / 10).toFixed(1)),
        lottery: value(rnd, 'lot', lottery),
        note: rnd() < 0.7 ? '' : rnd() < 0.5 ? 'a note with spaces' : '"quoted, note"',
      };
      let fields = columns.map((col) => plain[col]);
      const u = rnd();
      if (u < 0.03) fields = fields.slice(0, Math.floor(rnd() * fields.length));
      else if (u < 0.06) fields.push('extra');
      lines.push(fields.join(sep));
      if (rnd() < 0.03) lines.push(rnd() < 0.5 ? '' : '  ');
    }
  }
  // Rows are usually grouped by candidate; sometimes shuffled a little.
  if (rnd() < 0.3) {
    for (let i = 0; i < 10; i++) {
      const x = 1 + Math.floor(rnd() * (lines.length - 1));
      const y = 1 + Math.floor(rnd() * (lines.length - 1));
      [lines[x], lines[y]] = [lines[y], lines[x]];
    }
  }
  return lines.join(eol) + (rnd() < 0.8 ? eol : '');
}

describe('readApplications — the fast path agrees with the general reader', () => {
  it('on random files with plain and odd rows, any separator, line ends and read chunks', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const sep = [',', ';', '\t'][seed % 3];
      const programs = sep === ',' ? PROGRAMS : PROGRAMS.replaceAll(',', sep);
      const file = randomFile(seed, sep, seed % 4 === 0);
      const slow = read(programs, file, { fast: false });
      for (const chunkSize of [7, 61, 1 << 22]) {
        const fast = read(programs, file, { chunkSize });
        expect(fast.errors).toEqual(slow.errors);
        expect(fast.table).toEqual(slow.table);
      }
    }
  });

  it('on clean files: grouped or not, sorted ids or not, with blank lines, a BOM and no final line end', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry(1000 + seed);
      const rows: string[] = [];
      const n = 30 + Math.floor(rnd() * 50);
      for (let c = 0; c < n; c++) {
        const id = seed % 2 ? `C${String(c).padStart(3, '0')}` : `K${Math.floor(rnd() * 1e6)}-${c}`;
        const progs = ['P1', 'P2', 'P3'].filter(() => rnd() < 0.7);
        progs.forEach((p, r) => {
          rows.push(`${id},${3 - r},${p},${(10 + rnd() * 20).toFixed(2)},${Math.floor(rnd() * 10)},${(rnd() * 10).toFixed(1)},${c % 17}`);
        });
      }
      if (seed % 3 === 0) {
        for (let i = rows.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [rows[i], rows[j]] = [rows[j], rows[i]];
        }
      }
      if (seed % 5 === 0) rows.splice(Math.floor(rows.length / 2), 0, '');
      const text = `candidate_id,rank,program_id,score,c1,c2,lottery\n${rows.join('\n')}${seed % 4 ? '\n' : ''}`;
      const file = seed % 7 === 0 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : text;
      const slow = read(PROGRAMS, file, { fast: false });
      expect(slow.errors).toEqual([]);
      for (const chunkSize of [13, 64, 1 << 22]) {
        const fast = read(PROGRAMS, file, { chunkSize });
        expect(fast.errors).toEqual([]);
        expect(fast.table).toEqual(slow.table);
      }
    }
  });
});
