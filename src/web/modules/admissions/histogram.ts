import type { ProgramSummary } from './queries.ts';

/** A program's one-point bins from the lowest to the highest holding anyone (the 30 bins of the server, trimmed). */
export function trimmedBins(histogram: ProgramSummary['histogram']): ProgramSummary['histogram'] {
  const used = (b: ProgramSummary['histogram'][number]) => b.admitted + b.applicants > 0;
  const first = histogram.findIndex(used);
  if (first < 0) return [];
  const last = histogram.length - 1 - [...histogram].reverse().findIndex(used);
  return histogram.slice(first, last + 1);
}
