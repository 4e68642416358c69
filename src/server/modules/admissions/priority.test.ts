import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { executeRun } from './run-job.ts';

// Priority and bonus points, equivalence tables and candidate numbers (issue 13, item 3): a program's priority
// settings and the candidates' profiles imported with the preferences decide the final score a run admits by; a
// method's equivalence table converts its raw total; candidates are named by their number; every bad value is a 400
// naming the row and column, or the field.

let t: TestApp;
let adm: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let officer: ApiClient; // Vietnamese
let officerEn: ApiClient;
let admAdmin: ApiClient;
let stranger: ApiClient;
const db = () => t.database.db;

let exam: string; // adm's exam: math and lit out of 10
const cand: Record<string, string> = {}; // number → id in `exam`

async function examWith(code: string, lines: string[]) {
  const created = await admAdmin.post('/api/v1/exams', {
    code,
    titleVi: `Kỳ thi ${code}`,
    titleEn: `Exam ${code}`,
    year: 2026,
    rounds: [{ key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội'] }],
    subjects: [
      { key: 'math', nameVi: 'Toán', nameEn: 'Mathematics', minScore: 0, maxScore: 10, step: 0.25, parts: [] },
      { key: 'lit', nameVi: 'Ngữ văn', nameEn: 'Literature', minScore: 0, maxScore: 10, step: 0.25, parts: [] },
    ],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const csv = Buffer.from(`candidateNumber,fullName,dateOfBirth,round,venue,math,lit\r\n${lines.join('\r\n')}\r\n`);
  const { body, headers } = multipartUpload({ mode: 'all' }, 'results.csv', csv);
  const imported = await admAdmin.request('POST', `/api/v1/exams/${created.body.id}/import`, body, headers);
  expect(imported.body.created, JSON.stringify(imported.body)).toBe(lines.length);
  return created.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  adm = await buildTenant(db(), { code: `PADM${Date.now() % 100000}` });
  other = await buildTenant(db(), { code: `POTH${Date.now() % 100000}` });
  admAdmin = await t.login(adm.admin.email);
  officer = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'])).email);
  officerEn = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'], { language: 'en' })).email);
  stranger = await t.login((await buildUser(db(), other.institution.id, ['admissions_officer'])).email);
  exam = await examWith('PRI-26', [
    'P1,Nguyễn An,2008-01-01,r1,Hà Nội,7,5',
    'P2,Trần Bình,2008-01-02,r1,Hà Nội,7,5',
    'P3,Lê Chi,2008-01-03,r1,Hà Nội,7,5',
    'P4,Phạm Dũng,2008-01-04,r1,Hà Nội,7,5',
    'X1,Hoàng Sơn,2008-01-05,r1,Hà Nội,8,5',
    'Y1,Vũ Thảo,2008-01-06,r1,Hà Nội,6,7.5',
    'D1,Đỗ Minh,2008-01-07,r1,Hà Nội,5,5',
  ]);
  await examWith('TWIN-26', ['D1,Đỗ Mai,2008-02-01,r1,Hà Nội,6,6']);
  for (const r of await db().selectFrom('exam_candidates').select(['id', 'number']).where('exam_id', '=', exam).execute()) cand[r.number] = r.id;
});
afterAll(() => t.close());

async function newSeason() {
  const res = await officer.post('/api/v1/admission-seasons', { titleVi: 'Tuyển sinh ưu tiên', titleEn: 'Priority admission', year: 2026 });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const mathMethod = (extra: Record<string, unknown> = {}) => ({ methodId: 'MATH', components: [{ examId: exam, subject: 'math', weight: 1 }], ...extra });

async function addProgram(seasonId: string, body: Record<string, unknown>, client = officer) {
  return client.post(`/api/v1/admission-seasons/${seasonId}/programs`, { nameVi: 'Ngành', nameEn: 'Program', quota: 1, methods: [mathMethod()], ...body });
}

async function importFile(seasonId: string, header: string, lines: string[], client = officer, mode = 'all') {
  const { body, headers } = multipartUpload({ mode }, 'preferences.csv', Buffer.from(`${header}\r\n${lines.join('\r\n')}\r\n`));
  return client.request('POST', `/api/v1/admission-seasons/${seasonId}/preferences/import`, body, headers);
}

async function run(seasonId: string) {
  const started = await officer.post(`/api/v1/admission-seasons/${seasonId}/runs`, { kind: 'dry' });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await executeRun(t.deps, started.body.id);
  const done = await officer.get(`/api/v1/admission-runs/${started.body.id}`);
  expect(done.body.status, JSON.stringify(done.body)).toBe('done');
  return started.body.id as string;
}

/** Each candidate's program code (null: not admitted) and score, by candidate number. */
async function outcome(runId: string) {
  const rows = await db()
    .selectFrom('admission_run_results as r')
    .leftJoin('admission_programs as p', 'p.id', 'r.program_id')
    .innerJoin('exam_candidates as c', (j) => j.on((eb) => eb('c.id', '=', eb.ref('r.exam_candidate_id'))))
    .select(['c.number', 'p.code', 'r.score'])
    .where('r.run_id', '=', runId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.number, { program: r.code, score: r.score === null ? null : Number(r.score) }]));
}

/** The score the run gave each preference (program code → number → score), as its exports write them. */
async function applicationScores(runId: string) {
  const rows = await sql<{ number: string; code: string; score: number | null }>`
    SELECT c.number, rp.code, s.score::float8 AS score
    FROM admission_run_results x
    JOIN exam_candidates c ON c.id::text = x.candidate_key
    CROSS JOIN LATERAL unnest(x.preference_positions, x.preference_scores) AS s(position, score)
    JOIN admission_run_programs rp ON rp.run_id = x.run_id AND rp.position = s.position
    WHERE x.run_id = ${runId}::uuid`.execute(db());
  const out: Record<string, Record<string, number | null>> = {};
  for (const r of rows.rows) out[r.code] = { ...out[r.code], [r.number]: r.score };
  return out;
}

const fieldsOf = (res: { body: { error: { details: { fields: { field: string; code: string; message: string; params?: Record<string, unknown> }[] } } } }) =>
  res.body.error.details.fields;

describe('priority points', () => {
  it('rank a KV1 + UT1 candidate above an equal academic score, cap bonus points, and follow the program settings', async () => {
    const season = await newSeason();
    expect((await addProgram(season, { code: 'PRI' })).status).toBe(201);
    const plain = await addProgram(season, { code: 'PLAIN', quota: 4, priorityPoints: false });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body).toMatchObject({ priorityPoints: false, floorBasis: 'academic', thresholdIncludesBonus: false });
    // P1 and P2: 21 each (3 × math 7). P2 is KV1 (graduated this year) and UT1: +2.75. P3: bonus 5, capped at 3.
    // P4: KV1 but graduated in 2020 — region points lapse; UT2 still counts. `candidate_number` and `priority_groups`.
    const imported = await importFile(season, 'candidate_number,rank,program_id,region,priority_groups,graduation_year,bonus', [
      'P1,1,PRI,,,,',
      'P1,2,PLAIN,,,,',
      'P2,1,PRI,KV1,UT1,2026,',
      'P2,2,PLAIN,,,,',
      'P3,1,PLAIN,,,,5',
      'P4,1,PLAIN,kv1,ut2,2020,',
    ]);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ created: 6, candidates: 4, profiles: 3 });
    const runId = await run(season);
    const o = await outcome(runId);
    expect(o.P2).toEqual({ program: 'PRI', score: 23.75 });
    expect(o.P1).toEqual({ program: 'PLAIN', score: 21 });
    const scores = await applicationScores(runId);
    expect(scores.PRI).toEqual({ P1: 21, P2: 23.75 });
    // PLAIN adds no points: everyone's academic score.
    expect(scores.PLAIN).toEqual({ P1: 21, P2: 21, P3: 21, P4: 21 });

    // With priority points at PLAIN: P3's bonus is capped at 3, P4 gets UT2's 1 without the lapsed region.
    const program = (await officer.get(`/api/v1/admission-seasons/${season}/programs`)).body.items.find((p: { code: string }) => p.code === 'PLAIN');
    const edited = await officer.patch(`/api/v1/admission-programs/${program.id}`, { priorityPoints: true, version: program.version });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const again = await applicationScores(await run(season));
    expect(again.PLAIN).toEqual({ P1: 21, P2: 23.75, P3: 24, P4: 22 });
  });

  it('compare method floors before or after the points, and the 22.5 threshold with or without the bonus', async () => {
    const season = await newSeason();
    // Floor 23 on the method: P2 (21 academic, 23.75 final) passes only when floors compare the final score.
    expect((await addProgram(season, { code: 'ACAD', quota: 5, methods: [mathMethod({ floor: 23 })] })).status).toBe(201);
    expect((await addProgram(season, { code: 'FINAL', quota: 5, floorBasis: 'final', methods: [mathMethod({ floor: 23 })] })).status).toBe(201);
    // X1: 24 academic, KV1 (0.75) and bonus 1. Threshold on T = 24: (30 − 24)/7.5 × 0.75 = 0.6 → 25.6; on T + bonus = 25:
    // (30 − 25)/7.5 × 0.75 = 0.5 → 25.5.
    expect((await addProgram(season, { code: 'TOTAL', quota: 5 })).status).toBe(201);
    expect((await addProgram(season, { code: 'WITHBONUS', quota: 5, thresholdIncludesBonus: true })).status).toBe(201);
    const imported = await importFile(season, 'candidate_id,rank,program_id,region,groups,graduation_year,bonus', [
      `${cand.P2},1,ACAD,KV1,UT1,2026,`,
      `${cand.P2},2,FINAL,,,,`,
      `${cand.X1},1,TOTAL,KV1,,2025,1`,
      `${cand.X1},2,WITHBONUS,KV1,,2025,1`,
    ]);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const scores = await applicationScores(await run(season));
    expect(scores.ACAD).toEqual({ P2: null });
    expect(scores.FINAL).toEqual({ P2: 23.75 });
    expect(scores.TOTAL).toEqual({ X1: 25.6 });
    expect(scores.WITHBONUS).toEqual({ X1: 25.5 });
  });

  it('refuse bad priority values per row, naming the row and the column, in Vietnamese and English', async () => {
    const season = await newSeason();
    expect((await addProgram(season, { code: 'PRI' })).status).toBe(201);
    expect((await addProgram(season, { code: 'PRI2' })).status).toBe(201);
    const header = 'candidate_id,rank,program_id,region,groups,graduation_year,bonus,score';
    const lines = [
      `${cand.P1},1,PRI,KV9,,,,`, // row 2
      `${cand.P2},1,PRI,,UT1;UT3,,,`, // 3
      `${cand.P3},1,PRI,,,2027,,`, // 4: after the season's year
      `${cand.P4},1,PRI,,,,-1,`, // 5
      `${cand.X1},1,PRI,,,,31,`, // 6
      `${cand.Y1},1,PRI,,,99999999999999999999,1e308,`, // 7: huge numbers
      `${cand.D1},1,PRI,KV1,,2026,,`, // 8
      `${cand.D1},2,NOPE,KV2,,2026,,`, // 9: unknown program
      'EXT-1,1,PRI,KV1,,,,20', // 10: an external candidate's score is final
    ];
    const vi = await importFile(season, header, lines);
    expect(vi.status).toBe(400);
    const fields = fieldsOf(vi);
    // Each names its row and column (the file's header).
    expect(fields.map((f) => [f.code, /dòng (\d+)(?:, cột (\w+))?/.exec(f.message)?.slice(1)])).toEqual([
      ['row_unknown_region', ['2', 'region']],
      ['row_unknown_group', ['3', 'groups']],
      ['row_bad_graduation_year', ['4', 'graduation_year']],
      ['row_bad_bonus', ['5', 'bonus']],
      ['row_bad_bonus', ['6', 'bonus']],
      ['row_bad_graduation_year', ['7', 'graduation_year']],
      ['row_bad_bonus', ['7', 'bonus']],
      ['unknown_program', ['9', undefined]],
      ['row_profile_external', ['10', undefined]],
    ]);
    expect(fields[0].message).toContain('dòng 2, cột region: “KV9” không phải KV1, KV2-NT, KV2 hay KV3.');
    const en = await importFile(season, header, lines, officerEn);
    expect(fieldsOf(en)[2].message).toContain('row 4, column graduation_year: “2027” is not a year from 1950 to 2026.');
    // Two rows of a candidate that disagree on its profile.
    const mismatch = await importFile(season, 'candidate_id,rank,program_id,region', [`${cand.P1},1,PRI,KV1`, `${cand.P1},2,PRI2,KV2`]);
    expect(fieldsOf(mismatch).map((f) => f.code)).toEqual(['profile_mismatch']);
    expect(fieldsOf(mismatch)[0].message).toContain('dòng 3: thí sinh');
    expect(fieldsOf(mismatch)[0].message).toContain('ở dòng 2;');
    expect(await db().selectFrom('admission_candidate_profiles').select('candidate_key').where('season_id', '=', season).execute()).toEqual([]);
  });
});

describe('candidate numbers in the preference file', () => {
  it('resolve to the exam candidate; an unknown or ambiguous number, or both columns given, is a row error', async () => {
    const season = await newSeason();
    expect((await addProgram(season, { code: 'PRI' })).status).toBe(201);
    const bad = await importFile(season, 'candidate_id,candidate_number,rank,program_id', [
      ',P1,1,PRI',
      ',D1,1,PRI', // in both of adm's exams
      ',ZZ-404,1,PRI',
      `${cand.P2},P2,1,PRI`,
      `,${'9'.repeat(60)},1,PRI`,
    ]);
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).map((f) => [f.code, /dòng (\d+)/.exec(f.message)?.[1]])).toEqual([
      ['ambiguous_candidate_number', '3'],
      ['unknown_candidate_number', '4'],
      ['candidate_id_and_number', '5'],
      ['unknown_candidate_number', '6'],
    ]);
    expect(fieldsOf(bad)[0].message).toContain('2 kỳ thi có thí sinh mang số báo danh “D1”');
    // Numbers and ids together in one file; uuids keep working.
    const ok = await importFile(season, 'candidate_id,candidate_number,rank,program_id', [',P1,1,PRI', `${cand.P2},,1,PRI`]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const keys = await db().selectFrom('admission_preferences').select('exam_candidate_id').where('season_id', '=', season).orderBy('exam_candidate_id').execute();
    expect(keys.map((k) => k.exam_candidate_id)).toEqual([cand.P1, cand.P2].sort());
    // Another institution's season does not find adm's numbers (adm's exams are drafts).
    const strangerSeason = await stranger.post('/api/v1/admission-seasons', { titleVi: 'Khác', titleEn: 'Other', year: 2026 });
    expect((await stranger.post(`/api/v1/admission-seasons/${strangerSeason.body.id}/programs`, { code: 'S', nameVi: 'S', nameEn: 'S', quota: 1, methods: [{ methodId: 'E', components: [{ examId: exam, subject: 'math', weight: 1 }] }] })).status).toBe(400);
    const external = await importFile(strangerSeason.body.id, 'candidate_number,rank,program_id', ['P1,1,S'], stranger);
    expect(fieldsOf(external).map((f) => f.code)).toEqual(['unknown_candidate_number', 'unknown_program']);
  });
});

describe('equivalence tables', () => {
  const segments = [
    { a: 0, b: 7, c: 0, d: 25 },
    { a: 7, b: 10, c: 25, d: 30 },
  ];

  it('convert a method score, which changes who is admitted', async () => {
    const season = await newSeason();
    // X1: math 8 (24), lit 5; Y1: math 6 (18), lit 7.5. Without the table Y1's lit method scores 22.5: X1 is admitted.
    const litMethod = (equivalence?: string) => ({ methodId: 'LIT', components: [{ examId: exam, subject: 'lit', weight: 1 }], ...(equivalence ? { equivalence } : {}) });
    const program = await addProgram(season, { code: 'EQ', methods: [mathMethod(), litMethod()] });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    expect((await importFile(season, 'candidate_number,rank,program_id', ['X1,1,EQ', 'Y1,1,EQ'])).status).toBe(200);
    expect((await outcome(await run(season))).X1.program).toBe('EQ');

    const table = await officer.post(`/api/v1/admission-seasons/${season}/equivalence-tables`, { name: 'LIT-30', segments });
    expect(table.status, JSON.stringify(table.body)).toBe(201);
    const edited = await officer.patch(`/api/v1/admission-programs/${program.body.id}`, { methods: [mathMethod(), litMethod('LIT-30')], version: program.body.version });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.methods[1].equivalence).toBe('LIT-30');
    // Through the table Y1's 7.5 becomes 25 + 0.5 × 5/3 = 25.83 > 24.
    const o = await outcome(await run(season));
    expect(o.Y1).toEqual({ program: 'EQ', score: 25.83 });
    expect(o.X1.program).toBeNull();

    const list = await officer.get(`/api/v1/admission-seasons/${season}/equivalence-tables`);
    expect(list.body.items).toEqual([expect.objectContaining({ name: 'LIT-30', usedBy: ['EQ'], source: null, version: 1 })]);
    // A table a method names is neither renamed nor deleted; its segments may change (version checked).
    expect((await officer.patch(`/api/v1/admission-equivalence-tables/${table.body.id}`, { name: 'LIT', version: 1 })).status).toBe(409);
    expect((await officer.delete(`/api/v1/admission-equivalence-tables/${table.body.id}`)).status).toBe(409);
    const resegmented = await officer.patch(`/api/v1/admission-equivalence-tables/${table.body.id}`, { segments: [{ a: 0, b: 10, c: 0, d: 30 }], version: 1 });
    expect(resegmented.status, JSON.stringify(resegmented.body)).toBe(200);
    expect((await officer.patch(`/api/v1/admission-equivalence-tables/${table.body.id}`, { segments, version: 1 })).status).toBe(409);
    // Another institution does not reach it; the same name twice is a 409.
    expect((await stranger.patch(`/api/v1/admission-equivalence-tables/${table.body.id}`, { segments, version: 2 })).status).toBe(404);
    expect((await stranger.get(`/api/v1/admission-seasons/${season}/equivalence-tables`)).status).toBe(404);
    expect((await officer.post(`/api/v1/admission-seasons/${season}/equivalence-tables`, { name: 'LIT-30', segments })).status).toBe(409);
  });

  it('refuse an unknown table, bad segments and hostile values, naming the field', async () => {
    const season = await newSeason();
    const unknown = await addProgram(season, { code: 'U', methods: [mathMethod({ equivalence: 'NOPE' })] });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown)).toEqual([expect.objectContaining({ field: 'methods.0.equivalence', code: 'unknown_equivalence' })]);
    const post = (body: unknown, client = officer) => client.post(`/api/v1/admission-seasons/${season}/equivalence-tables`, body);
    const overlapping = await post({ name: 'T', segments: [segments[0], { a: 6, b: 10, c: 25, d: 30 }] });
    expect(overlapping.status).toBe(400);
    expect(fieldsOf(overlapping)).toEqual([expect.objectContaining({ field: 'segments.1', code: 'invalid_equivalence_table' })]);
    const reversed = await post({ name: 'T', segments: [{ a: 5, b: 1, c: 0, d: 30 }] }, officerEn);
    expect(fieldsOf(reversed)[0]).toMatchObject({ field: 'segments.0', code: 'invalid_equivalence_table' });
    expect(fieldsOf(reversed)[0].message).toContain('segments go in increasing order');
    expect(fieldsOf(await post({ name: 'T' }))[0]).toMatchObject({ field: 'segments', code: 'segments_or_build' });
    for (const [body, field] of [
      [{ name: 'T\u0000', segments }, 'name'],
      [{ name: 'T', segments: [{ a: 0, b: 1e308, c: 0, d: 30 }] }, 'segments.0.b'],
      [{ name: 'T', segments: [{ a: 0, b: 10, c: 0, d: 3_000_000_000 }] }, 'segments.0.d'],
      [{ name: 'T', segments: [{ a: 0, b: 10, c: 0, d: 30, label: 'x\u0000' }] }, 'segments.0.label'],
      [{ name: 'T', build: { fromExamId: '00000000-0000-4000-8000-000000000000', fromSubject: 'math', toExamId: exam, toSubject: 'lit' } }, 'build.fromExamId'],
      [{ name: 'T', build: { fromExamId: exam, fromSubject: 'physics', toExamId: exam, toSubject: 'lit' } }, 'build.fromSubject'],
    ] as const) {
      // The exam's organiser (adm's admin) reads its statistics; its admissions officer does not (build.fromExamId).
      const res = await post(body, admAdmin);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res).map((f) => f.field), JSON.stringify(body)).toContain(field);
    }
    const officerBuild = await post({ name: 'T', build: { fromExamId: exam, fromSubject: 'math', toExamId: exam, toSubject: 'lit' } });
    expect(fieldsOf(officerBuild)[0]).toMatchObject({ field: 'build.fromExamId', code: 'unknown_exam' });
    const patchHuge = await officer.patch('/api/v1/admission-equivalence-tables/00000000-0000-4000-8000-000000000000', { version: 3_000_000_000 });
    expect(patchHuge.status).toBe(400);
    expect((await officer.delete('/api/v1/admission-equivalence-tables/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // Roles without admissions.manage: 403 (another institution's season: 404 above).
    const member = await t.login(adm.member.email);
    expect((await post({ name: 'T', segments }, member)).status).toBe(403);
  });

  it('build from two subjects’ percentile tables', async () => {
    const season = await newSeason();
    const built = await admAdmin.post(`/api/v1/admission-seasons/${season}/equivalence-tables`, {
      name: 'MATH-LIT',
      build: { fromExamId: exam, fromSubject: 'math', toExamId: exam, toSubject: 'lit' },
    });
    expect(built.status, JSON.stringify(built.body)).toBe(201);
    expect(built.body.source).toEqual({ fromExamId: exam, fromSubject: 'math', toExamId: exam, toSubject: 'lit' });
    // math: 5, 6, 7×4, 8; lit: 5×6, 7.5 (on 30 points: 15, 22.5) — the top anchor pairs the best of each.
    expect(built.body.segments).toEqual([
      { a: 5, b: 6, c: 15, d: 15, label: expect.any(String) },
      { a: 6, b: 7, c: 15, d: 15, label: expect.any(String) },
      { a: 7, b: 8, c: 15, d: 22.5, label: expect.any(String) },
    ]);
    for (let i = 1; i < built.body.segments.length; i++) expect(built.body.segments[i].a).toBeGreaterThanOrEqual(built.body.segments[i - 1].b);
  });
});
