import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoAccounts } from '../../demo/data/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';
import { countsInYear } from './annual-report.ts';

// Every demo institution that is a party to agreements has a 2026 report worth opening: agreements, activities done
// in 2026 and a target with progress — the data of its annual report (the dashboard, `institutionDashboard`, which
// both the PDF and the XLSX are made from) as its cooperation officer reads it — and the PDF and the XLSX the report
// routes make of it open (pdf-parse, exceljs) and name the institution. The clock is the demo's today.
const YEAR = 2026;
/** The demo's today (data/activities.ts ACTIVITIES_TODAY). */
const TODAY = '2026-11-27';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true, clock: { now: () => new Date(`${TODAY}T03:00:00Z`) } });
});
afterAll(() => t.close());

/** The demo institutions that are parties to agreements, each read by its cooperation officer. */
const INSTITUTIONS = ['HUST', 'BMH', 'HMU', 'HNUE', 'VINMEC', 'VINUNI', 'VNU', 'VNUHCM'];

const officerOf = (code: string) => {
  const account = demoAccounts.find((a) => a.institution === code && a.roles.includes('cooperation_officer'));
  if (!account) throw new Error(`no demo cooperation officer of ${code}`);
  return account.email;
};

async function download(c: ApiClient, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.rawPayload;
}

async function pdfText(bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: bytes });
  const result = await parser.getText();
  await parser.destroy();
  return { pages: result.total, text: result.text.replace(/\s+/g, ' ') };
}

const sumOf = (ws: ExcelJS.Worksheet, column: number) => {
  let sum = 0;
  ws.eachRow((row, n) => {
    const v = row.getCell(column).value;
    if (n > 1 && n < ws.rowCount && typeof v === 'number') sum += v; // between the header and the total row
  });
  return sum;
};

type Listed = Parameters<typeof countsInYear>[0] & { parties: { institutionId: string }[] };

interface Progress {
  targets: { measured: boolean; actual: number; periodStart: string; periodEnd: string; metric: string }[];
}

describe(`the demo institutions' ${YEAR} reports`, () => {
  it.each(INSTITUTIONS)('%s: agreements, activities done in 2026 and a target with progress; the PDF and the XLSX open and name it', async (code) => {
    const institution = await t.database.db.selectFrom('institutions').select(['id', 'name_vi', 'name_en']).where('code', '=', code).executeTakeFirstOrThrow();
    const officer = await t.login(officerOf(code), DEMO_PASSWORD);

    // The report's data: the dashboard of the year.
    const res = await officer.get(`/api/v1/institutions/${institution.id}/dashboard?year=${YEAR}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    const agreements = (d.agreementsByStatus as { count: number }[]).reduce((n, s) => n + s.count, 0);
    const done = (d.activitiesByMonth as { done: number }[]).reduce((n, m) => n + m.done, 0);
    expect(agreements, `${code}: agreements`).toBeGreaterThan(0);
    expect(done, `${code}: activities done in ${YEAR}`).toBeGreaterThan(0);
    expect(d.targets.total, `${code}: targets with a period in ${YEAR}`).toBeGreaterThan(0);
    // A target of the year that the records moved: some measured target with an actual above zero.
    const listed = await officer.get(`/api/v1/institutions/${institution.id}/agreements?limit=100`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    const withProgress: string[] = [];
    for (const a of listed.body.items as { id: string }[]) {
      const p = await officer.get(`/api/v1/agreements/${a.id}/progress`);
      if (p.status !== 200) continue; // an agreement whose activities the officer does not read (none in the demo)
      for (const x of (p.body as Progress).targets) {
        if (x.measured && x.actual > 0 && x.periodStart <= `${YEAR}-12-31` && x.periodEnd >= `${YEAR}-01-01`) withProgress.push(`${a.id}/${x.metric}`);
      }
    }
    expect(withProgress.length, `${code}: targets of ${YEAR} with progress`).toBeGreaterThan(0);

    // The PDF: a PDF with pages, naming the institution (in the language asked for).
    for (const [lang, name] of [
      ['vi', institution.name_vi],
      ['en', institution.name_en],
    ] as const) {
      const pdf = await pdfText(await download(officer, `/api/v1/institutions/${institution.id}/report.pdf?year=${YEAR}&lang=${lang}`));
      expect(pdf.pages).toBeGreaterThan(0);
      expect(pdf.text).toContain(name.replace(/\s+/g, ' '));
    }

    // The XLSX: opens, names the institution in its title, and counts what the dashboard counts.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(officer, `/api/v1/institutions/${institution.id}/annual-report.xlsx?year=${YEAR}&lang=en`)) as unknown as ArrayBuffer);
    expect(wb.title).toContain(institution.name_en);
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(6);
    const [, , list, activities] = wb.worksheets;
    // The list holds the agreements signed, in force or expired in the year (countsInYear): an unsigned one is not listed.
    const visible = await officer.get('/api/v1/agreements?limit=200');
    expect(visible.status, JSON.stringify(visible.body)).toBe(200);
    const inYear = (visible.body.items as Listed[])
      .filter((a) => a.parties.some((p) => p.institutionId === institution.id))
      .filter((a) => Object.values(countsInYear(a, YEAR, TODAY)).some((n) => n > 0));
    expect(list.rowCount - 1, `${code}: agreements listed in the XLSX`).toBe(inYear.length);
    expect(sumOf(activities, 2)).toBe(done);
    expect(activities.getRow(activities.rowCount).getCell(2).value).toBe(done);
  });
});
