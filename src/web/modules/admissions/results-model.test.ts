import { describe, expect, it } from 'vitest';
import { type CandidateOutcome, filterCandidates, scoreHistogram } from './results-model.ts';

const c = (candidateId: string, programId: string | null, score: number | null): CandidateOutcome => ({
  candidateId,
  external: true,
  programId,
  programCode: programId,
  rank: programId ? 1 : null,
  score,
});
const all = [c('A1', 'p1', 24.5), c('A2', 'p1', 25), c('B1', 'p2', 29.99), c('B2', 'p2', 30), c('X', null, null)];

describe('scoreHistogram', () => {
  it('counts admitted scores in one-point bins from the lowest one up to 30, 30 in the last bin', () => {
    expect(scoreHistogram(all, null)).toEqual([
      { from: 24, to: 25, count: 1 },
      { from: 25, to: 26, count: 1 },
      { from: 26, to: 27, count: 0 },
      { from: 27, to: 28, count: 0 },
      { from: 28, to: 29, count: 0 },
      { from: 29, to: 30, count: 2 },
    ]);
  });
  it('of one program, and nothing when nobody is admitted', () => {
    expect(scoreHistogram(all, 'p2')).toEqual([{ from: 29, to: 30, count: 2 }]);
    expect(scoreHistogram([c('X', null, null)], null)).toEqual([]);
  });
});

describe('filterCandidates', () => {
  it('by part of the id and by outcome', () => {
    expect(filterCandidates(all, 'a', 'all').map((x) => x.candidateId)).toEqual(['A1', 'A2']);
    expect(filterCandidates(all, '', 'none').map((x) => x.candidateId)).toEqual(['X']);
    expect(filterCandidates(all, '', 'admitted')).toHaveLength(4);
    expect(filterCandidates(all, 'b', 'p2').map((x) => x.candidateId)).toEqual(['B1', 'B2']);
    expect(filterCandidates(all, 'b', 'p1')).toEqual([]);
  });
});
