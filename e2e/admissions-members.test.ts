import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { buildUser } from '../src/server/testing/factories.ts';
import { TEST_PASSWORD } from '../src/server/testing/test-app.ts';
import { browserJourney, POLL, signIn, signOut } from './browser-journey.ts';
import { visible } from './exam-steps.ts';

// Issue 13's consortium seasons in the browser, as HMU's admissions officer (the coordinator of the demo's joint
// season): the demo season's members are locked after its first run; a new season of the HOPTAC-DEMO consortium
// gets HNUE and VNU as members, then a change saved meanwhile by someone else (through the API) makes the editor
// answer with the version conflict, and the officer's choice is saved over it; the season is deleted and the list
// comes back; the demo season cannot be deleted while a run of it waits. Screenshots of the members editor in both
// languages go to test-output/screenshots. Last, HNUE's admissions officer sees the members, the editor off with the reason.

// No job workers: a run started here stays queued, so a season with a waiting run can be shown.
const journey = browserJourney('admissions-members');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const DEMO_SEASON_VI = 'Xét tuyển chung 2026 (dữ liệu mẫu)';
const SEASON_VI = 'Xét tuyển chung thạc sĩ 2027 (kiểm thử)';
const HNUE = 'Trường Đại học Sư phạm Hà Nội';
const VNU = 'Đại học Quốc gia Hà Nội';

/** A request of the signed-in user, with the session's CSRF token, as the web app sends it. */
async function api(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { method, path, body },
  );
}

async function switchLanguage(page: Page, label: 'EN' | 'VI') {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), POLL).toBe(label.toLowerCase());
}

/** The members shown on the season page (in Vietnamese), coordinator first. */
const memberBadges = (page: Page) =>
  page.locator('.mantine-Paper-root', { hasText: 'Đợt tuyển sinh liên minh — thành viên:' }).locator('.mantine-Badge-root').allInnerTexts();

it('HMU edits the members of a consortium season, meets a version conflict, deletes the season; a waiting run keeps one; a member only looks', async () => {
  const { page } = journey;
  mkdirSync(SHOTS, { recursive: true });
  await signIn(journey, 'admissions@hmu.demo.hoptac.vn');

  // 1. The demo's joint season has run: its members are shown, and the editor is off with the reason.
  await page.getByRole('link', { name: 'Tuyển sinh', exact: true }).click();
  await page.getByRole('link', { name: DEMO_SEASON_VI }).click();
  await page.waitForURL(/\/admissions\/[0-9a-f-]{36}$/);
  const demoSeasonPath = new URL(page.url()).pathname;
  await visible(page.getByText('Các cơ sở thành viên chỉ thay đổi được trước lượt chạy đầu tiên; đợt này đã có lượt chạy.'));
  await expect.poll(() => page.getByRole('button', { name: 'Sửa thành viên' }).isDisabled(), POLL).toBe(true);
  expect(await memberBadges(page)).toEqual(['Trường Đại học Y Hà Nội (điều phối)', HNUE, VNU]);
  await shotOf(page, 'admissions-members-locked-vi');

  // 2. A new season of the HOPTAC-DEMO consortium: HMU alone at first.
  await page.getByRole('link', { name: 'Tuyển sinh', exact: true }).click();
  await page.getByRole('button', { name: 'Tạo đợt tuyển sinh' }).first().click();
  const seasonForm = page.getByRole('dialog');
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Việt\)/).fill(SEASON_VI);
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Anh\)/).fill("Joint master's admission 2027 (test)");
  await seasonForm.getByLabel(/^Năm/).fill('2027');
  await seasonForm.getByRole('textbox', { name: 'Liên minh' }).or(seasonForm.getByRole('combobox', { name: 'Liên minh' })).click();
  await page.getByRole('option', { name: 'Liên minh hợp tác hoptac (dữ liệu mẫu)' }).click();
  await seasonForm.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/admissions\/[0-9a-f-]{36}$/);
  const seasonId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  await visible(page.getByText('Đợt tuyển sinh liên minh — thành viên:'));
  expect(await memberBadges(page)).toEqual(['Trường Đại học Y Hà Nội (điều phối)']);

  // 3. The coordinator adds HNUE and VNU.
  const edit = page.getByRole('button', { name: 'Sửa thành viên' });
  await expect.poll(() => edit.isEnabled(), POLL).toBe(true);
  await edit.click();
  const editor = page.getByRole('dialog', { name: 'Cơ sở thành viên của đợt' });
  await visible(editor.getByRole('checkbox', { name: /^HMU · .*\(điều phối\)$/ }));
  expect(await editor.getByRole('checkbox', { name: /^HMU · / }).isDisabled()).toBe(true);
  await editor.getByRole('checkbox', { name: `HNUE · ${HNUE}` }).check();
  await editor.getByRole('checkbox', { name: `VNU · ${VNU}` }).check();
  await shotOf(page, 'admissions-members-vi');
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  await expect.poll(() => memberBadges(page), POLL).toEqual(['Trường Đại học Y Hà Nội (điều phối)', HNUE, VNU]);

  // The editor in English, with a member about to leave (the warning names it); cancelled.
  await switchLanguage(page, 'EN');
  await page.getByRole('button', { name: 'Edit members' }).click();
  const editorEn = page.getByRole('dialog', { name: 'Member institutions of the season' });
  await editorEn.getByRole('checkbox', { name: /^VNU · / }).uncheck();
  await visible(editorEn.getByText(/^Leaving out VNU · Vietnam National University, Hanoi deletes their programs/));
  await shotOf(page, 'admissions-members-en');
  await editorEn.getByRole('button', { name: 'Cancel' }).click();
  await switchLanguage(page, 'VI');

  // 4. Someone else takes HNUE out meanwhile: the editor opened before answers with the conflict, naming the members
  // saved; the officer saves their own choice (HNUE, not VNU) over it.
  await edit.click();
  const current = await api(page, 'GET', `/admission-seasons/${seasonId}`);
  const other = await api(page, 'PUT', `/admission-seasons/${seasonId}/members`, {
    institutionIds: current.body.members.filter((m: { code: string }) => m.code === 'VNU').map((m: { institutionId: string }) => m.institutionId),
    version: current.body.version,
  });
  expect(other.status, JSON.stringify(other.body)).toBe(200);
  await editor.getByRole('checkbox', { name: `VNU · ${VNU}` }).uncheck();
  await visible(editor.getByText(`Bỏ VNU · ${VNU} khỏi đợt sẽ xóa các ngành của họ trong đợt và các nguyện vọng vào những ngành đó.`));
  await editor.getByRole('button', { name: 'Lưu' }).click();
  const conflict = editor.getByRole('alert').filter({ hasText: 'Bản ghi vừa được người khác thay đổi' });
  await visible(conflict);
  await visible(conflict.getByText(new RegExp(`\\(phiên bản ${other.body.version}\\): .*VNU · ${VNU}`)));
  expect(await conflict.getByText(/: .*HNUE/).count(), 'HNUE is no longer a member').toBe(0);
  await shotOf(page, 'admissions-members-conflict-vi');
  await conflict.getByRole('button', { name: 'Áp dụng lại thay đổi của tôi' }).click();
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  await expect.poll(() => memberBadges(page), POLL).toEqual(['Trường Đại học Y Hà Nội (điều phối)', HNUE]);
  await shotOf(page, 'admissions-members-saved-vi');

  // 5. The season is deleted after a confirmation naming it; the list comes back without it.
  await page.getByRole('button', { name: 'Xóa đợt' }).click();
  const confirm = page.getByRole('dialog', { name: 'Xóa đợt tuyển sinh' });
  await visible(confirm.getByText(`Xóa đợt “${SEASON_VI}” cùng 0 ngành, 0 nguyện vọng`, { exact: false }));
  await confirm.getByRole('button', { name: 'Xóa đợt tuyển sinh' }).click();
  await page.waitForURL((url) => url.pathname === '/admissions');
  await visible(page.getByText(`Đã xóa đợt “${SEASON_VI}”.`));
  await visible(page.getByRole('link', { name: DEMO_SEASON_VI }));
  expect(await page.getByRole('link', { name: SEASON_VI }).count(), 'the deleted season left the list at once').toBe(0);
  expect((await api(page, 'GET', `/admission-seasons/${seasonId}`)).status).toBe(404);

  // 6. A run of the demo season waits (no workers here): the server refuses to delete the season, and the dialog says why.
  const demoSeasonId = demoSeasonPath.split('/').at(-1);
  expect((await api(page, 'POST', `/admission-seasons/${demoSeasonId}/runs`, { kind: 'dry' })).status).toBe(202);
  await page.getByRole('link', { name: DEMO_SEASON_VI }).click();
  await page.waitForURL((url) => url.pathname === demoSeasonPath);
  await page.getByRole('button', { name: 'Xóa đợt' }).click();
  const refuse = page.getByRole('dialog', { name: 'Xóa đợt tuyển sinh' });
  await refuse.getByRole('button', { name: 'Xóa đợt tuyển sinh' }).click();
  await visible(refuse.getByRole('alert').getByText(`Một lượt xét của đợt “${DEMO_SEASON_VI}” đang chờ hoặc đang chạy; hãy đợi nó xong hoặc hủy nó.`));
  await refuse.getByRole('button', { name: 'Huỷ' }).click();
  expect(new URL(page.url()).pathname).toBe(demoSeasonPath);
  await signOut(journey);

  // 7. A member's admissions officer (HNUE's: made here, the demo has none) sees the members, the editor off with the
  // reason, and no delete button.
  const hnue = await journey.app.database.db.selectFrom('institutions').select('id').where('code', '=', 'HNUE').executeTakeFirstOrThrow();
  const officer = await buildUser(journey.app.database.db, hnue.id, ['admissions_officer'], { email: 'admissions@hnue.e2e.test' });
  await page.goto(`${journey.app.url}/login`);
  await page.getByLabel(/^E-mail/).fill(officer.email);
  await page.getByLabel(/^Mật khẩu/).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(`${journey.app.url}${demoSeasonPath}`);
  await visible(page.getByText('Chỉ trường điều phối (Trường Đại học Y Hà Nội) thay đổi được các cơ sở thành viên.'));
  await expect.poll(() => page.getByRole('button', { name: 'Sửa thành viên' }).isDisabled(), POLL).toBe(true);
  expect(await memberBadges(page)).toEqual(['Trường Đại học Y Hà Nội (điều phối)', HNUE, VNU]);
  expect(await page.getByRole('button', { name: 'Xóa đợt' }).count()).toBe(0);
  await shotOf(page, 'admissions-members-member-vi');
}, 240_000);

/** The page as it is (a dialog open). */
async function shotOf(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
