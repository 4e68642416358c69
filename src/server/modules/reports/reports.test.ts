import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Every generated file is opened and read: PDFs with pdf-parse (Vietnamese text as written, the version's hash in
// the footer of every page of the agreement for signing), XLSX with exceljs (sheets, headers, numbers), DOCX by
// unzipping (document and footer XML). The clock is fixed at 1 July 2026 (Vietnam).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;
let hust: Tenant;
let bmh: Tenant;
let rus: Tenant;
let outsider: Tenant;
let stranger: Tenant;
let officer: ApiClient;
let bmhOfficer: ApiClient;
let outsiderOfficer: ApiClient;
let agreementId: string;
let agreementHash: string;
let draftId: string;
let lecturer: { id: string };
let doctor: { id: string };

const TITLE_VI = 'Thỏa thuận hợp tác đào tạo và nghiên cứu khoa học';
const TITLE_EN = 'Agreement on cooperation in training and research';

interface File {
  status: number;
  type: string;
  disposition: string;
  bytes: Buffer;
  json: { error?: { code: string; message: string } } | null;
}

/** A download with the client's session: the raw bytes (the API client reads bodies as text). */
async function download(c: ApiClient, url: string): Promise<File> {
  const res = await t.app.inject({ method: 'GET', url, headers: c.cookie ? { cookie: c.cookie } : {} });
  let json = null;
  try {
    json = res.json();
  } catch {
    // a file
  }
  return { status: res.statusCode, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition'] ?? ''), bytes: res.rawPayload, json };
}

async function pdfText(bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: bytes });
  const result = await parser.getText();
  await parser.destroy();
  return result;
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

async function record(c: ApiClient, body: Record<string, unknown>) {
  const res = await c.post(`/api/v1/agreements/${agreementId}/activities`, {
    areaKey: 'research',
    kind: 'seminar',
    status: 'done',
    titleVi: 'Hội thảo khoa học về vật liệu mới',
    titleEn: 'Scientific seminar on new materials',
    startDate: '2026-03-10',
    endDate: '2026-03-10',
    organiserIds: [hust.institution.id],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  const db = t.database.db;
  hust = await buildTenant(db, { code: 'HUSR', nameVi: 'Trường Đại học Bách khoa Hà Nội', nameEn: 'Hanoi University of Science and Technology' });
  bmh = await buildTenant(db, { code: 'BMHR', kind: 'hospital', nameVi: 'Bệnh viện Bạch Mai', nameEn: 'Bach Mai Hospital' });
  rus = await buildTenant(db, { code: 'RUMR', country: 'RU', nameVi: 'Đại học Y khoa Quốc gia Nga', nameEn: 'Russian National Medical University' });
  outsider = await buildTenant(db, { code: 'OUTR' });
  stranger = await buildTenant(db, { code: 'STRR' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id, rus.institution.id, outsider.institution.id]);
  lecturer = await buildPerson(db, hust.institution.id, { fullName: 'Nguyễn Văn Giảng' });
  doctor = await buildPerson(db, bmh.institution.id, { fullName: 'Trần Thị Bác Sĩ' });
  officer = await t.login(hust.officer.email);
  bmhOfficer = await t.login(bmh.officer.email);
  outsiderOfficer = await t.login(outsider.officer.email);
  // Long enough to take several pages, so that the footer is checked on more than one.
  const commitments = Array.from({ length: 14 }, (_, i) => ({
    key: `c${i + 1}`,
    fromInstitutionId: i % 2 ? bmh.institution.id : hust.institution.id,
    textVi: `Cam kết số ${i + 1}: tiếp nhận giảng viên, bác sĩ và sinh viên sang học tập, nghiên cứu; phối hợp tổ chức hội thảo, đào tạo ngắn hạn và chia sẻ tài liệu chuyên môn.`,
    textEn: `Commitment ${i + 1}: receive lecturers, doctors and students for study and research; jointly organise seminars and short training and share professional materials.`,
    quantity: i + 1,
    perYear: true,
  }));
  const created = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: TITLE_VI,
      titleEn: TITLE_EN,
      summaryVi: 'Hai bên thống nhất hợp tác trong đào tạo nguồn nhân lực y tế và nghiên cứu khoa học.',
      summaryEn: 'The parties agree to cooperate in training health professionals and in research.',
      signingPlace: 'Hà Nội',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [
        {
          key: 'research',
          kind: 'research',
          titleVi: 'Nghiên cứu khoa học chung',
          titleEn: 'Joint research',
          descriptionVi: 'Phối hợp nghiên cứu ứng dụng kỹ thuật trong y học.',
          descriptionEn: 'Joint research on engineering applied to medicine.',
          commitments,
          targets: [
            { key: 'seminars', metric: 'seminars_held', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 4 },
            { key: 'exchanges', metric: 'lecturer_exchanges', periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 10 },
          ],
        },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  agreementHash = created.body.contentHash;
  for (const c of [officer, bmhOfficer]) expect((await c.post(`/api/v1/agreements/${agreementId}/approvals`, { contentHash: agreementHash })).status).toBe(200);
  await db.updateTable('agreements').set({ status: 'active', signing_date: '2026-02-10' }).where('id', '=', agreementId).execute();
  await record(officer, {});
  await record(officer, { titleVi: 'Hội thảo dự kiến', titleEn: 'Planned seminar', status: 'planned', startDate: '2026-10-01', endDate: '2026-10-01' });
  // An exchange each way: HUST's lecturer at an exchange BMH organised (sent), BMH's doctor at HUST's (received).
  await record(officer, { kind: 'lecturer_exchange', titleVi: 'Trao đổi giảng viên', titleEn: 'Lecturer exchange', organiserIds: [bmh.institution.id], participants: [{ personId: lecturer.id, role: 'lecturer' }] });
  await record(officer, { kind: 'lecturer_exchange', titleVi: 'Tiếp nhận bác sĩ', titleEn: 'Doctor received', organiserIds: [hust.institution.id], participants: [{ personId: doctor.id, role: 'expert' }] });

  const draft = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'mou',
      titleVi: 'Biên bản ghi nhớ với Đại học Y khoa Quốc gia Nga',
      titleEn: 'Memorandum with the Russian National Medical University',
      startDate: '2026-09-01',
      parties: [{ institutionId: hust.institution.id }, { institutionId: rus.institution.id }],
    },
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  draftId = draft.body.id;
});

describe('the cooperation report of an agreement (PDF)', () => {
  it('says what was agreed, what was done, the progress and the delegations, in Vietnamese', async () => {
    const file = await download(officer, `/api/v1/agreements/${agreementId}/report.pdf?year=2026`);
    expect(file.status, JSON.stringify(file.json)).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toMatch(/attachment; filename="hoptac-.*-2026\.pdf"/);
    const { text } = await pdfText(file.bytes);
    for (const s of [
      'Báo cáo hợp tác năm 2026',
      TITLE_VI,
      'Nội dung đã thỏa thuận',
      'Trường Đại học Bách khoa Hà Nội',
      'Bệnh viện Bạch Mai',
      'Nghiên cứu khoa học chung',
      'Hoạt động đã triển khai năm 2026',
      'Hội thảo khoa học về vật liệu mới',
      'Tiến độ thực hiện các chỉ tiêu',
      'Hội thảo, tọa đàm',
      'Đoàn ra, đoàn vào năm 2026',
      'Không có đoàn ra, đoàn vào nào trong năm 2026.',
    ])
      expect(text).toContain(s);
    expect(text).toContain('4 hoạt động trong năm, trong đó 3 hoạt động đã diễn ra.');
  });

  it('is written in English on request', async () => {
    const file = await download(officer, `/api/v1/agreements/${agreementId}/report.pdf?year=2026&lang=en`);
    expect(file.status).toBe(200);
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('Cooperation report 2026');
    expect(text).toContain(TITLE_EN);
    expect(text).toContain('Bach Mai Hospital');
    expect(text).toContain('Scientific seminar on new materials');
  });

  it('is an honest empty report for a year without data', async () => {
    const file = await download(officer, `/api/v1/agreements/${agreementId}/report.pdf?year=2031`);
    expect(file.status).toBe(200);
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('Không có hoạt động nào trong năm 2031.');
    expect(text).toContain('Không có chỉ tiêu nào có kỳ thực hiện trong năm 2031.');
  });

  it('is 404 for who does not read the activities (a non-party, a stranger), and refuses a bad year naming it', async () => {
    expect((await download(outsiderOfficer, `/api/v1/agreements/${agreementId}/report.pdf`)).status).toBe(404);
    expect((await download(await t.login(stranger.officer.email), `/api/v1/agreements/${agreementId}/report.pdf`)).status).toBe(404);
    expect((await download(t.client(), `/api/v1/agreements/${agreementId}/report.pdf`)).status).toBe(401);
    const bad = await download(officer, `/api/v1/agreements/${agreementId}/report.pdf?year=99999`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('year');
  });
});

describe('the institution report (PDF)', () => {
  it('gives agreements by status and partner, activities by month and kind, targets and dormant agreements', async () => {
    const file = await download(officer, `/api/v1/institutions/${hust.institution.id}/report.pdf?year=2026`);
    expect(file.status, JSON.stringify(file.json)).toBe(200);
    const { text } = await pdfText(file.bytes);
    for (const s of [
      'Báo cáo hợp tác quốc tế năm 2026',
      'Trường Đại học Bách khoa Hà Nội',
      'Theo trạng thái',
      'Đang hiệu lực',
      'Bệnh viện Bạch Mai (BMHR)',
      'Hoạt động theo tháng',
      'Trao đổi giảng viên, chuyên gia',
      'Thỏa thuận không có hoạt động',
    ])
      expect(text).toContain(s);
  });

  it('is for the institution’s own users: 403 for another institution’s, 404 for one the caller does not see', async () => {
    expect((await download(outsiderOfficer, `/api/v1/institutions/${hust.institution.id}/report.pdf`)).status).toBe(403);
    expect((await download(await t.login(stranger.officer.email), `/api/v1/institutions/${hust.institution.id}/report.pdf`)).status).toBe(404);
  });

  it('is an honest empty report for a year without data', async () => {
    const file = await download(officer, `/api/v1/institutions/${hust.institution.id}/report.pdf?year=1995&lang=en`);
    expect(file.status).toBe(200);
    const { text } = await pdfText(file.bytes);
    expect(text).toContain('International cooperation report 1995');
    expect(text).toContain('0 activities done, 0 planned.');
  });
});

describe('the annual report of international cooperation (XLSX)', () => {
  const sheets = ['Thỏa thuận theo quốc gia', 'Thỏa thuận theo loại', 'Danh sách thỏa thuận', 'Hoạt động theo loại', 'Đoàn ra, đoàn vào', 'Trao đổi'];

  it('counts agreements by country and kind, activities by kind, delegations and exchanges', async () => {
    const file = await download(officer, `/api/v1/institutions/${hust.institution.id}/annual-report.xlsx?year=2026`);
    expect(file.status, JSON.stringify(file.json)).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = await workbook(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
    const [byCountry, byKind, list, activities, delegations, exchanges] = wb.worksheets.map(rowsOf);
    expect(byCountry[0]).toEqual(['Quốc gia', 'Ký mới', 'Đang hiệu lực', 'Hết hạn']);
    expect(byCountry).toContainEqual(['VN', 1, 1, 0]);
    expect(byCountry.at(-1)).toEqual(['Tổng', 1, 1, 0]);
    expect(byKind).toContainEqual(['Thỏa thuận hợp tác', 1, 1, 0]);
    expect(byKind).toContainEqual(['Biên bản ghi nhớ (MoU)', 0, 0, 0]); // the draft with the Russian university is not signed
    expect(list).toHaveLength(2);
    expect(list[1][0]).toBe(TITLE_VI);
    expect(activities[0]).toEqual(['Loại', 'Đã diễn ra']);
    expect(activities).toContainEqual(['Hội thảo chuyên đề', 1]);
    expect(activities).toContainEqual(['Trao đổi giảng viên, chuyên gia', 2]);
    expect(activities.at(-1)).toEqual(['Tổng', 3]);
    expect(delegations).toEqual([['Chiều', 'Đoàn', 'Đối tác', 'Quốc gia', 'Bắt đầu', 'Kết thúc', 'Số người', 'Thỏa thuận']]);
    expect(exchanges[0]).toEqual(['Đối tác', 'Quốc gia', 'Số người cử đi', 'Số người tiếp nhận']);
    expect(exchanges).toContainEqual(['Bệnh viện Bạch Mai (BMHR)', 'VN', 1, 1]);
  });

  it('is headers and zeros for a year without data, in English on request', async () => {
    const file = await download(officer, `/api/v1/institutions/${hust.institution.id}/annual-report.xlsx?year=2040&lang=en`);
    expect(file.status).toBe(200);
    const wb = await workbook(file.bytes);
    const [byCountry, byKind, list, activities, delegations] = wb.worksheets.map(rowsOf);
    expect(byCountry).toEqual([['Country', 'Signed', 'Active', 'Expired'], ['Total', 0, 0, 0]]);
    expect(byKind).toHaveLength(1 + 5 + 1);
    expect(byKind.at(-1)).toEqual(['Total', 0, 0, 0]);
    expect(list).toHaveLength(1);
    expect(activities.at(-1)).toEqual(['Total', 0]);
    expect(delegations).toHaveLength(1);
  });

  it('is for the dashboard’s readers only', async () => {
    expect((await download(outsiderOfficer, `/api/v1/institutions/${hust.institution.id}/annual-report.xlsx`)).status).toBe(403);
    expect((await download(await t.login(stranger.officer.email), `/api/v1/institutions/${hust.institution.id}/annual-report.xlsx`)).status).toBe(404);
  });
});

describe('lists as XLSX', () => {
  it("exports an agreement's activities with the list's filters", async () => {
    const all = await download(officer, `/api/v1/agreements/${agreementId}/activities.xlsx`);
    expect(all.status, JSON.stringify(all.json)).toBe(200);
    const rows = rowsOf((await workbook(all.bytes)).worksheets[0]);
    expect(rows[0].slice(0, 5)).toEqual(['Bắt đầu', 'Kết thúc', 'Hoạt động', 'Loại', 'Trạng thái']);
    expect(rows).toHaveLength(1 + 4);
    const seminars = await download(officer, `/api/v1/agreements/${agreementId}/activities.xlsx?kind=seminar&status=done`);
    const only = rowsOf((await workbook(seminars.bytes)).worksheets[0]);
    expect(only).toHaveLength(2);
    expect(only[1][2]).toBe('Hội thảo khoa học về vật liệu mới');
    expect((await download(outsiderOfficer, `/api/v1/agreements/${agreementId}/activities.xlsx`)).status).toBe(404);
  });

  it('exports the people and institutions the caller sees', async () => {
    const people = rowsOf((await workbook((await download(officer, `/api/v1/people/export.xlsx?institutionId=${hust.institution.id}`)).bytes)).worksheets[0]);
    expect(people.map((r) => r[0])).toContain('Nguyễn Văn Giảng');
    const institutions = await download(officer, '/api/v1/institutions/export.xlsx?lang=en');
    expect(institutions.status).toBe(200);
    const rows = rowsOf((await workbook(institutions.bytes)).worksheets[0]);
    expect(rows[0].slice(0, 4)).toEqual(['Code', 'Name', 'Kind', 'Country']);
    const codes = rows.map((r) => r[0]);
    expect(codes).toEqual(expect.arrayContaining(['HUSR', 'BMHR', 'RUMR']));
    expect(codes).not.toContain('STRR'); // not in a consortium with HUST
  });
});

describe('the agreement ready to sign', () => {
  it('is a bilingual PDF with the version’s hash in the footer of every page and a signature block per party', async () => {
    const file = await download(officer, `/api/v1/agreements/${agreementId}/versions/1/signing.pdf`);
    expect(file.status, JSON.stringify(file.json)).toBe(200);
    const { text: raw, pages, total } = await pdfText(file.bytes);
    const text = raw.replace(/\s+/g, ' '); // titles wrap within their column
    expect(total).toBeGreaterThan(1);
    for (const page of pages) expect(page.text).toContain(`SHA-256 ${agreementHash}`);
    for (const s of [TITLE_VI, TITLE_EN, 'Điều 1. Thời hạn', 'Article 1. Term', 'Điều 2. Nghiên cứu khoa học chung', 'Article 2. Joint research', 'Đại diện các bên', 'For the parties'])
      expect(text).toContain(s);
    expect(text).toContain('Đại diện Trường Đại học Bách khoa Hà Nội');
    expect(text).toContain('Đại diện Bệnh viện Bạch Mai');
    expect(text).toContain('For Bach Mai Hospital');
    expect(text).toContain('Họ và tên / Name');
  });

  it('is a bilingual DOCX: both languages side by side, the hash in the footer', async () => {
    const file = await download(officer, `/api/v1/agreements/${agreementId}/versions/1/signing.docx`);
    expect(file.status, JSON.stringify(file.json)).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const zip = await JSZip.loadAsync(file.bytes);
    const document = await zip.file('word/document.xml')!.async('string');
    for (const s of [TITLE_VI, TITLE_EN, 'Điều 1. Thời hạn', 'Article 1. Term', 'Đại diện Bệnh viện Bạch Mai', 'For Hanoi University of Science and Technology']) expect(document).toContain(s);
    expect(document).toContain('<w:tbl>'); // clauses are two-column tables
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    const footer = (await Promise.all(footers.map((f) => zip.file(f)!.async('string')))).join('');
    expect(footer).toContain(`SHA-256 ${agreementHash}`);
    expect(footer).toContain('Phiên bản 1 / Version 1');
  });

  it('is 409 for a version not every party approved, and for approvals an edit voided', async () => {
    const res = await download(officer, `/api/v1/agreements/${draftId}/versions/1/signing.pdf`);
    expect(res.status).toBe(409);
    expect(res.json?.error?.message).toContain('chưa được tất cả các bên phê duyệt');
    const c = await officer.get(`/api/v1/agreements/${draftId}`);
    expect((await officer.post(`/api/v1/agreements/${draftId}/approvals`, { contentHash: c.body.contentHash })).status).toBe(200);
    const edited = await officer.patch(`/api/v1/agreements/${draftId}`, { baseVersion: 1, content: { ...c.body.content, titleEn: 'Memorandum, edited' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await download(officer, `/api/v1/agreements/${draftId}/versions/1/signing.docx`)).status).toBe(409);
    expect((await download(officer, `/api/v1/agreements/${draftId}/versions/2/signing.docx`)).status).toBe(409);
    expect((await download(officer, `/api/v1/agreements/${draftId}/versions/9/signing.docx`)).status).toBe(404);
  });

  it('is 404 for a non-party and a stranger', async () => {
    expect((await download(outsiderOfficer, `/api/v1/agreements/${agreementId}/versions/1/signing.pdf`)).status).toBe(404);
    expect((await download(await t.login(stranger.admin.email), `/api/v1/agreements/${agreementId}/versions/1/signing.docx`)).status).toBe(404);
  });
});

describe('the exchanges of the annual report', () => {
  it('agree with the exchange balance of activities for every partner, whatever the kind and the counts', async () => {
    const lecturer2 = await buildPerson(t.database.db, hust.institution.id, { fullName: 'Lê Thị Giảng' });
    // Counted students sent to an exchange BMH organised; a seminar BMH organised (not an exchange); an exchange both organised (neither way).
    await record(officer, { kind: 'student_exchange', titleVi: 'Trao đổi sinh viên', titleEn: 'Student exchange', organiserIds: [bmh.institution.id], counts: [{ institutionId: hust.institution.id, role: 'student', count: 5 }] });
    await record(officer, { kind: 'seminar', organiserIds: [bmh.institution.id], participants: [{ personId: lecturer2.id, role: 'lecturer' }] });
    await record(officer, { kind: 'visit', titleVi: 'Thăm chung', titleEn: 'Joint visit', organiserIds: [bmh.institution.id, hust.institution.id], participants: [{ personId: lecturer2.id, role: 'staff' }] });
    await record(officer, { kind: 'internship', titleVi: 'Thực tập', titleEn: 'Internship', organiserIds: [hust.institution.id], participants: [{ personId: doctor.id, role: 'expert' }] });
    const file = await download(officer, `/api/v1/institutions/${hust.institution.id}/annual-report.xlsx?year=2026&lang=en`);
    const rows = rowsOf((await workbook(file.bytes)).worksheets[5]).slice(1, -1);
    const dashboard = await officer.get(`/api/v1/institutions/${hust.institution.id}/dashboard?year=2026`);
    expect(rows).toHaveLength(dashboard.body.partners.length);
    for (const p of dashboard.body.partners as { institutionId: string; code: string }[]) {
      const balance = await officer.get(`/api/v1/institutions/${hust.institution.id}/exchange-balance?partnerId=${p.institutionId}&year=2026`);
      expect(balance.status).toBe(200);
      const row = rows.find((r) => String(r[0]).endsWith(`(${p.code})`));
      expect(row?.slice(2), p.code).toEqual([balance.body.sent, balance.body.received]);
    }
    expect(rows.find((r) => String(r[0]).endsWith('(BMHR)'))?.slice(2)).toEqual([1 + 5, 1]);
  });
});
