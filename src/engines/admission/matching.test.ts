import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MatchingResult, runMatching } from './matching.ts';
import { computeTieKeys, type MatchingInstance, NO_SCORE, type TieCriterion, type TiePolicy } from './priority-keys.ts';
import { countBlockingPairs, matchingViolations } from './stability.ts';

// ---------------------------------------------------------------------------------------------
// Small instances in plain objects, with an independent reference implementation working on them.

interface App {
  p: number;
  s: number;
  c1: number;
  c2: number;
  r: number;
}
interface Small {
  quota: number[];
  floor: number[];
  chain: TieCriterion[][];
  policy: TiePolicy[];
  prefs: App[][];
  lottery: number[];
}

function toInstance(x: Small): MatchingInstance {
  const n = x.prefs.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + x.prefs[i].length;
  const all = x.prefs.flat();
  return {
    candidateCount: n,
    programCount: x.quota.length,
    offsets,
    program: Int32Array.from(all, (a) => a.p),
    score: Int32Array.from(all, (a) => a.s),
    rank: Int32Array.from(all, (a) => a.r),
    c1: Int32Array.from(all, (a) => a.c1),
    c2: Int32Array.from(all, (a) => a.c2),
    lottery: Float64Array.from(x.lottery),
    quota: Int32Array.from(x.quota),
    floor: Int32Array.from(x.floor),
    tieBreak: x.chain,
    tiePolicy: x.policy,
  };
}

type Offer = { cand: number; j: number };

function chainOf(x: Small, p: number): TieCriterion[] {
  const out: TieCriterion[] = [];
  for (const c of x.chain[p]) {
    if (out.includes(c)) continue;
    out.push(c);
    if (c === 'lottery') break;
  }
  if (x.policy[p] === 'strict' && !out.includes('lottery')) out.push('lottery');
  return out;
}
/** > 0 when u ranks above v at program p, 0 on a residual tie. */
function cmpTie(x: Small, p: number, u: Offer, v: Offer): number {
  const a = x.prefs[u.cand][u.j];
  const b = x.prefs[v.cand][v.j];
  if (a.s !== b.s) return a.s - b.s;
  for (const c of chainOf(x, p)) {
    const d = c === 'rank' ? b.r - a.r : c === 'c1' ? a.c1 - b.c1 : c === 'c2' ? a.c2 - b.c2 : x.lottery[v.cand] - x.lottery[u.cand];
    if (d !== 0) return d;
  }
  return 0;
}
function cmpStrict(x: Small, p: number, u: Offer, v: Offer): number {
  return cmpTie(x, p, u, v) || v.cand - u.cand;
}
function eligible(x: Small, o: Offer): boolean {
  const a = x.prefs[o.cand][o.j];
  return x.floor[a.p] === NO_SCORE || a.s >= x.floor[a.p];
}
/** The program's choice from a set of offers, by the documented policy. */
function choose(x: Small, p: number, offers: Offer[]): Offer[] {
  const q = x.quota[p];
  switch (x.policy[p]) {
    case 'strict':
      return [...offers].sort((u, v) => cmpStrict(x, p, v, u)).slice(0, q);
    case 'accept-all':
      return offers.filter((u) => offers.filter((v) => cmpTie(x, p, v, u) > 0).length < q);
    case 'reject-all':
      return offers.filter((u) => offers.filter((v) => cmpTie(x, p, v, u) >= 0).length <= q);
  }
}
/** Cumulative offer process with objects, proposing one candidate at a time in `order`. */
function reference(x: Small, order: number[]): number[] {
  const n = x.prefs.length;
  const next = new Array<number>(n).fill(0);
  const received: Offer[][] = x.quota.map(() => []);
  const held: Offer[][] = x.quota.map(() => []);
  const at = new Array<number>(n).fill(-1); // held application position
  let queue = [...order];
  while (queue.length > 0) {
    const c = queue.shift() as number;
    while (next[c] < x.prefs[c].length) {
      const o = { cand: c, j: next[c] };
      if (!eligible(x, o)) {
        next[c]++;
        continue;
      }
      const p = x.prefs[c][o.j].p;
      received[p].push(o);
      const chosen = choose(x, p, received[p]);
      const kept = new Set(chosen.map((u) => u.cand));
      for (const h of held[p]) {
        if (!kept.has(h.cand)) {
          at[h.cand] = -1;
          next[h.cand]++;
          queue.push(h.cand);
        }
      }
      held[p] = chosen;
      if (kept.has(c)) {
        at[c] = o.j;
        break;
      }
      next[c]++;
    }
    queue = queue.filter((d, i) => queue.indexOf(d) === i);
  }
  return at;
}

function positions(x: Small, res: MatchingResult): number[] {
  const inst = toInstance(x);
  return Array.from(res.assignedApp, (a, c) => (a < 0 ? -1 : a - inst.offsets[c]));
}

/** Every stable matching under strict priorities, by enumeration. */
function allStableStrict(x: Small): number[][] {
  const n = x.prefs.length;
  const out: number[][] = [];
  const assign = new Array<number>(n).fill(-1);
  const isStable = (): boolean => {
    const count = x.quota.map(() => 0);
    for (let c = 0; c < n; c++) {
      if (assign[c] < 0) continue;
      const o = { cand: c, j: assign[c] };
      if (!eligible(x, o)) return false;
      count[x.prefs[c][o.j].p]++;
    }
    if (count.some((k, p) => k > x.quota[p])) return false;
    for (let c = 0; c < n; c++) {
      const upto = assign[c] < 0 ? x.prefs[c].length : assign[c];
      for (let j = 0; j < upto; j++) {
        const o = { cand: c, j };
        if (!eligible(x, o)) continue;
        const p = x.prefs[c][j].p;
        if (count[p] < x.quota[p]) return false;
        for (let d = 0; d < n; d++) {
          if (assign[d] >= 0 && x.prefs[d][assign[d]].p === p && cmpStrict(x, p, o, { cand: d, j: assign[d] }) > 0) return false;
        }
      }
    }
    return true;
  };
  const rec = (c: number): void => {
    if (c === n) {
      if (isStable()) out.push([...assign]);
      return;
    }
    for (let j = -1; j < x.prefs[c].length; j++) {
      assign[c] = j;
      rec(c + 1);
    }
    assign[c] = -1;
  };
  rec(0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generators.

const criterion = fc.constantFrom<TieCriterion>('rank', 'c1', 'c2', 'lottery');
function smallArb(opts: { maxCandidates: number; maxPrograms: number; policies: TiePolicy[]; maxPrefs?: number }) {
  return fc
    .record({
      programs: fc.integer({ min: 1, max: opts.maxPrograms }),
      candidates: fc.integer({ min: 1, max: opts.maxCandidates }),
    })
    .chain(({ programs, candidates }) =>
      fc.record({
        quota: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: programs, maxLength: programs }),
        floor: fc.array(fc.oneof(fc.constant(NO_SCORE), fc.integer({ min: 0, max: 3 })), {
          minLength: programs,
          maxLength: programs,
        }),
        chain: fc.array(fc.array(criterion, { maxLength: 3 }), { minLength: programs, maxLength: programs }),
        policy: fc.array(fc.constantFrom(...opts.policies), { minLength: programs, maxLength: programs }),
        prefs: fc.array(
          fc
            .shuffledSubarray(
              Array.from({ length: programs }, (_, p) => p),
              { maxLength: Math.min(opts.maxPrefs ?? programs, programs) },
            )
            .chain((ps) =>
              fc.tuple(
                ...ps.map((p) =>
                  fc.record({
                    p: fc.constant(p),
                    s: fc.integer({ min: 0, max: 4 }),
                    c1: fc.integer({ min: 0, max: 2 }),
                    c2: fc.integer({ min: 0, max: 2 }),
                  }),
                ),
              ),
            )
            .map((apps) => apps.map((a, j) => ({ ...a, r: j + 1 }))),
          { minLength: candidates, maxLength: candidates },
        ),
        lottery: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: candidates, maxLength: candidates }),
      }),
    );
}

// ---------------------------------------------------------------------------------------------

/** A seeded random instance: n candidates listing 1–8 of P programs, every policy, some floors. */
function midSized(seed0: number, n: number, P: number): Small {
  let seed = seed0;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const prefs: App[][] = [];
  for (let c = 0; c < n; c++) {
    const k = 1 + Math.floor(rnd() * 8);
    const seen = new Set<number>();
    const apps: App[] = [];
    while (apps.length < k) {
      const p = Math.floor(rnd() ** 2 * P);
      if (seen.has(p)) continue;
      seen.add(p);
      apps.push({ p, s: 1500 + Math.floor(rnd() * 60) * 25, c1: 0, c2: 0, r: apps.length + 1 });
    }
    prefs.push(apps);
  }
  return {
    quota: Array.from({ length: P }, () => 20 + Math.floor(rnd() * 80)),
    floor: Array.from({ length: P }, (_, p) => (p % 10 === 0 ? 1900 : NO_SCORE)),
    chain: Array.from({ length: P }, () => ['rank', 'lottery'] as TieCriterion[]),
    policy: Array.from({ length: P }, (_, p) => (['strict', 'accept-all', 'reject-all'] as const)[p % 3]),
    prefs,
    lottery: Array.from({ length: n }, () => Math.floor(rnd() * 1000)),
  };
}

describe('runMatching — examples', () => {
  it('gives each candidate the best program that keeps them, and reports cutoffs', () => {
    // Programs: 0 (1 seat), 1 (2 seats). Candidates 0,1,2 all prefer 0 then 1.
    const x: Small = {
      quota: [1, 2],
      floor: [NO_SCORE, 1500],
      chain: [
        ['rank', 'lottery'],
        ['rank', 'lottery'],
      ],
      policy: ['strict', 'strict'],
      prefs: [
        [
          { p: 0, s: 2000, c1: 0, c2: 0, r: 1 },
          { p: 1, s: 2000, c1: 0, c2: 0, r: 2 },
        ],
        [
          { p: 0, s: 2500, c1: 0, c2: 0, r: 1 },
          { p: 1, s: 2500, c1: 0, c2: 0, r: 2 },
        ],
        [
          { p: 0, s: 1000, c1: 0, c2: 0, r: 1 },
          { p: 1, s: 1000, c1: 0, c2: 0, r: 2 },
        ],
      ],
      lottery: [0, 0, 0],
    };
    const res = runMatching(toInstance(x));
    expect(Array.from(res.assignedProgram)).toEqual([1, 0, -1]); // candidate 2 is below program 1's floor
    expect(Array.from(res.admitted)).toEqual([1, 1]);
    expect(Array.from(res.cutoff)).toEqual([2500, 2000]);
    expect(res.proposals).toBe(4); // c2's application below the floor is never proposed
  });

  it('breaks ties by the chain: rank, then named criteria, then lottery (lower wins)', () => {
    const app = (p: number, s: number, r: number, c1 = 0): App => ({ p, s, c1, c2: 0, r });
    const base: Small = {
      quota: [1, 5],
      floor: [NO_SCORE, NO_SCORE],
      chain: [['rank', 'lottery'], []],
      policy: ['strict', 'strict'],
      prefs: [[app(1, 2000, 1), app(0, 2000, 2, 9)], [app(0, 2000, 1, 1)]],
      lottery: [0, 5],
    };
    // Candidate 0 lists program 0 second (after being rejected by nobody it stays at 1)…
    expect(Array.from(runMatching(toInstance(base)).assignedProgram)).toEqual([1, 0]);
    // …make candidate 0 rank program 0 first: equal score, rank 1 each → lottery: 0 wins.
    const both: Small = { ...base, prefs: [[app(0, 2000, 1, 1)], [app(0, 2000, 1, 9)]] };
    expect(Array.from(runMatching(toInstance(both)).assignedProgram)).toEqual([0, -1]);
    // c1 before lottery: candidate 1 has the higher c1.
    const byC1: Small = { ...both, chain: [['c1', 'lottery'], []] };
    expect(Array.from(runMatching(toInstance(byC1)).assignedProgram)).toEqual([-1, 0]);
    // Rank matters: candidate 1 ranks program 0 first, candidate 0 second.
    const byRank: Small = { ...base, quota: [1, 0], prefs: [[app(1, 2000, 1), app(0, 2000, 2)], [app(0, 2000, 1)]] };
    expect(Array.from(runMatching(toInstance(byRank)).assignedProgram)).toEqual([-1, 0]);
  });

  it('applies accept-all and reject-all to a tie at the quota boundary', () => {
    const app = (s: number): App => ({ p: 0, s, c1: 0, c2: 0, r: 1 });
    const x = (policy: TiePolicy): Small => ({
      quota: [2],
      floor: [NO_SCORE],
      chain: [['rank']],
      policy: [policy],
      prefs: [[app(2500)], [app(2000)], [app(2000)], [app(1500)]],
      lottery: [3, 2, 1, 0],
    });
    expect(Array.from(runMatching(toInstance(x('strict'))).assignedProgram)).toEqual([0, -1, 0, -1]);
    const acc = runMatching(toInstance(x('accept-all')));
    expect(Array.from(acc.assignedProgram)).toEqual([0, 0, 0, -1]);
    expect(acc.admitted[0]).toBe(3);
    const rej = runMatching(toInstance(x('reject-all')));
    expect(Array.from(rej.assignedProgram)).toEqual([0, -1, -1, -1]);
    expect(rej.cutoff[0]).toBe(2500);
  });

  it('handles empty instances, zero quotas and candidates without applications', () => {
    const empty = runMatching({
      candidateCount: 2,
      programCount: 1,
      offsets: new Int32Array(3),
      program: new Int32Array(0),
      score: new Int32Array(0),
      quota: new Int32Array([0]),
    });
    expect(Array.from(empty.assignedProgram)).toEqual([-1, -1]);
    expect(empty.cutoff[0]).toBe(NO_SCORE);
    expect(empty.rounds).toBe(0);
  });

  it('rejects inconsistent input', () => {
    const bad: MatchingInstance = {
      candidateCount: 1,
      programCount: 1,
      offsets: new Int32Array([0, 1]),
      program: new Int32Array([3]),
      score: new Int32Array([1]),
      quota: new Int32Array([1]),
    };
    expect(() => runMatching(bad)).toThrow(/names program 3/);
    expect(() => runMatching({ ...bad, program: new Int32Array([0]), tieBreak: [['c1']] })).toThrow(/c1/);
  });
});

describe('runMatching — strict equals the brute-force student-optimal stable matching', () => {
  it('on small random instances', () => {
    fc.assert(
      fc.property(smallArb({ maxCandidates: 5, maxPrograms: 3, policies: ['strict'] }), (x) => {
        const stable = allStableStrict(x);
        expect(stable.length).toBeGreaterThan(0);
        // Student-optimal: each candidate's best outcome over all stable matchings (−1 = none, worst).
        const rankOf = (j: number) => (j < 0 ? Infinity : j);
        const optimal = x.prefs.map((_, c) => stable.map((s) => s[c]).reduce((b, j) => (rankOf(j) < rankOf(b) ? j : b)));
        expect(stable.some((s) => s.every((j, c) => j === optimal[c]))).toBe(true);
        const res = runMatching(toInstance(x));
        expect(positions(x, res)).toEqual(optimal);
      }),
      { numRuns: 300 },
    );
  });
});

describe('runMatching — agrees with an object-based cumulative offer process', () => {
  it('for every policy, in any proposal order', () => {
    fc.assert(
      fc.property(
        smallArb({ maxCandidates: 9, maxPrograms: 4, policies: ['strict', 'accept-all', 'reject-all'] }),
        fc.integer(),
        (x, seed) => {
          const order = x.prefs.map((_, i) => i);
          let s = seed;
          for (let i = order.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) | 0;
            const j = Math.abs(s) % (i + 1);
            [order[i], order[j]] = [order[j], order[i]];
          }
          const res = runMatching(toInstance(x));
          expect(positions(x, res)).toEqual(reference(x, order));
          expect(positions(x, runMatching(toInstance(x), { forceSlowKeys: true }))).toEqual(positions(x, res));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('runMatching — properties', () => {
  const policies: TiePolicy[] = ['strict', 'accept-all', 'reject-all'];
  it('no blocking pair, no floor or quota violation, counts and cutoffs consistent', () => {
    fc.assert(
      fc.property(smallArb({ maxCandidates: 30, maxPrograms: 6, policies, maxPrefs: 4 }), (x) => {
        const inst = toInstance(x);
        const res = runMatching(inst);
        expect(matchingViolations(inst, res)).toEqual([]);
        expect(countBlockingPairs(inst, res)).toBe(0);
        for (let p = 0; p < x.quota.length; p++) {
          const scores = x.prefs.flatMap((apps, c) => (res.assignedProgram[c] === p ? [apps[res.assignedApp[c] - inst.offsets[c]].s] : []));
          expect(res.cutoff[p]).toBe(scores.length ? Math.min(...scores) : NO_SCORE);
          if (x.floor[p] !== NO_SCORE) for (const s of scores) expect(s).toBeGreaterThanOrEqual(x.floor[p]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accept-all exceeds a quota only with applicants tied with the quota-th admitted; reject-all never splits a tie', () => {
    fc.assert(
      fc.property(smallArb({ maxCandidates: 30, maxPrograms: 4, policies: ['accept-all', 'reject-all'], maxPrefs: 3 }), (x) => {
        const inst = toInstance(x);
        const res = runMatching(inst);
        const key = computeTieKeys(inst).key;
        for (let p = 0; p < x.quota.length; p++) {
          const adm: number[] = [];
          for (let c = 0; c < inst.candidateCount; c++) if (res.assignedProgram[c] === p) adm.push(key[res.assignedApp[c]]);
          adm.sort((a, b) => b - a);
          if (x.policy[p] === 'accept-all') {
            for (let t = x.quota[p]; t < adm.length; t++) expect(adm[t]).toBe(adm[x.quota[p] - 1]);
          } else {
            expect(adm.length).toBeLessThanOrEqual(x.quota[p]);
            // Nobody who wanted p more than their outcome ties with an admitted applicant.
            const admitted = new Set(adm);
            for (let c = 0; c < inst.candidateCount; c++) {
              const e = res.assignedApp[c] >= 0 ? res.assignedApp[c] : inst.offsets[c + 1];
              for (let a = inst.offsets[c]; a < e; a++) {
                if (inst.program[a] === p && key[a] !== -Infinity) expect(admitted.has(key[a])).toBe(false);
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('strict never exceeds quotas and fills every seat someone eligible wanted', () => {
    fc.assert(
      fc.property(smallArb({ maxCandidates: 30, maxPrograms: 5, policies: ['strict'], maxPrefs: 3 }), (x) => {
        const inst = toInstance(x);
        const res = runMatching(inst);
        const key = computeTieKeys(inst).key;
        for (let p = 0; p < x.quota.length; p++) {
          expect(res.admitted[p]).toBeLessThanOrEqual(x.quota[p]);
          if (res.admitted[p] < x.quota[p]) {
            // Everyone eligible who applied to p is admitted there or somewhere they prefer.
            for (let c = 0; c < inst.candidateCount; c++) {
              for (let a = inst.offsets[c]; a < inst.offsets[c + 1]; a++) {
                if (inst.program[a] !== p || key[a] === -Infinity) continue;
                expect(res.assignedApp[c]).toBeGreaterThanOrEqual(0);
                expect(res.assignedApp[c]).toBeLessThanOrEqual(a);
              }
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a mid-sized random instance has no blocking pair', () => {
    const x = midSized(7, 20_000, 200);
    const inst = toInstance(x);
    const res = runMatching(inst);
    expect(matchingViolations(inst, res)).toEqual([]);
    expect(countBlockingPairs(inst, res)).toBe(0);
    expect(res.rounds).toBeGreaterThan(1);
  });
});

describe('runMatching — repeated runs (work arrays are reused from one run to the next)', () => {
  it('gives the same results whatever ran before, and never writes into its input', () => {
    // A small instance without lottery numbers (the lottery codes must be zeros again) and a
    // reversed candidate order: its results taken before anything else ran in this test…
    const small = midSized(3, 300, 12);
    small.lottery = small.prefs.map(() => 0);
    const smallInst = { ...toInstance(small), lottery: undefined };
    const expected = reference(
      small,
      small.prefs.map((_, i) => i),
    );
    const order = Int32Array.from(small.prefs, (_, i) => small.prefs.length - 1 - i);
    const withOrder = runMatching({ ...smallInst, candidateOrder: order });
    // …then after larger runs, which leave their own values in every work array.
    const big = toInstance(midSized(11, 5000, 100));
    const bigFirst = runMatching(big);
    expect(positions(small, runMatching(smallInst))).toEqual(expected);
    runMatching(big);
    const again = runMatching({ ...smallInst, candidateOrder: order });
    expect(Array.from(again.assignedApp)).toEqual(Array.from(withOrder.assignedApp));
    // The caller's candidateOrder is not a work array: the next run of that size must not write into it.
    expect(positions(small, runMatching(smallInst))).toEqual(expected);
    expect(Array.from(order)).toEqual(Array.from(small.prefs, (_, i) => small.prefs.length - 1 - i));
    const bigAgain = runMatching(big);
    expect(Array.from(bigAgain.assignedApp)).toEqual(Array.from(bigFirst.assignedApp));
    expect(Array.from(bigAgain.cutoff)).toEqual(Array.from(bigFirst.cutoff));
    expect([bigAgain.proposals, bigAgain.rounds]).toEqual([bigFirst.proposals, bigFirst.rounds]);
    expect(countBlockingPairs(big, bigAgain)).toBe(0);
  });
});
