import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { browserJourney, POLL, signIn, signOut } from './browser-journey.ts';
import { defineImportAndPublishExam, visible } from './exam-steps.ts';

// Issue 13's admission in the browser: HNUE's organiser publishes an exam's results and three candidates consent to
// share them with HMU; HMU's admissions officer opens a season, adds programs, imports the candidates' preferences (a
// file with bad rows first: every one is reported and nothing is saved), runs a dry run whose progress bar reaches
// done, reads cutoffs and admitted counts, runs the final run, compares it with the dry run and publishes it; a
// candidate then looks up their outcome on the public results page. Screenshots of the key pages in both languages
// go to test-output/screenshots.

// The runs are pg-boss jobs: the server starts its workers.
const journey = browserJourney('admissions', { jobs: true });
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const EXAM_VI = 'Kỳ thi năng lực cho tuyển sinh hoptac 2026';
const EXAM_CSV = [
  'candidateNumber,fullName,dateOfBirth,round,venue,math',
  'ADM-0001,Phạm Gia Bảo,05/01/2008,r1,Hà Nội,9.5',
  'ADM-0002,Đỗ Thu Hà,17/07/2008,r1,Sơn La,8.25',
  'ADM-0003,Vũ Minh Châu,23/09/2008,r1,Hà Nội,7',
].join('\r\n');
const BIRTH = { 'ADM-0001': '2008-01-05', 'ADM-0002': '2008-07-17', 'ADM-0003': '2008-09-23' } as const;
const SEASON_VI = 'Tuyển sinh đại học chính quy 2026 (kiểm thử)';

async function json(page: Page, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) {
  const res = await page.request.fetch(`${journey.app.url}/api/v1${path}`, { method, data });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/** A candidate, on the public API the lookup page uses, consents to share their results with HMU. */
async function consentToHmu(page: Page, examId: string, candidateNumber: keyof typeof BIRTH) {
  const proof = { examId, candidateNumber, dateOfBirth: BIRTH[candidateNumber] };
  const answer = await json(page, 'POST', '/public/exam-results', proof);
  const hmu = answer.consents.find((c: { code: string }) => c.code === 'HMU');
  expect(hmu, 'HMU among the institutions the candidate may share with').toBeDefined();
  await json(page, 'PUT', '/public/exam-consents', { ...proof, institutionId: hmu.institutionId, consent: true });
}

/** The whole page, in a window as tall as it (a full-page capture would draw the fixed header mid-page). */
async function shot(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 4000) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function switchLanguage(page: Page, label: 'EN' | 'VI') {
  await page.getByText(label, { exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang), POLL).toBe(label.toLowerCase());
}

/** Adds a program of one method: the exam's math, weight 1, on the 30-point scale. */
async function addProgram(page: Page, program: { code: string; nameVi: string; nameEn: string; quota: number }) {
  await page.getByRole('button', { name: 'Thêm ngành' }).first().click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/^Mã ngành/).fill(program.code);
  await form.getByLabel(/^Chỉ tiêu/).fill(String(program.quota));
  await form.getByLabel(/^Tên ngành \(tiếng Việt\)/).fill(program.nameVi);
  await form.getByLabel(/^Tên ngành \(tiếng Anh\)/).fill(program.nameEn);
  await form.getByRole('combobox', { name: /^Kỳ thi/ }).click();
  await page.getByRole('option', { name: new RegExp(EXAM_VI) }).click();
  await form.getByRole('combobox', { name: /^Môn/ }).click();
  await page.getByRole('option', { name: 'Toán' }).click();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect.poll(() => page.getByRole('dialog').count(), POLL).toBe(0);
  await visible(page.getByRole('cell', { name: program.nameVi }));
}

it('HNUE publishes results; the HMU officer runs the admission and publishes; a candidate looks up the outcome', async () => {
  const { app, page } = journey;
  mkdirSync(SHOTS, { recursive: true });

  // 1. HNUE's organiser publishes the exam's results; three candidates consent to share them with HMU.
  await signIn(journey, 'exams@hnue.demo.hoptac.vn');
  await defineImportAndPublishExam(journey, {
    code: 'E2E-ADM',
    titleVi: EXAM_VI,
    titleEn: 'hoptac admission test exam 2026',
    csv: EXAM_CSV,
    rows: 3,
  });
  const examId = page.url().split('/').at(-1) ?? '';
  // The preference file names exam candidates by their id in the exam (exam_candidates.id), which candidates give the
  // admitting institution with their preferences; HMU reads no result of theirs before they applied to it.
  const candidates = (await json(page, 'GET', `/exams/${examId}/candidates?limit=50`)).items as { id: string; number: string }[];
  const idOf = (number: string) => candidates.find((c) => c.number === number)?.id as string;
  expect([idOf('ADM-0001'), idOf('ADM-0002'), idOf('ADM-0003')].every(Boolean)).toBe(true);
  await signOut(journey);
  for (const number of ['ADM-0001', 'ADM-0002', 'ADM-0003'] as const) await consentToHmu(page, examId, number);

  // 2. HMU's admissions officer opens a season from the empty list of Admissions.
  await signIn(journey, 'admissions@hmu.demo.hoptac.vn');
  await page.getByRole('link', { name: 'Tuyển sinh', exact: true }).click();
  await visible(page.getByRole('heading', { name: 'Tuyển sinh', exact: true }));
  await page.getByRole('button', { name: 'Tạo đợt tuyển sinh' }).first().click();
  const seasonForm = page.getByRole('dialog');
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Việt\)/).fill(SEASON_VI);
  await seasonForm.getByLabel(/^Tên đợt \(tiếng Anh\)/).fill('Regular undergraduate admission 2026 (test)');
  await seasonForm.getByLabel(/^Năm/).fill('2026');
  await seasonForm.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/admissions\/[0-9a-f-]{36}$/);
  const seasonUrl = page.url();
  await visible(page.getByRole('heading', { name: new RegExp(SEASON_VI.replace(/[()]/g, '.')) }));
  await visible(page.getByText(/^Bước tiếp theo: thêm các ngành/));

  // 3. Two programs, scored on the exam's math.
  await addProgram(page, { code: 'YDK', nameVi: 'Y khoa', nameEn: 'Medicine', quota: 1 });
  await addProgram(page, { code: 'RHM', nameVi: 'Răng - Hàm - Mặt', nameEn: 'Odonto-Stomatology', quota: 2 });
  await shot(page, 'admissions-programs-vi');

  // 4. The preferences: a file with bad rows is refused row by row, nothing saved; then the right file.
  await page.getByRole('tab', { name: 'Nguyện vọng' }).click();
  const file = page.locator('input[type="file"]');
  const bad = [
    'candidate_id,rank,program_id,score',
    `${idOf('ADM-0001')},1,YDK,`,
    `${idOf('ADM-0001')},1,RHM,`,
    `${idOf('ADM-0002')},1,XYZ,`,
    'X-001,1,YDK,31',
  ];
  await file.setInputFiles({ name: 'nguyen-vong.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\r\n')) });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await visible(page.getByText('Lỗi trong tệp: 3'));
  await visible(page.getByText(/dòng 3: .*đã có nguyện vọng thứ 1 ở dòng 2/));
  await visible(page.getByText(/dòng 4: .*XYZ/));
  await visible(page.getByText(/dòng 5: .*từ 0 đến 30/));
  await shot(page, 'admissions-preferences-problems-vi');
  const good = [
    'candidate_id,rank,program_id,score',
    `${idOf('ADM-0001')},1,YDK,`,
    `${idOf('ADM-0001')},2,RHM,`,
    `${idOf('ADM-0002')},1,YDK,`,
    `${idOf('ADM-0002')},2,RHM,`,
    `${idOf('ADM-0003')},1,RHM,`,
    'X-001,1,YDK,26',
  ];
  await file.setInputFiles({ name: 'nguyen-vong.csv', mimeType: 'text/csv', buffer: Buffer.from(good.join('\r\n')) });
  await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await visible(page.getByText('Mọi dòng đều hợp lệ: 4 thí sinh.'));
  await page.getByRole('button', { name: 'Thay toàn bộ nguyện vọng' }).click();
  await visible(page.getByText('Đã lưu 6 nguyện vọng của 4 thí sinh (thay 0 nguyện vọng cũ).'));
  await visible(page.getByText('Số nguyện vọng trong đợt: 6.'));
  const seasonPath = new URL(seasonUrl).pathname;
  // Having applied to HMU, the consenting candidates' results open to HMU (through the HNUE–HMU admissions agreement).
  await page.getByRole('link', { name: 'Kỳ thi', exact: true }).click();
  await page.getByRole('link', { name: EXAM_VI }).click();
  await page.getByRole('tab', { name: 'Kết quả được chia sẻ' }).click();
  for (const number of ['ADM-0001', 'ADM-0002', 'ADM-0003']) await visible(page.getByRole('cell', { name: number }));
  await page.getByRole('link', { name: 'Tuyển sinh', exact: true }).click();
  await page.getByRole('link', { name: SEASON_VI }).click();
  await page.waitForURL((url) => url.pathname === seasonPath);

  // 5. A dry run: the progress bar of the latest run follows it until it is done.
  await page.getByRole('tab', { name: 'Lượt chạy' }).click();
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  const bar = page.getByRole('progressbar', { name: /^(Đang chờ|Đang xét tuyển|Hoàn tất)/ });
  await visible(bar);
  await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 60_000 }).toBe('100');
  await visible(page.getByRole('progressbar', { name: 'Hoàn tất: 3/4 thí sinh trúng tuyển' }));
  await visible(page.getByText(/^Bước tiếp theo: xem kết quả chạy thử/));
  await shot(page, 'admissions-runs-vi');

  // 6. Its results: Medicine takes the best score (9.5 → 28.5), Odonto-Stomatology the next two; the external candidate none.
  await page.getByRole('link', { name: 'Xem kết quả' }).first().click();
  await page.waitForURL(/\/admissions\/runs\/[0-9a-f-]{36}$/);
  const programs = page.getByRole('table', { name: 'Các ngành' });
  await visible(programs.getByRole('row', { name: 'YDK · Y khoa 1 3 1 28,50' }));
  await visible(programs.getByRole('row', { name: 'RHM · Răng - Hàm - Mặt 2 3 2 21,00' }));
  await visible(page.getByText('3 / 3'));
  await page.getByRole('combobox', { name: 'Kết quả' }).click();
  await page.getByRole('option', { name: 'Không trúng tuyển' }).click();
  await visible(page.getByRole('cell', { name: 'X-001' }));
  await expect.poll(() => page.getByRole('table', { name: 'Thí sinh và kết quả' }).getByRole('row').count(), POLL).toBe(2);
  await page.getByRole('combobox', { name: 'Kết quả' }).click();
  await page.getByRole('option', { name: 'Trúng tuyển', exact: true }).click();
  await expect.poll(() => page.getByRole('table', { name: 'Thí sinh và kết quả' }).getByRole('row').count(), POLL).toBe(4);
  await shot(page, 'admissions-results-vi');
  await switchLanguage(page, 'EN');
  await visible(page.getByRole('heading', { name: 'Admitted against quota' }));
  await shot(page, 'admissions-results-en');
  await page.goto(seasonUrl);
  await visible(page.getByRole('tab', { name: 'Programs' }));
  await shot(page, 'admissions-programs-en');
  await page.getByRole('tab', { name: 'Runs' }).click();
  await visible(page.getByRole('progressbar', { name: 'Done: 3 of 4 candidates admitted' }));
  await shot(page, 'admissions-runs-en');
  await switchLanguage(page, 'VI');

  // 7. The final run, compared with the dry run (nobody moved), then published.
  await page.getByRole('button', { name: 'Chạy chính thức' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Bắt đầu chạy chính thức' }).click();
  await expect
    .poll(() => page.getByRole('row').filter({ hasText: 'Chạy chính thức' }).filter({ hasText: 'Hoàn tất' }).count(), { timeout: 60_000 })
    .toBe(1);
  await visible(page.getByText(/^Bước tiếp theo: công bố kết quả/));
  await page.getByRole('link', { name: 'Xem kết quả' }).first().click();
  await visible(page.getByRole('heading', { name: /Kết quả lượt chạy/ }));
  await page.getByRole('link', { name: 'So sánh với lượt chạy khác' }).click();
  await page
    .getByRole('textbox', { name: 'So sánh với' })
    .or(page.getByRole('combobox', { name: 'So sánh với' }))
    .click();
  await page.getByRole('option', { name: /^Chạy thử/ }).click();
  await visible(page.getByText('Thí sinh thay đổi kết quả (0)'));
  await visible(page.getByRole('table', { name: 'Thay đổi theo ngành' }).getByRole('row', { name: /YDK · Y khoa 28,50 → 28,50 \(0\)/ }));
  await shot(page, 'admissions-compare-vi');
  await page.getByRole('link', { name: '← Kết quả lượt chạy' }).click();
  await page.getByRole('button', { name: 'Công bố kết quả' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Công bố', exact: true }).click();
  await visible(page.getByText('Đã công bố', { exact: true }).first());
  await expect.poll(() => page.getByRole('button', { name: 'Công bố kết quả' }).count(), POLL).toBe(0);
  await signOut(journey);

  // 8. A candidate looks up their outcome on the public results page.
  await page.goto(`${app.url}/results`);
  await page.getByRole('combobox', { name: 'Kỳ thi' }).click();
  await page.getByRole('option', { name: new RegExp(EXAM_VI) }).click();
  await page.getByLabel(/^Số báo danh/).fill('ADM-0002');
  await page.getByLabel(/^Ngày sinh/).fill(BIRTH['ADM-0002']);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await visible(page.getByText('Trúng tuyển ngành RHM · Răng - Hàm - Mặt (nguyện vọng 2, điểm 24,75).'));
  const preferences = page.getByRole('table', { name: 'Các nguyện vọng và kết quả' });
  await visible(preferences.getByRole('row', { name: '1 YDK · Y khoa Không trúng tuyển' }));
  await visible(preferences.getByRole('row', { name: '2 RHM · Răng - Hàm - Mặt Trúng tuyển' }));
  await shot(page, 'admissions-lookup-vi');
  await switchLanguage(page, 'EN');
  await visible(page.getByText('Admitted to RHM · Odonto-Stomatology (preference 2, score 24.75).'));
  await shot(page, 'admissions-lookup-en');
}, 300_000);
