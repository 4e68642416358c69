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
// Layout for speed: CSR applications, float64 keys, one bounded binary min-heap per program
// (worst held applicant on top) in two shared typed arrays, round queues in Int32Arrays. The
// proposal loop allocates nothing.
import {
  checkInstance,
  computeTieKeys,
  type MatchingInstance,
  NO_SCORE,
  POLICY_CODE,
  type TieKeys,
} from './priority-keys.ts';

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
  keys: TieKeys;
}

export interface MatchingOptions {
  /** Use the sorting path for tie keys even when packing fits (for tests). */
  forceSlowKeys?: boolean;
  /** Skip the O(m) consistency check of the input arrays. */
  trusted?: boolean;
}

export function runMatching(inst: MatchingInstance, options: MatchingOptions = {}): MatchingResult {
  if (!options.trusted) checkInstance(inst);
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, program, quota } = inst;
  const m = offsets[n];
  const keys = computeTieKeys(inst, { forceSlowPath: options.forceSlowKeys });
  const key = keys.key;
  const ord = keys.order;

  const policy = new Uint8Array(P);
  if (inst.tiePolicy) for (let p = 0; p < P; p++) policy[p] = POLICY_CODE[inst.tiePolicy[p]];

  // Heap capacity: no program can hold more than min(quota, eligible applicants) in its core heap.
  const cap = new Int32Array(P);
  for (let a = 0; a < m; a++) if (key[a] !== -Infinity) cap[program[a]]++;
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

  const ptr = offsets.slice(0, n);
  let cur = new Int32Array(n);
  let nxt = new Int32Array(n);
  let curLen = 0;
  let nxtLen = 0;
  for (let i = 0; i < n; i++) if (offsets[i + 1] > offsets[i]) cur[curLen++] = i;

  // Min-heap on (key, then higher candidate order = worse) within [b, b + s).
  const siftDown = (b: number, s: number, at: number): void => {
    const k = heapKey[b + at];
    const c = heapCand[b + at];
    const oc = ord[c];
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
      if (ck > k || (ck === k && ord[heapCand[b + child]] < oc)) break;
      heapKey[b + at] = ck;
      heapCand[b + at] = heapCand[b + child];
      at = child;
    }
    heapKey[b + at] = k;
    heapCand[b + at] = c;
  };
  const siftUp = (b: number, at: number, k: number, c: number): void => {
    const oc = ord[c];
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = heapKey[b + parent];
      if (pk < k || (pk === k && ord[heapCand[b + parent]] > oc)) break;
      heapKey[b + at] = pk;
      heapCand[b + at] = heapCand[b + parent];
      at = parent;
    }
    heapKey[b + at] = k;
    heapCand[b + at] = c;
  };
  // Removes the heap's top; returns the removed candidate.
  const popTop = (p: number): number => {
    const b = start[p];
    const s = size[p] - 1;
    const top = heapCand[b];
    size[p] = s;
    if (s > 0) {
      heapKey[b] = heapKey[b + s];
      heapCand[b] = heapCand[b + s];
      siftDown(b, s, 0);
    }
    return top;
  };
  // A held candidate loses its seat: it moves on to its next preference in the next round.
  const displace = (d: number): void => {
    const np = ++ptr[d];
    if (np < offsets[d + 1]) nxt[nxtLen++] = d;
  };

  let proposals = 0;
  let rounds = 0;
  while (curLen > 0) {
    rounds++;
    nxtLen = 0;
    for (let q = 0; q < curLen; q++) {
      const c = cur[q];
      const end = offsets[c + 1];
      let a = ptr[c];
      for (; a < end; a++) {
        const k = key[a];
        if (k === -Infinity) continue;
        proposals++;
        const p = program[a];
        const b = start[p];
        const s = size[p];
        const pol = policy[p];
        if (pol === 2 && k <= blocked[p]) continue;
        if (s < cap[p]) {
          siftUp(b, s, k, c);
          size[p] = s + 1;
          break;
        }
        if (s === 0) continue; // quota 0
        const wk = heapKey[b];
        if (pol === 0) {
          if (k > wk || (k === wk && ord[c] < ord[heapCand[b]])) {
            const d = heapCand[b];
            heapKey[b] = k;
            heapCand[b] = c;
            siftDown(b, s, 0);
            ptr[c] = a; // c holds a before d moves on
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
            siftDown(b, s, 0);
            ptr[c] = a;
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
            ptr[c] = a;
            blocked[p] = wk;
            while (size[p] > 0 && heapKey[b] === wk) displace(popTop(p));
            if (k > wk) {
              siftUp(b, size[p], k, c);
              size[p]++;
              break;
            }
            continue; // c itself was in the rejected group
          }
          if (k > blocked[p]) blocked[p] = k;
        }
      }
      ptr[c] = a;
    }
    const t = cur;
    cur = nxt;
    nxt = t;
    curLen = nxtLen;
  }

  // Read the matching off the heaps and tails.
  const assignedApp = new Int32Array(n).fill(-1);
  const assignedProgram = new Int32Array(n).fill(-1);
  const admitted = new Int32Array(P);
  const cutoff = new Int32Array(P).fill(NO_SCORE);
  const score = inst.score;
  const take = (p: number, c: number): void => {
    const a = ptr[c];
    assignedApp[c] = a;
    assignedProgram[c] = p;
    admitted[p]++;
    if (cutoff[p] === NO_SCORE || score[a] < cutoff[p]) cutoff[p] = score[a];
  };
  for (let p = 0; p < P; p++) {
    const b = start[p];
    for (let j = 0; j < size[p]; j++) take(p, heapCand[b + j]);
    for (let t = tailHead[p]; t !== -1; t = tailNext[t]) take(p, t);
  }
  return { assignedApp, assignedProgram, admitted, cutoff, proposals, rounds, keys };
}
