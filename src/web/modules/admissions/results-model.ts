import type { RunResults } from './queries.ts';

// What the results page draws, computed from a run's results: per program the fill of its quota, and the admitted
// candidates' scores in bins of one point on the 30-point scale.

export type CandidateOutcome = RunResults['candidates'][number];

/** Admitted candidates per 1-point bin [k, k+1) from the lowest bin holding anyone up to 30 (30 itself in the last bin). */
export function scoreHistogram(candidates: CandidateOutcome[], programId: string | null): { from: number; to: number; count: number }[] {
  const scores = candidates
    .filter((c) => c.programId !== null && c.score !== null && (programId === null || c.programId === programId))
    .map((c) => c.score as number);
  if (scores.length === 0) return [];
  const counts = new Array<number>(30).fill(0);
  for (const s of scores) counts[Math.min(29, Math.max(0, Math.floor(s)))]++;
  const first = counts.findIndex((n) => n > 0);
  return counts.slice(first).map((count, i) => ({ from: first + i, to: first + i + 1, count }));
}

export type OutcomeFilter = 'all' | 'admitted' | 'none' | string;

/** Candidates matching a search (part of the candidate id) and an outcome: admitted anywhere, nowhere, or to one program. */
export function filterCandidates(candidates: CandidateOutcome[], search: string, outcome: OutcomeFilter): CandidateOutcome[] {
  const q = search.trim().toLocaleLowerCase();
  return candidates.filter(
    (c) =>
      (q === '' || c.candidateId.toLocaleLowerCase().includes(q)) &&
      (outcome === 'all' ||
        (outcome === 'admitted' ? c.programId !== null : outcome === 'none' ? c.programId === null : c.programId === outcome)),
  );
}
