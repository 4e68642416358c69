import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsortium, buildPerson, buildTenant } from '../../testing/factories.ts';
import { multipartUpload } from '../../testing/multipart.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Bulk import of activities: the template, a preview reporting every bad row with its column, `all` (every row or
// none), `valid-only`, idempotence on the file's SHA-256, and who may import. The clock: 1 July 2026.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date('2026-07-01T05:00:00Z') } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;
let hust: Tenant;
let bmh: Tenant;
let outsider: Tenant;
let officer: ApiClient;
let agreementId: string;
let lecturer: { id: string };

const HEADER = ['areaKey', 'kind', 'status', 'titleVi', 'titleEn', 'startDate', 'endDate', 'place', 'online', 'outcomes', 'organisers', 'counts', 'participants'];

/** Rows 2–4 valid; 5–10 each with one problem (the row number is the file's, the header being row 1). */
const rows = () => [
  ['research', 'seminar', 'done', 'Hội thảo A', 'Seminar A', '10/03/2026', '10/03/2026', 'Hà Nội', 'no', '', 'IMPA', 'IMPA:student=12;IMPB:staff=3', `${lecturer.id}:lecturer`],
  ['research', 'Hội thảo chuyên đề', 'planned', 'Hội thảo B', 'Seminar B', '2026-09-01', '2026-09-02', '', 'yes', '', 'IMPA;IMPB', '', ''],
  ['training', 'workshop', '', 'Tập huấn', 'Workshop', '2026-04-01', '2026-04-03', '', '', '', 'impb', '', 'giang.vien@impa.test:lecturer'],
  ['research', 'seminar', 'done', 'Sai ngày', 'Bad date', '31/02/2026', '31/03/2026', '', '', '', 'IMPA', '', ''], // 5: bad date
  ['research', 'seminar', 'done', 'Ngược', 'Reversed', '2026-03-10', '2026-03-01', '', '', '', 'IMPA', '', ''], // 6: end before start
  ['nowhere', 'seminar', 'done', 'Không lĩnh vực', 'No area', '2026-03-10', '2026-03-10', '', '', '', 'IMPA', '', ''], // 7: unknown area
  ['research', 'seminar', 'done', 'Ngoài', 'Outsider', '2026-03-10', '2026-03-10', '', '', '', 'IMPO', '', ''], // 8: non-party organiser
  ['research', 'seminar', 'done', 'Âm', 'Negative', '2026-03-10', '2026-03-10', '', '', '', 'IMPA', 'IMPA:student=-4', ''], // 9: negative count
  ['research', 'dancing', 'done', 'Nhảy', 'Dancing', '2026-03-10', '2026-03-10', '', '', '', 'IMPA', '', ''], // 10: unknown kind
];
const BAD = [
  { row: 5, column: 'startDate' },
  { row: 6, column: 'endDate' },
  { row: 7, column: 'areaKey' },
  { row: 8, column: 'organisers' },
  { row: 9, column: 'counts' },
  { row: 10, column: 'kind' },
];

const csvOf = (data: string[][]) => `${[HEADER, ...data].map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

async function xlsxOf(data: (string | Date)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Activities');
  ws.addRow(HEADER.map((h) => `Cột ${h} [${h}]`));
  for (const r of data) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads the file; the answer's language by `?lang=` (the account's saved language wins over Accept-Language). */
const upload = (c: ApiClient, bytes: Buffer, mode: string, name = 'hoat-dong.csv', lang = 'en') => {
  const { body, headers } = multipartUpload({ mode }, name, bytes);
  return c.request('POST', `/api/v1/agreements/${agreementId}/activities/import?lang=${lang}`, body, headers);
};

const activityCount = async () =>
  Number((await t.database.db.selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).where('agreement_id', '=', agreementId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  const db = t.database.db;
  hust = await buildTenant(db, { code: 'IMPA' });
  bmh = await buildTenant(db, { code: 'IMPB', kind: 'hospital' });
  outsider = await buildTenant(db, { code: 'IMPO' });
  await buildConsortium(db, [hust.institution.id, bmh.institution.id, outsider.institution.id]);
  lecturer = await buildPerson(db, hust.institution.id, { fullName: 'Giảng Viên Một', email: 'giang.vien@impa.test' });
  officer = await t.login(hust.officer.email);
  const created = await officer.post('/api/v1/agreements', {
    content: {
      kind: 'cooperation',
      titleVi: 'Thỏa thuận nhập hoạt động',
      titleEn: 'Import agreement',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      parties: [{ institutionId: hust.institution.id }, { institutionId: bmh.institution.id }],
      areas: [
        { key: 'research', kind: 'research', titleVi: 'Nghiên cứu', titleEn: 'Research' },
        { key: 'training', kind: 'training', titleVi: 'Đào tạo', titleEn: 'Training' },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  agreementId = created.body.id;
  await db.updateTable('agreements').set({ status: 'active', signing_date: '2025-12-20' }).where('id', '=', agreementId).execute();
});

describe('the template', () => {
  it('is an XLSX with the header in the reader’s language and machine keys, and the lists of accepted values', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreementId}/activities/import-template?format=xlsx&lang=vi`, headers: { cookie: officer.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [sheet, lists] = wb.worksheets;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toHaveLength(HEADER.length);
    for (const [i, key] of HEADER.entries()) expect(header[i]).toMatch(new RegExp(`\\[${key}\\]$`));
    expect(header[5]).toBe('Ngày bắt đầu [startDate]');
    const values = new Set<string>();
    lists.eachRow((row) => {
      for (const v of row.values as unknown[]) if (typeof v === 'string') values.add(v);
    });
    for (const v of ['research', 'training', 'seminar', 'internship', 'planned', 'done', 'cancelled', 'student', 'staff', 'IMPA', 'IMPB']) expect(values).toContain(v);
    expect(values).not.toContain('IMPO');
  });

  it('is a CSV with the header row', async () => {
    const res = await officer.get(`/api/v1/agreements/${agreementId}/activities/import-template?format=csv&lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const line = String(res.body).replace(/^\ufeff/, '').split('\r\n')[0];
    expect(line.split(',')).toHaveLength(HEADER.length);
    expect(line).toContain('Start date [startDate]');
  });
});

describe('importing a file', () => {
  it('previews a CSV: every bad row with its column, nothing saved', async () => {
    const before = await activityCount();
    const res = await upload(officer, Buffer.from(csvOf(rows())), 'preview');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ mode: 'preview', rows: 9, validRows: 3, invalidRows: 6, created: 0, alreadyImported: false });
    for (const bad of BAD) {
      expect(res.body.problems, JSON.stringify(res.body.problems)).toContainEqual(expect.objectContaining(bad));
    }
    expect(new Set(res.body.problems.map((p: { row: number }) => p.row))).toEqual(new Set(BAD.map((b) => b.row)));
    const end = res.body.problems.find((p: { row: number }) => p.row === 6);
    expect(end).toMatchObject({ code: 'before_start', columnLabel: 'End date' });
    expect(end.message).toMatch(/^End date: /);
    expect(res.body.problems.find((p: { row: number }) => p.row === 9).code).toBe('too_small');
    expect(await activityCount()).toBe(before);
  });

  it('answers in the reader’s language', async () => {
    const res = await upload(officer, Buffer.from(csvOf(rows())), 'preview', 'hoat-dong.csv', 'vi');
    expect(res.body.problems.find((p: { row: number }) => p.row === 6).message).toMatch(/^Ngày kết thúc: /);
  });

  it('`all` saves nothing while a row is bad', async () => {
    const before = await activityCount();
    const res = await upload(officer, Buffer.from(csvOf(rows())), 'all');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, invalidRows: 6, importId: null });
    expect(await activityCount()).toBe(before);
  });

  it('reads an XLSX the same way, and `valid-only` imports the valid rows once', async () => {
    const data = rows().map((r, i) => (i === 0 ? [...r.slice(0, 5), new Date(Date.UTC(2026, 2, 10)), new Date(Date.UTC(2026, 2, 10)), ...r.slice(7)] : r));
    const file = await xlsxOf(data);
    const preview = await upload(officer, file, 'preview', 'hoat-dong.xlsx');
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ rows: 9, validRows: 3, invalidRows: 6 });
    for (const bad of BAD) expect(preview.body.problems).toContainEqual(expect.objectContaining(bad));

    const before = await activityCount();
    const res = await upload(officer, file, 'valid-only', 'hoat-dong.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 3, alreadyImported: false });
    expect(await activityCount()).toBe(before + 3);
    const list = await officer.get(`/api/v1/agreements/${agreementId}/activities?limit=50`);
    const seminar = list.body.items.find((a: { titleEn: string }) => a.titleEn === 'Seminar A');
    expect(seminar).toMatchObject({ startDate: '2026-03-10', status: 'done', peopleCount: 16 });
    expect(seminar.participants).toEqual([expect.objectContaining({ personId: lecturer.id, role: 'lecturer' })]);
    const workshop = list.body.items.find((a: { titleEn: string }) => a.titleEn === 'Workshop');
    expect(workshop).toMatchObject({ status: 'planned', areaKey: 'training' });
    expect(workshop.organisers.map((o: { code: string }) => o.code)).toEqual(['IMPB']);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'activity').where('action', '=', 'import').execute();
    expect(audit).toHaveLength(1);

    // The same file again: nothing more, and the answer says what was imported before.
    const again = await upload(officer, file, 'valid-only', 'other-name.xlsx');
    expect(again.body).toMatchObject({ created: 0, alreadyImported: true, importId: res.body.importId, previouslyCreated: 3 });
    expect(await activityCount()).toBe(before + 3);
  });

  it('`all` saves every row of a valid file in one go, once', async () => {
    const before = await activityCount();
    const valid = csvOf(rows().slice(0, 3).map((r) => [...r.slice(0, 3), `${r[3]} (2)`, ...r.slice(4)]));
    const res = await upload(officer, Buffer.from(valid), 'all');
    expect(res.body).toMatchObject({ created: 3, invalidRows: 0 });
    expect(await activityCount()).toBe(before + 3);
    const again = await upload(officer, Buffer.from(valid), 'all');
    expect(again.body).toMatchObject({ created: 0, alreadyImported: true });
    expect(await activityCount()).toBe(before + 3);
  });
});

describe('who may import, and what files', () => {
  it('a non-party gets 404, a student of a party 403', async () => {
    const file = Buffer.from(csvOf(rows()));
    const stranger = await t.login(outsider.officer.email);
    expect((await upload(stranger, file, 'preview')).status).toBe(404);
    expect((await stranger.get(`/api/v1/agreements/${agreementId}/activities/import-template`)).status).toBe(404);
    const student = await t.login(hust.student.email);
    const res = await upload(student, file, 'preview');
    expect(res.status).toBe(403);
    expect((await student.get(`/api/v1/agreements/${agreementId}/activities/import-template`)).status).toBe(403);
  });

  it('refuses another type of file naming `file`, and a file over 5 MiB with 413', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const res = await upload(officer, png, 'preview', 'anh.png');
    expect([400, 415]).toContain(res.status);
    expect(res.body.error.details.fields).toContainEqual(expect.objectContaining({ field: 'file' }));
    const big = Buffer.from(`${HEADER.join(',')}\r\n${'x'.repeat(5 * 1024 * 1024 + 10)}\r\n`);
    const tooBig = await upload(officer, big, 'preview');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
  });

  it('names the file when columns are missing, and the mode when it is unknown', async () => {
    const res = await upload(officer, Buffer.from('title,date\r\nx,y\r\n'), 'preview');
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: 'file', code: 'missing_columns' })]);
    const mode = await upload(officer, Buffer.from(csvOf(rows())), 'everything');
    expect(mode.status).toBe(400);
    expect(mode.body.error.details.fields).toEqual([expect.objectContaining({ field: 'mode' })]);
  });
});

describe('broken requests', () => {
  it('answers 4xx in our shape for broken multipart, never 5xx', async () => {
    const url = `/api/v1/agreements/${agreementId}/activities/import`;
    const good = multipartUpload({ mode: 'preview' }, 'a.csv', Buffer.from(csvOf(rows())));
    const cases: [Buffer | string, Record<string, string>, string?][] = [
      [good.body, { 'content-type': 'multipart/form-data' }],
      [good.body.subarray(0, 60), good.headers],
      [good.body.subarray(0, good.body.length - 30), good.headers],
      [good.body, { 'content-type': 'multipart/form-data; boundary=nope' }],
      [Buffer.alloc(0), good.headers],
      [Buffer.from('--x\r\nnot a header\r\n\r\nx\r\n--x--\r\n'), { 'content-type': 'multipart/form-data; boundary=x' }],
      ['{"mode":"preview"}', { 'content-type': 'application/json' }],
      [multipartUpload({ mode: 'preview', title: 'T\u0000x' }, 'a.csv', Buffer.from('x')).body, good.headers, 'title'],
      [multipartUpload({ mode: 'preview' }, 'a\u0000b.csv', Buffer.from('x')).body, good.headers, 'file'],
    ];
    for (const [payload, headers, names] of cases) {
      const res = await officer.request('POST', url, payload, headers);
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof res.body.error?.code).toBe('string');
      if (names) expect(res.body.error.details.fields).toContainEqual(expect.objectContaining({ field: names }));
    }
  });
});
