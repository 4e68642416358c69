import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { runCandidates, runFigures } from '../../testing/admission-results.ts';
import { executeRun } from './run-job.ts';

// Consortium seasons (issue 13, item 3): A coordinates a season of a platform consortium with B as a member. Each member
// manages only its own programs and sees only its own programs' candidates in detail; the coordinator alone edits the
// season, its members and preferences and runs it; institutions that are no member find nothing. In the run, each
// program's candidates are scored under its institution's access: A's through organiser X's gate (agreement X–A, consent
// to A), B's through organiser Y's (agreement Y–B, consent to B), each read logged naming the reading institution.

let t: TestApp;
type Tenant = Awaited<ReturnType<typeof buildTenant>>;
let a: Tenant; // coordinator
let b: Tenant; // member
let n: Tenant; // in the consortium, not a member of the season
let z: Tenant; // in no consortium
let consortiumId: string;
let officerA: ApiClient;
let officerB: ApiClient;
let officerN: ApiClient;
let officerZ: ApiClient;
let examX: string; // organiser X's, shared with A
let examY: string; // organiser Y's, shared with B
const cand: Record<string, string> = {};
const db = () => t.database.db;

const definition = (code: string) => ({
  code,
  titleVi: `Kỳ thi ${code}`,
  titleEn: `Exam ${code}`,
  year: 2026,
  rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
  subjects: [{ key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] }],
});

/** A published exam of a new organiser, with an agreement in force with an admissions area between it and `partner`. */
async function organiserExam(code: string, lines: string[], partner: Tenant) {
  const org = await buildTenant(db(), { code: `ORG${code}${Date.now() % 10000}` });
  const organiser = await t.login((await buildUser(db(), org.institution.id, ['exam_organiser'])).email);
  const exam = await organiser.post('/api/v1/exams', definition(code));
  expect(exam.status, JSON.stringify(exam.body)).toBe(201);
  const csv = Buffer.from(`candidateNumber,fullName,dateOfBirth,round,venue,math\r\n${lines.join('\r\n')}\r\n`);
  const { body, headers } = multipartUpload({ mode: 'all' }, 'r.csv', csv);
  expect((await organiser.request('POST', `/api/v1/exams/${exam.body.id}/import`, body, headers)).body.created).toBe(lines.length);
  expect((await organiser.post(`/api/v1/exams/${exam.body.id}/publish`, { version: exam.body.version })).status).toBe(200);
  const agreement = await (await t.login(org.officer.email)).post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: `Tuyển sinh ${code}`,
      titleEn: `Admissions ${code}`,
      startDate: '2025-01-01',
      endDate: '2099-12-31',
      parties: [{ institutionId: org.institution.id }, { institutionId: partner.institution.id }],
      areas: [{ key: 'a1', kind: 'admissions', titleVi: 'Tuyển sinh', titleEn: 'Admissions' }],
    },
  });
  expect(agreement.status, JSON.stringify(agreement.body)).toBe(201);
  await db().updateTable('agreements').set({ status: 'active' }).where('id', '=', agreement.body.id).execute();
  for (const r of await db().selectFrom('exam_candidates').select(['id', 'number']).where('exam_id', '=', exam.body.id).execute()) cand[r.number] = r.id;
  return { examId: exam.body.id as string, organiser: org, client: organiser };
}

const consent = async (examId: string, number: string, dob: string, institutionId: string) => {
  const res = await t.client().put('/api/v1/public/exam-consents', { examId, candidateNumber: number, dateOfBirth: dob, institutionId, consent: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

let organiserX: ApiClient;
let organiserY: ApiClient;

beforeAll(async () => {
  t = await startTestApp();
  [a, b, n, z] = [await buildTenant(db()), await buildTenant(db()), await buildTenant(db()), await buildTenant(db())];
  consortiumId = (await buildConsortium(db(), [a.institution.id, b.institution.id, n.institution.id])).id;
  officerA = await t.login((await buildUser(db(), a.institution.id, ['admissions_officer'])).email);
  officerB = await t.login((await buildUser(db(), b.institution.id, ['admissions_officer'])).email);
  officerN = await t.login((await buildUser(db(), n.institution.id, ['admissions_officer'])).email);
  officerZ = await t.login((await buildUser(db(), z.institution.id, ['admissions_officer'])).email);
  const x = await organiserExam('CX', ['X1,Nguyễn Xuân,2008-01-01,r1,Hà Nội,9', 'X2,Trần Xanh,2008-01-02,r1,Hà Nội,10'], a);
  const y = await organiserExam('CY', ['Y1,Lê Yến,2008-02-01,r1,Hà Nội,8', 'Y2,Phạm Ý,2008-02-02,r1,Hà Nội,9.5'], b);
  [examX, examY, organiserX, organiserY] = [x.examId, y.examId, x.client, y.client];
  await consent(examX, 'X1', '2008-01-01', a.institution.id); // X2 does not consent
  await consent(examY, 'Y1', '2008-02-01', b.institution.id);
  await consent(examY, 'Y2', '2008-02-02', b.institution.id);
});
afterAll(() => t.close());

async function consortiumSeason() {
  const season = await officerA.post('/api/v1/admission-seasons', { titleVi: 'Xét tuyển chung', titleEn: 'Joint admission', year: 2026, consortiumId });
  expect(season.status, JSON.stringify(season.body)).toBe(201);
  const added = await officerA.put(`/api/v1/admission-seasons/${season.body.id}/members`, { institutionIds: [b.institution.id], version: season.body.version });
  expect(added.body.version, 'a change of members makes a new version').toBe(season.body.version + 1);
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect(added.body.members.map((m: { institutionId: string; coordinator: boolean }) => [m.institutionId, m.coordinator])).toEqual([
    [a.institution.id, true],
    [b.institution.id, false],
  ]);
  const pa = await officerA.post(`/api/v1/admission-seasons/${season.body.id}/programs`, {
    code: 'PA',
    nameVi: 'Ngành của A',
    nameEn: 'Program of A',
    quota: 1,
    methods: [{ methodId: 'M', components: [{ examId: examX, subject: 'math', weight: 1 }] }],
  });
  expect(pa.status, JSON.stringify(pa.body)).toBe(201);
  const pb = await officerB.post(`/api/v1/admission-seasons/${season.body.id}/programs`, {
    code: 'PB',
    nameVi: 'Ngành của B',
    nameEn: 'Program of B',
    quota: 1,
    methods: [{ methodId: 'M', components: [{ examId: examY, subject: 'math', weight: 1 }] }],
  });
  expect(pb.status, JSON.stringify(pb.body)).toBe(201);
  expect([pa.body.institutionId, pb.body.institutionId]).toEqual([a.institution.id, b.institution.id]);
  return { id: season.body.id as string, version: added.body.version as number, pa: pa.body as { id: string; version: number }, pb: pb.body as { id: string; version: number } };
}

async function importPreferences(client: ApiClient, seasonId: string, lines: string[]) {
  const { body, headers } = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from(`candidate_id,rank,program_id,score\r\n${lines.join('\r\n')}\r\n`));
  return client.request('POST', `/api/v1/admission-seasons/${seasonId}/preferences/import`, body, headers);
}

describe('a consortium season', () => {
  it('is coordinated by a member of the consortium, with members of that consortium only', async () => {
    const foreign = await officerZ.post('/api/v1/admission-seasons', { titleVi: 'x', titleEn: 'x', year: 2026, consortiumId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0]).toMatchObject({ field: 'consortiumId', code: 'not_consortium_member' });
    const season = await consortiumSeason();
    const outsider = await officerA.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [b.institution.id, z.institution.id], version: season.version });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['institutionIds.1']);
    expect(outsider.body.error.details.fields[0].message).toBe('Cơ sở thành viên: cơ sở này không phải thành viên của liên minh của đợt tuyển sinh.');
    const outsiderEn = await (await t.login((await buildUser(db(), a.institution.id, ['admissions_officer'], { language: 'en' })).email)).put(
      `/api/v1/admission-seasons/${season.id}/members`,
      { institutionIds: [z.institution.id], version: season.version },
    );
    expect(outsiderEn.body.error.details.fields[0].message).toBe("Member institutions: this institution is not a member of the season's consortium.");
    // The coordinator stays, listed or not; the same members again change nothing.
    const same = await officerA.put(`/api/v1/admission-seasons/${season.id}/members`, {
      institutionIds: [a.institution.id, b.institution.id, b.institution.id],
      version: season.version,
    });
    expect(same.body.members).toHaveLength(2);
    expect(same.body.version).toBe(season.version);
    // A season of one institution takes no members.
    const single = await officerA.post('/api/v1/admission-seasons', { titleVi: 'Riêng', titleEn: 'Own', year: 2026 });
    expect((await officerA.put(`/api/v1/admission-seasons/${single.body.id}/members`, { institutionIds: [b.institution.id], version: single.body.version })).status).toBe(400);
    // Removing a member takes its programs with it; the coordinator stays.
    // An editor opened on the members before the last change gets 409 naming the current version, and changes nothing.
    const stale = await officerA.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [], version: season.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.details.current.members).toHaveLength(2);
    const removed = await officerA.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [], version: season.version });
    expect(removed.status).toBe(200);
    expect(removed.body.members.map((m: { institutionId: string }) => m.institutionId)).toEqual([a.institution.id]);
    expect((await officerA.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items.map((p: { code: string }) => p.code)).toEqual(['PA']);
    expect((await officerB.get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(404);
  });

  it('lets each member manage only its own programs, and the coordinator alone the season (403 for members)', async () => {
    const season = await consortiumSeason();
    const seen = await officerB.get(`/api/v1/admission-seasons/${season.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.permissions).toEqual({ manage: false, addPrograms: true });
    expect((await officerA.get(`/api/v1/admission-seasons/${season.id}`)).body.permissions).toEqual({ manage: true, addPrograms: true });
    const programs = (await officerB.get(`/api/v1/admission-seasons/${season.id}/programs`)).body.items;
    expect(programs.map((p: { code: string; permissions: { edit: boolean } }) => [p.code, p.permissions.edit])).toEqual([
      ['PA', false],
      ['PB', true],
    ]);
    expect((await officerB.get('/api/v1/admission-seasons')).body.items.map((s: { id: string }) => s.id)).toContain(season.id);
    // B cannot touch A's program; A cannot touch B's.
    expect((await officerB.patch(`/api/v1/admission-programs/${season.pa.id}`, { quota: 9, version: season.pa.version })).status).toBe(403);
    expect((await officerB.delete(`/api/v1/admission-programs/${season.pa.id}`)).status).toBe(403);
    expect((await officerA.patch(`/api/v1/admission-programs/${season.pb.id}`, { quota: 9, version: season.pb.version })).status).toBe(403);
    const own = await officerB.patch(`/api/v1/admission-programs/${season.pb.id}`, { quota: 2, version: season.pb.version });
    expect(own.status).toBe(200);
    expect(own.body.quota).toBe(2);
    // Coordinator-only actions.
    const coordinatorOnly: [string, Promise<{ status: number }>][] = [
      ['edit the season', officerB.patch(`/api/v1/admission-seasons/${season.id}`, { titleEn: 'Taken over', version: season.version })],
      ['delete the season', officerB.delete(`/api/v1/admission-seasons/${season.id}`)],
      ['add a member', officerB.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [b.institution.id, n.institution.id], version: season.version })],
      ['remove a member', officerB.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [], version: season.version })],
      ['import preferences', importPreferences(officerB, season.id, ['E1,1,PB,20'])],
      ['start a run', officerB.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'dry' })],
    ];
    for (const [what, call] of coordinatorOnly) expect((await call).status, what).toBe(403);
    const run = await officerA.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'dry' });
    expect((await officerB.post(`/api/v1/admission-runs/${run.body.id}/cancel`)).status).toBe(403);
    expect((await officerB.get(`/api/v1/admission-runs/${run.body.id}`)).status).toBe(200);
    expect((await officerA.post(`/api/v1/admission-runs/${run.body.id}/cancel`)).body.status).toBe('cancelled');
    // Members change only before the first run.
    const late = await officerA.put(`/api/v1/admission-seasons/${season.id}/members`, { institutionIds: [b.institution.id, n.institution.id], version: season.version });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('Đợt tuyển sinh đã có lượt xét; không thể thay đổi các cơ sở thành viên nữa.');
    // B's other roles: 403; institutions that are no member, in the consortium or not: 404 everywhere.
    for (const user of [b.officer, b.member]) expect((await (await t.login(user.email)).get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(403);
    for (const outsider of [officerN, officerZ]) {
      for (const path of [`admission-seasons/${season.id}`, `admission-seasons/${season.id}/programs`, `admission-seasons/${season.id}/runs`, `admission-runs/${run.body.id}`]) {
        expect((await outsider.get(`/api/v1/${path}`)).status, path).toBe(404);
      }
      expect((await outsider.patch(`/api/v1/admission-programs/${season.pa.id}`, { quota: 3, version: 1 })).status).toBe(404);
      expect((await outsider.post(`/api/v1/admission-seasons/${season.id}/programs`, { code: 'PN', nameVi: 'N', nameEn: 'N', quota: 1, methods: [{ methodId: 'M', components: [{ examId: examX, subject: 'math', weight: 1 }] }] })).status).toBe(404);
      expect((await outsider.get('/api/v1/admission-seasons')).body.items.map((s: { id: string }) => s.id)).not.toContain(season.id);
    }
  });
});

describe('a consortium run', () => {
  it("scores each program's applicants under its institution's gate, and shows each member only its own candidates", async () => {
    const season = await consortiumSeason();
    // Before any preference, nobody applied to B: B's gate opens no candidate of Y, consent or not (applied to it).
    expect((await officerB.get(`/api/v1/exams/${examY}/shared-results`)).body.items).toEqual([]);
    const imported = await importPreferences(officerA, season.id, [
      `${cand.X1},1,PA,`,
      `${cand.X2},1,PA,`,
      `${cand.Y1},1,PB,`,
      `${cand.Y2},1,PA,`, // consents to B only, and applied to A only: scored nowhere
      'E1,1,PB,20',
      'E1,2,PA,20',
    ]);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect((await officerB.get(`/api/v1/exams/${examY}/shared-results`)).body.items.map((c: { number: string }) => c.number)).toEqual(['Y1']);
    const started = await officerA.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'dry' });
    await executeRun(t.deps, started.body.id);
    const run = (await officerA.get(`/api/v1/admission-runs/${started.body.id}`)).body;
    expect(run).toMatchObject({ status: 'done', candidates: 5, applications: 4, matched: 2 });
    // X1 (27) takes PA over E1 (20); X2 (no consent) and Y2 (results not shared with A) have no score at PA; Y1 (24) takes PB.
    const figures = [
      { programId: season.pa.id, code: 'PA', quota: 1, admitted: 1, cutoff: 27 },
      { programId: season.pb.id, code: 'PB', quota: 1, admitted: 1, cutoff: 24 },
    ];
    // Each member sees its own programs' applicants (admitted to them, elsewhere — never naming the other program — or
    // nowhere), and every program's figures.
    const seenBy = async (client: ApiClient) => {
      expect(await runFigures(client, started.body.id)).toEqual(figures);
      const seen = await runCandidates(client, started.body.id);
      return seen.map((c) => [c.candidateId, c.admittedElsewhere ? 'elsewhere' : c.programCode]).sort();
    };
    expect(await seenBy(officerA)).toEqual([[cand.X1, 'PA'], [cand.X2, null], [cand.Y2, null], ['E1', null]].sort());
    expect(await seenBy(officerB)).toEqual([[cand.Y1, 'PB'], ['E1', null]].sort());
    const operator = await t.login((await buildUser(db(), a.institution.id, ['platform_admin'])).email);
    expect((await seenBy(operator)).length).toBe(5);
    expect((await officerN.get(`/api/v1/admission-runs/${started.body.id}/results`)).status).toBe(404);
    // Each organiser's log names the institution that read, and only its consenting applicants.
    const reads = await db()
      .selectFrom('exam_result_reads')
      .select(['exam_id', 'reader_institution_id', 'candidate_ids', 'reader_user_id', 'reader_label'])
      .where('request_id', '=', `admission-run:${started.body.id}`)
      .orderBy('id')
      .execute();
    expect(reads.map((r) => [r.exam_id, r.reader_institution_id, r.candidate_ids])).toEqual([
      [examX, a.institution.id, [cand.X1]],
      [examY, b.institution.id, [cand.Y1]],
    ]);
    expect(reads[1].reader_user_id).toBeNull();
    expect(reads[1].reader_label).toContain(`admission-run:${started.body.id}`);
    const logX = (await organiserX.get(`/api/v1/exams/${examX}/access-log`)).body.items[0];
    const logY = (await organiserY.get(`/api/v1/exams/${examY}/access-log`)).body.items[0];
    expect([logX.readerInstitutionId, logX.candidateNumbers]).toEqual([a.institution.id, ['X1']]);
    expect([logY.readerInstitutionId, logY.candidateNumbers]).toEqual([b.institution.id, ['Y1']]);
  });
});

describe('admission API tokens', () => {
  it('push preferences and start runs with admissions:write; pull outcomes with admissions:read, which changes nothing', async () => {
    const season = await consortiumSeason();
    const adminA = await t.login(a.admin.email);
    const adminB = await t.login(b.admin.email);
    const write = t.client().withToken((await adminA.post('/api/v1/admin/api-tokens', { name: 'SIS A', scopes: ['admissions:write'] })).body.token);
    const read = t.client().withToken((await adminB.post('/api/v1/admin/api-tokens', { name: 'SIS B', scopes: ['admissions:read'] })).body.token);
    const exams = t.client().withToken((await adminB.post('/api/v1/admin/api-tokens', { name: 'exams B', scopes: ['exams:read'] })).body.token);
    expect((await importPreferences(write, season.id, ['E1,1,PB,20', 'E2,1,PA,21'])).status).toBe(200);
    const started = await write.post(`/api/v1/admission-seasons/${season.id}/runs`, { kind: 'dry' });
    expect(started.status).toBe(202);
    await executeRun(t.deps, started.body.id);
    expect((await write.get(`/api/v1/admission-runs/${started.body.id}`)).body.status).toBe('done');
    expect((await runCandidates(read, started.body.id)).map((c) => c.candidateId)).toEqual(['E1']);
    expect((await read.get(`/api/v1/admission-seasons/${season.id}`)).body.permissions).toEqual({ manage: false, addPrograms: false });
    expect((await read.patch(`/api/v1/admission-programs/${season.pb.id}`, { quota: 5, version: season.pb.version })).status).toBe(403);
    expect((await read.post(`/api/v1/admission-seasons/${season.id}/programs`, { code: 'PT', nameVi: 'T', nameEn: 'T', quota: 1, methods: [{ methodId: 'M', components: [{ examId: examY, subject: 'math', weight: 1 }] }] })).status).toBe(403);
    expect((await exams.get(`/api/v1/admission-seasons/${season.id}`)).status).toBe(403);
    const rows = await db().selectFrom('api_tokens').select('scopes').where('name', '=', 'SIS B').executeTakeFirstOrThrow();
    expect(rows.scopes).toEqual(['admissions:read']);
  });
});
