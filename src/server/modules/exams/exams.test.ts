import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Exams (issue 13, first half): the definition, the import, publishing and the statistics, the public lookup, and the
// gate that opens results to an admitting institution only through an agreement in force with an admissions area and
// only for consenting candidates who applied to it — every read recorded for the organiser.

let t: TestApp;
let org: Awaited<ReturnType<typeof buildTenant>>;
let adm: Awaited<ReturnType<typeof buildTenant>>;
let organiser: ApiClient;
let admissions: ApiClient;
const db = () => t.database.db;

beforeAll(async () => {
  t = await startTestApp();
  org = await buildTenant(db(), { code: `ORG${Date.now() % 100000}` });
  adm = await buildTenant(db(), { code: `ADM${Date.now() % 100000}` });
  organiser = await t.login((await buildUser(db(), org.institution.id, ['exam_organiser'])).email);
  admissions = await t.login((await buildUser(db(), adm.institution.id, ['admissions_officer'])).email);
});
afterAll(() => t.close());

const definition = (code: string) => ({
  code,
  titleVi: `Kỳ thi ${code}`,
  titleEn: `Exam ${code}`,
  year: 2026,
  rounds: [
    { key: 'r1', nameVi: 'Đợt 1', nameEn: 'Round 1', startDate: '2026-05-23', endDate: '2026-05-24', venues: ['Hà Nội', 'Sơn La'] },
    { key: 'r2', nameVi: 'Đợt 2', nameEn: 'Round 2', startDate: '2026-05-30', endDate: '2026-05-31', venues: ['Đà Nẵng'] },
  ],
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

async function createExam(code: string) {
  const res = await organiser.post('/api/v1/exams', definition(code));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const HEADER = 'candidateNumber,fullName,dateOfBirth,round,venue,math,lit.mcq,lit.essay';
const csvOf = (lines: string[]) => Buffer.from(`${HEADER}\r\n${lines.join('\r\n')}\r\n`);

async function upload(client: ApiClient, examId: string, mode: string, bytes: Buffer, name = 'results.csv') {
  const { body, headers } = multipartUpload({ mode }, name, bytes);
  return client.request('POST', `/api/v1/exams/${examId}/import`, body, headers);
}

/** An exam with candidates imported and published; answers its id. */
async function publishedExam(code: string, lines: string[]) {
  const exam = await createExam(code);
  const imported = await upload(organiser, exam.id, 'all', csvOf(lines));
  expect(imported.body.created, JSON.stringify(imported.body)).toBe(lines.length);
  const published = await organiser.post(`/api/v1/exams/${exam.id}/publish`, { version: exam.version });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return exam.id;
}

async function admissionsAgreement(opts: { status?: 'active' | 'expired' | 'negotiation'; start?: string; end?: string; areaKind?: string } = {}) {
  const officer = await t.login(org.officer.email);
  const res = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: 'Thỏa thuận tuyển sinh',
      titleEn: 'Admissions agreement',
      startDate: opts.start ?? '2025-01-01',
      endDate: opts.end ?? '2099-12-31',
      parties: [{ institutionId: org.institution.id }, { institutionId: adm.institution.id }],
      areas: [{ key: 'a1', kind: opts.areaKind ?? 'admissions', titleVi: 'Tuyển sinh', titleEn: 'Admissions' }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await db().updateTable('agreements').set({ status: opts.status ?? 'active' }).where('id', '=', res.body.id).execute();
  return res.body.id as string;
}
const endAgreement = (id: string) => db().updateTable('agreements').set({ status: 'terminated' }).where('id', '=', id).execute();

const consent = (examId: string, number: string, dob: string, institutionId: string, value: boolean) =>
  t.client().put('/api/v1/public/exam-consents', { examId, candidateNumber: number, dateOfBirth: dob, institutionId, consent: value });

describe('definition', () => {
  it('creates a draft, refuses weights that do not add up to 100 and a stale version', async () => {
    const exam = await createExam('DEF-1');
    const bad = definition('DEF-2');
    bad.subjects[1].parts[1].weight = 40;
    const refused = await organiser.post('/api/v1/exams', bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].field).toBe('subjects.1.parts');
    const updated = await organiser.put(`/api/v1/exams/${exam.id}`, { ...definition('DEF-1'), titleEn: 'Renamed', version: exam.version });
    expect(updated.status).toBe(200);
    const stale = await organiser.put(`/api/v1/exams/${exam.id}`, { ...definition('DEF-1'), version: exam.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('keeps the structure once candidates are in, and everything once published', async () => {
    const exam = await createExam('DEF-FROZEN');
    await upload(organiser, exam.id, 'all', csvOf(['F001,Lò Văn Phong,2008-01-02,r1,Hà Nội,8,7,6']));
    const rescaled = definition('DEF-FROZEN');
    rescaled.subjects[0].maxScore = 20;
    const refused = await organiser.put(`/api/v1/exams/${exam.id}`, { ...rescaled, version: exam.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('thí sinh');
    const renamed = await organiser.put(`/api/v1/exams/${exam.id}`, { ...definition('DEF-FROZEN'), titleVi: 'Tên mới', version: exam.version });
    expect(renamed.status).toBe(200);
    expect((await organiser.post(`/api/v1/exams/${exam.id}/publish`, { version: renamed.body.version })).status).toBe(200);
    const afterPublish = await organiser.put(`/api/v1/exams/${exam.id}`, { ...definition('DEF-FROZEN'), version: renamed.body.version + 1 });
    expect(afterPublish.status).toBe(409);
    expect(afterPublish.body.error.code).toBe('conflict');
    const late = await upload(organiser, exam.id, 'all', csvOf(['F002,Lò Thị Phượng,2008-01-02,r1,Hà Nội,8,7,6']));
    expect(late.status).toBe(409);
    expect((await organiser.post(`/api/v1/exams/${exam.id}/publish`, { version: renamed.body.version + 1 })).status).toBe(409);
  });

  it('refuses NUL, int4 overflow and forged cursors with 400 naming the field', async () => {
    const nul = await organiser.post('/api/v1/exams', { ...definition('NUL'), titleVi: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details.fields[0].field).toBe('titleVi');
    const big = await organiser.post(`/api/v1/exams/${(await createExam('BIG')).id}/publish`, { version: 2 ** 40 });
    expect(big.status).toBe(400);
    const exam = await createExam('CUR');
    const cursor = await organiser.get(`/api/v1/exams/${exam.id}/candidates?cursor=${Buffer.from('{"k":1,"id":"x"}').toString('base64url')}`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details.fields[0].field).toBe('cursor');
  });

  it('lets only the organiser’s roles define exams', async () => {
    for (const user of [org.officer, org.member, org.student]) {
      const c = await t.login(user.email);
      expect((await c.post('/api/v1/exams', definition(`NO-${user.id.slice(0, 4)}`))).status).toBe(403);
    }
    expect((await admissions.post('/api/v1/exams', definition('NO-ADM'))).status).toBe(403);
    const admin = await t.login(org.admin.email);
    expect((await admin.post('/api/v1/exams', definition('ADMIN-1'))).status).toBe(201);
  });
});

describe('import', () => {
  it('reports every bad row with its row, column and reason, and saves nothing in all-or-nothing', async () => {
    const exam = await createExam('IMP-1');
    const lines = [
      'C001,Nguyễn Văn An,2008-01-02,r1,Hà Nội,8.25,7.5,6',
      'C002,Trần Thị Bình,31/02/2008,r1,Hà Nội,7,7,7', // a bad date
      'C003,Lê Văn Cường,2008-03-04,r9,Hà Nội,7,7,7', // an unknown round
      'C004,Phạm Thị Dung,2008-03-04,r1,Hà Nội,11,7,7', // outside the scale
      'C001,Hoàng Văn Em,2008-03-04,r1,Hà Nội,7,7,7', // a duplicate number
      'C006,Vũ Thị Giang,2008-03-04,r2,Hà Nội,7,7,7', // a venue of another round
      'C007,Đỗ Văn Hải,2008-03-04,r1,Sơn La,7.1,7,', // off the step; a part missing
    ];
    const preview = await upload(organiser, exam.id, 'all', csvOf(lines));
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.validRows).toBe(1);
    const problems = preview.body.problems.map((p: { row: number; column: string; code: string }) => `${p.row}:${p.column}:${p.code}`);
    expect(problems).toEqual([
      '3:dateOfBirth:invalid_format_date',
      '4:round:unknown_round',
      '5:math:score_outside_scale',
      '6:candidateNumber:duplicate_in_file',
      '7:venue:unknown_venue',
      '8:math:score_step',
      '8:lit.essay:part_missing',
    ]);
    expect(preview.body.problems[2].message).toContain('0–10');
    expect(preview.body.created).toBe(0);
    const count = await db().selectFrom('exam_candidates').select(db().fn.countAll().as('n')).where('exam_id', '=', exam.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // Only the valid rows, when asked.
    const validOnly = await upload(organiser, exam.id, 'valid-only', csvOf(lines));
    expect(validOnly.body.created).toBe(1);
  });

  it('refuses a file with a column that is no subject or part of the exam, naming it', async () => {
    const exam = await createExam('IMP-COL');
    const bytes = Buffer.from(`${HEADER},Sinh học [biology]\r\nK001,Đào Văn Kha,2008-01-02,r1,Hà Nội,8,7,6,9\r\n`);
    const res = await upload(organiser, exam.id, 'preview', bytes);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: 'file', code: 'unknown_columns' });
    expect(res.body.error.details.fields[0].message).toContain('Sinh học [biology]');
  });

  it('computes the weighted total, and imports a file once (re-upload is idempotent)', async () => {
    const exam = await createExam('IMP-2');
    const file = csvOf(['D001,Ngô Thị Lan,2008-05-06,r1,Sơn La,9,8,6.5']);
    const first = await upload(organiser, exam.id, 'all', file);
    expect(first.body.created).toBe(1);
    const again = await upload(organiser, exam.id, 'all', file);
    expect(again.body.alreadyImported).toBe(true);
    expect(again.body.created).toBe(0);
    expect(again.body.previouslyCreated).toBe(1);
    const list = await organiser.get(`/api/v1/exams/${exam.id}/candidates`);
    expect(list.body.items).toHaveLength(1);
    const lit = list.body.items[0].scores.find((s: { subjectKey: string }) => s.subjectKey === 'lit');
    expect(lit.total).toBe(Math.round((8 * 0.7 + 6.5 * 0.3) * 100) / 100);
    expect(lit.parts).toEqual({ mcq: 8, essay: 6.5 });
  });

  it('reads a real XLSX file with its headers in Vietnamese and dates as date cells', async () => {
    const exam = await createExam('IMP-3');
    const template = await organiser.get(`/api/v1/exams/${exam.id}/import-template?format=xlsx`);
    expect(template.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.body, 'binary') as unknown as ArrayBuffer).catch(() => undefined);
    const out = new ExcelJS.Workbook();
    const ws = out.addWorksheet('Thí sinh');
    ws.addRow(['Số báo danh [candidateNumber]', 'Họ và tên', 'Ngày sinh', 'Đợt thi', 'Địa điểm thi', 'Toán [math]', 'x [lit.mcq]', 'y [lit.essay]']);
    ws.addRow(['X001', 'Bùi Thị Mai', new Date(Date.UTC(2008, 6, 9)), 'Đợt 2', 'Đà Nẵng', 6.75, 5, 9]);
    ws.addRow(['X002', 'Đặng Văn Nam', '09/07/2008', 'r1', 'ha noi', 10, 10, 10]);
    const bytes = Buffer.from(await out.xlsx.writeBuffer());
    const res = await upload(organiser, exam.id, 'all', bytes, 'ket-qua.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.created).toBe(2);
    const list = await organiser.get(`/api/v1/exams/${exam.id}/candidates`);
    expect(list.body.items.map((c: { number: string; dateOfBirth: string; roundKey: string; venue: string }) => [c.number, c.dateOfBirth, c.roundKey, c.venue])).toEqual([
      ['X001', '2008-07-09', 'r2', 'Đà Nẵng'],
      ['X002', '2008-07-09', 'r1', 'Hà Nội'],
    ]);
  });
});

describe('a large file', () => {
  it('imports 20,000 candidates in one file, all or nothing', async () => {
    const exam = await createExam('BIG-IMPORT');
    const lines = Array.from({ length: 20_000 }, (_, i) => `B${String(i).padStart(6, '0')},Thí sinh số ${i},2008-01-01,r${1 + (i % 2)},${i % 2 ? 'Đà Nẵng' : 'Hà Nội'},${(i % 41) / 4},${(i % 37) / 4},${(i % 29) / 4}`);
    const started = performance.now();
    const res = await upload(organiser, exam.id, 'all', csvOf(lines));
    const seconds = (performance.now() - started) / 1000;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.created).toBe(20_000);
    expect(seconds).toBeLessThan(30);
    const stats = await organiser.get(`/api/v1/exams/${exam.id}/statistics`);
    expect(stats.body.subjects.map((s: { count: number }) => s.count)).toEqual([20_000, 20_000]);
  }, 60_000);
});

describe('statistics', () => {
  it('answers histograms and percentiles equal to an independent computation', async () => {
    // A seeded spread of scores on the 0–10 scale, step 0.25.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const maths: number[] = [];
    const lines: string[] = [];
    for (let i = 0; i < 257; i++) {
      const m = Math.round(rand() * 40) / 4;
      maths.push(m);
      lines.push(`S${String(i).padStart(4, '0')},Thí sinh ${i},2008-01-01,r1,Hà Nội,${m},,`);
    }
    const examId = await publishedExam('STAT-1', lines);
    const res = await organiser.get(`/api/v1/exams/${examId}/statistics`);
    expect(res.status).toBe(200);
    const math = res.body.subjects.find((s: { subjectKey: string }) => s.subjectKey === 'math');
    expect(math.count).toBe(257);
    const sorted = [...maths].sort((a, b) => a - b);
    const expectedPercentiles = Array.from({ length: 100 }, (_, i) => ({ percentile: i + 1, score: sorted[Math.ceil(((i + 1) / 100) * sorted.length) - 1] }));
    expect(math.percentiles).toEqual(expectedPercentiles);
    const bins = Array.from({ length: 20 }, () => 0);
    for (const m of maths) bins[Math.min(Math.floor(m / 0.5), 19)]++;
    expect(math.histogram.map((b: { count: number }) => b.count)).toEqual(bins);
    expect(math.histogram[0]).toMatchObject({ from: 0, to: 0.5 });
    expect(math.mean).toBe(Math.round((maths.reduce((a, b) => a + b, 0) / maths.length) * 100) / 100);
    const lit = res.body.subjects.find((s: { subjectKey: string }) => s.subjectKey === 'lit');
    expect(lit.count).toBe(0);
    expect(lit.percentiles).toEqual([]);
  });
});

describe('public lookup', () => {
  let examId: string;
  beforeAll(async () => {
    examId = await publishedExam('LOOK-1', ['L001,Cao Thị Oanh,2008-02-03,r1,Hà Nội,8,7,9', 'L002,Kiều Văn Phúc,2008-04-05,r2,Đà Nẵng,6,,']);
  });

  it('answers a candidate’s own results with number and date of birth', async () => {
    const res = await t.client().post('/api/v1/public/exam-results', { examId, candidateNumber: 'L001', dateOfBirth: '2008-02-03' });
    expect(res.status).toBe(200);
    expect(res.body.candidate.fullName).toBe('Cao Thị Oanh');
    expect(res.body.scores.map((s: { subjectKey: string; total: number }) => [s.subjectKey, s.total])).toEqual([
      ['math', 8],
      ['lit', 7.6],
    ]);
  });

  it('gives the same answer for a wrong date of birth, an unknown number and a draft exam', async () => {
    const draft = await createExam('LOOK-DRAFT');
    await upload(organiser, draft.id, 'all', csvOf(['Q001,Đinh Văn Quang,2008-01-01,r1,Hà Nội,5,,']));
    const answers = [];
    for (const body of [
      { examId, candidateNumber: 'L002', dateOfBirth: '2008-04-06' },
      { examId, candidateNumber: 'NOPE-999', dateOfBirth: '2008-04-05' },
      { examId: draft.id, candidateNumber: 'Q001', dateOfBirth: '2008-01-01' },
    ]) {
      const res = await t.client().post('/api/v1/public/exam-results', body);
      answers.push({ status: res.status, code: res.body.error.code, message: res.body.error.message, keys: Object.keys(res.body.error).sort() });
    }
    expect(answers[0].status).toBe(404);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('takes similar time for a wrong date of birth and an unknown number', async () => {
    const time = async (number: string) => {
      const start = performance.now();
      await t.client().post('/api/v1/public/exam-results', { examId, candidateNumber: number, dateOfBirth: '1999-01-01' });
      return performance.now() - start;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Different numbers each time, so the per-candidate limit does not answer first.
    for (let i = 0; i < 8; i++) {
      wrong.push(await time(i % 2 === 0 ? 'L001' : 'L002'));
      unknown.push(await time(`UNKNOWN-${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(Math.abs(median(wrong) - median(unknown))).toBeLessThan(Math.max(15, median(unknown)));
  });

  it('limits attempts per candidate number with 429 and Retry-After', async () => {
    const other = await publishedExam('LOOK-2', ['R001,Lý Thị Rạng,2008-02-03,r1,Hà Nội,8,,']);
    let last = 0;
    let res: Awaited<ReturnType<ApiClient['post']>> | undefined;
    for (let i = 0; i < 11; i++) {
      res = await t.client().post('/api/v1/public/exam-results', { examId: other, candidateNumber: 'R001', dateOfBirth: `2008-01-${String(i + 1).padStart(2, '0')}` });
      last = res.status;
    }
    expect(last).toBe(429);
    expect(Number(res!.headers['retry-after'])).toBeGreaterThan(0);
    // Now even the right date of birth is refused until the window passes: no guessing the rest of the year.
    const right = await t.client().post('/api/v1/public/exam-results', { examId: other, candidateNumber: 'R001', dateOfBirth: '2008-02-03' });
    expect(right.status).toBe(429);
  });

  it('limits attempts per client address', async () => {
    const other = await publishedExam('LOOK-3', ['S001,Mạc Văn Sơn,2008-02-03,r1,Hà Nội,8,,']);
    await db().deleteFrom('rate_events').where('action', '=', 'exam_lookup').execute();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await t.client().post('/api/v1/public/exam-results', { examId: other, candidateNumber: `IP-${i}`, dateOfBirth: '2008-02-03' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    await db().deleteFrom('rate_events').where('action', '=', 'exam_lookup').execute();
  });
});

describe('sharing results with an admitting institution', () => {
  const candidates = ['G001,An Thị Gấm,2008-01-01,r1,Hà Nội,9,8,8', 'G002,Bế Văn Hùng,2008-02-02,r1,Hà Nội,5,5,5', 'G003,Chu Thị Ích,2008-03-03,r2,Đà Nẵng,7,,'];
  const shared = (examId: string) => admissions.get(`/api/v1/exams/${examId}/shared-results`);
  const reads = (examId: string) => db().selectFrom('exam_result_reads').selectAll().where('exam_id', '=', examId).execute();
  /** The candidates apply to the admitting institution: a season of its own with a program, and their preferences for it. */
  const applyTo = async (examId: string, numbers: string[]) => {
    const season = await admissions.post('/api/v1/admission-seasons', { titleVi: 'Tuyển sinh thử', titleEn: 'Trial admission', year: 2026 });
    const methods = [{ methodId: 'M', components: [{ examId, subject: 'math', weight: 1 }] }];
    const program = await admissions.post(`/api/v1/admission-seasons/${season.body.id}/programs`, { code: 'P', nameVi: 'Ngành', nameEn: 'Program', quota: 10, methods });
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    const rows = await db().selectFrom('exam_candidates').select('id').where('exam_id', '=', examId).where('number', 'in', numbers).execute();
    const { body, headers } = multipartUpload({ mode: 'all' }, 'p.csv', Buffer.from(`candidate_id,rank,program_id\r\n${rows.map((r) => `${r.id},1,P`).join('\r\n')}\r\n`));
    expect((await admissions.request('POST', `/api/v1/admission-seasons/${season.body.id}/preferences/import`, body, headers)).status).toBe(200);
  };

  it('opens nothing without an agreement, to the organiser’s other roles, or through a non-admissions agreement', async () => {
    await db().deleteFrom('rate_events').execute();
    const examId = await publishedExam('GATE-0', candidates);
    expect((await consent(examId, 'G001', '2008-01-01', adm.institution.id, true)).status).toBe(400); // not a partner yet
    expect((await shared(examId)).status).toBe(404);
    const other = await admissionsAgreement({ areaKind: 'training' });
    expect((await shared(examId)).status).toBe(404);
    expect((await admissions.get(`/api/v1/exams/${examId}`)).status).toBe(404);
    await endAgreement(other);
    expect(await reads(examId)).toHaveLength(0);
  });

  it('opens only consenting candidates while an admissions agreement is in force, and records every read', async () => {
    await db().deleteFrom('rate_events').execute();
    const examId = await publishedExam('GATE-1', candidates);
    const agreement = await admissionsAgreement();
    await applyTo(examId, ['G001', 'G002', 'G003']);
    // No consent yet: the exam is reachable, its results are not.
    const none = await shared(examId);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
    expect(none.body.agreementIds).toEqual([agreement]);
    expect(await reads(examId)).toHaveLength(0);

    expect((await consent(examId, 'G001', '2008-01-01', adm.institution.id, true)).status).toBe(200);
    expect((await consent(examId, 'G003', '2008-03-03', adm.institution.id, true)).status).toBe(200);
    const some = await shared(examId);
    expect(some.body.items.map((c: { number: string }) => c.number)).toEqual(['G001', 'G003']);
    expect((await admissions.get(`/api/v1/exams/${examId}/shared-results?candidate=G002`)).body.items).toEqual([]);
    // The admitting institution never lists every candidate.
    expect((await admissions.get(`/api/v1/exams/${examId}/candidates`)).status).toBe(403);

    const log = await reads(examId);
    expect(log).toHaveLength(1);
    expect(log[0].reader_institution_id).toBe(adm.institution.id);
    expect(log[0].agreement_ids).toEqual([agreement]);
    expect(log[0].candidate_ids).toHaveLength(2);
    const page = await organiser.get(`/api/v1/exams/${examId}/access-log`);
    expect(page.status).toBe(200);
    expect(page.body.items[0]).toMatchObject({ readerInstitutionId: adm.institution.id, candidateCount: 2, candidateNumbers: ['G001', 'G003'] });
    expect((await admissions.get(`/api/v1/exams/${examId}/access-log`)).status).toBe(403);

    // Withdrawn: from then on the candidate is not listed.
    const withdrawn = await consent(examId, 'G001', '2008-01-01', adm.institution.id, false);
    expect(withdrawn.body.consents.find((c: { institutionId: string }) => c.institutionId === adm.institution.id).consented).toBe(false);
    expect((await shared(examId)).body.items.map((c: { number: string }) => c.number)).toEqual(['G003']);

    // An agreement that ended, or expired by its dates, opens nothing.
    await endAgreement(agreement);
    expect((await shared(examId)).status).toBe(404);
    const expired = await admissionsAgreement({ start: '2020-01-01', end: '2021-12-31' });
    expect((await shared(examId)).status).toBe(404);
    await endAgreement(expired);
    const future = await admissionsAgreement({ start: '2098-01-01' });
    expect((await shared(examId)).status).toBe(404);
    await endAgreement(future);
    const notSigned = await admissionsAgreement({ status: 'negotiation' });
    expect((await shared(examId)).status).toBe(404);
    await endAgreement(notSigned);
    expect(await reads(examId)).toHaveLength(2);
  });

  it('serves systems through API tokens with the exams scopes', async () => {
    await db().deleteFrom('rate_events').execute();
    const examId = await publishedExam('GATE-2', candidates);
    const agreement = await admissionsAgreement();
    await consent(examId, 'G002', '2008-02-02', adm.institution.id, true);
    await consent(examId, 'G001', '2008-01-01', adm.institution.id, true);
    const token = async (tenant: typeof org, scopes: string[]) => {
      const admin = await t.login(tenant.admin.email);
      const res = await admin.post('/api/v1/admin/api-tokens', { name: `t${Math.random()}`, scopes });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return t.client().withToken(res.body.token);
    };
    const pull = await token(adm, ['exams:read']);
    // Consenting is not enough: a candidate's results open only once they applied to the institution.
    expect((await pull.get(`/api/v1/exams/${examId}/shared-results`)).body.items).toEqual([]);
    await applyTo(examId, ['G002']);
    expect((await pull.get(`/api/v1/exams/${examId}/shared-results`)).body.items.map((c: { number: string }) => c.number)).toEqual(['G002']);
    expect((await pull.post('/api/v1/exams', definition('TOK-NO'))).status).toBe(403);
    const noScope = await token(adm, ['agreements:read']);
    // Without an exams scope the gate does not open: another institution's exam is not found.
    expect((await noScope.get(`/api/v1/exams/${examId}/shared-results`)).status).toBe(404);
    expect((await noScope.get('/api/v1/exams')).status).toBe(403);
    const push = await token(org, ['exams:write']);
    const created = await push.post('/api/v1/exams', definition('TOK-1'));
    expect(created.status).toBe(201);
    expect((await upload(push, created.body.id, 'all', csvOf(['T001,Trịnh Văn Tú,2008-01-01,r1,Hà Nội,5,,']))).body.created).toBe(1);
    expect((await push.get(`/api/v1/exams/${examId}/candidates`)).status).toBe(200);
    const orgRead = await token(org, ['exams:read']);
    expect((await orgRead.get(`/api/v1/exams/${examId}/candidates`)).status).toBe(200);
    expect((await orgRead.post(`/api/v1/exams/${created.body.id}/publish`, { version: 1 })).status).toBe(403);
    await endAgreement(agreement);
  });
});

describe('an exam’s permissions', () => {
  it('say what the API then does, for the organiser’s and the admitting institution’s roles', async () => {
    await db().deleteFrom('rate_events').execute();
    const published = await publishedExam('PERM-1', ['P001,Quách Thị Phương,2008-01-01,r1,Hà Nội,7,7,7']);
    const draft = await createExam('PERM-2');
    const agreement = await admissionsAgreement();
    const actors: [string, ApiClient][] = [
      ['organiser', organiser],
      ['organiser admin', await t.login(org.admin.email)],
      ['admissions officer', admissions],
      ['admitting admin', await t.login(adm.admin.email)],
    ];
    const seen = new Map<string, Set<boolean>>();
    for (const [name, client] of actors) {
      for (const id of [published, draft.id]) {
        const res = await client.get(`/api/v1/exams/${id}`);
        if (res.status === 404) continue; // a draft of another institution is not found
        expect(res.status, name).toBe(200);
        const p = res.body.permissions as Record<string, boolean>;
        const check = async (permission: string, status: number) => {
          seen.set(permission, (seen.get(permission) ?? new Set()).add(p[permission]));
          expect(status === 200, `${name} ${permission}=${p[permission]} on ${res.body.status}`).toBe(p[permission]);
        };
        await check('readCandidates', (await client.get(`/api/v1/exams/${id}/candidates`)).status);
        await check('readAccessLog', (await client.get(`/api/v1/exams/${id}/access-log`)).status);
        await check('readShared', (await client.get(`/api/v1/exams/${id}/shared-results`)).status);
        await check('edit', (await client.put(`/api/v1/exams/${id}`, { ...definition(res.body.code), version: res.body.version })).status);
      }
    }
    // Every permission was seen both granted and refused.
    expect([...seen].map(([k, v]) => [k, [...v].sort()])).toEqual(['readCandidates', 'readAccessLog', 'readShared', 'edit'].map((k) => [k, [false, true]]));
    await endAgreement(agreement);
  });
});
