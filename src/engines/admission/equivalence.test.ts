import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTableFromDistributions, convertScore, makeTable, topPercentScore, validateTable } from './equivalence.ts';
import { roundTo } from './rounding.ts';

describe('convertScore', () => {
  const published = makeTable('SPT', [
    { a: 22.0, b: 23.4, c: 20.0, d: 21.6 },
    { a: 23.4, b: 24.5, c: 21.6, d: 23.0 },
    { a: 24.5, b: 30, c: 23.0, d: 30 },
  ]);
  it('reproduces the published example: 23.5 in (23.4, 24.5] → (21.6, 23] gives 21.73', () => {
    expect(roundTo(convertScore(published, 23.5))).toBe(21.73);
  });
  it('maps segment ends to segment ends (right-closed intervals)', () => {
    expect(convertScore(published, 24.5)).toBeCloseTo(23, 12);
    expect(convertScore(published, 23.4)).toBeCloseTo(21.6, 12);
    expect(convertScore(published, 30)).toBe(30);
  });
  it('handles below, above and gaps', () => {
    expect(convertScore(published, 11)).toBeCloseTo(10, 12); // 0..22 → 0..20
    expect(convertScore(published, -1)).toBe(0);
    expect(convertScore(published, 31)).toBe(30);
    const gap = makeTable('G', [
      { a: 0, b: 10, c: 0, d: 10 },
      { a: 20, b: 30, c: 22, d: 30 },
    ]);
    expect(convertScore(gap, 15)).toBeCloseTo(16, 12);
  });
  it('is monotone on any valid table', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 40, noNaN: true }), fc.double({ min: -5, max: 40, noNaN: true }), (x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        return convertScore(published, lo) <= convertScore(published, hi) + 1e-12;
      }),
    );
  });
  it('rejects overlapping or decreasing tables', () => {
    expect(() => makeTable('X', [{ a: 1, b: 2, c: 3, d: 2 }])).toThrow();
    expect(
      validateTable({
        fromScale: 'X',
        segments: [
          { a: 0, b: 2, c: 0, d: 2 },
          { a: 1, b: 3, c: 2, d: 3 },
        ],
      }),
    ).toHaveLength(1);
  });
});

describe('buildTableFromDistributions', () => {
  it('top-p thresholds', () => {
    const d = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(topPercentScore(d, 10)).toBe(10);
    expect(topPercentScore(d, 0.5)).toBe(10);
    expect(topPercentScore(d, 30)).toBe(8);
    expect(topPercentScore(d, 100)).toBe(1);
  });
  it('maps each percentile threshold of one distribution onto the other', () => {
    // HSA-like 0..150 vs a 0..30 scale: exact linear relation y = x / 5.
    const from = Array.from({ length: 1000 }, (_, i) => (i * 150) / 999);
    const to = from.map((x) => x / 5);
    const table = buildTableFromDistributions('HSA', from, to);
    for (const x of [3, 45.5, 100, 149.9]) expect(convertScore(table, x)).toBeCloseTo(x / 5, 9);
    for (const s of table.segments) expect(s.b / 5).toBeCloseTo(s.d, 9);
  });
  it('preserves rank: a source score at the top q% maps close to the target top q% score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 50, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 50, maxLength: 300 }),
        (fromInts, toInts) => {
          const from = fromInts.map((v) => v / 4);
          const to = toInts.map((v) => v / 10);
          if (new Set(from).size < 2) return true;
          const table = buildTableFromDistributions('X', from, to);
          // Anchors are exact and conversion is monotone.
          const sortedFrom = [...from].sort((a, b) => b - a);
          const sortedTo = [...to].sort((a, b) => b - a);
          expect(convertScore(table, sortedFrom[0])).toBeCloseTo(sortedTo[0], 9);
          for (const s of table.segments) expect(s.a < s.b && s.c <= s.d).toBe(true);
          return true;
        },
      ),
      { numRuns: 50 },
    );
  });
});
