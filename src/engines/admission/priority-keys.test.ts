import { describe, expect, it } from 'vitest';
import { computeTieKeys, type MatchingInstance, NO_SCORE, normaliseChain } from './priority-keys.ts';

// One program, five applicants with one application each.
function inst(over: Partial<MatchingInstance> = {}): MatchingInstance {
  return {
    candidateCount: 5,
    programCount: 1,
    offsets: Int32Array.from([0, 1, 2, 3, 4, 5]),
    program: new Int32Array(5),
    score: Int32Array.from([2000, 2000, 2000, 2000, 2100]),
    rank: Int32Array.from([2, 1, 1, 1, 9]),
    c1: Int32Array.from([0, 500, 700, 700, 0]),
    lottery: Float64Array.from([1, 9, 4, 3, 0]),
    quota: Int32Array.from([1]),
    ...over,
  };
}
const orderOf = (key: Float64Array) => [...key.keys()].sort((a, b) => key[b] - key[a] || a - b);

describe('normaliseChain', () => {
  it('drops duplicates and everything after lottery; strict appends lottery', () => {
    expect(normaliseChain(['rank', 'rank', 'c1'])).toEqual(['rank', 'c1', 'lottery']);
    expect(normaliseChain(['lottery', 'rank'])).toEqual(['lottery']);
    expect(normaliseChain(['c2'], 'accept-all')).toEqual(['c2']);
    expect(normaliseChain([], 'reject-all')).toEqual([]);
  });
});

describe('computeTieKeys', () => {
  it('orders by score, then the chain; lottery lower wins', () => {
    expect(orderOf(computeTieKeys(inst({ tieBreak: [['rank', 'lottery']] })).key)).toEqual([4, 3, 2, 1, 0]);
    expect(orderOf(computeTieKeys(inst({ tieBreak: [['c1', 'lottery']] })).key)).toEqual([4, 3, 2, 1, 0]);
    expect(orderOf(computeTieKeys(inst({ tieBreak: [['lottery']] })).key)).toEqual([4, 0, 3, 2, 1]);
  });
  it('leaves residual ties equal under non-strict policies', () => {
    const k = computeTieKeys(inst({ tieBreak: [['c1']], tiePolicy: ['accept-all'] })).key;
    expect(k[2]).toBe(k[3]);
    expect(k[2]).toBeGreaterThan(k[1]);
  });
  it('marks applications below the floor', () => {
    const k = computeTieKeys(inst({ floor: Int32Array.from([2050]) })).key;
    expect(Array.from(k.slice(0, 4))).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
    expect(Number.isFinite(k[4])).toBe(true);
    expect(computeTieKeys(inst({ floor: Int32Array.from([NO_SCORE]) })).key.every(Number.isFinite)).toBe(true);
  });
  it('the sorting path gives the same order as packing, and is used for chains wider than 2^53', () => {
    for (const tieBreak of [[['rank', 'lottery']], [['c1', 'rank']], [['lottery']]] as const) {
      const fast = computeTieKeys(inst({ tieBreak: tieBreak as never }));
      const slow = computeTieKeys(inst({ tieBreak: tieBreak as never }), { forceSlowPath: true });
      expect(slow.sorted).toBe(true);
      expect(orderOf(slow.key)).toEqual(orderOf(fast.key));
    }
    const wide = inst({
      c1: Int32Array.from([0, 2e9, 1, 5, 7]),
      c2: Int32Array.from([0, -2e9, 3, 3, 1]),
      score: Int32Array.from([0, 2e9, 2e9, 2e9, 5]),
      tieBreak: [['c1', 'c2', 'rank', 'lottery']],
    });
    const keys = computeTieKeys(wide);
    expect(keys.sorted).toBe(true);
    expect(orderOf(keys.key)).toEqual([1, 3, 2, 4, 0]);
  });
});
