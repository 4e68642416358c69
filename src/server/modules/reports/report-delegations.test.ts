import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// The reports count the delegations the delegations module holds (demo: the Russian medical university's delegation
// to HMU, 9–10 December 2025, done): HMU's annual report of 2025 lists it with its number of guests, the agreement's
// report of 2025 names it, and a partner that does not handle it does not list it as its own.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true, clock: { now: () => new Date('2026-11-27T03:00:00Z') } });
});
afterAll(() => t.close());

const TITLE = 'Đoàn công tác trường đại học y của Nga thăm và làm việc tại Trường Đại học Y Hà Nội';

async function bytesOf(c: ApiClient, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

describe('delegations in the reports', () => {
  it("lists HMU's incoming delegation of 2025 with its guests in the annual report, and names it in the agreement's report", async () => {
    const db = t.database.db;
    const hmu = await db.selectFrom('institutions').select('id').where('code', '=', 'HMU').executeTakeFirstOrThrow();
    const delegation = await db.selectFrom('delegations').select(['id', 'agreement_id']).where('title_vi', '=', TITLE).executeTakeFirstOrThrow();
    const guests = await db.selectFrom('delegation_guests').select('id').where('delegation_id', '=', delegation.id).execute();
    const officer = await t.login('officer@hmu.demo.hoptac.vn', 'hoptac-demo');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytesOf(officer, `/api/v1/institutions/${hmu.id}/annual-report.xlsx?year=2025`)) as unknown as ArrayBuffer);
    const found: unknown[][] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values.includes(TITLE)) found.push(values);
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(guests.length);
    expect(guests.length).toBeGreaterThan(0);

    const parser = new PDFParse({ data: await bytesOf(officer, `/api/v1/agreements/${delegation.agreement_id}/report.pdf?year=2025`) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text.replace(/\s+/g, ' ')).toContain('Đoàn công tác trường đại học y của Nga');
  });
});
