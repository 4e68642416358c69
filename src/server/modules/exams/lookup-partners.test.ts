import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';

// The public lookup offers consent to the organiser's admitting partners in force, which a process keeps while nothing
// is written (exams/service.ts `admittingPartners`, keyed by platform/data-changes.ts generations). Here the app listens
// for data changes, as a served process does: an agreement that ends takes its partner off the next lookups.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ changes: true });
});
afterAll(() => t?.close());

const db = () => t.database.db;

async function untilNewGeneration(before: number | null) {
  for (let i = 0; i < 200 && t.deps.changes?.generation() === before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(t.deps.changes?.generation()).not.toBe(before);
}

describe('admitting partners offered by the public lookup', () => {
  it('follow the agreements: an ended agreement is no longer offered, a new one is', async () => {
    const org = await buildTenant(db(), { code: `LPO${Date.now() % 100000}` });
    const adm = await buildTenant(db(), { code: `LPA${Date.now() % 100000}` });
    const organiser = await t.login((await buildUser(db(), org.institution.id, ['exam_organiser'])).email);
    const exam = await organiser.post('/api/v1/exams', {
      code: 'LP-1',
      titleVi: 'Kỳ thi LP',
      titleEn: 'Exam LP',
      year: 2026,
      rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
      subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
    });
    expect(exam.status, JSON.stringify(exam.body)).toBe(201);
    const { body, headers } = multipartUpload({ mode: 'all' }, 'r.csv', Buffer.from('candidateNumber,fullName,dateOfBirth,round,venue,math\r\nL001,An Văn Bình,2008-01-01,r1,Hà Nội,9\r\n'));
    expect((await organiser.request('POST', `/api/v1/exams/${exam.body.id}/import`, body, headers)).status).toBe(200);
    expect((await organiser.post(`/api/v1/exams/${exam.body.id}/publish`, { version: exam.body.version })).status).toBe(200);

    const lookup = async () => {
      await db().deleteFrom('rate_events').execute();
      const res = await t.client().post('/api/v1/public/exam-results', { examId: exam.body.id, candidateNumber: 'L001', dateOfBirth: '2008-01-01' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body.consents as { institutionId: string }[]).map((c) => c.institutionId);
    };
    expect(await lookup()).toEqual([]);

    const agree = async () => {
      const before = t.deps.changes?.generation() ?? null;
      const res = await (await t.login(org.officer.email)).post('/api/v1/agreements', {
        content: {
          kind: 'mou',
          titleVi: 'Thỏa thuận tuyển sinh',
          titleEn: 'Admissions agreement',
          startDate: '2025-01-01',
          endDate: '2099-12-31',
          parties: [{ institutionId: org.institution.id }, { institutionId: adm.institution.id }],
          areas: [{ key: 'a1', kind: 'admissions', titleVi: 'Tuyển sinh', titleEn: 'Admissions' }],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      await db().updateTable('agreements').set({ status: 'active' }).where('id', '=', res.body.id).execute();
      await untilNewGeneration(before);
      return res.body.id as string;
    };
    const agreement = await agree();
    expect(await lookup()).toEqual([adm.institution.id]);
    expect(await lookup()).toEqual([adm.institution.id]); // kept: the same answer while nothing is written

    const before = t.deps.changes?.generation() ?? null;
    await db().updateTable('agreements').set({ status: 'terminated' }).where('id', '=', agreement).execute();
    await untilNewGeneration(before);
    expect(await lookup()).toEqual([]);

    await agree();
    expect(await lookup()).toEqual([adm.institution.id]);
  });
});
