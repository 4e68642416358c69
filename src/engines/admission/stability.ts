// Checks of a matching result: blocking pairs (under each program's policy), quotas and floors.
// Efficient enough for a million candidates; used by the tests and by the benchmark.
import type { MatchingResult } from './matching.ts';
import { computeTieKeys, type MatchingInstance, POLICY_CODE } from './priority-keys.ts';

/**
 * A pair (candidate c, program p) blocks when c is eligible for p (not below the floor), prefers p
 * to their own outcome, and p's choice rule would take c:
 *   strict      p has a free seat or c ranks above p's worst admitted applicant;
 *   accept-all  fewer than quota admitted applicants of p rank strictly above c;
 *   reject-all  at most quota applicants rank at least as high as c among p's admitted applicants
 *               and everyone else who prefers p to their outcome (p could take c's whole tied
 *               group without splitting a tie).
 */
export function countBlockingPairs(inst: MatchingInstance, res: MatchingResult, limit = Infinity): number {
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, program, quota } = inst;
  const { key, order } = computeTieKeys(inst);
  const { assignedApp, assignedProgram } = res;
  const policy = new Uint8Array(P);
  if (inst.tiePolicy) for (let p = 0; p < P; p++) policy[p] = POLICY_CODE[inst.tiePolicy[p]];

  const admitted = new Int32Array(P);
  const worstKey = new Float64Array(P).fill(Infinity);
  const worstOrd = new Int32Array(P).fill(-1);
  for (let c = 0; c < n; c++) {
    const p = assignedProgram[c];
    if (p < 0) continue;
    admitted[p]++;
    const k = key[assignedApp[c]];
    if (k < worstKey[p] || (k === worstKey[p] && order[c] > worstOrd[p])) {
      worstKey[p] = k;
      worstOrd[p] = order[c];
    }
  }
  // Candidates' envied applications: those ranked above their outcome, eligible.
  const enviedEnd = (c: number): number => (assignedApp[c] >= 0 ? assignedApp[c] : offsets[c + 1]);

  // accept-all: the quota-th best admitted key. reject-all: sorted keys of admitted ∪ envious.
  const kth = new Float64Array(P).fill(-Infinity);
  const pools = new Map<number, number[]>();
  for (let p = 0; p < P; p++) if (policy[p] !== 0) pools.set(p, []);
  if (pools.size > 0) {
    for (let c = 0; c < n; c++) {
      const p = assignedProgram[c];
      if (p >= 0 && policy[p] !== 0) (pools.get(p) as number[]).push(key[assignedApp[c]]);
    }
    for (const [p, keys] of pools) {
      keys.sort((x, y) => y - x);
      if (policy[p] === 1 && keys.length >= quota[p] && quota[p] > 0) kth[p] = keys[quota[p] - 1];
      if (policy[p] === 1 && quota[p] === 0) kth[p] = Infinity;
    }
    for (let c = 0; c < n; c++) {
      const e = enviedEnd(c);
      for (let a = offsets[c]; a < e; a++) {
        const p = program[a];
        if (policy[p] === 2 && key[a] !== -Infinity) (pools.get(p) as number[]).push(key[a]);
      }
    }
    for (const [p, keys] of pools) if (policy[p] === 2) keys.sort((x, y) => y - x);
  }
  // Number of entries >= k in a descending array.
  const atLeast = (keys: number[], k: number): number => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] >= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  let blocking = 0;
  for (let c = 0; c < n; c++) {
    const e = enviedEnd(c);
    for (let a = offsets[c]; a < e; a++) {
      const k = key[a];
      if (k === -Infinity) continue;
      const p = program[a];
      const pol = policy[p];
      let blocks: boolean;
      if (pol === 0) {
        blocks = quota[p] > 0 && (admitted[p] < quota[p] || k > worstKey[p] || (k === worstKey[p] && order[c] < worstOrd[p]));
      } else if (pol === 1) {
        blocks = quota[p] > 0 && (admitted[p] < quota[p] || k >= kth[p]);
      } else {
        blocks = atLeast(pools.get(p) as number[], k) <= quota[p];
      }
      if (blocks && ++blocking >= limit) return blocking;
    }
  }
  return blocking;
}

/** Problems other than blocking pairs: floors, quotas, consistency of the reported counts. */
export function matchingViolations(inst: MatchingInstance, res: MatchingResult): string[] {
  const out: string[] = [];
  const P = inst.programCount;
  const count = new Int32Array(P);
  const policy = inst.tiePolicy;
  const { key } = computeTieKeys(inst);
  for (let c = 0; c < inst.candidateCount; c++) {
    const a = res.assignedApp[c];
    if (a < 0) continue;
    if (a < inst.offsets[c] || a >= inst.offsets[c + 1]) out.push(`candidate ${c}: admitted through another's application`);
    const p = inst.program[a];
    if (p !== res.assignedProgram[c]) out.push(`candidate ${c}: program mismatch`);
    if (key[a] === -Infinity) out.push(`candidate ${c}: admitted below the floor of program ${p}`);
    count[p]++;
  }
  for (let p = 0; p < P; p++) {
    if (count[p] !== res.admitted[p]) out.push(`program ${p}: admitted count mismatch`);
    if (count[p] > inst.quota[p] && policy?.[p] !== 'accept-all') out.push(`program ${p}: over quota`);
  }
  return out;
}
