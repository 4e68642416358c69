import { expect, it } from 'vitest';
import { demoPdf } from '../src/server/demo/demo-pdf.ts';
import { browserJourney, signIn, signOut } from './browser-journey.ts';

// HUST's cooperation officer drafts an agreement with Bach Mai Hospital in the browser (titles, dates,
// the partner, an area with a point of contact on each side and a target), approves it and attaches
// the signed PDF; Bach Mai's officer follows the notification to it and approves the same version; the
// agreement is then in force with both approvals verified. Real server with demo data, headless Chromium.

const journey = browserJourney('agreement');

const TITLE_VI = 'Thỏa thuận đào tạo kỹ sư thiết bị y tế (thử nghiệm trình duyệt)';
const TITLE_EN = 'Agreement on training medical equipment engineers (browser test)';

/** Types into a searchable select and picks the option whose name matches. */
async function pick(label: string | RegExp, text: string, option: RegExp) {
  const { page } = journey;
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(text);
  const choice = page.getByRole('option', { name: option });
  await expect.poll(() => choice.isVisible(), { timeout: 10_000 }).toBe(true);
  await choice.click();
}

async function typeDate(label: RegExp, value: string) {
  const { page } = journey;
  const input = page.getByRole('textbox', { name: label });
  await input.fill(value);
  await input.press('Escape');
}

it('drafts, approves and signs an agreement; the partner approves; it is in force', async () => {
  const { page } = journey;
  // HUST's officer opens the agreements from the navigation and starts a draft.
  await signIn(journey, 'officer@hust.demo.hoptac.vn');
  await page.getByRole('navigation', { name: 'Hợp tác' }).getByRole('link', { name: 'Thỏa thuận hợp tác' }).click();
  await page.waitForURL(/\/agreements$/);
  await page.getByRole('link', { name: 'Soạn thỏa thuận' }).first().click();
  await page.waitForURL(/\/agreements\/new$/);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Soạn thỏa thuận mới');

  // General terms and dates (typed dd/mm/yyyy); the start date is past, so it can come into force at once.
  await page.getByRole('textbox', { name: /^Tên tiếng Việt/ }).fill(TITLE_VI);
  await page.getByRole('textbox', { name: /^Tên tiếng Anh/ }).fill(TITLE_EN);
  await page.getByRole('textbox', { name: /^Nơi ký/ }).fill('Hà Nội');
  // Signed on the day it takes effect: without a signing date it could not come into force.
  await typeDate(/^Ngày ký/, '02/10/2025');
  await typeDate(/^Ngày hiệu lực/, '02/10/2025');
  await typeDate(/^Ngày hết hạn/, '01/10/2030');

  // HUST is already a party; Bach Mai is found by its code.
  await pick(/^Thêm bên tham gia/, 'BMH', /^BMH — Bệnh viện Bạch Mai/);
  await expect.poll(() => page.getByRole('combobox', { name: /Đơn vị của BMH/ }).isVisible()).toBe(true);

  // One training area, a point of contact on each side (searched without diacritics) and a target.
  await page.getByRole('button', { name: 'Thêm lĩnh vực' }).click();
  await page.getByRole('textbox', { name: /^Tên lĩnh vực \(tiếng Việt\)/ }).fill('Đào tạo kỹ sư thiết bị y tế');
  await page.getByRole('textbox', { name: /^Tên lĩnh vực \(tiếng Anh\)/ }).fill('Training medical equipment engineers');
  await pick('Đầu mối của HUST', 'minh ngoc', /Đỗ Thị Minh Ngọc/);
  await pick('Đầu mối của BMH', 'hoang van thinh', /Hoàng Văn Thịnh/);
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
  await pick(/^Chỉ số/, 'can bo', /Cán bộ được đào tạo/);
  await page.getByRole('textbox', { name: /^Giá trị/ }).fill('100');
  await page.getByRole('button', { name: 'Lưu dự thảo' }).click();

  // The new draft's page: version 1, both contacts, the target.
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreementUrl = page.url();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE_VI);
  const area = page.getByRole('article', { name: 'Đào tạo kỹ sư thiết bị y tế' });
  await expect.poll(() => area.getByRole('link', { name: /Đỗ Thị Minh Ngọc/ }).isVisible()).toBe(true);
  await expect.poll(() => area.getByRole('link', { name: /Hoàng Văn Thịnh/ }).isVisible()).toBe(true);
  await expect.poll(() => area.getByRole('cell', { name: 'Cán bộ được đào tạo' }).isVisible()).toBe(true);

  // HUST approves version 1, confirming its hash.
  const approvals = page.getByRole('region', { name: 'Phê duyệt' });
  await approvals.getByRole('button', { name: /^Phê duyệt phiên bản 1 \(mã [0-9a-f]{8}\)$/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Phê duyệt phiên bản 1' });
  await confirm.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await expect.poll(() => confirm.isVisible()).toBe(false);
  await expect.poll(() => approvals.getByText('Đã phê duyệt phiên bản 1', { exact: true }).count()).toBe(1);
  await expect.poll(() => page.getByLabel('Trạng thái: Chờ phê duyệt').isVisible()).toBe(true);

  // The signed PDF is attached (the kind "signed copy" and a title are proposed).
  const documents = page.getByRole('region', { name: 'Tài liệu' });
  await documents.getByRole('button', { name: 'Tải tài liệu lên' }).click();
  const upload = page.getByRole('dialog', { name: 'Tải tài liệu lên' });
  await upload.locator('input[type="file"]').setInputFiles({ name: 'ban-ky.pdf', mimeType: 'application/pdf', buffer: demoPdf(['hoptac browser test - signed copy']) });
  await upload.getByRole('button', { name: 'Tải lên' }).click();
  await expect.poll(() => upload.isVisible()).toBe(false);
  await expect.poll(() => documents.getByText('Bản ký thỏa thuận').isVisible()).toBe(true);
  await expect.poll(() => documents.getByText(/ban-ky\.pdf/).isVisible()).toBe(true);
  await signOut(journey);

  // Bach Mai's officer follows the notification to the agreement.
  await signIn(journey, 'officer@bachmai.demo.hoptac.vn');
  const bell = page.getByRole('button', { name: /^Thông báo \(\d+ chưa đọc\)$/ });
  await expect.poll(() => bell.isVisible(), { timeout: 10_000 }).toBe(true);
  await bell.click();
  await page.getByRole('button', { name: new RegExp(`đã phê duyệt phiên bản 1 của “${TITLE_VI.replace(/[()]/g, '\\$&')}”`) }).click();
  await page.waitForURL(agreementUrl);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE_VI);

  // Bach Mai approves the same version: all parties approved, signed, started → in force.
  const partnerApprovals = page.getByRole('region', { name: 'Phê duyệt' });
  await partnerApprovals.getByRole('button', { name: /^Phê duyệt phiên bản 1 / }).click();
  const partnerConfirm = page.getByRole('dialog', { name: 'Phê duyệt phiên bản 1' });
  await partnerConfirm.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await expect.poll(() => partnerConfirm.isVisible()).toBe(false);
  await expect.poll(() => page.getByLabel('Trạng thái: Đang hiệu lực').isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => partnerApprovals.getByText('Đã phê duyệt phiên bản 1', { exact: true }).count()).toBe(2);
  await expect.poll(() => partnerApprovals.getByText('Đã kiểm chứng', { exact: true }).count()).toBe(2);
  await expect.poll(() => partnerApprovals.getByText('Tất cả các bên đã phê duyệt phiên bản 1.').isVisible()).toBe(true);

  // The list shows it in force too.
  await page.getByRole('navigation', { name: 'Hợp tác' }).getByRole('link', { name: 'Thỏa thuận hợp tác' }).click();
  await page.getByLabel('Tìm thỏa thuận').pressSequentially('ky su thiet bi y te', { delay: 20 });
  const row = page.getByRole('row').filter({ hasText: TITLE_VI });
  await expect.poll(() => row.getByText('Đang hiệu lực').isVisible(), { timeout: 10_000 }).toBe(true);
}, 120_000);
