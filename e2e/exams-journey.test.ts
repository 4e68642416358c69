import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { browserJourney, signIn, signOut } from './browser-journey.ts';
import { defineImportAndPublishExam, visible } from './exam-steps.ts';

// Issue 13's first half in the browser: HNUE's exam organiser defines an exam, imports its candidates and results from
// a CSV file (preview, then all), publishes it and sees the score distribution; a candidate, without an account, looks
// up their results with candidate number and date of birth, and consents to share them with HMU — whose admissions
// officer still reads nothing of them until the candidate applies to one of HMU's programs.

const journey = browserJourney('exams');
const SHOTS = join(import.meta.dirname, '..', 'test-output', 'screenshots');
const TITLE_VI = 'Kỳ thi thử nghiệm năng lực hoptac 2026';
const CSV = [
  'candidateNumber,fullName,dateOfBirth,round,venue,math',
  'E2E-0001,Nguyễn Thị Thu Trang,14/03/2008,r1,Hà Nội,8.25',
  'E2E-0002,Trần Minh Khôi,02/11/2007,r1,Sơn La,6.5',
  'E2E-0003,Lê Hoàng Yến,30/06/2008,r1,Hà Nội,9',
].join('\r\n');

it('the HNUE organiser publishes results; a candidate looks them up and consents; HMU reads nothing before they apply', async () => {
  const { app, page } = journey;
  mkdirSync(SHOTS, { recursive: true });

  // 1–2. The organiser defines the exam and imports the candidates from a CSV file (preview, then all rows).
  await signIn(journey, 'exams@hnue.demo.hoptac.vn');
  await defineImportAndPublishExam(journey, { code: 'E2E-2026', titleVi: TITLE_VI, titleEn: 'hoptac competency test exam 2026', csv: CSV, rows: 3 });

  // 3. Reads the score distribution of the published results.
  await page.getByRole('tab', { name: 'Phổ điểm' }).click();
  await visible(page.getByText('3 thí sinh · điểm trung bình 7,92'));
  await visible(page.getByRole('heading', { name: 'Bảng bách phân vị' }));
  await page.screenshot({ path: join(SHOTS, 'exams-statistics.png'), fullPage: true });
  await signOut(journey);

  // 4. A candidate, without an account, looks up the results and consents to share them with HMU.
  await page.goto(`${app.url}/results`);
  await visible(page.getByRole('heading', { name: 'Tra cứu kết quả thi' }));
  await page.getByRole('combobox', { name: 'Kỳ thi' }).click();
  await page.getByRole('option', { name: new RegExp(TITLE_VI) }).click();
  await page.getByLabel(/^Số báo danh/).fill('E2E-0002');
  await page.getByLabel(/^Ngày sinh/).fill('2007-11-03'); // a wrong date of birth first
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await visible(page.getByText('Không tìm thấy kết quả với số báo danh và ngày sinh này. Hãy kiểm tra lại.'));
  await page.getByLabel(/^Ngày sinh/).fill('2007-11-02');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await visible(page.getByText('Trần Minh Khôi · SBD E2E-0002 · sinh ngày 02/11/2007'));
  await visible(page.getByRole('cell', { name: '6,5' }));
  await page.getByRole('checkbox', { name: 'Trường Đại học Y Hà Nội' }).click(); // checked once the server answers
  await visible(page.getByText(/^Đã đồng ý từ/));
  await page.screenshot({ path: join(SHOTS, 'exams-lookup.png'), fullPage: true });

  // 5. Consent alone opens nothing: HMU's admissions officer reads a candidate's results only once they applied to
  // one of HMU's programs (the admissions journey shows that side).
  await signIn(journey, 'admissions@hmu.demo.hoptac.vn');
  await page.getByRole('link', { name: 'Kỳ thi', exact: true }).click();
  await page.getByRole('link', { name: TITLE_VI }).click();
  await page.getByRole('tab', { name: 'Kết quả được chia sẻ' }).click();
  await visible(page.getByText('Chưa có kết quả được chia sẻ'));
  expect(await page.getByRole('cell', { name: 'E2E-0002' }).count()).toBe(0);
  await signOut(journey);
}, 180_000);
