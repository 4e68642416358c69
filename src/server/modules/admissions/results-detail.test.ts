import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { executeRun } from './run-job.ts';
import type { DetailScope } from './visibility.ts';

// The candidate-level reads follow the caller's detail scope (visibility.ts): here the scope is set by the test (a
// consortium member sees only its own programs' applicants), so the results list, the comparison and the files show
// just those candidates, and a candidate admitted to a program out of scope as admitted elsewhere, never naming it.

const scope = vi.hoisted(() => ({ current: 'all' as DetailScope }));
vi.mock('./visibility.ts', async (original) => ({
  ...(await original<typeof import('./visibility.ts')>()),
  detailScope: async () => scope.current,
}));

let t: TestApp;
let officer: ApiClient;
const programs: Record<string, string> = {};
let seasonId: string;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  const adm = await buildTenant(db, { code: `RDET${Date.now() % 100000}` });
  officer = await t.login((await buildUser(db, adm.institution.id, ['admissions_officer'])).email);
  const admin = await t.login(adm.admin.email);
  const exam = await admin.post('/api/v1/exams', {
    code: 'DET-26',
    titleVi: 'Kỳ thi',
    titleEn: 'Exam',
    year: 2026,
    rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
    subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
  });
  const season = await officer.post('/api/v1/admission-seasons', { titleVi: 'Đợt liên kết', titleEn: 'Consortium-like season', year: 2026 });
  seasonId = season.body.id;
  for (const code of ['MINE', 'THEIRS']) {
    const p = await officer.post(`/api/v1/admission-seasons/${seasonId}/programs`, {
      code,
      nameVi: code,
      nameEn: code,
      quota: code === 'MINE' ? 1 : 2,
      methods: [{ methodId: 'M', components: [{ examId: exam.body.id, subject: 'math', weight: 1 }] }],
    });
    programs[code] = p.body.id;
  }
  // A: admitted to MINE. B: applied to MINE, admitted to THEIRS. C: only THEIRS, admitted. D: only THEIRS, not admitted.
  const prefs = ['A,1,MINE,25', 'B,1,MINE,24', 'B,2,THEIRS,26', 'C,1,THEIRS,27', 'D,1,THEIRS,20'];
  const { body, headers } = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from(`candidate_id,rank,program_id,score\r\n${prefs.join('\r\n')}\r\n`));
  expect((await officer.request('POST', `/api/v1/admission-seasons/${seasonId}/preferences/import`, body, headers)).status).toBe(200);
});
afterAll(() => t.close());

async function doneRun() {
  const started = await officer.post(`/api/v1/admission-seasons/${seasonId}/runs`, { kind: 'dry' });
  await executeRun(t.deps, started.body.id);
  return started.body.id as string;
}

describe('a caller who sees one program in detail', () => {
  it('lists, compares and exports only its applicants, and names no other program', async () => {
    const run = await doneRun();
    scope.current = 'all';
    const everyone = (await officer.get(`/api/v1/admission-runs/${run}/results`)).body.items as { candidateId: string; programCode: string | null }[];
    expect(Object.fromEntries(everyone.map((c) => [c.candidateId, c.programCode]))).toEqual({ A: 'MINE', B: 'THEIRS', C: 'THEIRS', D: null });

    scope.current = { programIds: [programs.MINE] };
    const mine = await officer.get(`/api/v1/admission-runs/${run}/results`);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ candidateId: 'A', programCode: 'MINE', admittedElsewhere: false }),
      expect.objectContaining({ candidateId: 'B', programId: null, programCode: null, rank: null, score: null, admittedElsewhere: true }),
    ]);
    expect((await officer.get(`/api/v1/admission-runs/${run}/results?q=C`)).body.items).toEqual([]);
    expect((await officer.get(`/api/v1/admission-runs/${run}/results?program=${programs.THEIRS}`)).body.items.map((c: { candidateId: string }) => c.candidateId)).toEqual(['B']);

    const assignments = await t.app.inject({ method: 'GET', url: `/api/v1/admission-runs/${run}/assignments.csv`, headers: { cookie: officer.cookie! } });
    // B is admitted to THEIRS, which this caller does not see: written as not admitted to any of its programs.
    expect(assignments.body).toBe('candidate_id,program_id,rank\nA,MINE,1\nB,,\n');
    const applications = await t.app.inject({ method: 'GET', url: `/api/v1/admission-runs/${run}/applications.csv`, headers: { cookie: officer.cookie! } });
    expect(applications.body).toBe('candidate_id,rank,program_id,score\nA,1,MINE,25.00\nB,1,MINE,24.00\n');
    // The figures per program are for everyone who may open the season.
    const summary = await officer.get(`/api/v1/admission-runs/${run}/summary`);
    expect(summary.body.programs.map((p: { code: string; admitted: number }) => [p.code, p.admitted])).toEqual([
      ['MINE', 1],
      ['THEIRS', 2],
    ]);

    // B moves out of THEIRS when MINE gets a second seat: the comparison shows the move, naming MINE only.
    scope.current = 'all';
    const list = (await officer.get(`/api/v1/admission-seasons/${seasonId}/programs`)).body.items as { id: string; version: number }[];
    const mineVersion = list.find((p) => p.id === programs.MINE)!.version;
    expect((await officer.patch(`/api/v1/admission-programs/${programs.MINE}`, { quota: 2, version: mineVersion })).status).toBe(200);
    const later = await doneRun();
    scope.current = { programIds: [programs.MINE] };
    const cmp = await officer.get(`/api/v1/admission-runs/${run}/compare?with=${later}`);
    expect(cmp.body.moves.items).toEqual([expect.objectContaining({ candidateId: 'B', from: null, to: expect.objectContaining({ programCode: 'MINE' }) })]);
    scope.current = { programIds: [] };
    expect((await officer.get(`/api/v1/admission-runs/${run}/compare?with=${later}`)).body).toMatchObject({ moved: 0, moves: { items: [] } });
    expect((await officer.get(`/api/v1/admission-runs/${run}/results`)).body.items).toEqual([]);
    scope.current = 'all';
  });
});
