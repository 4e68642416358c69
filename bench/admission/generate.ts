// Seeded generator of a national-scale admission instance: candidates with 1–10 preferences
// (≈8 on average) over programs of Zipf-like popularity, ≈0.75 seats per candidate, scores in
// 0.25 steps plus MOET priority points, a few floors, lottery numbers as a random permutation.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type MatchingInstance, NO_SCORE, priorityPoints, type TieCriterion } from '../../src/engines/admission/index.ts';

/** mulberry32: small, fast, good enough for benchmark data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  candidates: number;
  programs?: number;
  seed?: number;
  seatsPerCandidate?: number;
  /** Zipf exponent of program popularity. */
  zipf?: number;
}

export interface GeneratedInstance extends MatchingInstance {
  candidateIds: string[];
  programIds: string[];
  rank: Int32Array;
  c1: Int32Array;
  lottery: Float64Array;
  floor: Int32Array;
  tieBreak: TieCriterion[][];
}

const BASES = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75];

export function generateInstance(opts: GenerateOptions): GeneratedInstance {
  const n = opts.candidates;
  const P = opts.programs ?? 5000;
  const rnd = mulberry32(opts.seed ?? 20250717);
  const s = opts.zipf ?? 0.9;

  // Popularity: program p has weight 1/(p+1)^s (ids are shuffled so popularity is not id order).
  const perm = Int32Array.from({ length: P }, (_, i) => i);
  for (let i = P - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const cum = new Float64Array(P);
  let total = 0;
  for (let r = 0; r < P; r++) {
    total += 1 / (r + 1) ** s;
    cum[r] = total;
  }
  const pick = (): number => {
    const x = rnd() * total;
    let lo = 0;
    let hi = P - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return perm[lo];
  };

  // Quotas grow slower than popularity so popular programs are oversubscribed.
  const seats = Math.round(n * (opts.seatsPerCandidate ?? 0.75));
  const quota = new Int32Array(P);
  let wsum = 0;
  for (let r = 0; r < P; r++) wsum += 1 / (r + 1) ** (s / 2);
  let given = 0;
  for (let r = 0; r < P; r++) {
    const q = Math.max(1, Math.floor((seats * (1 / (r + 1) ** (s / 2))) / wsum));
    quota[perm[r]] = q;
    given += q;
  }
  for (let r = 0; given < seats; r = (r + 1) % P, given++) quota[perm[r]]++;

  // Floors: 3% of programs like Medicine (20.5), 5% teacher training (19), the rest 15.
  const floor = new Int32Array(P);
  const tieBreak: TieCriterion[][] = [];
  for (let p = 0; p < P; p++) {
    const u = rnd();
    floor[p] = u < 0.03 ? 2050 : u < 0.08 ? 1900 : u < 0.5 ? 1500 : NO_SCORE;
    tieBreak.push(rnd() < 0.1 ? ['c1', 'rank', 'lottery'] : ['rank', 'lottery']);
  }

  const offsets = new Int32Array(n + 1);
  const lengths = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    lengths[i] = u < 0.05 ? 1 + Math.floor(rnd() * 5) : 6 + Math.floor(rnd() * 5);
    offsets[i + 1] = offsets[i] + lengths[i];
  }
  const m = offsets[n];
  const program = new Int32Array(m);
  const score = new Int32Array(m);
  const rank = new Int32Array(m);
  const c1 = new Int32Array(m);
  const lottery = new Float64Array(n);
  const seen = new Int32Array(P).fill(-1);
  for (let i = 0; i < n; i++) {
    // Ability around 20/30 with spread; each program's combination adds its own noise.
    const ability = 20 + 4 * (rnd() + rnd() + rnd() - 1.5) * 2;
    const base = BASES[Math.floor(rnd() ** 3 * BASES.length)];
    const math = Math.min(10, Math.max(0, Math.round((ability / 3 + (rnd() - 0.5) * 3) * 4) / 4));
    for (let a = offsets[i]; a < offsets[i + 1]; a++) {
      let p = pick();
      while (seen[p] === i) p = pick();
      seen[p] = i;
      program[a] = p;
      const raw = Math.min(30, Math.max(0, Math.round((ability + (rnd() - 0.5) * 4) * 4) / 4));
      const final = Math.min(30, raw + priorityPoints(raw, base));
      score[a] = Math.round(final * 100 + 1e-7);
      rank[a] = a - offsets[i] + 1;
      c1[a] = Math.round(math * 100);
    }
    lottery[i] = i;
  }
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = lottery[i];
    lottery[i] = lottery[j];
    lottery[j] = t;
  }
  const width = String(n).length;
  const candidateIds = Array.from({ length: n }, (_, i) => `C${String(i).padStart(width, '0')}`);
  const programIds = Array.from({ length: P }, (_, p) => `P${String(p).padStart(4, '0')}`);
  return {
    candidateCount: n,
    programCount: P,
    offsets,
    program,
    score,
    rank,
    c1,
    lottery,
    quota,
    floor,
    tieBreak,
    candidateIds,
    programIds,
  };
}

/**
 * The instance as one little-endian binary file, read by the C baseline (baseline.c):
 *   "HPTACMI1", int32 n, P, m, flags (1 rank, 2 c1, 4 c2, 8 lottery, 16 candidateOrder, 32 floor),
 *   int32 offsets[n+1], program[m], score[m], [rank[m]], [c1[m]], [c2[m]], [float64 lottery[n]],
 *   [int32 candidateOrder[n]], int32 quota[P], [int32 floor[P]], uint8 policy[P] (0 strict,
 *   1 accept-all, 2 reject-all), uint8 chain[8P] (the raw tie_break chain as given, 0 rank, 1 c1,
 *   2 c2, 3 lottery, 255 = end; 255 everywhere = the default chain).
 */
export function encodeInstance(inst: MatchingInstance): Buffer {
  const n = inst.candidateCount;
  const P = inst.programCount;
  const m = inst.offsets[n];
  const flags =
    (inst.rank ? 1 : 0) |
    (inst.c1 ? 2 : 0) |
    (inst.c2 ? 4 : 0) |
    (inst.lottery ? 8 : 0) |
    (inst.candidateOrder ? 16 : 0) |
    (inst.floor ? 32 : 0);
  const parts: Buffer[] = [];
  const head = Buffer.alloc(24);
  head.write('HPTACMI1', 0, 'latin1');
  head.writeInt32LE(n, 8);
  head.writeInt32LE(P, 12);
  head.writeInt32LE(m, 16);
  head.writeInt32LE(flags, 20);
  parts.push(head);
  const bytes = (a: Int32Array | Float64Array | Uint8Array, len: number) =>
    parts.push(Buffer.from(a.buffer, a.byteOffset, len * a.BYTES_PER_ELEMENT));
  bytes(inst.offsets, n + 1);
  bytes(inst.program, m);
  bytes(inst.score, m);
  if (inst.rank) bytes(inst.rank, m);
  if (inst.c1) bytes(inst.c1, m);
  if (inst.c2) bytes(inst.c2, m);
  if (inst.lottery) bytes(inst.lottery, n);
  if (inst.candidateOrder) bytes(inst.candidateOrder, n);
  bytes(inst.quota, P);
  if (inst.floor) bytes(inst.floor, P);
  const policy = new Uint8Array(P);
  const codes = { strict: 0, 'accept-all': 1, 'reject-all': 2 } as const;
  if (inst.tiePolicy) for (let p = 0; p < P; p++) policy[p] = codes[inst.tiePolicy[p]];
  bytes(policy, P);
  const chain = new Uint8Array(8 * P).fill(255);
  const crit = { rank: 0, c1: 1, c2: 2, lottery: 3 } as const;
  if (inst.tieBreak) {
    for (let p = 0; p < P; p++) {
      const ch = inst.tieBreak[p];
      if (ch.length > 8) throw new RangeError(`program ${p}: tie_break chain longer than 8 criteria`);
      // An empty chain is written as a lone 254 so that it is not read as the default chain.
      if (ch.length === 0) chain[8 * p] = 254;
      for (let x = 0; x < ch.length; x++) chain[8 * p + x] = crit[ch[x]];
    }
  }
  bytes(chain, 8 * P);
  return Buffer.concat(parts);
}

/** Writes programs.csv and applications.csv (rows grouped by candidate, in candidate order, as exported). */
export function writeCsvFiles(inst: GeneratedInstance, dir: string): void {
  const buf = Buffer.allocUnsafe(1 << 22);
  const write = (path: string, emit: (push: (s: string) => void) => void) => {
    const fd = openSync(path, 'w');
    let used = 0;
    emit((s) => {
      if (used + s.length * 3 > buf.length) {
        writeSync(fd, buf, 0, used);
        used = 0;
      }
      used += buf.write(s, used);
    });
    writeSync(fd, buf, 0, used);
    closeSync(fd);
  };
  write(join(dir, 'programs.csv'), (push) => {
    push('program_id,quota,floor,tie_break,tie_policy,name\n');
    for (let p = 0; p < inst.programCount; p++) {
      const floor = inst.floor[p] === NO_SCORE ? '' : (inst.floor[p] / 100).toFixed(2);
      push(
        `${inst.programIds[p]},${inst.quota[p]},${floor},${inst.tieBreak[p].join('>')},${inst.tiePolicy?.[p] ?? 'strict'},Program ${p}\n`,
      );
    }
  });
  write(join(dir, 'applications.csv'), (push) => {
    push('candidate_id,rank,program_id,score,c1,lottery\n');
    for (let i = 0; i < inst.candidateCount; i++) {
      const id = inst.candidateIds[i];
      const lot = inst.lottery[i];
      for (let a = inst.offsets[i]; a < inst.offsets[i + 1]; a++) {
        push(
          `${id},${inst.rank[a]},${inst.programIds[inst.program[a]]},${(inst.score[a] / 100).toFixed(2)},${(inst.c1[a] / 100).toFixed(2)},${lot}\n`,
        );
      }
    }
  });
}

/** The instance written by encodeInstance. */
export function decodeInstance(buf: Buffer): MatchingInstance {
  if (buf.toString('latin1', 0, 8) !== 'HPTACMI1') throw new Error('not an instance file (bad magic)');
  const n = buf.readInt32LE(8);
  const P = buf.readInt32LE(12);
  const m = buf.readInt32LE(16);
  const flags = buf.readInt32LE(20);
  let at = 24;
  const copy = (bytes: number): ArrayBuffer => {
    const out = new ArrayBuffer(bytes);
    new Uint8Array(out).set(buf.subarray(at, at + bytes));
    at += bytes;
    return out;
  };
  const i32 = (len: number) => new Int32Array(copy(4 * len));
  const offsets = i32(n + 1);
  const program = i32(m);
  const score = i32(m);
  const rank = flags & 1 ? i32(m) : undefined;
  const c1 = flags & 2 ? i32(m) : undefined;
  const c2 = flags & 4 ? i32(m) : undefined;
  const lottery = flags & 8 ? new Float64Array(copy(8 * n)) : undefined;
  const candidateOrder = flags & 16 ? i32(n) : undefined;
  const quota = i32(P);
  const floor = flags & 32 ? i32(P) : undefined;
  const policies = ['strict', 'accept-all', 'reject-all'] as const;
  const tiePolicy = Array.from(buf.subarray(at, at + P), (v) => policies[v]);
  at += P;
  const names = ['rank', 'c1', 'c2', 'lottery'] as const;
  const tieBreak: TieCriterion[][] = [];
  for (let p = 0; p < P; p++) {
    const raw = buf.subarray(at + 8 * p, at + 8 * p + 8);
    if (raw[0] === 255) tieBreak.push(['rank', 'lottery']);
    else tieBreak.push(Array.from(raw.subarray(0, raw[0] === 254 ? 0 : raw.indexOf(255) < 0 ? 8 : raw.indexOf(255)), (v) => names[v]));
  }
  return {
    candidateCount: n,
    programCount: P,
    offsets,
    program,
    score,
    rank,
    c1,
    c2,
    lottery,
    candidateOrder,
    quota,
    floor,
    tieBreak,
    tiePolicy,
  };
}
