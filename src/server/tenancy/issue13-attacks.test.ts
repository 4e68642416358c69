import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../testing/factories.ts';
import { multipartUpload } from '../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../testing/test-app.ts';

// Attacks on shared exam results (issue 13). A runs a published exam; C admits through an agreement with A in force
// with an admissions area, one candidate consented to C, and (in the last test) both applied to C; B is a stranger. (The walk keeps its exam a draft,
// since published exams' titles are public: this file attacks a published one.)

let t: TestApp;
let a: Awaited<ReturnType<typeof buildTenant>>;
let b: Awaited<ReturnType<typeof buildTenant>>;
let c: Awaited<ReturnType<typeof buildTenant>>;
let examId: string;
const SECRET = 'THÍ SINH Bí Ẩn';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  [a, b, c] = [await buildTenant(db), await buildTenant(db), await buildTenant(db)];
  const organiser = await t.login((await buildUser(db, a.institution.id, ['exam_organiser'])).email);
  const officerA = await t.login(a.officer.email);
  const agreement = await officerA.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: 'Tuyển sinh A–C',
      titleEn: 'Admissions A–C',
      startDate: '2025-01-01',
      endDate: '2099-12-31',
      parties: [{ institutionId: a.institution.id }, { institutionId: c.institution.id }],
      areas: [{ key: 'adm', kind: 'admissions', titleVi: 'Tuyển sinh', titleEn: 'Admissions' }],
    },
  });
  await db.updateTable('agreements').set({ status: 'active' }).where('id', '=', agreement.body.id).execute();
  const exam = await organiser.post('/api/v1/exams', {
    code: 'ATK',
    titleVi: 'Kỳ thi A',
    titleEn: 'Exam A',
    year: 2026,
    rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-23', venues: ['Hà Nội'] }],
    subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25 }],
  });
  examId = exam.body.id;
  const csv = `candidateNumber,fullName,dateOfBirth,round,venue,math\r\nX-1,${SECRET},2008-01-02,r1,Hà Nội,9\r\nX-2,Thí Sinh Hai,2008-01-03,r1,Hà Nội,4\r\n`;
  const { body, headers } = multipartUpload({ mode: 'all' }, 'x.csv', Buffer.from(csv));
  expect((await organiser.request('POST', `/api/v1/exams/${examId}/import`, body, headers)).body.created).toBe(2);
  expect((await organiser.post(`/api/v1/exams/${examId}/publish`, { version: exam.body.version })).status).toBe(200);
  const consent = await t.client().put('/api/v1/public/exam-consents', { examId, candidateNumber: 'X-1', dateOfBirth: '2008-01-02', institutionId: c.institution.id, consent: true });
  expect(consent.status).toBe(200);
});
afterAll(() => t.close());

async function strangers(): Promise<[string, ApiClient][]> {
  const db = t.database.db;
  const admin = await t.login(b.admin.email);
  const token = (await admin.post('/api/v1/admin/api-tokens', { name: 'all', scopes: ['exams:read', 'exams:write', 'agreements:read', 'directory:read'] })).body.token;
  return [
    ['B admin', admin],
    ['B admissions officer', await t.login((await buildUser(db, b.institution.id, ['admissions_officer'])).email)],
    ['B exam organiser', await t.login((await buildUser(db, b.institution.id, ['exam_organiser'])).email)],
    ['B token', t.client().withToken(token)],
  ];
}

describe('a stranger institution', () => {
  it('reaches nothing of a published exam: not the exam, candidates, statistics, shared results or the access log', async () => {
    for (const [name, client] of await strangers()) {
      for (const path of ['', '/candidates', '/statistics', '/shared-results', '/shared-results?candidate=X-1', '/access-log', '/import-template']) {
        const res = await client.get(`/api/v1/exams/${examId}${path}`);
        expect(res.status, `${name} GET ${path}`).toBe(404);
        expect(JSON.stringify(res.body), `${name} GET ${path}`).not.toContain(SECRET);
      }
      const list = await client.get('/api/v1/exams');
      expect(JSON.stringify(list.body), name).not.toContain(examId);
      expect((await client.post(`/api/v1/exams/${examId}/publish`, { version: 2 })).status, name).toBe(404);
    }
  });

  it('cannot make a candidate consent to it, even knowing the number and date of birth', async () => {
    const res = await t.client().put('/api/v1/public/exam-consents', { examId, candidateNumber: 'X-2', dateOfBirth: '2008-01-03', institutionId: b.institution.id, consent: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0].field).toBe('institutionId');
    const rows = await t.database.db.selectFrom('exam_consents').select('institution_id').where('institution_id', '=', b.institution.id).execute();
    expect(rows).toEqual([]);
  });
});

describe('the admitting institution', () => {
  it('reads only the consenting candidate, cannot list every candidate, and never the organiser’s log', async () => {
    const admissions = await t.login((await buildUser(t.database.db, c.institution.id, ['admissions_officer'])).email);
    // Consent alone opens nothing: the candidate must have applied to C (a preference for one of C's programs).
    expect((await admissions.get(`/api/v1/exams/${examId}/shared-results`)).body.items).toEqual([]);
    const season = await admissions.post('/api/v1/admission-seasons', { titleVi: 'Tuyển sinh C', titleEn: 'Admission C', year: 2026 });
    const methods = [{ methodId: 'M', components: [{ examId, subject: 'math', weight: 1 }] }];
    expect((await admissions.post(`/api/v1/admission-seasons/${season.body.id}/programs`, { code: 'C1', nameVi: 'Ngành C', nameEn: 'Program C', quota: 5, methods })).status).toBe(201);
    const ids = await t.database.db.selectFrom('exam_candidates').select('id').where('exam_id', '=', examId).orderBy('number').execute();
    const prefs = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from(`candidate_id,rank,program_id\r\n${ids.map((r) => `${r.id},1,C1`).join('\r\n')}\r\n`));
    expect((await admissions.request('POST', `/api/v1/admission-seasons/${season.body.id}/preferences/import`, prefs.body, prefs.headers)).status).toBe(200);
    const shared = await admissions.get(`/api/v1/exams/${examId}/shared-results`);
    expect(shared.body.items.map((x: { number: string }) => x.number)).toEqual(['X-1']);
    expect((await admissions.get(`/api/v1/exams/${examId}/candidates`)).status).toBe(403);
    expect((await admissions.get(`/api/v1/exams/${examId}/access-log`)).status).toBe(403);
    // A forged cursor or a second page reaches no one else.
    const forged = Buffer.from(JSON.stringify({ k: '', id: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
    expect((await admissions.get(`/api/v1/exams/${examId}/shared-results?cursor=${forged}`)).body.items.map((x: { number: string }) => x.number)).toEqual(['X-1']);
    // Its members and students read no exam.
    const member = await t.login(c.member.email);
    expect((await member.get(`/api/v1/exams/${examId}/shared-results`)).status).toBe(404);
  });
});
