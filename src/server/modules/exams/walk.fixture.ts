import { expect } from 'vitest';
import { multipartUpload } from '../../testing/multipart.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// An exam of A with a candidate, and an agreement of A and C in force with an admissions area: B must never reach the
// exam, its candidates, statistics, template or access log, and no answer may carry the candidate's name or number.
export const walkFixture: WalkFixture = {
  async build({ db, a, c, adminA }) {
    const agreement = await adminA.post('/api/v1/agreements', {
      content: {
        kind: 'mou',
        titleVi: 'Thỏa thuận tuyển sinh kín A–C',
        titleEn: 'Private admissions agreement A–C',
        startDate: '2026-01-01',
        endDate: '2099-12-31',
        parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
        areas: [{ key: 'admissions', kind: 'admissions', titleVi: 'Tuyển sinh', titleEn: 'Admissions' }],
      },
    });
    expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
    await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', agreement.body.id).execute();
    const exam = await adminA.post('/api/v1/exams', {
      code: 'WALK-1',
      titleVi: 'Kỳ thi của A',
      titleEn: 'Exam of A',
      year: 2026,
      rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
      subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
    });
    expect(exam.status, JSON.stringify(exam.body)).toBe(201);
    const csv = 'candidateNumber,fullName,dateOfBirth,round,venue,math\r\nWALKSECRET-0001,THÍ SINH Bí Mật,2008-01-02,r1,Hà Nội,7.5\r\n';
    const upload = multipartUpload({ mode: 'all' }, 'walk.csv', Buffer.from(csv));
    const imported = await adminA.request('POST', `/api/v1/exams/${exam.body.id}/import`, upload.body, upload.headers);
    expect(imported.body.created, JSON.stringify(imported.body)).toBe(1);
    // Kept a draft: a published exam's title, id and organiser are public (GET /public/exams lists them for candidates),
    // which the walk would count as leaks of A. Publishing, consent and the gate are exams.test.ts's part.
    const candidate = await db.selectFrom('exam_candidates').select('id').where('exam_id', '=', exam.body.id).executeTakeFirstOrThrow();
    return {
      ids: { exam: exam.body.id, examsAgreement: agreement.body.id },
      hiddenIds: [candidate.id],
      secrets: ['THÍ SINH Bí Mật', 'WALKSECRET-0001', 'Thỏa thuận tuyển sinh kín A–C'],
    };
  },
};
