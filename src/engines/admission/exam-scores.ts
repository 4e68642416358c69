// Rule 1 — exam scores. An exam has subjects; a subject has one or more parts, each with a weight
// (data, not code). A subject score is the weighted mean of its part scores, every part being
// scored on the subject's own scale 0..max. A candidate may sit an exam several times; the exam's
// attempt policy says which attempt counts, and it is applied per subject.

export type AttemptPolicy = 'best' | 'latest';

export interface ExamPart {
  part: string;
  weight: number;
}

export interface ExamSubject {
  subject: string;
  /** Maximum of the subject's scale, e.g. 10 for THPT, 150 for HSA (whole exam as one subject). */
  max: number;
  parts: ExamPart[];
}

export interface Exam {
  exam: string;
  attemptPolicy: AttemptPolicy;
  subjects: ExamSubject[];
}

/** One scored part of one attempt. */
export interface PartResult {
  exam: string;
  attempt: number;
  subject: string;
  part: string;
  score: number;
}

export interface SubjectScore {
  score: number;
  attempt: number;
}

/** The part name used for subjects scored as a single part. */
export const WHOLE = 'total';

/**
 * Example exams with the scales named in the issue. Real weights are loaded from exams.csv;
 * these are illustrative defaults (the SPT essay share of 30% is the example from the issue).
 */
export const STANDARD_EXAMS: readonly Exam[] = [
  {
    exam: 'THPT',
    attemptPolicy: 'latest',
    subjects: ['math', 'literature', 'english', 'physics', 'chemistry', 'biology', 'history', 'geography'].map((subject) => ({
      subject,
      max: 10,
      parts: [{ part: WHOLE, weight: 1 }],
    })),
  },
  {
    exam: 'SPT',
    attemptPolicy: 'best',
    subjects: ['math', 'literature', 'english', 'physics', 'chemistry', 'biology', 'history', 'geography'].map((subject) => ({
      subject,
      max: 10,
      parts: [
        { part: 'multiple_choice', weight: 0.7 },
        { part: 'essay', weight: 0.3 },
      ],
    })),
  },
  { exam: 'HSA', attemptPolicy: 'best', subjects: [{ subject: WHOLE, max: 150, parts: [{ part: WHOLE, weight: 1 }] }] },
  { exam: 'TSA', attemptPolicy: 'best', subjects: [{ subject: WHOLE, max: 100, parts: [{ part: WHOLE, weight: 1 }] }] },
  {
    exam: 'VACT',
    attemptPolicy: 'best',
    subjects: [{ subject: WHOLE, max: 1200, parts: [{ part: WHOLE, weight: 1 }] }],
  },
];

/** Problems with an exam definition (empty when valid). */
export function validateExam(exam: Exam): string[] {
  const errors: string[] = [];
  if (exam.attemptPolicy !== 'best' && exam.attemptPolicy !== 'latest') {
    errors.push(`exam ${exam.exam}: attempt policy must be best or latest`);
  }
  const seen = new Set<string>();
  for (const s of exam.subjects) {
    if (seen.has(s.subject)) errors.push(`exam ${exam.exam}: subject ${s.subject} defined twice`);
    seen.add(s.subject);
    if (!(s.max > 0)) errors.push(`exam ${exam.exam}, subject ${s.subject}: max must be positive`);
    if (s.parts.length === 0) errors.push(`exam ${exam.exam}, subject ${s.subject}: no parts`);
    const parts = new Set<string>();
    for (const p of s.parts) {
      if (parts.has(p.part)) errors.push(`exam ${exam.exam}, subject ${s.subject}: part ${p.part} defined twice`);
      parts.add(p.part);
      if (!(p.weight > 0)) errors.push(`exam ${exam.exam}, subject ${s.subject}, part ${p.part}: weight must be positive`);
    }
  }
  return errors;
}

/**
 * Subject score from part scores: Σ weight·score / Σ weight, on the subject's scale.
 * Returns undefined when a part is missing (the attempt is incomplete for this subject).
 * Throws when a part score is outside 0..max.
 */
export function subjectScore(subject: ExamSubject, partScores: ReadonlyMap<string, number>): number | undefined {
  let sum = 0;
  let weights = 0;
  for (const p of subject.parts) {
    const s = partScores.get(p.part);
    if (s === undefined) return undefined;
    if (!(s >= 0 && s <= subject.max)) {
      throw new RangeError(`score ${s} for ${subject.subject}/${p.part} is outside 0..${subject.max}`);
    }
    sum += p.weight * s;
    weights += p.weight;
  }
  return sum / weights;
}

/**
 * The subject scores that count for one candidate in one exam: per subject, the attempt with the
 * highest subject score (policy `best`, earliest attempt on equal scores) or the highest attempt
 * number in which the subject is complete (policy `latest`). Results of other exams are ignored;
 * parts not defined by the exam throw.
 */
export function countedSubjectScores(exam: Exam, results: readonly PartResult[]): Map<string, SubjectScore> {
  // subject → attempt → part → score
  const bySubject = new Map<string, Map<number, Map<string, number>>>();
  const subjects = new Map(exam.subjects.map((s) => [s.subject, s]));
  for (const r of results) {
    if (r.exam !== exam.exam) continue;
    const def = subjects.get(r.subject);
    if (!def) throw new RangeError(`exam ${exam.exam} has no subject ${r.subject}`);
    if (!def.parts.some((p) => p.part === r.part)) {
      throw new RangeError(`exam ${exam.exam}, subject ${r.subject} has no part ${r.part}`);
    }
    let attempts = bySubject.get(r.subject);
    if (!attempts) {
      attempts = new Map();
      bySubject.set(r.subject, attempts);
    }
    let parts = attempts.get(r.attempt);
    if (!parts) {
      parts = new Map();
      attempts.set(r.attempt, parts);
    }
    if (parts.has(r.part)) {
      throw new RangeError(`exam ${exam.exam}, subject ${r.subject}, part ${r.part}: attempt ${r.attempt} given twice`);
    }
    parts.set(r.part, r.score);
  }
  const out = new Map<string, SubjectScore>();
  for (const [subject, attempts] of bySubject) {
    const def = subjects.get(subject) as ExamSubject;
    let chosen: SubjectScore | undefined;
    for (const attempt of [...attempts.keys()].sort((a, b) => a - b)) {
      const score = subjectScore(def, attempts.get(attempt) as Map<string, number>);
      if (score === undefined) continue;
      if (!chosen || (exam.attemptPolicy === 'latest' ? attempt > chosen.attempt : score > chosen.score)) {
        chosen = { score, attempt };
      }
    }
    if (chosen) out.set(subject, chosen);
  }
  return out;
}
