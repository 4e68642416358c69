import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserJourney, POLL, signIn } from './browser-journey.ts';
import { visible } from './exam-steps.ts';

// Issue 13's equivalence tables and priority settings in the browser, as HMU's admissions officer: a new season's
// "Equivalence tables" tab starts empty and says what to do; a table entered as a segment is listed as entered by
// hand; a program's method names it (the program form also shows the priority settings, on by default); the table then
// lists the program using it, and deleting it (after a confirmation) is refused with the server's message naming that
// program. Screenshots
// of the tab in both languages go to test-output/screenshots.

const journey = browserJourney('admissions-equivalence');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const SEASON_VI = 'Tuyển sinh quy đổi 2027 (kiểm thử)';
const EXAM_VI = 'Kỳ thi đánh giá năng lực SPT 2026';

const field = (scope: ReturnType<Page['getByRole']>, name: string | RegExp) =>
  scope.getByRole('textbox', { name }).or(scope.getByRole('combobox', { name })).first();

it('HMU enters an equivalence table, names it in a program method with priority settings, and cannot delete it while used', async () => {
  const { page } = journey;
  mkdirSync(SHOTS, { recursive: true });
  await signIn(journey, 'admissions@hmu.demo.hoptac.vn');

  // 1. A new season; its equivalence tab is empty and says what to do.
  await page.getByRole('link', { name: 'Tuyển sinh', exact: true }).click();
  await page.getByRole('button', { name: 'Tạo đợt tuyển sinh' }).first().click();
  const seasonForm = page.getByRole('dialog');
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Việt\)/).fill(SEASON_VI);
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Anh\)/).fill('Admission with equivalence 2027 (test)');
  await seasonForm.getByLabel(/^Năm/).fill('2027');
  await seasonForm.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/admissions\/[0-9a-f-]{36}$/);
  await page.getByRole('tab', { name: 'Bảng quy đổi' }).click();
  await visible(page.getByText('Chưa có bảng quy đổi'));

  // 2. A table of one segment: raw 0–150 onto 0–30.
  await page.getByRole('button', { name: 'Thêm bảng' }).first().click();
  const tableForm = page.getByRole('dialog');
  await tableForm.getByLabel(/^Bảng quy đổi/).fill('HSA150');
  await tableForm.getByLabel(/^Từ điểm thô a/).fill('0');
  await tableForm.getByLabel(/^Đến điểm thô b/).fill('150');
  await tableForm.getByLabel(/^Từ c \(thang 30\)/).fill('0');
  await tableForm.getByLabel(/^Đến d \(thang 30\)/).fill('30');
  await tableForm.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  const tables = page.getByRole('table', { name: 'Bảng quy đổi' });
  await visible(tables.getByRole('row', { name: /HSA150 .*Nhập tay/ }));

  // 3. A program whose method converts through the table; the priority settings are on by default.
  await page.getByRole('tab', { name: 'Ngành' }).click();
  await page.getByRole('button', { name: 'Thêm ngành' }).first().click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/^Mã ngành/).fill('QD1');
  await form.getByLabel(/^Chỉ tiêu/).fill('10');
  await form.getByLabel(/^Tên ngành \(tiếng Việt\)/).fill('Ngành quy đổi');
  await form.getByLabel(/^Tên ngành \(tiếng Anh\)/).fill('Converted program');
  expect(await form.getByRole('switch', { name: /Cộng điểm ưu tiên và điểm cộng/ }).isChecked()).toBe(true);
  await form.getByRole('combobox', { name: /^Kỳ thi/ }).click();
  await page.getByRole('option', { name: new RegExp(EXAM_VI) }).click();
  await form.getByRole('combobox', { name: /^Môn/ }).click();
  await page.getByRole('option', { name: 'Toán' }).click();
  await field(form, /^Bảng quy đổi/).click();
  await page.getByRole('option', { name: 'HSA150' }).click();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  await visible(page.getByRole('cell', { name: 'Ngành quy đổi' }));

  // 4. The table lists the program using it; deleting it is refused, naming the program.
  await page.getByRole('tab', { name: 'Bảng quy đổi' }).click();
  await visible(tables.getByRole('row', { name: /HSA150 .*QD1/ }));
  await page.screenshot({ path: join(SHOTS, 'admissions-equivalence-vi.png') });
  await page.getByRole('button', { name: 'Xóa bảng HSA150' }).click();
  const confirm = page.getByRole('dialog', { name: 'Xóa bảng quy đổi' });
  await visible(confirm.getByText('Xóa bảng quy đổi HSA150? Không thể xóa bảng đang được phương thức của một ngành sử dụng.'));
  await confirm.getByRole('button', { name: 'Xóa', exact: true }).click();
  await visible(page.getByText('Bảng quy đổi đang được phương thức của các ngành QD1 sử dụng; hãy sửa các phương thức đó trước.'));
  await confirm.getByRole('button', { name: 'Huỷ' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  await visible(tables.getByRole('row', { name: /HSA150/ }));

  // 5. The same tab in English.
  await page.getByText('EN', { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), POLL).toBe('en');
  await visible(page.getByRole('table', { name: 'Equivalence tables' }).getByRole('row', { name: /HSA150 .*QD1/ }));
  await page.screenshot({ path: join(SHOTS, 'admissions-equivalence-en.png') });
});
