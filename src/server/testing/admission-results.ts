import { expect } from 'vitest';
import type { ApiClient } from './test-app.ts';

// A run's results as a client reads them through the API: every page of its candidates, and each program's figures.

export interface ResultCandidate {
  candidateId: string;
  programId: string | null;
  programCode: string | null;
  admittedElsewhere: boolean;
}

export async function runCandidates(client: ApiClient, runId: string): Promise<ResultCandidate[]> {
  const out: ResultCandidate[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: ResultCandidate[]; nextCursor: string | null } } = await client.get(`/api/v1/admission-runs/${runId}/results?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

export async function runFigures(client: ApiClient, runId: string) {
  const res = await client.get(`/api/v1/admission-runs/${runId}/summary`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.programs as { programId: string; code: string; quota: number; admitted: number; cutoff: number | null }[]).map(
    ({ programId, code, quota, admitted, cutoff }) => ({ programId, code, quota, admitted, cutoff }),
  );
}
