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

/** Lottery numbers as non-negative integer codes where higher wins, and their range. */
function lotteryCodes(inst: MatchingInstance): { code: Float64Array; range: number } {
  const n = inst.candidateCount;
  const code = new Float64Array(n);
  const lot = inst.lottery;
  if (!lot || n === 0) return { code, range: 1 };
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const v = lot[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  if (integral && max - min < 2 ** 31) {
    for (let i = 0; i < n; i++) code[i] = max - lot[i];
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

export interface TieKeys {
  /** Per application; -Infinity for applications below the program's floor (never admitted). */
  key: Float64Array;
  /** Per candidate, the strict-policy final tie-break (lower wins). */
  order: Int32Array;
  /** True when some chain did not fit in 53 bits and keys were computed by sorting (slow path). */
  sorted: boolean;
}

/**
 * Computes the tie key of every application. Fast path: mixed-radix packing of
 * (score, chain values) when the product of the ranges fits in 2^53. Slow path (exotic chains with
 * wide criteria): sort the applications of each chain by comparator and use dense ranks.
 */
export function computeTieKeys(inst: MatchingInstance, options: { forceSlowPath?: boolean } = {}): TieKeys {
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, program, score } = inst;
  const m = offsets[n];
  const key = new Float64Array(m);
  let order = inst.candidateOrder;
  if (!order) {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }

  // Chains: programs share a small number of distinct chains.
  const chainIds = new Int32Array(P);
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
    chainIds[p] = id;
  }

  // Value ranges.
  let sMin = 0;
  let sMax = 0;
  let maxRank = 1;
  const c1r = [0, 0];
  const c2r = [0, 0];
  if (m > 0) {
    sMin = sMax = score[0];
    for (let a = 0; a < m; a++) {
      const s = score[a];
      if (s < sMin) sMin = s;
      if (s > sMax) sMax = s;
    }
    const rank = inst.rank;
    if (rank) {
      for (let a = 0; a < m; a++) if (rank[a] > maxRank) maxRank = rank[a];
    } else {
      for (let i = 0; i < n; i++) maxRank = Math.max(maxRank, offsets[i + 1] - offsets[i]);
    }
    for (const [arr, r] of [
      [inst.c1, c1r],
      [inst.c2, c2r],
    ] as const) {
      if (!arr) continue;
      r[0] = r[1] = arr[0];
      for (let a = 0; a < m; a++) {
        if (arr[a] < r[0]) r[0] = arr[a];
        if (arr[a] > r[1]) r[1] = arr[a];
      }
    }
  }
  const lot = lotteryCodes(inst);
  const rangeOf: Record<TieCriterion, number> = {
    rank: maxRank,
    c1: c1r[1] - c1r[0] + 1,
    c2: c2r[1] - c2r[0] + 1,
    lottery: lot.range,
  };
  const codes: Int8Array[] = chains.map((ch) => Int8Array.from(ch, (c) => TIE_CRITERIA.indexOf(c)));
  const radix = chains.map((ch) => Float64Array.from(ch, (c) => rangeOf[c]));
  const slow = chains.map(
    (ch) => options.forceSlowPath === true || ch.reduce((prod, c) => prod * rangeOf[c], sMax - sMin + 1) > 2 ** 53,
  );

  const rank = inst.rank;
  const c1 = inst.c1;
  const c2 = inst.c2;
  const floor = inst.floor;
  const lcode = lot.code;
  // Criterion value of application a (candidate i, position j in its list), higher wins.
  const value = (crit: number, a: number, i: number, j: number): number =>
    crit === 0
      ? maxRank - (rank ? rank[a] : j + 1)
      : crit === 1
        ? (c1 as Int32Array)[a] - c1r[0]
        : crit === 2
          ? (c2 as Int32Array)[a] - c2r[0]
          : lcode[i];

  let anySlow = false;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1];
    for (let a = offsets[i]; a < end; a++) {
      const p = program[a];
      if (floor && floor[p] !== NO_SCORE && score[a] < floor[p]) {
        key[a] = -Infinity;
        continue;
      }
      const ch = chainIds[p];
      if (slow[ch]) {
        anySlow = true;
        continue;
      }
      const cs = codes[ch];
      const rx = radix[ch];
      let k = score[a] - sMin;
      for (let t = 0; t < cs.length; t++) k = k * rx[t] + value(cs[t], a, i, a - offsets[i]);
      key[a] = k;
    }
  }
  if (anySlow) slowKeys(inst, key, chainIds, chains, slow, value);
  return { key, order, sorted: anySlow };
}

function slowKeys(
  inst: MatchingInstance,
  key: Float64Array,
  chainIds: Int32Array,
  chains: TieCriterion[][],
  slow: boolean[],
  value: (crit: number, a: number, i: number, j: number) => number,
): void {
  const n = inst.candidateCount;
  const { offsets, program, score } = inst;
  const cand = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) cand.fill(i, offsets[i], offsets[i + 1]);
  for (let ch = 0; ch < chains.length; ch++) {
    if (!slow[ch]) continue;
    const crits = chains[ch].map((c) => TIE_CRITERIA.indexOf(c));
    const apps: number[] = [];
    for (let a = 0; a < offsets[n]; a++) if (chainIds[program[a]] === ch && key[a] !== -Infinity) apps.push(a);
    const cmp = (x: number, y: number): number => {
      if (score[x] !== score[y]) return score[x] - score[y];
      for (const c of crits) {
        const d = value(c, x, cand[x], x - offsets[cand[x]]) - value(c, y, cand[y], y - offsets[cand[y]]);
        if (d !== 0) return d;
      }
      return 0;
    };
    apps.sort(cmp);
    let r = 0;
    for (let t = 0; t < apps.length; t++) {
      if (t > 0 && cmp(apps[t - 1], apps[t]) !== 0) r++;
      key[apps[t]] = r;
    }
  }
}
