// How a program ranks its applicants: by score, then by the program's tie-break chain, then — only
// under the `strict` policy — by lottery and candidate order. Everything up to the end of the chain
// is packed into one float64 "tie key" per application (higher is better) so the matcher compares
// numbers, not records. Two applications to the same program with equal tie keys are a residual tie.

export type TieCriterion = 'rank' | 'c1' | 'c2' | 'lottery';
export type TiePolicy = 'strict' | 'accept-all' | 'reject-all';

export const TIE_CRITERIA: readonly TieCriterion[] = ['rank', 'c1', 'c2', 'lottery'];
export const TIE_POLICIES: readonly TiePolicy[] = ['strict', 'accept-all', 'reject-all'];
export const DEFAULT_TIE_BREAK: readonly TieCriterion[] = ['rank', 'lottery'];
export const POLICY_CODE: Readonly<Record<TiePolicy, number>> = { strict: 0, 'accept-all': 1, 'reject-all': 2 };

/** Marks "no floor" and "no cutoff" in Int32 score arrays (scores are in hundredths). */
export const NO_SCORE = -2147483648;

/**
 * The data a matching runs on, in compressed sparse row layout: the applications of candidate i
 * are the indices offsets[i] .. offsets[i+1]-1, in preference order (first choice first).
 */
export interface MatchingInstance {
  candidateCount: number;
  programCount: number;
  offsets: Int32Array;
  /** Program index of each application. */
  program: Int32Array;
  /** Score of each application in hundredths (24.75 → 2475). */
  score: Int32Array;
  /** Stated preference rank of each application (1 = first choice); default position + 1. */
  rank?: Int32Array;
  /** Named tie-break criteria per application in hundredths; higher wins. */
  c1?: Int32Array;
  c2?: Int32Array;
  /** Lottery number per candidate; lower wins. Absent: everybody has the same number. */
  lottery?: Float64Array;
  /** Final tie-break under `strict` after the lottery: lower wins. Default: candidate index. */
  candidateOrder?: Int32Array;
  quota: Int32Array;
  /** Entrance floor per program in hundredths, NO_SCORE for none; applications below it are dropped. */
  floor?: Int32Array;
  /** Tie-break chain per program; default rank > lottery. */
  tieBreak?: readonly (readonly TieCriterion[])[];
  /** Residual-tie policy per program; default strict. */
  tiePolicy?: readonly TiePolicy[];
}

/**
 * The chain as used: duplicates removed, nothing after `lottery` (lottery numbers decide), and —
 * under the strict policy — `lottery` appended when missing, since strict breaks residual ties by
 * lottery (then candidate order, outside the key).
 */
export function normaliseChain(chain: readonly TieCriterion[], policy: TiePolicy = 'strict'): TieCriterion[] {
  const out: TieCriterion[] = [];
  for (const c of chain) {
    if (out.includes(c)) continue;
    out.push(c);
    if (c === 'lottery') break;
  }
  if (policy === 'strict' && !out.includes('lottery')) out.push('lottery');
  return out;
}

/** Throws when the arrays of an instance do not fit together. */
export function checkInstance(inst: MatchingInstance): void {
  const n = inst.candidateCount;
  const P = inst.programCount;
  const m = inst.offsets[n];
  const fail = (msg: string): never => {
    throw new RangeError(`matching instance: ${msg}`);
  };
  if (inst.offsets.length !== n + 1 || inst.offsets[0] !== 0) fail('offsets must have candidateCount + 1 entries from 0');
  for (let i = 0; i < n; i++) if (inst.offsets[i + 1] < inst.offsets[i]) fail('offsets must not decrease');
  if (inst.program.length < m || inst.score.length < m) fail('program and score need one entry per application');
  for (const k of ['rank', 'c1', 'c2'] as const) {
    const a = inst[k];
    if (a && a.length < m) fail(`${k} needs one entry per application`);
  }
  if (inst.rank) for (let a = 0; a < m; a++) if (!(inst.rank[a] >= 1)) fail(`application ${a} has rank below 1`);
  if (inst.lottery && inst.lottery.length < n) fail('lottery needs one entry per candidate');
  if (inst.candidateOrder && inst.candidateOrder.length < n) fail('candidateOrder needs one entry per candidate');
  if (inst.quota.length < P) fail('quota needs one entry per program');
  if (inst.floor && inst.floor.length < P) fail('floor needs one entry per program');
  if (inst.tieBreak && inst.tieBreak.length < P) fail('tieBreak needs one entry per program');
  if (inst.tiePolicy && inst.tiePolicy.length < P) fail('tiePolicy needs one entry per program');
  for (let a = 0; a < m; a++) {
    const p = inst.program[a];
    if (!(p >= 0 && p < P)) fail(`application ${a} names program ${p}`);
  }
  for (let p = 0; p < P; p++) if (!(inst.quota[p] >= 0)) fail(`program ${p} has a negative quota`);
  if (inst.lottery) for (let i = 0; i < n; i++) if (!Number.isFinite(inst.lottery[i])) fail(`lottery of candidate ${i} is not finite`);
  if (inst.tieBreak) {
    for (let p = 0; p < P; p++) {
      for (const c of inst.tieBreak[p]) {
        if (!TIE_CRITERIA.includes(c)) fail(`program ${p}: unknown tie-break ${c}`);
        if ((c === 'c1' || c === 'c2') && !inst[c]) fail(`program ${p} breaks ties by ${c}, which is not given`);
      }
    }
  }
  if (inst.tiePolicy) for (let p = 0; p < P; p++) if (!(inst.tiePolicy[p] in POLICY_CODE)) fail(`program ${p}: unknown tie policy`);
}

// The passes over whole arrays below are small functions of one loop each. A function that runs
// once (a command-line match) has its long loops compiled while they run, for entry in the middle
// of the loop (on-stack replacement); in one large function each further loop would start again in
// the slower tiers, and the compiled code would keep the function's other variables boxed.

/** [min, max] of a[0, len) (len > 0) into `out`. */
function rangeOf32(a: Int32Array, len: number, out: number[]): void {
  let lo = a[0];
  let hi = a[0];
  for (let i = 0; i < len; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  out[0] = lo;
  out[1] = hi;
}

/** The largest of a[0, len) and `floor`. */
function maxOf32(a: Int32Array, len: number, floor: number): number {
  let hi = floor;
  for (let i = 0; i < len; i++) if (a[i] > hi) hi = a[i];
  return hi;
}

/** The longest list of a CSR layout, at least `floor`. */
function longestList(offsets: Int32Array, n: number, floor: number): number {
  let hi = floor;
  for (let i = 0; i < n; i++) if (offsets[i + 1] - offsets[i] > hi) hi = offsets[i + 1] - offsets[i];
  return hi;
}

/** 0, 1, …, n − 1 (into `into` when it is long enough). */
function identity(n: number, into?: Int32Array): Int32Array {
  const order = into && into.length >= n ? into : new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** [min, max] of lot[0, n) (n > 0) into `out`; whether all are integers. */
function lotteryRange(lot: Float64Array, n: number, out: number[]): boolean {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = lot[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  out[0] = min;
  out[1] = max;
  return integral;
}

function reversedCodes(lot: Float64Array, n: number, max: number, code: Float64Array): void {
  for (let i = 0; i < n; i++) code[i] = max - lot[i];
}

/**
 * Lottery numbers as non-negative integer codes where higher wins (into `into` when it is long
 * enough), and their range.
 */
function lotteryCodes(inst: MatchingInstance, into?: Float64Array): { code: Float64Array; range: number } {
  const n = inst.candidateCount;
  const code = into && into.length >= n ? into : new Float64Array(n);
  const lot = inst.lottery;
  if (!lot || n === 0) return { code: code.fill(0, 0, n), range: 1 };
  const r = [0, 0];
  const integral = lotteryRange(lot, n, r);
  const min = r[0];
  const max = r[1];
  if (integral && max - min < 2 ** 31) {
    reversedCodes(lot, n, max, code);
    return { code, range: max - min + 1 };
  }
  // Arbitrary numbers: replace each by its dense rank among the distinct values.
  const sorted = Float64Array.from(lot).sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i];
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = u - 1;
    const v = lot[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    code[i] = u - 1 - lo;
  }
  return { code, range: u };
}

/**
 * Everything needed to compute a tie key. The key is a mixed-radix number whose digits are the
 * score and the chain's criteria (each shifted to start at 0, oriented so higher wins); written as
 * a sum of digit × place value it needs no branching on the chain:
 *   key = (score − sMin)·W[5p] + rankValue·W[5p+1] + c1Value·W[5p+2] + c2Value·W[5p+3] + lottery·W[5p+4]
 * where criteria not in program p's chain have place value 0. All terms are integers and the sum
 * stays below 2^53, so keys are exact.
 */
export interface KeySpec {
  sMin: number;
  maxRank: number;
  c1Min: number;
  c2Min: number;
  /** Place values, 5 per program (score, rank, c1, c2, lottery). */
  place: Float64Array;
  /** Per candidate lottery code, higher wins (may be longer than candidateCount when reused). */
  lottery: Float64Array;
  /** Per candidate strict final tie-break, lower wins (may be longer when reused). */
  order: Int32Array;
  /** Per program: 1 when its chain is keyed through `sortedKey` (did not fit in 53 bits). */
  slowProgram: Uint8Array;
  /** Dense ranks for applications of slow programs (null when no program is slow). */
  sortedKey: Float64Array | null;
}

export interface TieKeys {
  /** Per application; -Infinity for applications below the program's floor (never admitted). */
  key: Float64Array;
  /** Per candidate, the strict-policy final tie-break (lower wins). */
  order: Int32Array;
  /** True when some chain did not fit in 53 bits and keys were computed by sorting (slow path). */
  sorted: boolean;
}

/** The tie key of application a of candidate c at program p; floors not applied. */
export function tieKey(spec: KeySpec, inst: MatchingInstance, a: number, c: number, p: number): number {
  if (spec.slowProgram[p] === 1) return (spec.sortedKey as Float64Array)[a];
  const w = spec.place;
  const q = 5 * p;
  let k = (inst.score[a] - spec.sMin) * w[q] + spec.lottery[c] * w[q + 4];
  k += (spec.maxRank - (inst.rank ? inst.rank[a] : a - inst.offsets[c] + 1)) * w[q + 1];
  if (inst.c1) k += (inst.c1[a] - spec.c1Min) * w[q + 2];
  if (inst.c2) k += (inst.c2[a] - spec.c2Min) * w[q + 3];
  return k;
}

export interface KeySpecOptions {
  /** Use the sorting path even when packing fits (for tests). */
  forceSlowPath?: boolean;
  /**
   * Per-candidate arrays of an earlier spec that are no longer used, to be overwritten instead of
   * allocating (used when they hold at least candidateCount entries; see runMatching).
   */
  reuse?: { lottery?: Float64Array; order?: Int32Array | null };
}

/**
 * Prepares key computation. Fast path: mixed-radix packing of (score, chain values) when the
 * product of the ranges fits in 2^53. Slow path (exotic chains with wide criteria): the
 * applications of such programs are sorted by comparator and keyed by dense rank.
 */
export function keySpec(inst: MatchingInstance, options: KeySpecOptions = {}): KeySpec {
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, score } = inst;
  const m = offsets[n];
  const order = inst.candidateOrder ?? identity(n, options.reuse?.order ?? undefined);

  // Chains: programs share a small number of distinct chains.
  const chainOf = new Int32Array(P);
  const chains: TieCriterion[][] = [];
  const chainIndex = new Map<string, number>();
  for (let p = 0; p < P; p++) {
    const chain = normaliseChain(inst.tieBreak?.[p] ?? DEFAULT_TIE_BREAK, inst.tiePolicy?.[p] ?? 'strict');
    const name = chain.join('>');
    let id = chainIndex.get(name);
    if (id === undefined) {
      id = chains.length;
      chains.push(chain);
      chainIndex.set(name, id);
    }
    chainOf[p] = id;
  }

  // Value ranges.
  let sMin = 0;
  let sMax = 0;
  let maxRank = 1;
  const c1r = [0, 0];
  const c2r = [0, 0];
  if (m > 0) {
    const r = [0, 0];
    rangeOf32(score, m, r);
    sMin = r[0];
    sMax = r[1];
    maxRank = inst.rank ? maxOf32(inst.rank, m, 1) : longestList(offsets, n, 1);
    const used = new Set(chains.flat());
    for (const [name, arr, r] of [
      ['c1', inst.c1, c1r],
      ['c2', inst.c2, c2r],
    ] as const) {
      if (arr && used.has(name)) rangeOf32(arr, m, r);
    }
  }
  const lot = lotteryCodes(inst, options.reuse?.lottery);
  const rangeOf: Record<TieCriterion, number> = {
    rank: maxRank,
    c1: c1r[1] - c1r[0] + 1,
    c2: c2r[1] - c2r[0] + 1,
    lottery: lot.range,
  };
  // Place values per chain, then per program.
  const chainPlace = chains.map((ch) => {
    const w = new Float64Array(5);
    let place = 1;
    for (let x = ch.length - 1; x >= 0; x--) {
      w[1 + TIE_CRITERIA.indexOf(ch[x])] = place;
      place *= rangeOf[ch[x]];
    }
    w[0] = place;
    return w;
  });
  const place = new Float64Array(5 * P);
  for (let p = 0; p < P; p++) place.set(chainPlace[chainOf[p]], 5 * p);
  const slowChain = chains.map(
    (ch) => options.forceSlowPath === true || ch.reduce((prod, c) => prod * rangeOf[c], sMax - sMin + 1) > 2 ** 53,
  );
  const slowProgram = new Uint8Array(P);
  for (let p = 0; p < P; p++) if (slowChain[chainOf[p]]) slowProgram[p] = 1;
  const spec: KeySpec = {
    sMin,
    maxRank,
    c1Min: c1r[0],
    c2Min: c2r[0],
    place,
    lottery: lot.code,
    order,
    slowProgram,
    sortedKey: null,
  };
  if (slowChain.some(Boolean)) spec.sortedKey = slowKeys(inst, spec, chains, chainOf, slowChain);
  return spec;
}

/** Computes every application's tie key (-Infinity below the floor); for checkers and reports. */
export function computeTieKeys(inst: MatchingInstance, options: { forceSlowPath?: boolean } = {}): TieKeys {
  const spec = keySpec(inst, options);
  const n = inst.candidateCount;
  const { offsets, program, score, floor } = inst;
  const key = new Float64Array(offsets[n]);
  for (let c = 0; c < n; c++) {
    for (let a = offsets[c]; a < offsets[c + 1]; a++) {
      const p = program[a];
      key[a] = floor && floor[p] !== NO_SCORE && score[a] < floor[p] ? -Infinity : tieKey(spec, inst, a, c, p);
    }
  }
  return { key, order: spec.order, sorted: spec.sortedKey !== null };
}

function slowKeys(inst: MatchingInstance, spec: KeySpec, chains: TieCriterion[][], chainOf: Int32Array, slow: boolean[]): Float64Array {
  const n = inst.candidateCount;
  const { offsets, program, score } = inst;
  const m = offsets[n];
  const out = new Float64Array(m);
  const cand = new Int32Array(m);
  for (let i = 0; i < n; i++) cand.fill(i, offsets[i], offsets[i + 1]);
  const value = (crit: number, a: number): number => {
    const c = cand[a];
    return crit === 3
      ? spec.lottery[c]
      : crit === 0
        ? spec.maxRank - (inst.rank ? inst.rank[a] : a - offsets[c] + 1)
        : crit === 1
          ? (inst.c1 as Int32Array)[a] - spec.c1Min
          : (inst.c2 as Int32Array)[a] - spec.c2Min;
  };
  for (let ch = 0; ch < chains.length; ch++) {
    if (!slow[ch]) continue;
    const crits = chains[ch].map((c) => TIE_CRITERIA.indexOf(c));
    const apps: number[] = [];
    for (let a = 0; a < m; a++) if (chainOf[program[a]] === ch) apps.push(a);
    const cmp = (x: number, y: number): number => {
      if (score[x] !== score[y]) return score[x] - score[y];
      for (const c of crits) {
        const d = value(c, x) - value(c, y);
        if (d !== 0) return d;
      }
      return 0;
    };
    apps.sort(cmp);
    let r = 0;
    for (let t = 0; t < apps.length; t++) {
      if (t > 0 && cmp(apps[t - 1], apps[t]) !== 0) r++;
      out[apps[t]] = r;
    }
  }
  return out;
}
