import { expect } from 'vitest';
import { type Journey, POLL } from './browser-journey.ts';

// Steps of the exam organiser that several journeys take (in Vietnamese, the demo's default language).

export const visible = (locator: { isVisible: () => Promise<boolean> }) => expect.poll(() => locator.isVisible(), POLL).toBe(true);

/**
 * The signed-in organiser defines an exam of one subject (`math`, 0–10) in one round, imports its candidates and
 * results from `csv` (preview, then all rows) and publishes it; the exam's page is left open.
 */
export async function defineImportAndPublishExam(
  journey: Journey,
  exam: { code: string; titleVi: string; titleEn: string; csv: string; rows: number },
) {
  const { page } = journey;
  await page.getByRole('link', { name: 'Kỳ thi', exact: true }).click();
  await visible(page.getByRole('link', { name: 'Kỳ thi đánh giá năng lực SPT 2026' }));
  await page.getByRole('button', { name: 'Tạo kỳ thi' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/^Mã kỳ thi/).fill(exam.code);
  await form.getByLabel(/^Tên kỳ thi \(tiếng Việt\)/).fill(exam.titleVi);
  await form.getByLabel(/^Tên kỳ thi \(tiếng Anh\)/).fill(exam.titleEn);
  await form.getByLabel(/^Từ ngày/).fill('2026-05-23');
  await form.getByLabel(/^Đến ngày/).fill('2026-05-24');
  await form.getByLabel(/^Địa điểm/).fill('Hà Nội; Sơn La');
  const subject = form.locator('.mantine-Paper-root').nth(1);
  await subject.getByLabel(/^Mã/).first().fill('math');
  await subject.getByLabel(/^Tên \(tiếng Việt\)/).fill('Toán');
  await subject.getByLabel(/^Tên \(tiếng Anh\)/).fill('Mathematics');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/exams\/[0-9a-f-]{36}$/);
  await visible(page.getByRole('heading', { name: new RegExp(exam.titleVi) }));
  await visible(page.getByText('Bản nháp', { exact: true }));

  // The candidates from a CSV file: the preview, then all rows.
  await page.getByRole('button', { name: 'Nhập thí sinh và kết quả' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(exam.csv) });
  await dialog.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await visible(dialog.getByText(`Cả ${exam.rows} dòng đều hợp lệ.`));
  await dialog.getByRole('button', { name: 'Nhập tất cả' }).click();
  await visible(dialog.getByText(`Đã nhập ${exam.rows} thí sinh.`));
  await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();

  await page.getByRole('button', { name: 'Công bố kết quả' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Công bố', exact: true }).click();
  await visible(page.getByText('Đã công bố', { exact: true }).first());
}
