// Rule 5 — consortium-wide matching ("lọc ảo"): student-proposing deferred acceptance with quotas.
//
// Each candidate proposes down their list; each program tentatively holds the applicants it would
// choose among everyone who has ever proposed to it and rejects the rest. Programs rank by the tie
// key (score, then their tie-break chain; see priority-keys.ts). What happens to applicants left
// tied by the whole chain is the program's residual-tie policy:
//   strict      the lottery decides (lower number wins), then candidate order; never over quota.
//   accept-all  an applicant is kept iff fewer than `quota` held applicants have a strictly better
//               key: a tie at the quota boundary keeps the whole tied group (quota may be exceeded).
//   reject-all  an applicant is kept iff at most `quota` applicants that ever proposed have a key at
//               least as good: a tie straddling the boundary rejects the whole tied group, and the
//               program admits nobody at or below that key afterwards (seats may stay empty).
// Under strict the result is the unique student-optimal stable matching.
//
// Layout for speed: CSR applications; one bounded binary min-heap per program (worst held applicant
// on top) in two shared typed arrays; round queues in Int32Arrays; no allocation in the proposal
// loop. At a million candidates the loop is bound by cache misses on candidates displaced in later
// rounds, so the per-application data it needs (tie key, program) is first packed side by side in
// one array, and each candidate's (next application, end) pair likewise.
import { checkInstance, keySpec, type MatchingInstance, NO_SCORE, POLICY_CODE } from './priority-keys.ts';

export interface MatchingResult {
  /** Per candidate: the admitted application index, or -1. */
  assignedApp: Int32Array;
  /** Per candidate: the admitted program index, or -1. */
  assignedProgram: Int32Array;
  /** Per program: number admitted. */
  admitted: Int32Array;
  /** Per program: lowest admitted score in hundredths, NO_SCORE when nobody is admitted. */
  cutoff: Int32Array;
  /** Applications processed by a program (below-floor applications are skipped, not proposed). */
  proposals: number;
  /**
   * Waves of displacement: in a round every free candidate proposes down their list until a
   * program holds them; candidates displaced during the round propose in the next one.
   */
  rounds: number;
}

export interface MatchingOptions {
  /** Use the sorting path for tie keys even when packing fits (for tests). */
  forceSlowKeys?: boolean;
  /** Skip the O(m) consistency check of the input arrays. */
  trusted?: boolean;
}

// Binary min-heaps in shared arrays: program p's heap is [b, b + s) with the worst held applicant
// (lowest key; on equal keys the higher candidate order) on top.
function siftDown(heapKey: Float64Array, heapCand: Int32Array, ord: Int32Array, b: number, s: number, at: number): void {
  const k = heapKey[b + at];
  const c = heapCand[b + at];
  for (;;) {
    let child = 2 * at + 1;
    if (child >= s) break;
    let ck = heapKey[b + child];
    if (child + 1 < s) {
      const rk = heapKey[b + child + 1];
      if (rk < ck || (rk === ck && ord[heapCand[b + child + 1]] > ord[heapCand[b + child]])) {
        child++;
        ck = rk;
      }
    }
    if (ck > k || (ck === k && ord[heapCand[b + child]] < ord[c])) break;
    heapKey[b + at] = ck;
    heapCand[b + at] = heapCand[b + child];
    at = child;
  }
  heapKey[b + at] = k;
  heapCand[b + at] = c;
}

function siftUp(heapKey: Float64Array, heapCand: Int32Array, ord: Int32Array, b: number, at: number, k: number, c: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const pk = heapKey[b + parent];
    if (pk < k || (pk === k && ord[heapCand[b + parent]] > ord[c])) break;
    heapKey[b + at] = pk;
    heapCand[b + at] = heapCand[b + parent];
    at = parent;
  }
  heapKey[b + at] = k;
  heapCand[b + at] = c;
}

export function runMatching(inst: MatchingInstance, options: MatchingOptions = {}): MatchingResult {
  if (!options.trusted) checkInstance(inst);
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, program, quota, score } = inst;
  const m = offsets[n];
  const spec = keySpec(inst, { forceSlowPath: options.forceSlowKeys });
  const ord = spec.order;

  // app[2a] = tie key of application a (-Infinity below the floor: skipped), app[2a+1] = program.
  const { sMin, maxRank, c1Min, c2Min, place, slowProgram } = spec;
  const lot = spec.lottery;
  const sortedKey = spec.sortedKey ?? new Float64Array(0);
  const hasRank = inst.rank !== undefined;
  const rank = inst.rank ?? new Int32Array(0);
  const hasC1 = inst.c1 !== undefined;
  const c1 = inst.c1 ?? new Int32Array(0);
  const hasC2 = inst.c2 !== undefined;
  const c2 = inst.c2 ?? new Int32Array(0);
  const hasFloor = inst.floor !== undefined;
  const floor = inst.floor ?? new Int32Array(0);
  // cand[2c] = next application to propose (then: the one held), cand[2c+1] = end of c's list.
  const cand = new Int32Array(2 * n);
  for (let c = 0; c < n; c++) {
    cand[2 * c] = offsets[c];
    cand[2 * c + 1] = offsets[c + 1];
  }

  const policy = new Uint8Array(P);
  if (inst.tiePolicy) for (let p = 0; p < P; p++) policy[p] = POLICY_CODE[inst.tiePolicy[p]];

  // Heap capacity: no program can hold more than min(quota, applicants) in its core heap.
  const cap = new Int32Array(P);
  for (let a = 0; a < m; a++) cap[program[a]]++;
  const start = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) {
    if (quota[p] < cap[p]) cap[p] = quota[p];
    start[p + 1] = start[p] + cap[p];
  }
  const heapKey = new Float64Array(start[P]);
  const heapCand = new Int32Array(start[P]);
  const size = new Int32Array(P);
  // accept-all: applicants tied with the core's worst key, beyond the quota (linked list).
  const tailHead = new Int32Array(P).fill(-1);
  const tailNext = new Int32Array(n);
  // reject-all: the best key ever rejected; nobody at or below it can be admitted.
  const blocked = new Float64Array(P).fill(-Infinity);
  // The key an applicant must reach to be looked at: the heap's worst key once the heap is full,
  // -Infinity before, +Infinity without seats. A small array that stays in cache, so most
  // rejections never touch the heaps.
  const bar = new Float64Array(P);
  for (let p = 0; p < P; p++) bar[p] = cap[p] === 0 ? Infinity : -Infinity;

  let cur = new Int32Array(n);
  let nxt = new Int32Array(n);
  let curLen = 0;
  let nxtLen = 0;
  for (let c = 0; c < n; c++) if (offsets[c + 1] > offsets[c]) cur[curLen++] = c;

  // Removes the heap's top; returns the removed candidate.
  const popTop = (p: number): number => {
    const b = start[p];
    const s = size[p] - 1;
    const top = heapCand[b];
    size[p] = s;
    bar[p] = -Infinity;
    if (s > 0) {
      heapKey[b] = heapKey[b + s];
      heapCand[b] = heapCand[b + s];
      siftDown(heapKey, heapCand, ord, b, s, 0);
    }
    return top;
  };
  // A held candidate loses its seat: it moves on to its next preference in the next round.
  const displace = (d: number): void => {
    const np = ++cand[2 * d];
    if (np < cand[2 * d + 1]) nxt[nxtLen++] = d;
  };

  let proposals = 0;
  let rounds = 0;
  while (curLen > 0) {
    rounds++;
    nxtLen = 0;
    for (let q = 0; q < curLen; q++) {
      const c = cur[q];
      const end = cand[2 * c + 1];
      let a = cand[2 * c];
      for (; a < end; a++) {
        const p = program[a];
        const sc = score[a];
        if (hasFloor && sc < floor[p] && floor[p] !== NO_SCORE) continue;
        const q = 5 * p;
        let k: number;
        if (slowProgram[p] === 1) k = sortedKey[a];
        else {
          k = (sc - sMin) * place[q] + (maxRank - (hasRank ? rank[a] : a - offsets[c] + 1)) * place[q + 1] + lot[c] * place[q + 4];
          if (hasC1) k += (c1[a] - c1Min) * place[q + 2];
          if (hasC2) k += (c2[a] - c2Min) * place[q + 3];
        }
        proposals++;
        if (k < bar[p]) continue;
        const b = start[p];
        const s = size[p];
        const pol = policy[p];
        if (pol === 2 && k <= blocked[p]) continue;
        if (s < cap[p]) {
          siftUp(heapKey, heapCand, ord, b, s, k, c);
          size[p] = s + 1;
          if (s + 1 === cap[p]) bar[p] = heapKey[b];
          break;
        }
        const wk = heapKey[b];
        if (pol === 0) {
          if (k > wk || ord[c] < ord[heapCand[b]]) {
            const d = heapCand[b];
            heapKey[b] = k;
            heapCand[b] = c;
            siftDown(heapKey, heapCand, ord, b, s, 0);
            bar[p] = heapKey[b];
            displace(d);
            break;
          }
        } else if (pol === 1) {
          if (k === wk) {
            tailNext[c] = tailHead[p];
            tailHead[p] = c;
            break;
          }
          if (k > wk) {
            const d = heapCand[b];
            heapKey[b] = k;
            heapCand[b] = c;
            siftDown(heapKey, heapCand, ord, b, s, 0);
            bar[p] = heapKey[b];
            if (heapKey[b] === wk) {
              tailNext[d] = tailHead[p];
              tailHead[p] = d;
            } else {
              // The tied group at wk is no longer at the boundary: all of it goes.
              displace(d);
              for (let t = tailHead[p]; t !== -1; t = tailNext[t]) displace(t);
              tailHead[p] = -1;
            }
            break;
          }
        } else {
          if (k >= wk) {
            // quota + 1 applicants at or above wk: the whole group at wk is rejected.
            blocked[p] = wk;
            while (size[p] > 0 && heapKey[b] === wk) displace(popTop(p));
            if (k > wk) {
              siftUp(heapKey, heapCand, ord, b, size[p], k, c);
              if (++size[p] === cap[p]) bar[p] = heapKey[b];
              break;
            }
            continue; // c itself was in the rejected group
          }
          if (k > blocked[p]) blocked[p] = k;
        }
      }
      cand[2 * c] = a;
    }
    // Displaced candidates come in random order; visiting them in index order makes their list
    // data stream through the cache instead of missing on every candidate (≈2× faster rounds).
    nxt.subarray(0, nxtLen).sort();
    const t = cur;
    cur = nxt;
    nxt = t;
    curLen = nxtLen;
  }

  // Every candidate either holds the application it points at or has exhausted their list.
  const assignedApp = new Int32Array(n);
  const assignedProgram = new Int32Array(n);
  const admitted = new Int32Array(P);
  const cutoff = new Int32Array(P).fill(NO_SCORE);
  for (let c = 0; c < n; c++) {
    const a = cand[2 * c];
    if (a >= cand[2 * c + 1]) {
      assignedApp[c] = -1;
      assignedProgram[c] = -1;
      continue;
    }
    const p = program[a];
    assignedApp[c] = a;
    assignedProgram[c] = p;
    admitted[p]++;
    if (cutoff[p] === NO_SCORE || score[a] < cutoff[p]) cutoff[p] = score[a];
  }
  return { assignedApp, assignedProgram, admitted, cutoff, proposals, rounds };
}
