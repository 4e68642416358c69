import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { browserJourney, signIn, signOut, POLL } from './browser-journey.ts';

// Every demo role signs in and lands on the home page ("what needs me"), which shows at least one section
// with something in it — or, at the least, an empty section that offers what to do next — in Vietnamese and
// in English, with no raw translation keys. A screenshot per role and language is kept for CI under
// test-output/screenshots/ (home-<role>-<vi|en>.png).

const journey = browserJourney('home-by-role');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');

const ROLES: [string, string][] = [
  ['platform-admin', 'admin@demo.hoptac.vn'],
  ['hust-officer', 'officer@hust.demo.hoptac.vn'],
  ['bachmai-officer', 'officer@bachmai.demo.hoptac.vn'],
  ['hust-admin', 'admin@hust.demo.hoptac.vn'],
  ['coordinator', 'coordinator@hust.demo.hoptac.vn'],
  ['lecturer', 'lecturer@hust.demo.hoptac.vn'],
  ['student', 'student@hust.demo.hoptac.vn'],
  ['exam-organiser', 'exams@hnue.demo.hoptac.vn'],
  ['admissions-officer', 'admissions@hmu.demo.hoptac.vn'],
];

const HEADING = { vi: 'Việc cần làm', en: 'What needs you' } as const;
/** Generous: the machine running the suite may be busy. */

/** The sections of the home page: how many list something, how many are empty but offer what to do next. */
async function sectionsShown() {
  const { page } = journey;
  const sections = page.locator('main section');
  const total = await sections.count();
  let withItems = 0;
  let actionable = 0;
  for (let i = 0; i < total; i++) {
    const section = sections.nth(i);
    if ((await section.locator('li').count()) > 0) withItems++;
    else if ((await section.getByRole('link').count()) > 0) actionable++;
  }
  return { total, withItems, actionable };
}

async function checkHome(role: string, lang: 'vi' | 'en') {
  const { page } = journey;
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe(HEADING[lang]);
  await expect.poll(async () => (await sectionsShown()).total, POLL).toBeGreaterThan(0);
  const shown = await sectionsShown();
  expect(shown.withItems + shown.actionable, `${role} (${lang}): nothing to do on the home page`).toBeGreaterThan(0);
  // Every demo account has something in at least one section (demo data: see src/server/demo/data/agreements.ts).
  expect(shown.withItems, `${role} (${lang}): every section is empty`).toBeGreaterThan(0);
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text, `${role} (${lang}) shows a translation key`).not.toMatch(/\b(home|homeItems|statuses)\.[a-zA-Z_.]+/);
  expect(text, `${role} (${lang}) shows an e-mail address`).not.toMatch(/@[a-z]+\.demo\.hoptac\.vn/);
  await page.screenshot({ path: join(SHOTS, `home-${role}-${lang}.png`), fullPage: true });
}

it('shows every demo role something to do on the home page, in Vietnamese and English', async () => {
  const { page } = journey;
  mkdirSync(SHOTS, { recursive: true });
  for (const [role, email] of ROLES) {
    await signIn(journey, email);
    await checkHome(role, 'vi');
    // The home page is in the navigation too.
    await expect.poll(() => page.getByRole('navigation', { name: 'Hợp tác' }).getByRole('link', { name: 'Trang chủ' }).isVisible(), POLL).toBe(true);
    await page.getByText('EN', { exact: true }).click();
    await checkHome(role, 'en');
    await page.getByText('VI', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), POLL).toBe(HEADING.vi);
    await signOut(journey);
  }
}, 300_000);

it('opens the record an item links to', async () => {
  const { page } = journey;
  await signIn(journey, 'officer@bachmai.demo.hoptac.vn');
  const approvals = page.getByRole('region', { name: 'Chờ phê duyệt' });
  const item = approvals.getByRole('link', { name: /thực hành của sinh viên Kỹ thuật Y sinh/ });
  await expect.poll(() => item.isVisible(), POLL).toBe(true);
  await item.click();
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect
    .poll(() => page.getByRole('heading', { level: 1, name: /^Thỏa thuận cụ thể về thực hành của sinh viên Kỹ thuật Y sinh tại Bệnh viện Bạch Mai/ }).isVisible(), POLL)
    .toBe(true);
  await signOut(journey);
}, 60_000);

it("links a person's and an institution's pages to their agreements", async () => {
  const { app, page } = journey;
  await signIn(journey, 'officer@hust.demo.hoptac.vn');
  // The lecturer is a point of contact: the person page lists the agreements and the areas.
  const lecturer = await page.evaluate(async () => (await (await fetch('/api/v1/people?q=pham%20quang%20huy')).json()).items[0].id as string);
  await page.goto(`${app.url}/people/${lecturer}`);
  const asContact = page.getByRole('table', { name: 'Thỏa thuận làm đầu mối' });
  await expect.poll(() => asContact.getByRole('link', { name: /Kỹ thuật Y sinh/ }).isVisible(), POLL).toBe(true);
  await expect.poll(() => asContact.getByText('Thực hành trang thiết bị y tế tại bệnh viện').isVisible(), POLL).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'person-lecturer-agreements-vi.png'), fullPage: true });
  // Bach Mai's page has a tab of its agreements.
  const bmh = await page.evaluate(async () => (await (await fetch('/api/v1/institutions?q=BMH')).json()).items[0].id as string);
  await page.goto(`${app.url}/institutions/${bmh}?tab=agreements`);
  const agreements = page.getByRole('table', { name: 'Thỏa thuận' });
  await expect.poll(() => agreements.getByRole('link', { name: /nền tảng dữ liệu lớn/ }).isVisible(), POLL).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'institution-bmh-agreements-vi.png'), fullPage: true });
  await signOut(journey);
}, 60_000);
