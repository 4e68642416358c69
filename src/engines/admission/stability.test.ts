import { describe, expect, it } from 'vitest';
import { type MatchingResult, runMatching } from './matching.ts';
import type { MatchingInstance, TiePolicy } from './priority-keys.ts';
import { countBlockingPairs, matchingViolations } from './stability.ts';

// Two programs with one seat each; three candidates who all prefer program 0.
function inst(policy: TiePolicy = 'strict', scores = [2500, 2400, 2300]): MatchingInstance {
  return {
    candidateCount: 3,
    programCount: 2,
    offsets: Int32Array.from([0, 2, 4, 6]),
    program: Int32Array.from([0, 1, 0, 1, 0, 1]),
    score: Int32Array.from(scores.flatMap((s) => [s, s])),
    quota: Int32Array.from([1, 1]),
    tieBreak: [['lottery'], ['lottery']],
    tiePolicy: [policy, policy],
  };
}
function assign(i: MatchingInstance, programs: number[]): MatchingResult {
  const assignedProgram = Int32Array.from(programs);
  const assignedApp = Int32Array.from(programs, (p, c) => (p < 0 ? -1 : i.offsets[c] + p));
  const admitted = new Int32Array(i.programCount);
  for (const p of programs) if (p >= 0) admitted[p]++;
  return { assignedApp, assignedProgram, admitted, cutoff: new Int32Array(2), proposals: 0, rounds: 0 };
}

describe('countBlockingPairs', () => {
  it('is 0 for the matcher and finds planted blocking pairs', () => {
    const i = inst();
    expect(countBlockingPairs(i, runMatching(i))).toBe(0);
    // The best candidate left out of program 0, which took a weaker one: (0, 0) blocks.
    expect(countBlockingPairs(i, assign(i, [1, 0, -1]))).toBe(1);
    // Nobody matched: every candidate blocks with every program that has a free seat.
    expect(countBlockingPairs(i, assign(i, [-1, -1, -1]))).toBe(6);
    expect(countBlockingPairs(i, assign(i, [-1, -1, -1]), 2)).toBe(2);
  });
  it('under accept-all a tied applicant left out blocks', () => {
    const i = inst('accept-all', [2500, 2500, 2300]);
    expect(countBlockingPairs(i, runMatching(i))).toBe(0);
    expect(Array.from(runMatching(i).assignedProgram)).toEqual([0, 0, 1]);
    expect(countBlockingPairs(i, assign(i, [0, 1, -1]))).toBeGreaterThan(0);
  });
  it('under reject-all a tied group may be left out, but not a lone better applicant', () => {
    // Both programs see the 2500 pair straddle their single seat, reject it, and then admit nobody
    // at or below 2500 — so 2300 is not admitted either.
    const tied = inst('reject-all', [2500, 2500, 2300]);
    expect(Array.from(runMatching(tied).assignedProgram)).toEqual([-1, -1, -1]);
    expect(countBlockingPairs(tied, runMatching(tied))).toBe(0);
    const clear = inst('reject-all');
    expect(countBlockingPairs(clear, assign(clear, [1, 0, -1]))).toBeGreaterThan(0);
  });
});

describe('matchingViolations', () => {
  it('reports quota and count problems', () => {
    const i = inst();
    const bad = assign(i, [0, 0, 1]);
    expect(matchingViolations(i, bad)).toEqual(['program 0: over quota']);
    bad.admitted[1] = 5;
    expect(matchingViolations(i, bad)).toContain('program 1: admitted count mismatch');
  });
  it('reports admissions below the floor', () => {
    const i = { ...inst(), floor: Int32Array.from([2450, -2147483648]) };
    expect(matchingViolations(i, assign(i, [1, 0, -1]))).toEqual(['candidate 1: admitted below the floor of program 0']);
  });
});
