// Writing the results of `hoptac admission match`: assignments.csv, cutoffs.csv and summary.json.
// Each file is written to a temporary name in the output directory and renamed when complete.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type MatchingResult, NO_SCORE } from '../../engines/admission/index.ts';
import type { ByteInterner } from './byte-interner.ts';
import type { ApplicationTable, ProgramTable } from './match-input.ts';

/** Buffered writer of bytes to a file descriptor. */
class Out {
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private readonly fd: number;
  constructor(fd: number) {
    this.fd = fd;
  }
  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }
  ascii(s: string): void {
    this.room(s.length * 3);
    this.used += this.buf.write(s, this.used);
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.used++] = b;
  }
  /** An interned identifier as a CSV field, quoted when it needs to be. */
  id(ids: ByteInterner, i: number): void {
    const len = ids.byteLength(i);
    this.room(2 * len + 2);
    const at = this.used;
    const end = ids.copyTo(i, this.buf, at);
    let special = this.buf[at] === 0x20 || this.buf[end - 1] === 0x20;
    for (let x = at; x < end && !special; x++) {
      const ch = this.buf[x];
      if (ch === 0x2c || ch === 0x22 || ch === 0x0a || ch === 0x0d) special = true;
    }
    if (!special) {
      this.used = end;
      return;
    }
    const text = this.buf.toString('utf8', at, end);
    this.used = at;
    this.ascii(`"${text.replaceAll('"', '""')}"`);
  }
  /** Non-negative integer. */
  int(v: number): void {
    this.room(12);
    if (v === 0) {
      this.buf[this.used++] = 0x30;
      return;
    }
    let digits = 0;
    for (let x = v; x > 0; x = Math.floor(x / 10)) digits++;
    let pos = this.used + digits;
    this.used = pos;
    for (let x = v; x > 0; x = Math.floor(x / 10)) this.buf[--pos] = 0x30 + (x % 10);
  }
  flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }
}

/**
 * An identifier as a CSV field, quoted as `Out.id` quotes it (a comma, quote or line break inside, or a space at
 * either end): for writers of the same files from text in memory (the server's exports of a run).
 */
export function csvIdField(text: string): string {
  const special = text.startsWith(' ') || text.endsWith(' ') || /[,"\n\r]/.test(text);
  return special ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatHundredths(h: number): string {
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export interface Summary {
  candidates: number;
  applications: number;
  matched: number;
  proposals: number;
  rounds: number;
  timings_ms: { parse: number; match: number; write: number; total: number };
  peak_rss_mb: number;
}

/**
 * Writes all outputs into `dir` (created if missing). `summary` is called last so it can include the
 * write time. Temporary files are removed when anything fails.
 */
export function writeOutputs(
  dir: string,
  programs: ProgramTable,
  apps: ApplicationTable,
  res: MatchingResult,
  summary: () => Summary,
  onRow?: (done: number, total: number) => void,
): void {
  mkdirSync(dir, { recursive: true });
  const tag = `.tmp-${process.pid}`;
  const names = ['assignments.csv', 'cutoffs.csv', 'summary.json'];
  const temps = names.map((n) => join(dir, `.${n}${tag}`));
  try {
    // assignments.csv
    let fd = openSync(temps[0], 'w');
    try {
      const out = new Out(fd);
      out.ascii('candidate_id,program_id,rank\n');
      const n = apps.candidateCount;
      for (let k = 0; k < n; k++) {
        const c = apps.sorted[k];
        out.id(apps.candidates, c);
        out.byte(0x2c);
        const a = res.assignedApp[c];
        if (a >= 0) {
          out.id(programs.ids, res.assignedProgram[c]);
          out.byte(0x2c);
          out.int(apps.rank[a]);
        } else out.byte(0x2c);
        out.byte(0x0a);
        if ((k & 0xffff) === 0) onRow?.(k, n);
      }
      out.flush();
    } finally {
      closeSync(fd);
    }
    // cutoffs.csv, in programs.csv order
    fd = openSync(temps[1], 'w');
    try {
      const out = new Out(fd);
      out.ascii('program_id,quota,admitted,cutoff\n');
      for (let p = 0; p < programs.count; p++) {
        out.id(programs.ids, p);
        out.ascii(`,${programs.quota[p]},${res.admitted[p]},${res.cutoff[p] === NO_SCORE ? '' : formatHundredths(res.cutoff[p])}\n`);
      }
      out.flush();
    } finally {
      closeSync(fd);
    }
    writeFileSync(temps[2], `${JSON.stringify(summary(), null, 2)}\n`);
    for (let i = 0; i < names.length; i++) renameSync(temps[i], join(dir, names[i]));
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
}
