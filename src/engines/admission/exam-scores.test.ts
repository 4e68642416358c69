import { describe, expect, it } from 'vitest';
import { countedSubjectScores, type Exam, type PartResult, STANDARD_EXAMS, subjectScore, validateExam, WHOLE } from './exam-scores.ts';

const spt: Exam = {
  exam: 'SPT',
  attemptPolicy: 'best',
  subjects: [
    {
      subject: 'math',
      max: 10,
      parts: [
        { part: 'mcq', weight: 0.7 },
        { part: 'essay', weight: 0.3 },
      ],
    },
  ],
};

const r = (attempt: number, part: string, score: number, subject = 'math', exam = 'SPT'): PartResult => ({
  exam,
  attempt,
  subject,
  part,
  score,
});

describe('subjectScore', () => {
  it('weights parts: an essay worth 30%', () => {
    const s = subjectScore(
      spt.subjects[0],
      new Map([
        ['mcq', 8],
        ['essay', 6],
      ]),
    );
    expect(s).toBeCloseTo(8 * 0.7 + 6 * 0.3, 12);
  });
  it('normalises weights that do not sum to 1', () => {
    const subject = {
      subject: 'x',
      max: 10,
      parts: [
        { part: 'a', weight: 7 },
        { part: 'b', weight: 3 },
      ],
    };
    expect(
      subjectScore(
        subject,
        new Map([
          ['a', 10],
          ['b', 0],
        ]),
      ),
    ).toBeCloseTo(7, 12);
  });
  it('is undefined when a part is missing and throws outside the scale', () => {
    expect(subjectScore(spt.subjects[0], new Map([['mcq', 8]]))).toBeUndefined();
    expect(() =>
      subjectScore(
        spt.subjects[0],
        new Map([
          ['mcq', 11],
          ['essay', 1],
        ]),
      ),
    ).toThrow(RangeError);
  });
});

describe('countedSubjectScores', () => {
  const results = [r(1, 'mcq', 9), r(1, 'essay', 5), r(2, 'mcq', 7), r(2, 'essay', 7)];
  it('best attempt per subject', () => {
    const s = countedSubjectScores(spt, results).get('math');
    // attempt 1: 6.3+1.5 = 7.8; attempt 2: 7.0
    expect(s?.attempt).toBe(1);
    expect(s?.score).toBeCloseTo(7.8, 12);
  });
  it('latest attempt per subject, skipping incomplete attempts', () => {
    const latest = { ...spt, attemptPolicy: 'latest' as const };
    expect(countedSubjectScores(latest, results).get('math')?.attempt).toBe(2);
    expect(countedSubjectScores(latest, [...results, r(3, 'mcq', 10)]).get('math')?.attempt).toBe(2);
  });
  it('ignores other exams and rejects unknown parts or duplicates', () => {
    expect(countedSubjectScores(spt, [r(1, WHOLE, 9, 'math', 'THPT')]).size).toBe(0);
    expect(() => countedSubjectScores(spt, [r(1, 'oral', 9)])).toThrow(/no part oral/);
    expect(() => countedSubjectScores(spt, [r(1, 'mcq', 9), r(1, 'mcq', 8)])).toThrow(/twice/);
  });
});

describe('validateExam', () => {
  it('accepts the standard exams and reports bad definitions', () => {
    for (const e of STANDARD_EXAMS) expect(validateExam(e)).toEqual([]);
    const bad: Exam = { exam: 'X', attemptPolicy: 'best', subjects: [{ subject: 'a', max: 0, parts: [{ part: 'p', weight: -1 }] }] };
    expect(validateExam(bad)).toHaveLength(2);
  });
  it('has the scales of the issue', () => {
    const max = Object.fromEntries(STANDARD_EXAMS.map((e) => [e.exam, e.subjects[0].max]));
    expect(max).toEqual({ THPT: 10, SPT: 10, HSA: 150, TSA: 100, VACT: 1200 });
  });
});
