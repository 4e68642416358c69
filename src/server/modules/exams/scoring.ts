import type { FieldIssue } from '../../platform/errors.ts';

// The rules of scores on a subject's scale and of its parts' weights, shared by the exam definition, the import and
// the demo: a score lies on the scale (min ≤ score ≤ max, on a multiple of `step` from min); a subject's total is the
// weighted sum of its part scores (weights in percent, summing to 100), rounded to two decimals.

export interface Scale {
  minScore: number;
  maxScore: number;
  step: number;
  parts: { key: string; weight: number }[];
}

const EPS = 1e-6;

/** Why a score is not on the scale, or undefined when it is. */
export function scoreIssue(scale: Scale, score: number): { code: string; params: Record<string, unknown> } | undefined {
  if (!Number.isFinite(score) || score < scale.minScore - EPS || score > scale.maxScore + EPS) {
    return { code: 'score_outside_scale', params: { value: score, minimum: scale.minScore, maximum: scale.maxScore } };
  }
  const steps = (score - scale.minScore) / scale.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-4) return { code: 'score_step', params: { value: score, step: scale.step } };
  return undefined;
}

/** The subject's total from its part scores (every part given), by the weights; a subject without parts is its score. */
export function weightedTotal(scale: Scale, parts: Record<string, number>): number {
  const sum = scale.parts.reduce((acc, p) => acc + (parts[p.key] * p.weight) / 100, 0);
  return Math.round(sum * 100 + EPS) / 100;
}

/** What is wrong with a subject's definition (its scale and parts), as issues on `path`. */
export function definitionIssues(subject: Scale & { parts: { key: string; weight: number }[] }, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (subject.maxScore <= subject.minScore) issues.push({ field: `${path}.maxScore`, code: 'scale_order' });
  else if (subject.step > subject.maxScore - subject.minScore) issues.push({ field: `${path}.step`, code: 'step_too_big' });
  if (subject.parts.length > 0) {
    const sum = subject.parts.reduce((acc, p) => acc + p.weight, 0);
    if (Math.abs(sum - 100) > 1e-6) issues.push({ field: `${path}.parts`, code: 'weights_sum', params: { sum: Math.round(sum * 100) / 100 } });
    const seen = new Set<string>();
    subject.parts.forEach((p, i) => {
      if (seen.has(p.key.toLowerCase())) issues.push({ field: `${path}.parts.${i}.key`, code: 'duplicate' });
      seen.add(p.key.toLowerCase());
    });
  }
  return issues;
}
