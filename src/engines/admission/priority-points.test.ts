import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basePriority, finalScore, priorityPoints } from './priority-points.ts';

const year = 2025;

describe('basePriority', () => {
  it('adds region and the highest group only', () => {
    expect(basePriority({ region: 'KV1', groups: ['UT1', 'UT2'], graduationYear: 2025 }, year)).toBe(2.75);
    expect(basePriority({ region: 'KV2-NT', groups: ['UT2'], graduationYear: 2024 }, year)).toBe(1.5);
    expect(basePriority({ region: 'KV2', graduationYear: 2025 }, year)).toBe(0.25);
    expect(basePriority({ region: 'KV3', groups: [], graduationYear: 2025 }, year)).toBe(0);
  });
  it('drops region points two years after graduation, keeps group points', () => {
    expect(basePriority({ region: 'KV1', groups: ['UT2'], graduationYear: 2023 }, year)).toBe(1);
    expect(basePriority({ region: 'KV1' }, year)).toBe(0);
  });
});

describe('priorityPoints on both sides of 22.5', () => {
  it('full base below 22.5', () => {
    expect(priorityPoints(22.49, 2.75)).toBe(2.75);
    expect(priorityPoints(15, 0.75)).toBe(0.75);
  });
  it('((30 − T) / 7.5) × base from 22.5', () => {
    expect(priorityPoints(22.5, 2.75)).toBeCloseTo(2.75, 12);
    expect(priorityPoints(24, 2.75)).toBeCloseTo(2.2, 12); // 6/7.5 = 0.8
    expect(priorityPoints(27, 0.75)).toBeCloseTo(0.3, 12);
    expect(priorityPoints(30, 2)).toBe(0);
  });
  it('scales threshold and points by M/30 on another scale', () => {
    // HSA 0..150: threshold 112.5, base 0.75 → 3.75
    expect(priorityPoints(100, 0.75, 150)).toBeCloseTo(3.75, 12);
    expect(priorityPoints(135, 0.75, 150)).toBeCloseTo((15 / 37.5) * 3.75, 12);
  });
  it('is continuous at the threshold and never exceeds the base', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 2, 2.75), (t, b) => {
        const p = priorityPoints(t, b);
        return p >= 0 && p <= b + 1e-12;
      }),
    );
  });
});

describe('finalScore', () => {
  const kv1ut1 = { region: 'KV1' as const, groups: ['UT1' as const], graduationYear: 2025 };
  it('below 22.5: total + base', () => {
    expect(finalScore(20, kv1ut1, { admissionYear: year }).final).toBe(22.75);
  });
  it('above 22.5: reduced priority, rounded to 2 decimals', () => {
    // 24.1 + (5.9/7.5)·2.75 = 24.1 + 2.16333… = 26.26
    expect(finalScore(24.1, kv1ut1, { admissionYear: year }).final).toBe(26.26);
  });
  it('caps bonus at 3 and the final score at 30', () => {
    const r = finalScore(26, { bonus: 5 }, { admissionYear: year });
    expect(r.bonus).toBe(3);
    expect(r.final).toBe(29);
    expect(finalScore(29, { ...kv1ut1, bonus: 3 }, { admissionYear: year }).final).toBe(30);
  });
  it('thresholdIncludesBonus moves T over 22.5', () => {
    const p = { region: 'KV1' as const, graduationYear: 2025, bonus: 1.5 };
    expect(finalScore(22, p, { admissionYear: year }).final).toBe(24.25); // 22 + 0.75 + 1.5
    // T = 23.5 → (6.5/7.5)·0.75 = 0.65
    expect(finalScore(22, p, { admissionYear: year, thresholdIncludesBonus: true }).final).toBe(24.15);
  });
  it('never exceeds 30 and never falls below the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('KV1', 'KV2-NT', 'KV2', 'KV3') as fc.Arbitrary<'KV1' | 'KV2-NT' | 'KV2' | 'KV3'>,
        fc.subarray(['UT1', 'UT2'] as const),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (q, region, groups, bonus) => {
          const t = q / 4;
          const f = finalScore(t, { region, groups, bonus, graduationYear: 2025 }, { admissionYear: year }).final;
          return f <= 30 && f >= Math.min(30, t) - 0.005;
        },
      ),
    );
  });
});
