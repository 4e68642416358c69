import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatchingInstance, NO_SCORE, runMatching } from '../../../engines/admission/index.ts';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { executeRun, failAbandonedRuns } from './run-job.ts';

// Admissions (issue 13, item 3): seasons and programs (validation, versions, tenancy), the preference import, and
// matching runs: the assignment is the engine's on the same data, another organiser's results are read only for
// consenting candidates, a cancelled or failed run leaves earlier results as they were, one run of a season at a time,
// a run whose process died is failed by the sweep.

let t: TestApp;
let org: Awaited<ReturnType<typeof buildTenant>>;
let adm: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let officer: ApiClient; // adm's admissions officer (Vietnamese)
let officerEn: ApiClient; // another one, in English
let admAdmin: ApiClient;
let stranger: ApiClient; // another institution's admissions officer
const db = () => t.database.db;

let ownExam: string;
let sharedExam: string;
const cand: Record<string, string> = {}; // candidate number → exam_candidates.id

const examDefinition = (code: string) => ({
  code,
  titleVi: `Kỳ thi ${code}`,
  titleEn: `Exam ${code}`,
  year: 2026,
  rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
  subjects: [
    { key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] },
    {
      key: 'lit',
      nameVi: 'Ngữ văn',
      nameEn: 'Literature',
      minScore: 0,
      maxScore: 10,
      step: 0.25,
      parts: [
        { key: 'mcq', nameVi: 'Trắc nghiệm', nameEn: 'Multiple choice', weight: 70 },
        { key: 'essay', nameVi: 'Tự luận', nameEn: 'Essay', weight: 30 },
      ],
    },
  ],
});

async function examWith(client: ApiClient, code: string, lines: string[], publish: boolean) {
  const exam = await client.post('/api/v1/exams', examDefinition(code));
  expect(exam.status, JSON.stringify(exam.body)).toBe(201);
  const csv = Buffer.from(`candidateNumber,fullName,dateOfBirth,round,venue,math,lit.mcq,lit.essay\r\n${lines.join('\r\n')}\r\n`);
  const { body, headers } = multipartUpload({ mode: 'all' }, 'results.csv', csv);
  const imported = await client.request('POST', `/api/v1/exams/${exam.body.id}/import`, body, headers);
  expect(imported.body.created, JSON.stringify(imported.body)).toBe(lines.length);
  if (publish) expect((await client.post(`/api/v1/exams/${exam.body.id}/publish`, { version: exam.body.version })).status).toBe(200);
  const rows = await db().selectFrom('exam_candidates').select(['id', 'number']).where('exam_id', '=', exam.body.id).execute();
  for (const r of rows) cand[r.number] = r.id;
  return exam.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  org = await buildTenant(db(), { code: `AORG${Date.now() % 100000}` });
  adm = await buildTenant(db(), { code: `AADM${Date.now() % 100000}` });
  other = await buildTenant(db(), { code: `AOTH${Date.now() % 100000}` });
  officer = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'])).email);
  admAdmin = await t.login(adm.admin.email);
  officerEn = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'], { language: 'en' })).email);
  stranger = await t.login((await buildUser(db(), other.institution.id, ['admissions_officer'])).email);
  const organiser = await t.login((await buildUser(db(), org.institution.id, ['exam_organiser'])).email);
  // adm's own exam (read directly) and org's published exam (read through the gate, consenting candidates only).
  ownExam = await examWith(admAdmin, 'OWN-26', [
    'A1,Nguyễn An,2008-01-01,r1,Hà Nội,9,8,8',
    'A2,Trần Bình,2008-01-02,r1,Hà Nội,7,6,6',
    'A3,Lê Chi,2008-01-03,r1,Hà Nội,8,9,9',
    'A4,Phạm Dũng,2008-01-04,r1,Hà Nội,5,5,5',
  ], false);
  sharedExam = await examWith(organiser, 'SH-26', ['S1,Hoàng Sơn,2008-02-01,r1,Hà Nội,9.5,5,5', 'S2,Vũ Thảo,2008-02-02,r1,Hà Nội,10,5,5'], true);
  const agreement = await (await t.login(org.officer.email)).post('/api/v1/agreements', {
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
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  agreementId = agreement.body.id;
  await db().updateTable('agreements').set({ status: 'active' }).where('id', '=', agreementId).execute();
  const consent = await t.client().put('/api/v1/public/exam-consents', {
    examId: sharedExam,
    candidateNumber: 'S1',
    dateOfBirth: '2008-02-01',
    institutionId: adm.institution.id,
    consent: true,
  });
  expect(consent.status, JSON.stringify(consent.body)).toBe(200);
});
afterAll(() => t.close());
let agreementId: string;

async function newSeason(title = `Tuyển sinh ${Math.random().toString(36).slice(2, 8)}`) {
  const res = await officer.post('/api/v1/admission-seasons', { titleVi: title, titleEn: `Admission ${title}`, year: 2026 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; titleVi: string };
}

async function addProgram(seasonId: string, body: Record<string, unknown>) {
  const res = await officer.post(`/api/v1/admission-seasons/${seasonId}/programs`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

async function importPreferences(seasonId: string, lines: string[], mode = 'all', client = officer) {
  const { body, headers } = multipartUpload({ mode }, 'preferences.csv', Buffer.from(`candidate_id,rank,program_id,score\r\n${lines.join('\r\n')}\r\n`));
  return client.request('POST', `/api/v1/admission-seasons/${seasonId}/preferences/import`, body, headers);
}

async function startRun(seasonId: string, kind = 'dry') {
  const res = await officer.post(`/api/v1/admission-seasons/${seasonId}/runs`, { kind });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.status).toBe('queued');
  return res.body.id as string;
}

/** The season of the matching tests: three programs over both exams and external candidates. */
async function matchingSeason() {
  const season = await newSeason();
  const p1 = await addProgram(season.id, {
    code: 'P1',
    nameVi: 'Ngành 1',
    nameEn: 'Program 1',
    quota: 2,
    floor: 16,
    methods: [{ methodId: 'OWN-ML', components: [{ examId: ownExam, subject: 'math', weight: 2 }, { examId: ownExam, subject: 'lit', weight: 1 }] }],
  });
  const p2 = await addProgram(season.id, {
    code: 'P2',
    nameVi: 'Ngành 2',
    nameEn: 'Program 2',
    quota: 1,
    methods: [
      { methodId: 'SH-M', components: [{ examId: sharedExam, subject: 'math', weight: 1 }] },
      { methodId: 'OWN-M', components: [{ examId: ownExam, subject: 'math', weight: 3 }] },
    ],
  });
  const p3 = await addProgram(season.id, {
    code: 'P3',
    nameVi: 'Ngành 3',
    nameEn: 'Program 3',
    quota: 1,
    methods: [{ methodId: 'OWN-L', components: [{ examId: ownExam, subject: 'lit', weight: 1 }] }],
  });
  const imported = await importPreferences(season.id, [
    `${cand.A1},1,P2,`,
    `${cand.A1},2,P1,`,
    `${cand.A2},1,P1,`,
    `${cand.A3},1,P1,`,
    `${cand.A3},2,P2,`,
    `${cand.A4},1,P1,`,
    `${cand.S1},1,P2,`,
    `${cand.S2},1,P2,`,
    `${cand.S2},2,P3,`,
    'X1,1,P1,24',
    'X1,2,P3,24',
    'X2,1,P3,23',
  ]);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  expect(imported.body).toEqual({ replaced: 0, created: 12, candidates: 8, profiles: 0 });
  return { season, programs: { P1: p1.id, P2: p2.id, P3: p3.id } };
}

const runOf = async (id: string) => (await officer.get(`/api/v1/admission-runs/${id}`)).body;
const resultsOf = (runId: string) => db().selectFrom('admission_run_results').selectAll().where('run_id', '=', runId).orderBy('candidate_key').execute();

describe('seasons and programs', () => {
  it('validates, naming the fields in Vietnamese and English', async () => {
    const empty = await officer.post('/api/v1/admission-seasons', { titleVi: '', titleEn: 'x', year: 2026 });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe('titleVi');
    const season = await newSeason();
    const body = { code: 'BAD', nameVi: 'Ngành', nameEn: 'Program', quota: 5, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'chemistry', weight: 1 }] }] };
    const en = await officerEn.post(`/api/v1/admission-seasons/${season.id}/programs`, body);
    const vi = await officer.post(`/api/v1/admission-seasons/${season.id}/programs`, body);
    for (const res of [en, vi]) {
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'methods.0.components.0.subject', code: 'unknown_subject' })]);
    }
    expect(en.body.error.details.fields[0].message).toBe('Subject (Admission methods #1 › Components #1): the exam has no subject “chemistry”.');
    expect(vi.body.error.details.fields[0].message).toBe('Môn (Phương thức xét tuyển #1 › Thành phần #1): kỳ thi không có môn “chemistry”.');
    const stranger = await officer.post(`/api/v1/admission-seasons/${season.id}/programs`, { ...body, methods: [{ methodId: 'M', components: [{ examId: crypto.randomUUID(), subject: 'math', weight: 1 }] }] });
    expect(stranger.body.error.details.fields[0]).toMatchObject({ field: 'methods.0.components.0.examId', code: 'unknown_exam' });
    const c1 = await officer.post(`/api/v1/admission-seasons/${season.id}/programs`, { ...body, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'math', weight: 1 }] }], tieBreak: ['c1'] });
    expect(c1.body.error.details.fields[0]).toMatchObject({ field: 'tieBreak.0', code: 'criterion_without_data' });
    const quota = await officer.post(`/api/v1/admission-seasons/${season.id}/programs`, { ...body, quota: -1 });
    expect(quota.body.error.details.fields[0].field).toBe('quota');
  });

  it('refuses a stale version with 409, and a second program of the same code', async () => {
    const season = await newSeason();
    const renamed = await officer.patch(`/api/v1/admission-seasons/${season.id}`, { titleEn: 'Renamed', version: season.version });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(season.version + 1);
    const stale = await officer.patch(`/api/v1/admission-seasons/${season.id}`, { titleEn: 'Again', version: season.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const program = await addProgram(season.id, { code: 'V1', nameVi: 'Ngành', nameEn: 'Program', quota: 1, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'math', weight: 1 }] }] });
    expect((await officer.patch(`/api/v1/admission-programs/${program.id}`, { quota: 3, version: program.version })).body.quota).toBe(3);
    const staleProgram = await officer.patch(`/api/v1/admission-programs/${program.id}`, { quota: 4, version: program.version });
    expect(staleProgram.status).toBe(409);
    expect(staleProgram.body.error.code).toBe('version_conflict');
    const dup = await officer.post(`/api/v1/admission-seasons/${season.id}/programs`, { code: 'V1', nameVi: 'Ngành', nameEn: 'Program', quota: 1, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'math', weight: 1 }] }] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.fields[0]).toMatchObject({ field: 'code', code: 'duplicate' });
  });

  it("answers 404 to another institution's officer and 403 to roles that run no admissions", async () => {
    const season = await newSeason();
    const program = await addProgram(season.id, { code: 'T1', nameVi: 'Ngành', nameEn: 'Program', quota: 1, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'math', weight: 1 }] }] });
    const run = await startRun(season.id);
    expect((await stranger.get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(404);
    expect((await stranger.patch(`/api/v1/admission-seasons/${season.id}`, { titleEn: 'x', version: 1 })).status).toBe(404);
    expect((await stranger.patch(`/api/v1/admission-programs/${program.id}`, { quota: 9, version: 1 })).status).toBe(404);
    expect((await stranger.get(`/api/v1/admission-runs/${run}`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/admission-runs/${run}/cancel`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'dry' })).status).toBe(404);
    expect((await stranger.get('/api/v1/admission-seasons')).body.items.map((s: { id: string }) => s.id)).not.toContain(season.id);
    for (const user of [adm.officer, adm.member, adm.student]) {
      const client = await t.login(user.email);
      const res = await client.get(`/api/v1/admission-seasons/${season.id}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const organiser = await t.login((await buildUser(db(), adm.institution.id, ['exam_organiser'])).email);
    expect((await organiser.post('/api/v1/admission-seasons', { titleVi: 'x', titleEn: 'x', year: 2026 })).status).toBe(403);
    expect((await admAdmin.get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(200);
    expect((await officer.post(`/api/v1/admission-runs/${run}/cancel`)).body.status).toBe('cancelled');
  });
});

describe('deleting', () => {
  it('deletes a program without results and a season; refuses a program that results name', async () => {
    const { season, programs } = await matchingSeason();
    const runId = await startRun(season.id);
    await executeRun(t.deps, runId);
    const named = await officer.delete(`/api/v1/admission-programs/${programs.P1}`);
    expect(named.status).toBe(409);
    expect(named.body.error.message).toBe('Ngành đã có trong kết quả của một lượt xét; không thể xóa nữa.');
    const extra = await addProgram(season.id, { code: 'GONE', nameVi: 'Ngành', nameEn: 'Program', quota: 1, methods: [{ methodId: 'M', components: [{ examId: ownExam, subject: 'math', weight: 1 }] }] });
    expect((await stranger.delete(`/api/v1/admission-programs/${extra.id}`)).status).toBe(404);
    expect((await officer.delete(`/api/v1/admission-programs/${extra.id}`)).status).toBe(200);
    expect((await officer.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items.map((p: { code: string }) => p.code)).toEqual(['P1', 'P2', 'P3']);
    const running = await startRun(season.id);
    expect((await officer.delete(`/api/v1/admission-seasons/${season.id}`)).status).toBe(409);
    expect((await officer.post(`/api/v1/admission-runs/${running}/cancel`)).body.status).toBe('cancelled');
    expect((await stranger.delete(`/api/v1/admission-seasons/${season.id}`)).status).toBe(404);
    expect((await officer.delete(`/api/v1/admission-seasons/${season.id}`)).status).toBe(200);
    expect((await officer.get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(404);
    expect(await db().selectFrom('admission_run_results').select('run_id').where('run_id', '=', runId).execute()).toEqual([]);
  });
});

describe('preference import', () => {
  it('reports every bad row and saves nothing', async () => {
    const { season } = await matchingSeason();
    const before = await db().selectFrom('admission_preferences').select(['candidate_key', 'program_id', 'rank']).where('season_id', '=', season.id).orderBy('candidate_key').orderBy('rank').execute();
    const unknown = crypto.randomUUID();
    const res = await importPreferences(season.id, [
      'X9,1,P1,20', // fine
      `${unknown},1,P1,`, // unknown candidate
      'X9,2,NOPE,20', // unknown program
      'X9,1,P2,20', // rank 1 twice
      'X9,3,P1,20', // P1 twice
      'X8,1,P1,', // an external candidate without a score
      'X7,0,P1,20', // rank below 1
    ]);
    expect(res.status).toBe(400);
    const fields = res.body.error.details.fields.map((f: { code: string; message: string }) => f.code);
    expect(fields).toEqual(['unknown_candidate', 'unknown_program', 'duplicate_rank', 'duplicate_preference', 'row_bad_score', 'row_bad_rank']);
    expect(res.body.error.details.fields[2].message).toBe('Tệp, dòng 5: thí sinh “X9” đã có nguyện vọng thứ 1 ở dòng 2.');
    const after = await db().selectFrom('admission_preferences').select(['candidate_key', 'program_id', 'rank']).where('season_id', '=', season.id).orderBy('candidate_key').orderBy('rank').execute();
    expect(after).toEqual(before);
    expect(before).toHaveLength(12);
    const preview = await importPreferences(season.id, ['X9,1,P1,20'], 'preview');
    expect(preview.body).toEqual({ replaced: 0, created: 0, candidates: 1, profiles: 0 });
    expect((await officer.get(`/api/v1/admission-seasons/${season.id}`)).body.preferenceCount).toBe(12);
    const replaced = await importPreferences(season.id, ['X9,1,P1,20']);
    expect(replaced.body).toEqual({ replaced: 12, created: 1, candidates: 1, profiles: 0 });
  });

  it('checks 70,000 candidate ids in one statement (beyond PostgreSQL’s 65,535 parameters): 400, not 500', async () => {
    const { season } = await matchingSeason();
    const lines = Array.from({ length: 70_000 }, () => `${crypto.randomUUID()},1,P1,`);
    const res = await importPreferences(season.id, lines, 'preview');
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(res.body.error.details.fields[0].code).toBe('unknown_candidate');
  });
});

describe('runs', () => {
  it("assigns as the engine does on the same data, reading another organiser's results only for consenting candidates", async () => {
    const { season, programs } = await matchingSeason();
    const runId = await startRun(season.id);
    await executeRun(t.deps, runId);
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'done', progress: 1, candidates: 8, error: null });

    // The same data for the engine, scores worked out by hand: P1 = (2·math + lit)·30/30, P2 = best of SH math·3 and
    // own math·3, P3 = lit·3; lit = 0.7·mcq + 0.3·essay; S2 does not consent, so S2 has no score anywhere.
    // Candidates in the CLI's order of their ids (exam candidate ids and the external ids X1, X2, by UTF-8 bytes).
    const rows: [string, [string, number, number][]][] = [
      [cand.A1, [['P2', 1, 27], ['P1', 2, 26]]],
      [cand.A2, [['P1', 1, 20]]],
      [cand.A3, [['P1', 1, 25], ['P2', 2, 24]]],
      [cand.A4, [['P1', 1, 15]]],
      [cand.S1, [['P2', 1, 28.5]]],
      [cand.S2, []],
      ['ext:X1', [['P1', 1, 24], ['P3', 2, 24]]],
      ['ext:X2', [['P3', 1, 23]]],
    ];
    const cliId = (key: string) => key.replace(/^ext:/, '');
    rows.sort((a, b) => (cliId(a[0]) < cliId(b[0]) ? -1 : cliId(a[0]) > cliId(b[0]) ? 1 : 0));
    const codes = ['P1', 'P2', 'P3'];
    const apps = rows.flatMap(([, a]) => a);
    const offsets = [0];
    for (const [, a] of rows) offsets.push(offsets.at(-1)! + a.length);
    const instance: MatchingInstance = {
      candidateCount: rows.length,
      programCount: 3,
      offsets: Int32Array.from(offsets),
      program: Int32Array.from(apps.map(([p]) => codes.indexOf(p))),
      score: Int32Array.from(apps.map(([, , s]) => Math.round(s * 100))),
      rank: Int32Array.from(apps.map(([, r]) => r)),
      quota: Int32Array.from([2, 1, 1]),
      floor: Int32Array.from([1600, NO_SCORE, NO_SCORE]),
      tieBreak: [['rank', 'lottery'], ['rank', 'lottery'], ['rank', 'lottery']],
      tiePolicy: ['strict', 'strict', 'strict'],
    };
    const expected = runMatching(instance);
    const expectedByKey = Object.fromEntries(rows.map(([key], i) => [key, expected.assignedProgram[i] >= 0 ? programs[codes[expected.assignedProgram[i]] as 'P1'] : null]));
    const got = await resultsOf(runId);
    expect(Object.fromEntries(got.map((r) => [r.candidate_key, r.program_id]))).toEqual(expectedByKey);
    // What that is: S1 (28.5) takes P2 over A1 (27), A1 and A3 fill P1, X1 falls to P3 and X2 is left out; with S2's
    // results read without consent, S2 (30) would have taken P2.
    expect(expectedByKey[cand.S1]).toBe(programs.P2);
    expect(expectedByKey[cand.A1]).toBe(programs.P1);
    expect(expectedByKey[cand.S2]).toBeNull();

    const summary = await officer.get(`/api/v1/admission-runs/${runId}/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body.programs).toMatchObject([
      { programId: programs.P1, code: 'P1', quota: 2, admitted: expected.admitted[0], cutoff: expected.cutoff[0] / 100 },
      { programId: programs.P2, code: 'P2', quota: 1, admitted: expected.admitted[1], cutoff: expected.cutoff[1] / 100 },
      { programId: programs.P3, code: 'P3', quota: 1, admitted: expected.admitted[2], cutoff: expected.cutoff[2] / 100 },
    ]);
    const x1 = await officer.get(`/api/v1/admission-runs/${runId}/results?q=X1`);
    expect(x1.body.items).toEqual([expect.objectContaining({ candidateId: 'X1', external: true, programCode: 'P3', rank: 2, score: 24 })]);
    // The read of org's results is in org's access log: S1 only.
    const reads = await db().selectFrom('exam_result_reads').select('candidate_ids').where('exam_id', '=', sharedExam).where('request_id', '=', `admission-run:${runId}`).execute();
    expect(reads.map((r) => r.candidate_ids)).toEqual([[cand.S1]]);
    expect((await officer.get(`/api/v1/admission-seasons/${season.id}`)).body.status).toBe('draft');
  });

  it('refuses a second run of a season while one is queued or running, naming the season', async () => {
    const { season } = await matchingSeason();
    const first = await startRun(season.id);
    const second = await officerEn.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'final' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(`A run of the season “Admission ${season.titleVi}” is already queued or running; wait for it to end or cancel it.`);
    const secondVi = await officer.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'final' });
    expect(secondVi.body.error.message).toContain(`“${season.titleVi}”`);
    const edit = await importPreferences(season.id, ['X9,1,P1,20']);
    expect(edit.status).toBe(409);
    await executeRun(t.deps, first);
    expect((await runOf(first)).status).toBe('done');
    const third = await startRun(season.id, 'final');
    expect((await runOf(third)).kind).toBe('final');
  });

  it('a run cancelled in the middle or failing leaves the earlier results untouched', async () => {
    const { season } = await matchingSeason();
    const done = await startRun(season.id);
    await executeRun(t.deps, done);
    const published = await resultsOf(done);
    expect(published.length).toBe(8);

    // Cancelled after its first phases, through the API, while it runs.
    const cancelled = await startRun(season.id);
    const seen: number[] = [];
    await executeRun(t.deps, cancelled, {
      afterPhase: async (progress) => {
        seen.push(progress);
        if (progress === 0.2) {
          const res = await officer.post(`/api/v1/admission-runs/${cancelled}/cancel`);
          expect(res.body).toMatchObject({ status: 'running', cancelRequested: true });
        }
      },
    });
    expect(seen).toEqual([0.05, 0.2]);
    expect(await runOf(cancelled)).toMatchObject({ status: 'cancelled', progress: 0.2 });
    expect(await resultsOf(cancelled)).toEqual([]);
    expect((await officer.post(`/api/v1/admission-runs/${cancelled}/cancel`)).status).toBe(409);
    expect((await officer.get(`/api/v1/admission-runs/${cancelled}/results`)).status).toBe(409);

    // Failing: the agreement with the organiser ended, so the gate refuses to read its results.
    await db().updateTable('agreements').set({ status: 'terminated' }).where('id', '=', agreementId).execute();
    try {
      const failed = await startRun(season.id);
      await executeRun(t.deps, failed);
      const run = await runOf(failed);
      expect(run.status).toBe('failed');
      expect(run.error).toContain('not_found');
      expect(await resultsOf(failed)).toEqual([]);
    } finally {
      await db().updateTable('agreements').set({ status: 'active' }).where('id', '=', agreementId).execute();
    }
    expect(await resultsOf(done)).toEqual(published);
    expect((await officer.get(`/api/v1/admission-runs/${done}/results`)).status).toBe(200);
  });

  it('fails a run whose process died, so the season can be run again', async () => {
    const { season } = await matchingSeason();
    const orphan = await startRun(season.id);
    // Claimed by a process that then died: running, its heartbeat two minutes old.
    await db()
      .updateTable('admission_runs')
      .set({ status: 'running', started_at: new Date(Date.now() - 180_000), heartbeat_at: new Date(Date.now() - 120_000) })
      .where('id', '=', orphan)
      .execute();
    await db().updateTable('admission_seasons').set({ status: 'running' }).where('id', '=', season.id).execute();
    // A live run of another season (fresh heartbeat) is left alone.
    const { season: busy } = await matchingSeason();
    const live = await startRun(busy.id);
    await db().updateTable('admission_runs').set({ status: 'running', started_at: new Date(), heartbeat_at: new Date() }).where('id', '=', live).execute();
    expect(await failAbandonedRuns(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await runOf(orphan)).toMatchObject({ status: 'failed' });
    expect((await runOf(live)).status).toBe('running');
    expect((await officer.get(`/api/v1/admission-seasons/${season.id}`)).body.status).toBe('draft');
    const again = await startRun(season.id);
    await executeRun(t.deps, again);
    expect((await runOf(again)).status).toBe('done');
    await db().updateTable('admission_runs').set({ status: 'failed' }).where('id', '=', live).execute();
  });
});

describe('runs as pg-boss jobs', () => {
  it('a started run is picked up by the job worker and finishes with results', async () => {
    const jt = await startTestApp({ jobs: true });
    try {
      const tenant = await buildTenant(jt.database.db, { code: `AJOB${Date.now() % 100000}` });
      const client = await jt.login((await buildUser(jt.database.db, tenant.institution.id, ['admissions_officer'])).email);
      const admin = await jt.login(tenant.admin.email);
      const exam = await admin.post('/api/v1/exams', examDefinition('JOB-26'));
      expect(exam.status, JSON.stringify(exam.body)).toBe(201);
      const season = await client.post('/api/v1/admission-seasons', { titleVi: 'Đợt chạy nền', titleEn: 'Background season', year: 2026 });
      const program = await client.post(`/api/v1/admission-seasons/${season.body.id}/programs`, {
        code: 'J1',
        nameVi: 'Ngành J',
        nameEn: 'Program J',
        quota: 1,
        methods: [{ methodId: 'M', components: [{ examId: exam.body.id, subject: 'math', weight: 1 }] }],
      });
      expect(program.status, JSON.stringify(program.body)).toBe(201);
      const { body, headers } = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from('candidate_id,rank,program_id,score\r\nJ-A,1,J1,21\r\nJ-B,1,J1,22.5\r\n'));
      expect((await client.request('POST', `/api/v1/admission-seasons/${season.body.id}/preferences/import`, body, headers)).status).toBe(200);
      const started = await client.post(`/api/v1/admission-seasons/${season.body.id}/runs`, { kind: 'dry' });
      expect(started.status).toBe(202);
      let run = started.body;
      for (let i = 0; i < 150 && run.status !== 'done' && run.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        run = (await client.get(`/api/v1/admission-runs/${started.body.id}`)).body;
      }
      expect(run).toMatchObject({ status: 'done', progress: 1, candidates: 2, matched: 1 });
      const summary = await client.get(`/api/v1/admission-runs/${started.body.id}/summary`);
      expect(summary.body.programs).toMatchObject([{ programId: program.body.id, code: 'J1', quota: 1, admitted: 1, cutoff: 22.5, applicants: 2 }]);
      const results = await client.get(`/api/v1/admission-runs/${started.body.id}/results`);
      expect(results.body.items.find((c: { candidateId: string }) => c.candidateId === 'J-B').programCode).toBe('J1');
    } finally {
      await jt.close();
    }
  }, 60_000);
});
