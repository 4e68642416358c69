import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './data/index.ts';
import { SPT_CANDIDATES, sptCandidates } from './exams-loader.ts';

// The demo SPT 2026 (seed 001) obeys the exams module's rules and tells its story: HNUE's organiser runs it, HMU's
// admissions officer reads the consenting majority through the HNUE–HMU admissions agreement, and a candidate finds
// their results.

let t: TestApp;
let organiser: ApiClient;
let admissions: ApiClient;
let examId: string;

beforeAll(async () => {
  // The demo's "today" (its data is dated as of 23 November 2026).
  t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-23T10:00:00+07:00') } });
  organiser = await t.login('exams@hnue.demo.hoptac.vn', DEMO_PASSWORD);
  admissions = await t.login('admissions@hmu.demo.hoptac.vn', DEMO_PASSWORD);
  const list = await organiser.get('/api/v1/exams');
  expect(list.status).toBe(200);
  examId = list.body.items.find((e: { code: string }) => e.code === 'SPT-2026').id;
});
afterAll(() => t.close());

describe('the demo SPT 2026', () => {
  it('has two rounds over eight provinces and cities, eight subjects on 0–10, the essay worth 30% of Literature', async () => {
    const exam = (await organiser.get(`/api/v1/exams/${examId}`)).body;
    expect(exam.status).toBe('published');
    expect(exam.isSample).toBe(true);
    expect(exam.candidateCount).toBe(SPT_CANDIDATES);
    expect(exam.rounds.map((r: { startDate: string; endDate: string }) => [r.startDate, r.endDate])).toEqual([
      ['2026-05-23', '2026-05-24'],
      ['2026-05-30', '2026-05-31'],
    ]);
    expect(new Set(exam.rounds.flatMap((r: { venues: string[] }) => r.venues)).size).toBe(8);
    expect(exam.subjects).toHaveLength(8);
    const literature = exam.subjects.find((s: { key: string }) => s.key === 'literature');
    expect(literature.parts.find((p: { key: string }) => p.key === 'essay').weight).toBe(30);
    expect(exam.permissions).toMatchObject({ edit: false, readCandidates: true, readAccessLog: true });
  });

  it('keeps every score on its scale and every Literature total the weighted sum of its parts', async () => {
    const rows = await t.database.db
      .selectFrom('exam_scores as s')
      .innerJoin('exam_subjects as sub', 'sub.id', 's.subject_id')
      .select(['s.total', 's.parts', 'sub.key', 'sub.min_score', 'sub.max_score'])
      .where('sub.exam_id', '=', examId)
      .execute();
    expect(rows.length).toBe(SPT_CANDIDATES * 5);
    for (const r of rows) {
      expect(Number(r.total)).toBeGreaterThanOrEqual(Number(r.min_score));
      expect(Number(r.total)).toBeLessThanOrEqual(Number(r.max_score));
      if (r.key === 'literature') {
        const p = r.parts as { mcq: number; essay: number };
        expect(Math.abs(Number(r.total) - (p.mcq * 0.7 + p.essay * 0.3))).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
    const samples = await t.database.db.selectFrom('exam_candidates').select('is_sample').where('exam_id', '=', examId).where('is_sample', '=', false).execute();
    expect(samples).toEqual([]);
  });

  it('is the same for every start (a seeded generator)', () => {
    expect(sptCandidates(50)).toEqual(sptCandidates(50));
    expect(new Set(sptCandidates(2000).map((c) => c.number)).size).toBe(2000);
  });

  it('lets HMU read the consenting majority through the admissions agreement, and shows the read to HNUE', async () => {
    const consenting = await t.database.db
      .selectFrom('exam_consents')
      .select(t.database.db.fn.countAll().as('n'))
      .where('withdrawn_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(consenting.n)).toBeGreaterThan(SPT_CANDIDATES / 2);
    const shared = await admissions.get(`/api/v1/exams/${examId}/shared-results?limit=20`);
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.items).toHaveLength(20);
    expect(shared.body.agreementIds).toHaveLength(1);
    const log = await organiser.get(`/api/v1/exams/${examId}/access-log`);
    expect(log.body.items[0]).toMatchObject({ readerInstitutionCode: 'HMU', candidateCount: 20 });
    expect(log.body.items.at(-1)).toMatchObject({ readerInstitutionCode: 'HMU', candidateCount: 50 });
    const stats = await admissions.get(`/api/v1/exams/${examId}/statistics`);
    expect(stats.status).toBe(200);
    expect(stats.body.subjects.find((s: { subjectKey: string }) => s.subjectKey === 'math').count).toBe(SPT_CANDIDATES);
  });

  it('answers a candidate’s lookup', async () => {
    const c = await t.database.db.selectFrom('exam_candidates').select(['number', 'date_of_birth']).where('number', '=', 'SPT26-000001').executeTakeFirstOrThrow();
    const dob = typeof c.date_of_birth === 'string' ? c.date_of_birth : new Date(c.date_of_birth).toISOString().slice(0, 10);
    const res = await t.client().post('/api/v1/public/exam-results', { examId, candidateNumber: 'SPT26-000001', dateOfBirth: dob });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.scores).toHaveLength(5);
    expect(res.body.consents.map((x: { code: string }) => x.code)).toContain('HMU');
  });

  it('gives the organiser and the admissions officer something to do on the home page', async () => {
    const mine = (await organiser.get('/api/v1/home')).body.sections.find((x: { key: string }) => x.key === 'exams.mine');
    expect(mine.count).toBeGreaterThan(0);
    expect(mine.items[0].path).toBe(`/exams/${examId}`);
    const shared = (await admissions.get('/api/v1/home')).body.sections.find((x: { key: string }) => x.key === 'exams.shared');
    expect(shared.count).toBe(1);
    expect(shared.items[0].detail).toMatch(/1[0-9]\.?[0-9]{3} thí sinh đồng ý/);
  });
});
