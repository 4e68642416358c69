import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { expect, it } from 'vitest';
import { browserJourney, signIn, signOut, POLL } from './browser-journey.ts';

// Issue 11's journey: HUST's cooperation officer requests an incoming delegation from Bach Mai under the HUST–Bach
// Mai MoU and submits it; HUST's leadership (its institution admin) approves it; the officer downloads the
// invitation letter (a Vietnamese PDF naming the guest); after the visit the officer writes the report, which
// appears on the agreement as a done visit activity; and HUST's annual report (XLSX) of that year counts the
// delegation with its number of people.

const journey = browserJourney('delegations');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const MOU = 'Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai';
const TITLE_VI = 'Đoàn chuyên gia Bệnh viện Bạch Mai làm việc về nền tảng dữ liệu y tế (kiểm thử)';
const TITLE_EN = 'Bach Mai Hospital experts work on the medical data platform (test)';
const GUEST = 'Claire Dubois';
const OUTCOMES = 'Hai bên thống nhất lộ trình xây dựng nền tảng dữ liệu lớn trong y học và kế hoạch hội thảo chung.';

/** A day `days` from today in Vietnam's calendar (the server's "today" for delegations), as YYYY-MM-DD. */
const dayFromToday = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** YYYY-MM-DD as typed in the date inputs (dd/mm/yyyy). */
const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Types a date into a date input of the form (dd/mm/yyyy) and leaves it. */
async function typeDate(label: string, iso: string) {
  const input = journey.page.getByRole('textbox', { name: label, exact: true });
  await input.fill(typed(iso));
  await input.press('Tab');
}

async function fillText(label: string, value: string) {
  await journey.page.getByRole('textbox', { name: label, exact: true }).fill(value);
}

/** Clicks what starts a download and returns the downloaded file's bytes and name. */
async function download(click: () => Promise<void>): Promise<{ bytes: Buffer; name: string }> {
  const [file] = await Promise.all([journey.page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await file.path();
  return { bytes: readFileSync(path), name: file.suggestedFilename() };
}

/** The status badge of the delegation's page shows `status`. */
async function statusShown(status: string) {
  const header = journey.page.locator('main');
  await expect.poll(() => header.getByText(status, { exact: true }).first().isVisible(), POLL).toBe(true);
}

it('requests, approves, documents, reports and counts an incoming delegation', async () => {
  const { app, page } = journey;
  mkdirSync(SHOTS, { recursive: true });
  const db = app.database.db;
  const agreement = await db.selectFrom('agreements').select('id').where('title_vi', '=', MOU).executeTakeFirstOrThrow();
  const hust = await db.selectFrom('institutions').select('id').where('code', '=', 'HUST').executeTakeFirstOrThrow();
  // The visit must not start before today to be submitted: two weeks from now, three days long (the MoU has no end).
  const start = dayFromToday(14);
  const end = dayFromToday(16);

  // 1. The HUST officer requests the delegation from the agreement's page.
  await signIn(journey, 'officer@hust.demo.hoptac.vn');
  await page.goto(`${app.url}/agreements/${agreement.id}`);
  const request = page.getByRole('link', { name: 'Đề nghị đón / cử đoàn' });
  await expect.poll(() => request.isVisible(), POLL).toBe(true);
  await request.click();
  await page.waitForURL(/\/delegations\/new\?agreement=/);
  await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Đề nghị đón / cử đoàn' }).isVisible(), POLL).toBe(true);
  // Incoming (the default), from Bach Mai (the only other party), under the research area.
  await expect.poll(() => page.getByLabel('Loại đoàn', { exact: true }).first().inputValue(), POLL).toBe('Đoàn vào');
  await expect.poll(() => page.getByLabel('Đối tác', { exact: true }).first().inputValue(), POLL).toBe('Bệnh viện Bạch Mai');
  await page.getByLabel('Lĩnh vực của thỏa thuận', { exact: true }).first().click();
  await page.getByRole('option', { name: 'Nghiên cứu khoa học', exact: true }).click();
  await fillText('Tên đoàn (tiếng Việt)', TITLE_VI);
  await fillText('Tên đoàn (tiếng Anh)', TITLE_EN);
  await fillText('Mục đích (tiếng Việt)', 'Trao đổi về nền tảng dữ liệu lớn trong y học trên kho dữ liệu của Bệnh viện Bạch Mai.');
  await fillText('Mục đích (tiếng Anh)', "Discuss the big-data platform in medicine on Bach Mai Hospital's data repository.");
  await typeDate('Ngày đầu', start);
  await typeDate('Ngày cuối', end);
  await fillText('Nơi lưu trú', 'Nhà khách Bách khoa, 1 Đại Cồ Việt, Hà Nội');
  // The guest: a French expert of Bach Mai, her passport valid two years beyond the visit.
  await fillText('Họ và tên', GUEST);
  await fillText('Học hàm, chức vụ', 'TS., chuyên gia dữ liệu y tế');
  await typeDate('Ngày sinh', '1980-04-12');
  await fillText('Quốc tịch', 'FR');
  await fillText('Số hộ chiếu', '19FR42871');
  await typeDate('Hộ chiếu có giá trị đến', `${Number(end.slice(0, 4)) + 2}${end.slice(4)}`);
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-request.png'), fullPage: true });
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.waitForURL(/\/delegations\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const delegationId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect.poll(() => page.getByRole('heading', { level: 1, name: TITLE_VI }).isVisible(), POLL).toBe(true);
  await statusShown('Nháp');
  await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
  await statusShown('Chờ phê duyệt');
  await expect.poll(() => page.getByRole('button', { name: 'Trình phê duyệt' }).count(), POLL).toBe(0);
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-submitted.png'), fullPage: true });
  await signOut(journey);

  // 2. HUST's leadership (its institution admin) finds it among the delegations waiting and approves it.
  await signIn(journey, 'admin@hust.demo.hoptac.vn');
  await page.goto(`${app.url}/delegations?status=submitted`);
  const listed = page.getByRole('link', { name: TITLE_VI });
  await expect.poll(() => listed.isVisible(), POLL).toBe(true);
  await listed.click();
  await page.waitForURL(`**/delegations/${delegationId}`);
  await expect.poll(() => page.getByRole('heading', { name: 'Ý kiến phê duyệt' }).isVisible(), POLL).toBe(true);
  await page.getByRole('textbox', { name: /^Ý kiến/ }).fill('Đồng ý đón đoàn; phòng Hợp tác đối ngoại làm thủ tục thị thực.');
  await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await statusShown('Đã phê duyệt');
  await expect.poll(() => page.getByRole('heading', { name: 'Ý kiến phê duyệt' }).count(), POLL).toBe(0);
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-approved.png'), fullPage: true });
  await signOut(journey);

  // 3. The officer downloads the invitation letter for the visa: a Vietnamese PDF naming the guest.
  await signIn(journey, 'officer@hust.demo.hoptac.vn');
  await page.goto(`${app.url}/delegations/${delegationId}`);
  await statusShown('Đã phê duyệt');
  const letterLink = page.getByRole('link', { name: 'Thư mời (PDF)' });
  await expect.poll(() => letterLink.isVisible(), POLL).toBe(true);
  const letter = await download(() => letterLink.click());
  expect(letter.name).toMatch(/\.pdf$/);
  expect(letter.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(letter.bytes) });
  const letterText = (await parser.getText()).text.normalize('NFC');
  await parser.destroy();
  expect(letterText).toContain('THƯ MỜI');
  expect(letterText).toContain('Cục Quản lý xuất nhập cảnh');
  expect(letterText).toContain(GUEST);
  expect(letterText).toContain('19FR42871');
  expect(letterText).toContain('Bệnh viện Bạch Mai');

  // 4. The report after the visit. The server refuses a report before the visit's last day (and a submission
  //    of a visit that starts before today), and the app has no controllable clock for a browser journey: so the
  //    approved visit is moved into the past directly in the database, as if the two weeks had gone by. The
  //    guests' data stays (kept 30 days after the last day), nothing else changes.
  const pastStart = dayFromToday(-4);
  const pastEnd = dayFromToday(-2);
  await db.updateTable('delegations').set({ start_date: pastStart, end_date: pastEnd }).where('id', '=', delegationId).execute();
  await page.reload();
  await statusShown('Đã phê duyệt');
  const outcomes = page.getByRole('textbox', { name: /^Kết quả/ });
  await expect.poll(() => outcomes.isVisible(), POLL).toBe(true);
  await outcomes.fill(OUTCOMES);
  await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
  await statusShown('Đã hoàn thành');
  const activityLink = page.getByRole('link', { name: 'Mở hoạt động' });
  await expect.poll(() => activityLink.isVisible(), POLL).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-reported.png'), fullPage: true });

  // The visit is an activity of the agreement: done, of kind "visit", on the activities tab.
  await page.goto(`${app.url}/agreements/${agreement.id}`);
  await page.getByRole('tab', { name: /^Hoạt động/ }).click();
  const row = page.getByRole('row').filter({ hasText: TITLE_VI });
  await expect.poll(() => row.first().isVisible(), POLL).toBe(true);
  const rowText = (await row.first().textContent()) ?? '';
  expect(rowText).toContain('Đã thực hiện');
  expect(rowText).toContain('Thăm, làm việc');
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-activity.png'), fullPage: true });

  // 5. HUST's annual report of international cooperation for the visit's year counts it, with its one guest.
  const year = pastStart.slice(0, 4);
  await page.goto(`${app.url}/institutions/${hust.id}/dashboard?year=${year}`);
  const menu = page.getByRole('button', { name: `Báo cáo năm ${year}` });
  await expect.poll(() => menu.isVisible(), POLL).toBe(true);
  await menu.click();
  const item = page.getByRole('menuitem', { name: 'Báo cáo hợp tác quốc tế năm (XLSX)' });
  await expect.poll(() => item.isVisible(), POLL).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'delegations-journey-annual-report.png'), fullPage: true });
  const annual = await download(() => item.click());
  expect(annual.name).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(annual.bytes as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Đoàn ra, đoàn vào');
  expect(sheet, `sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`).toBeDefined();
  const header = (sheet!.getRow(1).values as unknown[]).map(String);
  const rows: unknown[][] = [];
  sheet!.eachRow((r, n) => {
    if (n > 1) rows.push(r.values as unknown[]);
  });
  const ours = rows.filter((r) => r[header.indexOf('Đoàn')] === TITLE_VI);
  expect(ours, JSON.stringify(rows)).toHaveLength(1);
  const [found] = ours;
  expect(found[header.indexOf('Chiều')]).toMatch(/vào/i);
  expect(String(found[header.indexOf('Đối tác')])).toContain('Bạch Mai');
  expect(Number(found[header.indexOf('Số người')])).toBe(1);
}, 300_000);
