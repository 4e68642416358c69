import type { PublishRun, RunCandidatePage, RunComparison, RunSummary } from '../../../contracts/admissions.ts';
import type { In, Out } from '../api-examples-common.ts';
import { run, season } from './api-examples.ts';

// OpenAPI examples for results-routes.ts: the results of HMU's 2026 final run, its comparison with the dry run before it.

const PROGRAM = 'c2e6a9d3-8f1b-4d57-a3c9-6b0e4f8a2d15';
const DRY_RUN = '0d4b8f2a-6e1c-4a97-b3d5-9f2e7c1a8b60';
const CANDIDATE = '2e8c4a6f-3b9d-4f15-a7e2-9c5b1d8f4a63';

const finalRun = { ...run, kind: 'final' as const };

export const candidatePage: Out<typeof RunCandidatePage> = {
  items: [
    { candidateId: CANDIDATE, external: false, candidateNumber: 'SPT26-000481', programId: PROGRAM, programCode: '7720101', rank: 1, score: 28.4, admittedElsewhere: false },
    { candidateId: 'HSA-2026-11873', external: true, candidateNumber: null, programId: null, programCode: null, rank: null, score: null, admittedElsewhere: false },
  ],
  nextCursor: 'eyJrIjoiZXh0OkhTQS0yMDI2LTExODczIiwiaWQiOiJlOWExYzVmNy0yYjZkLTRlODMtOWY0YS0wYzdkM2I4ZTFmNTIifQ',
};

const histogram = Array.from({ length: 30 }, (_, i) => ({ from: i, to: i + 1, admitted: i >= 27 ? [0, 0, 0, 310, 84, 6][i - 24] : 0, applicants: i >= 20 ? [40, 52, 61, 70, 83, 96, 120, 350, 92, 8][i - 20] : 0 }));
export const summary: Out<typeof RunSummary> = {
  run: finalRun,
  published: true,
  programs: [{ programId: PROGRAM, code: '7720101', nameVi: 'Y khoa', nameEn: 'Medicine', quota: 400, admitted: 400, cutoff: 27.15, applicants: 972, histogram }],
};

export const publish: In<typeof PublishRun> = { version: 3 };
export const publishedSeason = { ...season, status: 'published' as const, version: 4, publishedRunId: run.id };

export const comparison: Out<typeof RunComparison> = {
  a: { ...run, id: DRY_RUN },
  b: finalRun,
  programs: [
    {
      programId: PROGRAM,
      code: '7720101',
      nameVi: 'Y khoa',
      nameEn: 'Medicine',
      a: { quota: 380, admitted: 380, cutoff: 27.4 },
      b: { quota: 400, admitted: 400, cutoff: 27.15 },
      delta: { quota: 20, admitted: 20, cutoff: -0.25 },
    },
  ],
  moved: 1,
  moves: {
    items: [{ candidateId: CANDIDATE, external: false, candidateNumber: 'SPT26-000481', from: null, to: { programId: PROGRAM, programCode: '7720101', rank: 1, score: 27.15 } }],
    nextCursor: null,
  },
};
