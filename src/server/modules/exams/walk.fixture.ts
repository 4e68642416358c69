import { expect } from 'vitest';
import { multipartUpload } from '../../testing/multipart.ts';
import type { WalkFixture } from '../../testing/walk-fixture.ts';

// A published exam of A with a candidate who consented to share with A's partner C, through an agreement of A and C in
// force with an admissions area: B must never reach the exam, its candidates, results or access log, and no answer may
// carry the candidate's name or number. (Published exams' titles are public: the candidates' lookup lists them.)
export const walkFixture: WalkFixture = {
  async build({ db, a, c, adminA, officerC }) {
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
    const published = await adminA.post(`/api/v1/exams/${exam.body.id}/publish`, { version: exam.body.version });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const consent = await adminA.put('/api/v1/public/exam-consents', {
      examId: exam.body.id,
      candidateNumber: 'WALKSECRET-0001',
      dateOfBirth: '2008-01-02',
      institutionId: c.institution.id,
      consent: true,
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    // C reads once, so the access log has an entry.
    const admissionsC = await officerC.get(`/api/v1/exams/${exam.body.id}/shared-results`);
    expect(admissionsC.status).toBe(403); // an officer is no admissions officer
    const candidate = await db.selectFrom('exam_candidates').select('id').where('exam_id', '=', exam.body.id).executeTakeFirstOrThrow();
    return {
      ids: { exam: exam.body.id, examsAgreement: agreement.body.id },
      hiddenIds: [candidate.id],
      secrets: ['THÍ SINH Bí Mật', 'WALKSECRET-0001', 'Thỏa thuận tuyển sinh kín A–C'],
    };
  },
};
