import { expect } from 'vitest';
import { multipartUpload } from '../../testing/multipart.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';
import { executeRun } from './run-job.ts';

// A season of A with a program (admitting by A's exam), an equivalence table, an external candidate's preference, a finished dry run and a
// published final run; and a consortium season A coordinates with C (A's consortium partner) as a member and a
// program of C's: B must reach none of them, their members, results, files or comparison, or the candidate's id.
export const walkFixture: WalkFixture = {
  needs: ['exams'],
  async build({ t, c, consortium, adminA, built }) {
    const season = await adminA.post('/api/v1/admission-seasons', { titleVi: 'Đợt tuyển sinh kín', titleEn: 'Private admission season', year: 2026 });
    expect(season.status, JSON.stringify(season.body)).toBe(201);
    const program = await adminA.post(`/api/v1/admission-seasons/${season.body.id}/programs`, {
      code: 'SECRET-PRG',
      nameVi: 'Ngành Bí Mật',
      nameEn: 'Secret program',
      quota: 1,
      methods: [{ methodId: 'M1', components: [{ examId: built.exam, subject: 'math', weight: 1 }] }],
    });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    const table = await adminA.post(`/api/v1/admission-seasons/${season.body.id}/equivalence-tables`, { name: 'SECRET-EQ', segments: [{ a: 0, b: 150, c: 0, d: 30 }] });
    expect(table.status, JSON.stringify(table.body)).toBe(201);
    const csv = 'candidate_id,rank,program_id,score\r\nEXTSECRET-77,1,SECRET-PRG,24.5\r\n';
    const upload = multipartUpload({ mode: 'all' }, 'prefs.csv', Buffer.from(csv));
    const imported = await adminA.request('POST', `/api/v1/admission-seasons/${season.body.id}/preferences/import`, upload.body, upload.headers);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const run = await adminA.post(`/api/v1/admission-seasons/${season.body.id}/runs`, { kind: 'dry' });
    expect(run.status, JSON.stringify(run.body)).toBe(202);
    await executeRun(t.deps, run.body.id);
    const done = await adminA.get(`/api/v1/admission-runs/${run.body.id}`);
    expect(done.body.status, JSON.stringify(done.body)).toBe('done');
    // A final run, published: its results, comparison, exports and publication are A's too.
    const final = await adminA.post(`/api/v1/admission-seasons/${season.body.id}/runs`, { kind: 'final' });
    expect(final.status, JSON.stringify(final.body)).toBe(202);
    await executeRun(t.deps, final.body.id);
    const current = await adminA.get(`/api/v1/admission-seasons/${season.body.id}`);
    const published = await adminA.post(`/api/v1/admission-runs/${final.body.id}/publish`, { version: current.body.version });
    expect(published.status, JSON.stringify(published.body)).toBe(200);

    const joint = await adminA.post('/api/v1/admission-seasons', { titleVi: 'Xét tuyển chung kín', titleEn: 'Private joint admission', year: 2026, consortiumId: consortium.id });
    expect(joint.status, JSON.stringify(joint.body)).toBe(201);
    expect((await adminA.put(`/api/v1/admission-seasons/${joint.body.id}/members`, { institutionIds: [c.institution.id], version: joint.body.version })).status).toBe(200);
    // C's program admits by an exam of C's (a member names its own or published exams).
    const adminC = await t.login(c.admin.email);
    const examC = await adminC.post('/api/v1/exams', {
      code: 'WALK-C',
      titleVi: 'Kỳ thi của C',
      titleEn: 'Exam of C',
      year: 2026,
      rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
      subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
    });
    expect(examC.status, JSON.stringify(examC.body)).toBe(201);
    const programC = await adminC.post(`/api/v1/admission-seasons/${joint.body.id}/programs`, {
      code: 'SECRET-C',
      nameVi: 'Ngành Kín Của C',
      nameEn: 'Private program of C',
      quota: 2,
      methods: [{ methodId: 'M1', components: [{ examId: examC.body.id, subject: 'math', weight: 1 }] }],
    });
    expect(programC.status, JSON.stringify(programC.body)).toBe(201);
    return {
      ids: {
        admissionSeason: season.body.id,
        admissionProgram: program.body.id,
        admissionRun: run.body.id,
        admissionFinalRun: final.body.id,
        admissionJointSeason: joint.body.id,
        admissionMemberProgram: programC.body.id,
        admissionEquivalenceTable: table.body.id,
      },
      secrets: ['Đợt tuyển sinh kín', 'Private admission season', 'Ngành Bí Mật', 'SECRET-PRG', 'SECRET-EQ', 'EXTSECRET-77', 'Xét tuyển chung kín', 'Ngành Kín Của C', 'SECRET-C'],
    };
  },
};
