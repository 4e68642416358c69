import { describe, expect, it } from 'vitest';
import { makeTable } from './equivalence.ts';
import { bestProgramScore, componentShares, coreSubjectWarning, type Method, methodScore, validateMethod } from './methods.ts';

const maxOf = (exam: string, subject: string) =>
  exam === 'THPT' && ['math', 'physics', 'chemistry', 'biology', 'literature', 'english'].includes(subject)
    ? 10
    : exam === 'HSA' && subject === 'total'
      ? 150
      : undefined;

const medicine: Method = {
  programId: 'HMU-MED',
  methodId: 'B00x2',
  components: [
    { exam: 'THPT', subject: 'math', weight: 2 },
    { exam: 'THPT', subject: 'chemistry', weight: 1 },
    { exam: 'THPT', subject: 'biology', weight: 1 },
  ],
  floor: 20.5,
};

const scores =
  (s: Record<string, number>) =>
  (exam: string, subject: string): number | undefined =>
    s[`${exam}.${subject}`];

describe('methodScore', () => {
  it('brings a weighted formula to the 30-point scale', () => {
    const s = methodScore(medicine, maxOf, scores({ 'THPT.math': 9, 'THPT.chemistry': 8, 'THPT.biology': 7 }));
    expect(s).toBeCloseTo(((2 * 9 + 8 + 7) * 30) / 40, 12); // 24.75
  });
  it('a plain 3-subject combination totals 30', () => {
    const a00: Method = { ...medicine, components: medicine.components.map((c) => ({ ...c, weight: 1 })) };
    expect(methodScore(a00, maxOf, scores({ 'THPT.math': 10, 'THPT.chemistry': 10, 'THPT.biology': 10 }))).toBe(30);
  });
  it('is undefined when a component is missing', () => {
    expect(methodScore(medicine, maxOf, scores({ 'THPT.math': 9 }))).toBeUndefined();
  });
  it('converts through an equivalence table when the method names one', () => {
    const hsa: Method = { programId: 'P', methodId: 'HSA', components: [{ exam: 'HSA', subject: 'total', weight: 1 }], equivalence: 'HSA' };
    const tables = new Map([['HSA', makeTable('HSA', [{ a: 75, b: 150, c: 15, d: 30 }])]]);
    expect(methodScore(hsa, maxOf, scores({ 'HSA.total': 105 }), tables)).toBeCloseTo(21, 12);
    expect(() => methodScore(hsa, maxOf, scores({ 'HSA.total': 105 }))).toThrow(/unknown equivalence/);
  });
});

describe('coreSubjectWarning', () => {
  it('passes when Math or Literature alone has at least 25%', () => {
    expect(componentShares(medicine, maxOf)).toEqual([0.5, 0.25, 0.25]);
    expect(coreSubjectWarning(medicine, maxOf)).toBeNull();
    const equal: Method = { ...medicine, components: medicine.components.map((c) => ({ ...c, weight: 1 })) };
    expect(coreSubjectWarning(equal, maxOf)).toBeNull(); // 33%
  });
  it('warns when neither reaches 25%', () => {
    const m: Method = {
      ...medicine,
      components: [
        { exam: 'THPT', subject: 'math', weight: 1 },
        { exam: 'THPT', subject: 'chemistry', weight: 2 },
        { exam: 'THPT', subject: 'biology', weight: 2 },
      ],
    };
    expect(coreSubjectWarning(m, maxOf)).toMatch(/20\.0%/);
    const noCore: Method = { ...m, components: m.components.slice(1) };
    expect(coreSubjectWarning(noCore, maxOf)).toMatch(/0\.0%/);
  });
  it('exempts whole-exam methods', () => {
    expect(
      coreSubjectWarning({ programId: 'P', methodId: 'H', components: [{ exam: 'HSA', subject: 'total', weight: 1 }] }, maxOf),
    ).toBeNull();
  });
});

describe('validateMethod', () => {
  it('reports unknown subjects, bad weights, floors and tables', () => {
    const bad: Method = {
      programId: 'P',
      methodId: 'M',
      components: [{ exam: 'THPT', subject: 'art', weight: 0 }],
      floor: 31,
      equivalence: 'X',
    };
    expect(validateMethod(bad, maxOf, new Map())).toHaveLength(4);
    expect(validateMethod(medicine, maxOf, new Map())).toEqual([]);
  });
});

describe('bestProgramScore', () => {
  const a00: Method = { ...medicine, methodId: 'plain', components: medicine.components.map((c) => ({ ...c, weight: 1 })) };
  it('takes the best method and applies floors before priority by default', () => {
    const s = scores({ 'THPT.math': 6, 'THPT.chemistry': 8, 'THPT.biology': 8 });
    // doubled math: (12+16)*0.75 = 21; plain: 22
    const r = bestProgramScore([medicine, a00], maxOf, s, (x) => x + 1);
    expect(r).toMatchObject({ methodId: 'plain', score: 23 });
    expect(r?.academic).toBeCloseTo(22, 12);
    const low = scores({ 'THPT.math': 6, 'THPT.chemistry': 7, 'THPT.biology': 6 }); // 18.75 and 19
    expect(bestProgramScore([medicine, a00], maxOf, low, (x) => x + 2)).toBeUndefined();
    expect(bestProgramScore([medicine, a00], maxOf, low, (x) => x + 2, { floorBasis: 'final' })?.score).toBe(21);
  });
  it('is undefined without results', () => {
    expect(bestProgramScore([medicine], maxOf, scores({}), (x) => x)).toBeUndefined();
  });
});
