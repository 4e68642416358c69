// Seeded generator of a national-scale admission instance: candidates with 1–10 preferences
// (≈8 on average) over programs of Zipf-like popularity, ≈0.75 seats per candidate, scores in
// 0.25 steps plus MOET priority points, a few floors, lottery numbers as a random permutation.
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
