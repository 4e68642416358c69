import { expect, it } from 'vitest';
import { browserJourney } from './browser-journey.ts';

// A cooperation officer signs in, sees the Vietnamese UI, switches to English and back, finds a
// colleague at a partner institution by typing his name without diacritics, and signs out.
// The real server (demo data, built web app from dist/web) on its own database, in headless Chromium.

const journey = browserJourney('directory-journey');


it('signs in, switches language, finds a person without diacritics, signs out', async () => {
  const { app, page } = journey;
  await page.goto(`${app.url}/people`);

  // Not signed in: sent to the sign-in page, in Vietnamese.
  await page.waitForURL(/\/login\?next=%2Fpeople/);
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
  await page.getByLabel(/^E-mail/).fill('officer@hust.demo.hoptac.vn');
  await page.getByLabel(/^Mật khẩu/).fill('hoptac-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  // Back where the officer wanted to go, in the Vietnamese shell.
  await page.waitForURL(/\/people$/);
  const navigation = page.getByRole('navigation', { name: 'Danh bạ' });
  await expect.poll(() => navigation.getByRole('link', { name: 'Nhân sự' }).isVisible()).toBe(true);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhân sự');

  // English and back: the visible labels follow.
  await page.getByText('EN', { exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('People');
  await expect
    .poll(() => page.getByRole('navigation', { name: 'Directory' }).getByRole('link', { name: 'Institutions' }).isVisible())
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  // Signed in, the choice is saved on the account.
  const savedLanguage = () => page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user.language);
  await expect.poll(savedLanguage).toBe('en');
  await page.getByText('VI', { exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Nhân sự');
  await expect.poll(savedLanguage).toBe('vi');

  // From another page, through the navigation, to People; search as you type, without diacritics.
  await page.getByRole('link', { name: 'Cơ sở' }).first().click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cơ sở');
  await page.getByRole('navigation', { name: 'Danh bạ' }).getByRole('link', { name: 'Nhân sự' }).click();
  await page.waitForURL(/\/people$/);
  await page.getByLabel('Tìm người').pressSequentially('nguyen duc son', { delay: 40 });
  await page.waitForURL(/q=nguyen/);
  const result = page.getByRole('link', { name: /Nguyễn Đức Sơn/ });
  await expect.poll(() => result.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await page.getByRole('table', { name: 'Nhân sự' }).getByRole('row').count()).toBe(2);

  // Sign out from the user menu.
  await page.getByRole('button', { name: /Menu tài khoản/ }).click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await page.waitForURL(/\/login/);
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  expect(me).toBe(401);
});
