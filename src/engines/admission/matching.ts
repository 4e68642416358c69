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
// on top) in one shared array of (key, candidate) pairs; what the proposal loop reads of a program
// side by side in two small arrays (one cache line each); each candidate's (next application, end)
// pair side by side; round queues in Int32Arrays; no allocation in the proposal loop. At a million
// candidates the loop is bound by cache misses, so what one proposal touches is kept together.
// bench/admission/baseline.c is the same algorithm in C (bench/admission/engine-vs-c.ts).
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

// Per program, in two arrays of 8 slots (stride 8), what the proposal loop reads:
//   pd (doubles):  0-4 the place values of the tie key (score, rank, c1, c2, lottery); 5 the bar —
//                  the key an applicant must reach to be looked at: the heap's worst key once the
//                  heap is full, -Infinity before, +Infinity without seats (beside the place values,
//                  so most rejections never touch the heaps); 6 reject-all: the best key ever
//                  rejected (nobody at or below it can be admitted).
//   pi (integers): 0 floor; 1 slow key (1: keyed by sortedKey); 2 heap start; 3 size; 4 capacity;
//                  5 policy code.
// The offsets are written as numbers in the functions below: named module-level constants are
// read from memory (with a check) at every use in compiled code.

// Binary min-heaps in one shared array of pairs: heap[2i] is a key, heap[2i + 1] its candidate.
// Program p's heap is pairs [b, b + s) with the worst held applicant (lowest key; on equal keys the
// higher candidate order) on top.
function siftDown(heap: Float64Array, ord: Int32Array, b: number, s: number, at: number): void {
  const k = heap[2 * (b + at)];
  const c = heap[2 * (b + at) + 1];
  for (;;) {
    let child = 2 * at + 1;
    if (child >= s) break;
    let x = 2 * (b + child);
    let ck = heap[x];
    if (child + 1 < s) {
      const rk = heap[x + 2];
      if (rk < ck || (rk === ck && ord[heap[x + 3]] > ord[heap[x + 1]])) {
        child++;
        x += 2;
        ck = rk;
      }
    }
    if (ck > k || (ck === k && ord[heap[x + 1]] < ord[c])) break;
    const y = 2 * (b + at);
    heap[y] = ck;
    heap[y + 1] = heap[x + 1];
    at = child;
  }
  heap[2 * (b + at)] = k;
  heap[2 * (b + at) + 1] = c;
}

function siftUp(heap: Float64Array, ord: Int32Array, b: number, at: number, k: number, c: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const x = 2 * (b + parent);
    const pk = heap[x];
    if (pk < k || (pk === k && ord[heap[x + 1]] > ord[c])) break;
    const y = 2 * (b + at);
    heap[y] = pk;
    heap[y + 1] = heap[x + 1];
    at = parent;
  }
  heap[2 * (b + at)] = k;
  heap[2 * (b + at) + 1] = c;
}

/** Sorts a[0, len) of values in [0, n) ascending: LSD radix sort, 11 bits a pass. */
function radixSort(a: Int32Array, len: number, n: number, tmp: Int32Array, count: Int32Array): void {
  let bits = 0;
  while (bits < 31 && 1 << bits < n) bits++;
  let src = a;
  let dst = tmp;
  for (let shift = 0; shift < bits; shift += 11) {
    count.fill(0);
    for (let i = 0; i < len; i++) count[((src[i] >> shift) & 2047) + 1]++;
    for (let d = 0; d < 2048; d++) count[d + 1] += count[d];
    for (let i = 0; i < len; i++) {
      const v = src[i];
      dst[count[(v >> shift) & 2047]++] = v;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) a.set(src.subarray(0, len));
}

/** Everything a round reads and writes. Absent rank, c1, c2 are empty arrays. */
interface State {
  offsets: Int32Array;
  program: Int32Array;
  score: Int32Array;
  rank: Int32Array;
  c1: Int32Array;
  c2: Int32Array;
  sMin: number;
  maxRank: number;
  c1Min: number;
  c2Min: number;
  /** Per program: the doubles and the integers (see above). */
  pd: Float64Array;
  pi: Int32Array;
  lot: Float64Array;
  sortedKey: Float64Array;
  ord: Int32Array;
  /** cand[2c] = next application to propose (then: the one held), cand[2c+1] = end of c's list. */
  cand: Int32Array;
  heap: Float64Array;
  /** accept-all: applicants tied with the core's worst key, beyond the quota (linked lists). */
  tailHead: Int32Array;
  tailNext: Int32Array;
  proposals: number;
}

/**
 * Part of a wave: every candidate of cur[from, to) proposes down their list until a program holds
 * them; the candidates displaced meanwhile are appended to nxt[nxtLen…]. Returns the new length.
 * Called for slices of 2048 candidates: a function called many times is compiled whole, with its
 * variables unboxed, while one long loop in a function called once runs in code compiled for entry
 * in the middle of the loop (on-stack replacement), where they stay boxed.
 */
function proposeRound(st: State, cur: Int32Array, from: number, to: number, nxt: Int32Array, nxtLen0: number): number {
  const { offsets, program, score, rank, c1, c2, sMin, maxRank, c1Min, c2Min, pd, pi, lot, sortedKey, ord, cand, heap } = st;
  const { tailHead, tailNext } = st;
  const hasRank = rank.length > 0;
  const hasC1 = c1.length > 0;
  const hasC2 = c2.length > 0;
  let nxtLen = nxtLen0;
  let proposals = 0;
  for (let q = from; q < to; q++) {
    const c = cur[q];
    const end = cand[2 * c + 1];
    const lc = lot[c];
    const a0 = offsets[c] - 1;
    let a = cand[2 * c];
    for (; a < end; a++) {
      // Applications below the floor or under the program's bar are rejected here, without
      // touching the heaps (an innermost loop, which the compiler keeps tight).
      let p = 0;
      let k = 0;
      for (; a < end; a++) {
        p = program[a];
        const sc = score[a];
        const w = p << 3;
        if (sc < pi[w]) continue;
        if (pi[w + 1] !== 0) k = sortedKey[a];
        else {
          k = (sc - sMin) * pd[w] + (maxRank - (hasRank ? rank[a] : a - a0)) * pd[w + 1] + lc * pd[w + 4];
          if (hasC1) k += (c1[a] - c1Min) * pd[w + 2];
          if (hasC2) k += (c2[a] - c2Min) * pd[w + 3];
        }
        proposals++;
        if (k >= pd[w + 5]) break;
      }
      if (a === end) break;
      const w = p << 3;
      const pol = pi[w + 5];
      if (pol === 2 && k <= pd[w + 6]) continue;
      const b = pi[w + 2];
      const s = pi[w + 3];
      const cap = pi[w + 4];
      if (s < cap) {
        siftUp(heap, ord, b, s, k, c);
        pi[w + 3] = s + 1;
        if (s + 1 === cap) pd[w + 5] = heap[2 * b];
        break;
      }
      const wk = heap[2 * b];
      if (pol === 0) {
        if (k > wk || ord[c] < ord[heap[2 * b + 1]]) {
          const d = heap[2 * b + 1];
          heap[2 * b] = k;
          heap[2 * b + 1] = c;
          siftDown(heap, ord, b, s, 0);
          pd[w + 5] = heap[2 * b];
          // d loses its seat: it moves on to its next preference in the next round.
          if (++cand[2 * d] < cand[2 * d + 1]) nxt[nxtLen++] = d;
          break;
        }
      } else if (pol === 1) {
        if (k === wk) {
          tailNext[c] = tailHead[p];
          tailHead[p] = c;
          break;
        }
        if (k > wk) {
          const d = heap[2 * b + 1];
          heap[2 * b] = k;
          heap[2 * b + 1] = c;
          siftDown(heap, ord, b, s, 0);
          pd[w + 5] = heap[2 * b];
          if (heap[2 * b] === wk) {
            tailNext[d] = tailHead[p];
            tailHead[p] = d;
          } else {
            // The tied group at wk is no longer at the boundary: all of it goes.
            if (++cand[2 * d] < cand[2 * d + 1]) nxt[nxtLen++] = d;
            for (let t = tailHead[p]; t !== -1; t = tailNext[t]) if (++cand[2 * t] < cand[2 * t + 1]) nxt[nxtLen++] = t;
            tailHead[p] = -1;
          }
          break;
        }
      } else {
        if (k >= wk) {
          // quota + 1 applicants at or above wk: the whole group at wk is rejected.
          pd[w + 6] = wk;
          let s2 = s;
          while (s2 > 0 && heap[2 * b] === wk) {
            const top = heap[2 * b + 1];
            s2--;
            if (s2 > 0) {
              heap[2 * b] = heap[2 * (b + s2)];
              heap[2 * b + 1] = heap[2 * (b + s2) + 1];
              siftDown(heap, ord, b, s2, 0);
            }
            if (++cand[2 * top] < cand[2 * top + 1]) nxt[nxtLen++] = top;
          }
          pi[w + 3] = s2;
          pd[w + 5] = -Infinity;
          if (k > wk) {
            siftUp(heap, ord, b, s2, k, c);
            pi[w + 3] = s2 + 1;
            if (s2 + 1 === cap) pd[w + 5] = heap[2 * b];
            break;
          }
          continue; // c itself was in the rejected group
        }
        if (k > pd[w + 6]) pd[w + 6] = k;
      }
    }
    cand[2 * c] = a;
  }
  st.proposals += proposals;
  return nxtLen;
}

const NONE_I32 = new Int32Array(0);
const NONE_F64 = new Float64Array(0);

/**
 * The large work arrays of a finished run, offered to the next one. C's `free` hands a run's memory
 * to the next `malloc`; fresh typed arrays are new zero-filled pages instead, one page fault each
 * 4 KB (≈ 10,000 a million candidates, ≈ 20 µs each on the development VM: a third of a warm run).
 * Held weakly: a run that follows (a benchmark, a batch, the next request) reuses them if the
 * garbage collector has not reclaimed them yet; nothing keeps them alive for it. None of them is
 * part of a result, and each is written before it is read (nothing relies on zero-filling).
 */
interface Scratch {
  cand: Int32Array;
  heap: Float64Array;
  tailNext: Int32Array;
  cur: Int32Array;
  nxt: Int32Array;
  lottery: Float64Array;
  /** The identity order of the spec; null when the instance brought its candidateOrder. */
  order: Int32Array | null;
}
let spare: WeakRef<Scratch> | undefined;

/** `a` when it holds at least len entries, else a new array. */
function fit32(a: Int32Array | undefined, len: number): Int32Array {
  return a && a.length >= len ? a : new Int32Array(len);
}

export function runMatching(inst: MatchingInstance, options: MatchingOptions = {}): MatchingResult {
  if (!options.trusted) checkInstance(inst);
  const n = inst.candidateCount;
  const P = inst.programCount;
  const { offsets, program, quota, score } = inst;
  const m = offsets[n];
  const old = spare?.deref();
  spare = undefined; // (runs do not nest; this keeps a throwing run from sharing its arrays)
  const spec = keySpec(inst, { forceSlowPath: options.forceSlowKeys, reuse: old });

  const cand = fit32(old?.cand, 2 * n);
  for (let c = 0; c < n; c++) {
    cand[2 * c] = offsets[c];
    cand[2 * c + 1] = offsets[c + 1];
  }
  // Heap capacity: no program can hold more than min(quota, applicants) in its core heap.
  const pd = new Float64Array(8 * P);
  const pi = new Int32Array(8 * P);
  for (let a = 0; a < m; a++) pi[8 * program[a] + 4]++;
  let total = 0;
  for (let p = 0; p < P; p++) {
    const w = 8 * p;
    const cap = Math.min(quota[p], pi[w + 4]);
    pi[w + 4] = cap;
    pi[w + 2] = total;
    total += cap;
    pi[w] = inst.floor ? inst.floor[p] : NO_SCORE;
    pi[w + 1] = spec.slowProgram[p];
    pi[w + 5] = inst.tiePolicy ? POLICY_CODE[inst.tiePolicy[p]] : 0;
    for (let x = 0; x < 5; x++) pd[w + x] = spec.place[5 * p + x];
    pd[w + 5] = cap === 0 ? Infinity : -Infinity;
    pd[w + 6] = -Infinity;
  }
  const st: State = {
    offsets,
    program,
    score,
    rank: inst.rank ?? NONE_I32,
    c1: inst.c1 ?? NONE_I32,
    c2: inst.c2 ?? NONE_I32,
    sMin: spec.sMin,
    maxRank: spec.maxRank,
    c1Min: spec.c1Min,
    c2Min: spec.c2Min,
    pd,
    pi,
    lot: spec.lottery,
    sortedKey: spec.sortedKey ?? NONE_F64,
    ord: spec.order,
    cand,
    heap: old && old.heap.length >= 2 * total ? old.heap : new Float64Array(2 * total),
    tailHead: new Int32Array(P).fill(-1),
    tailNext: fit32(old?.tailNext, n),
    proposals: 0,
  };

  let cur = fit32(old?.cur, n);
  let nxt = fit32(old?.nxt, n);
  const count = new Int32Array(2049);
  let curLen = 0;
  for (let c = 0; c < n; c++) if (offsets[c + 1] > offsets[c]) cur[curLen++] = c;
  let rounds = 0;
  let slices = 0;
  while (curLen > 0) {
    rounds++;
    let nxtLen = 0;
    for (let from = 0; from < curLen; ) {
      // The first slices are small: V8 records type feedback only from a function's 8th call or
      // so, and code compiled without feedback for the end of the function is thrown away each
      // time a call reaches it (a deoptimization, milliseconds each).
      const to = Math.min(curLen, from + (slices++ < 16 ? 16 : 2048));
      nxtLen = proposeRound(st, cur, from, to, nxt, nxtLen);
      from = to;
    }
    // Displaced candidates come in random order; visiting them in index order makes their list
    // data stream through the cache instead of missing on every candidate (≈2× faster rounds).
    // (cur is done with: it serves as the sort's scratch array.)
    radixSort(nxt, nxtLen, n, cur, count);
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
  spare = new WeakRef({
    cand,
    heap: st.heap,
    tailNext: st.tailNext,
    cur,
    nxt,
    lottery: spec.lottery,
    order: inst.candidateOrder ? (old?.order ?? null) : spec.order,
  });
  return { assignedApp, assignedProgram, admitted, cutoff, proposals: st.proposals, rounds };
}
