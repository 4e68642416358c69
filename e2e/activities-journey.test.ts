import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { browserJourney, signIn, signOut, POLL } from './browser-journey.ts';

// Issue 10's journey: the HUST coordinator logs a seminar under the research area of the HUST–Bach Mai MoU, the
// target's progress bar moves, and the Bach Mai officer sees the seminar on the agreement page and on Bach Mai's
// dashboard filtered by its partner HUST.

const journey = browserJourney('activities');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const MOU = 'Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai';
const SEMINAR = 'Hội thảo ứng dụng AI trong chẩn đoán hình ảnh (kiểm thử)';

/** "n/6" of the seminars target's card on the agreement page. */
async function seminarsDone(): Promise<number> {
  const card = journey.page.getByRole('article', { name: 'Hội thảo, tọa đàm' });
  await expect.poll(() => card.isVisible(), POLL).toBe(true);
  const text = (await card.textContent()) ?? '';
  const m = /(\d+)\/6/.exec(text);
  expect(m, text).not.toBeNull();
  return Number(m![1]);
}

async function pick(label: RegExp, option: string) {
  const { page } = journey;
  await page.getByRole('dialog').getByLabel(label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

it('records a seminar, moves its target, and shows it to the partner', async () => {
  const { app, page } = journey;
  mkdirSync(SHOTS, { recursive: true });
  const db = app.database.db;
  const agreement = await db.selectFrom('agreements').select('id').where('title_vi', '=', MOU).executeTakeFirstOrThrow();
  const hust = await db.selectFrom('institutions').select('id').where('code', '=', 'HUST').executeTakeFirstOrThrow();
  // A day of this year that has passed (the target's period is 2026; the demo's seminars are in it).
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const day = today.startsWith('2026-') ? today : '2026-11-20';
  const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

  await signIn(journey, 'coordinator@hust.demo.hoptac.vn');
  await page.goto(`${app.url}/agreements/${agreement.id}`);
  const before = await seminarsDone();

  await page.getByRole('tab', { name: /^Hoạt động/ }).click();
  await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
  await pick(/^Lĩnh vực/, 'Nghiên cứu khoa học');
  await pick(/^Loại/, 'Hội thảo chuyên đề');
  await dialog.getByRole('textbox', { name: /^Tên tiếng Việt/ }).fill(SEMINAR);
  await dialog.getByRole('textbox', { name: /^Tên tiếng Anh/ }).fill('Seminar on AI in medical imaging (test)');
  for (const label of [/^Bắt đầu ngày/, /^Kết thúc ngày/]) {
    const input = dialog.getByRole('textbox', { name: label });
    await input.fill(shown);
    await input.press('Tab');
  }
  await page.screenshot({ path: join(SHOTS, 'activities-journey-form.png') });
  await dialog.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
  await expect.poll(() => dialog.isVisible(), POLL).toBe(false);
  await expect.poll(() => page.getByText(SEMINAR).first().isVisible(), POLL).toBe(true);
  await page.getByRole('tab', { name: /^Nội dung/ }).click();
  await expect.poll(seminarsDone, POLL).toBe(before + 1);
  await page.screenshot({ path: join(SHOTS, 'activities-journey-progress.png'), fullPage: true });
  await signOut(journey);

  await signIn(journey, 'officer@bachmai.demo.hoptac.vn');
  await page.goto(`${app.url}/agreements/${agreement.id}`);
  expect(await seminarsDone()).toBe(before + 1);
  await page.getByRole('tab', { name: /^Hoạt động/ }).click();
  await expect.poll(() => page.getByText(SEMINAR).first().isVisible(), POLL).toBe(true);

  const bmh = await db.selectFrom('institutions').select('id').where('code', '=', 'BMH').executeTakeFirstOrThrow();
  await page.goto(`${app.url}/institutions/${bmh.id}/dashboard?year=${day.slice(0, 4)}&partnerId=${hust.id}`);
  const month = new Intl.DateTimeFormat('vi-VN', { month: 'short' }).format(new Date(`${day.slice(0, 7)}-01T00:00:00Z`));
  const monthLink = page.getByRole('button', { name: new RegExp(`^${month} \\(\\d+\\)$`) });
  await expect.poll(() => monthLink.isVisible(), POLL).toBe(true);
  await monthLink.click();
  await expect.poll(() => page.getByText(SEMINAR).first().isVisible(), POLL).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'activities-journey-partner-dashboard.png'), fullPage: true });
}, 240_000);
