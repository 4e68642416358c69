import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, FILE_CONTENT_SECURITY_POLICY } from '../src/server/app.ts';
import { browserJourney } from './browser-journey.ts';

// Issue 12: script injection. Through the API, as the demo's users, script payloads go into every free-text field
// the web app shows — an institution's and a unit's names, a person's name, position and expertise, an account's
// display name, an agreement's titles, summary, signing place, area titles and descriptions, commitments, comments
// and proposals, the private note, an activity's titles, description, place and outcomes, a delegation's titles,
// purpose, budget note, lodging, programme, guests and the leadership's comment — and the notifications that quote them.
// Then Chromium opens every page that shows them, in Vietnamese and in English, and each time: `window.__xss` is
// unset, no dialog opened, no element of a payload exists in the page (an <img>, <svg> or <script> from a payload,
// an on… attribute, a javascript: link), and the payloads are shown as the text they are. The Content-Security-Policy
// would stop an inline handler even if one got into the page — the check of the page itself is what finds the
// defect, and browser-journey.ts fails the test on any CSP refusal besides.

const journey = browserJourney('script-injection');
const POLL = { timeout: 30_000 };
const PASSWORD = 'hoptac-demo';
const MOU = 'Biên bản ghi nhớ hợp tác giữa Đại học Bách khoa Hà Nội và Bệnh viện Bạch Mai';

/** The four payloads, marked with `m` (which field it is): shown literally, they contain each of these. */
const payload = (m: string) => `${m} <img src=x onerror="window.__xss='${m}'"> <script>window.__xss='${m}'</script> "><svg onload=window.__xss='${m}'> javascript:window.__xss='${m}'`;
/** One payload, for fields of at most 100 characters. */
const short = (m: string) => `${m} <img src=x onerror="window.__xss='${m}'">`;
/** How a field marked `m` reads on the page when it is shown as text. */
const literal = (m: string) => `<img src=x onerror="window.__xss='${m}'">`;

/** A day `days` from today in Vietnam's calendar, as YYYY-MM-DD. */
const dayFromToday = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function ok<T = any>(pending: Promise<{ status: number; body: T }>, what: string, status = [200, 201]): Promise<T> {
  const res = await pending;
  expect(status, `${what}: ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
  return res.body;
}

interface Seeded {
  hust: string;
  unit: string;
  person: string;
  agreement: string;
  mou: string;
  delegation: string;
}

/** Writes the payloads through the API, as the users who may write each field. */
async function seed(): Promise<Seeded> {
  const { app } = journey;
  const officer = await app.login('officer@hust.demo.hoptac.vn', PASSWORD);
  const admin = await app.login('admin@hust.demo.hoptac.vn', PASSWORD);
  const bachmai = await app.login('officer@bachmai.demo.hoptac.vn', PASSWORD);
  const me = (await officer.get('/api/v1/me')).body;
  const hust = me.institution.id as string;
  const bmh = (await bachmai.get('/api/v1/me')).body.institution.id as string;

  // The institution (its admin edits the profile). A javascript: address is not a website.
  const institution = await ok(admin.get(`/api/v1/institutions/${hust}`), 'read HUST');
  const refused = await admin.patch(`/api/v1/institutions/${hust}`, { version: institution.version, website: 'javascript:window.__xss=1' });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields[0].field).toBe('website');
  await ok(admin.patch(`/api/v1/institutions/${hust}`, { version: institution.version, nameVi: payload('xinstvi'), nameEn: payload('xinsten'), city: short('xcity') }), 'rename HUST');

  // A unit and a person of HUST (its cooperation officer manages the directory).
  const unit = await ok(officer.post(`/api/v1/institutions/${hust}/units`, { kind: 'lab', nameVi: payload('xunitvi'), nameEn: payload('xuniten') }), 'unit');
  const person = await ok(
    officer.post(`/api/v1/institutions/${hust}/people`, {
      unitId: unit.id,
      fullName: payload('xperson'),
      positionVi: payload('xposvi'),
      positionEn: payload('xposen'),
      expertise: [short('xexpertise')],
      visibility: 'consortium',
    }),
    'person',
  );

  // HUST's officer and Bach Mai's name themselves with payloads: their people (how the actors of comments, the
  // history and notifications are named) and a display name.
  const officerPerson = await ok(officer.get(`/api/v1/people/${me.user.personId}`), 'HUST officer person');
  await ok(officer.patch(`/api/v1/people/${officerPerson.id}`, { version: officerPerson.version, fullName: payload('xofficer') }), 'rename HUST officer');
  const bmMe = (await bachmai.get('/api/v1/me')).body;
  const bmPerson = await ok(bachmai.get(`/api/v1/people/${bmMe.user.personId}`), 'Bach Mai officer person');
  await ok(bachmai.patch(`/api/v1/people/${bmPerson.id}`, { version: bmPerson.version, fullName: payload('xactor') }), 'rename Bach Mai officer');
  await ok(bachmai.patch('/api/v1/me', { version: bmMe.user.version, displayName: payload('xdisplay') }), 'display name');

  // An agreement between HUST and Bach Mai, every text of its content a payload.
  const agreement = await ok(
    officer.post('/api/v1/agreements', {
      visibility: 'parties',
      content: {
        kind: 'cooperation',
        titleVi: payload('xtitlevi'),
        titleEn: payload('xtitleen'),
        summaryVi: payload('xsummaryvi'),
        summaryEn: payload('xsummaryen'),
        signingPlace: payload('xsignplace'),
        startDate: dayFromToday(0),
        endDate: dayFromToday(3 * 365),
        parties: [{ institutionId: hust }, { institutionId: bmh }],
        areas: [
          {
            key: 'research',
            kind: 'research',
            titleVi: payload('xareavi'),
            titleEn: payload('xareaen'),
            descriptionVi: payload('xareadescvi'),
            descriptionEn: payload('xareadescen'),
            contacts: [{ institutionId: hust, personId: person.id }],
            commitments: [{ key: 'c1', fromInstitutionId: hust, textVi: payload('xcommitvi'), textEn: payload('xcommiten') }],
          },
        ],
      },
    }),
    'agreement',
  );
  await ok(officer.post(`/api/v1/agreements/${agreement.id}/comments`, { body: payload('xcomment'), clause: payload('xclause') }), 'comment');
  await ok(officer.put(`/api/v1/agreements/${agreement.id}/note`, { body: payload('xnote'), version: 0 }), 'private note');
  // Bach Mai answers: HUST's officer is notified, the notification quoting the title and naming the actor.
  await ok(bachmai.post(`/api/v1/agreements/${agreement.id}/comments`, { kind: 'proposal', areaKey: 'research', body: payload('xproposal') }), 'proposal');

  // An activity and a delegation under the HUST–Bach Mai MoU (in force).
  const mouId = (await journey.app.database.db.selectFrom('agreements').select('id').where('title_vi', '=', MOU).executeTakeFirstOrThrow()).id;
  const mou = await ok(officer.get(`/api/v1/agreements/${mouId}`), 'MoU');
  const areaKey = mou.content.areas[0].key as string;
  await ok(
    officer.post(`/api/v1/agreements/${mouId}/activities`, {
      areaKey,
      kind: 'seminar',
      status: 'done',
      titleVi: payload('xactvi'),
      titleEn: payload('xacten'),
      descriptionVi: payload('xactdescvi'),
      descriptionEn: payload('xactdescen'),
      place: payload('xactplace'),
      outcomes: payload('xoutcomes'),
      startDate: dayFromToday(0),
      endDate: dayFromToday(0),
      organiserIds: [hust],
    }),
    'activity',
  );
  const delegation = await ok(
    officer.post(`/api/v1/agreements/${mouId}/delegations`, {
      direction: 'incoming',
      areaKey,
      partnerId: bmh,
      titleVi: payload('xdelvi'),
      titleEn: payload('xdelen'),
      purposeVi: payload('xpurposevi'),
      purposeEn: payload('xpurposeen'),
      startDate: dayFromToday(1),
      endDate: dayFromToday(2),
      budgetSource: 'partner',
      budgetNote: payload('xbudget'),
      lodging: payload('xlodging'),
      programme: [{ date: dayFromToday(1), time: '09:00', what: payload('xprogwhat'), where: payload('xprogwhere') }],
      guests: [
        {
          fullName: payload('xguest'),
          title: payload('xguesttitle'),
          gender: 'female',
          dateOfBirth: '1980-04-12',
          nationality: 'FR',
          passportNumber: '19FR42871',
          passportExpiry: dayFromToday(2 * 365),
        },
      ],
    }),
    'delegation',
  );
  // Submitted (HUST's admin is notified), approved with a comment (the officer is notified).
  const submitted = await ok(officer.post(`/api/v1/delegations/${delegation.id}/submit`, { version: delegation.version }), 'submit');
  await ok(admin.post(`/api/v1/delegations/${delegation.id}/decision`, { version: submitted.version, decision: 'approve', comment: payload('xdecision') }), 'approve');
  return { hust, unit: unit.id, person: person.id, agreement: agreement.id, mou: mouId, delegation: delegation.id };
}

/** A browser context of its own for `email`, signed in (through the API: the cookies are the browser's). */
async function signedIn(email: string, language: 'vi' | 'en'): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
  const browser = journey.page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  await page.request.post(`${journey.app.url}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
  await setLanguage(page, language);
  return { context, page, dialogs };
}

/** The user's saved language (the web app follows it after sign-in). */
async function setLanguage(page: Page, language: 'vi' | 'en') {
  const me = await (await page.request.get(`${journey.app.url}/api/v1/me`)).json();
  const res = await page.request.patch(`${journey.app.url}/api/v1/me`, { data: { language, version: me.user.version }, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBe(200);
}

/** What a payload would have put into the page, had it been taken as HTML rather than text. */
function injected(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]')) found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('script')) if (el.textContent?.includes('__xss')) found.push(el.outerHTML.slice(0, 120));
    for (const el of document.querySelectorAll('a[href], [src]')) {
      const target = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
      if (/^\s*javascript:/i.test(target)) found.push(el.outerHTML.slice(0, 120));
    }
    return { found, xss: (window as unknown as { __xss?: unknown }).__xss };
  });
}

/** The page's text as shown, and what its text boxes hold (the private note is edited in place). */
const bodyText = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input')].map((el) => el.value);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as the page shows it, not every text node
    return [document.body.innerText, ...boxes].join('\n');
  });

/**
 * Opens `path` (or checks the page as it is, when `path` is null) and checks it: the `shown` markers appear as
 * text, nothing of a payload became part of the page, nothing ran, no dialog opened.
 */
async function check(visitor: { page: Page; dialogs: string[] }, where: string, path: string | null, shown: string[]) {
  const { page, dialogs } = visitor;
  if (path !== null) await page.goto(`${journey.app.url}${path}`);
  try {
    for (const m of shown) {
      await expect.poll(async () => (await bodyText(page)).includes(literal(m)), { ...POLL, message: `${where}: "${literal(m)}" shown as text` }).toBe(true);
    }
  } catch (err) {
    await page.screenshot({ path: `/tmp/e2e-script-injection-${where.replace(/\W+/g, '-')}-${Date.now()}.png`, fullPage: true }).catch(() => {});
    throw err;
  }
  // A payload needs no more than a moment to run once it is in the page.
  await page.waitForTimeout(150);
  const result = await injected(page);
  expect(result.found, `${where}: elements made from a payload`).toEqual([]);
  expect(result.xss, `${where}: a payload ran`).toBeUndefined();
  expect(dialogs, `${where}: a dialog opened`).toEqual([]);
}

/** Opens the details of the table row (or card) that shows the field marked `m` (one row is open at a time). */
async function expandRow(page: Page, m: string) {
  const row = page.locator('main tr, main [role="listitem"]', { hasText: literal(m) }).first();
  await row.locator('button[aria-expanded="false"]').first().click();
}

let s: Seeded;
beforeAll(async () => {
  s = await seed();
}, 120_000);

/** Generous: every page of a walk in a busy machine's browser. */
const WALK = 300_000;

for (const language of ['vi', 'en'] as const) {
  it(`shows the payloads as text and runs none of them: HUST's officer, in ${language === 'vi' ? 'Vietnamese' : 'English'}`, async () => {
    const v = await signedIn('officer@hust.demo.hoptac.vn', language);
    const l = (vi: string, en: string) => (language === 'vi' ? vi : en);
    const at = (where: string) => `${language} HUST officer ${where}`;
    try {
      await check(v, at('home'), '/', []);
      await check(v, at('institutions'), '/institutions?q=xinstvi', [l('xinstvi', 'xinsten')]);
      await check(v, at('institution'), `/institutions/${s.hust}`, [l('xinstvi', 'xinsten'), l('xunitvi', 'xuniten'), 'xcity']);
      await check(v, at('dashboard'), `/institutions/${s.hust}/dashboard`, []);
      await check(v, at('people'), '/people?q=xperson', ['xperson']);
      await check(v, at('person'), `/people/${s.person}`, ['xperson', l('xposvi', 'xposen'), l('xunitvi', 'xuniten'), 'xexpertise']);
      await check(v, at('agreements'), '/agreements?q=xtitlevi', [l('xtitlevi', 'xtitleen')]);
      await check(v, at('agreement'), `/agreements/${s.agreement}`, [
        l('xtitlevi', 'xtitleen'),
        l('xsummaryvi', 'xsummaryen'),
        'xsignplace',
        l('xareavi', 'xareaen'),
        l('xareadescvi', 'xareadescen'),
        l('xcommitvi', 'xcommiten'),
        'xperson',
        l('xinstvi', 'xinsten'),
        'xnote',
      ]);
      await check(v, at('agreement discussion'), `/agreements/${s.agreement}?tab=discussion`, ['xcomment', 'xclause', 'xproposal', 'xactor']);
      await check(v, at('agreement history'), `/agreements/${s.agreement}?tab=timeline`, ['xactor']);
      await check(v, at('agreement versions'), `/agreements/${s.agreement}?tab=versions`, []);
      await check(v, at('MoU activities'), `/agreements/${s.mou}?tab=activities`, [l('xactvi', 'xacten'), 'xactplace']);
      await expandRow(v.page, l('xactvi', 'xacten'));
      await check(v, at('MoU activity details'), null, [l('xactdescvi', 'xactdescen'), 'xoutcomes']);
      await check(v, at('MoU'), `/agreements/${s.mou}`, [l('xdelvi', 'xdelen')]);
      await check(v, at('delegations'), '/delegations', [l('xdelvi', 'xdelen')]);
      await check(v, at('delegation'), `/delegations/${s.delegation}`, [
        l('xdelvi', 'xdelen'),
        l('xpurposevi', 'xpurposeen'),
        'xbudget',
        'xlodging',
        'xprogwhat',
        'xprogwhere',
        'xdecision',
      ]);
      // The guests' data, behind its button (each view is audited).
      await v.page.getByRole('button', { name: /^(Xem thông tin khách|Show the guests’ data)$/ }).click();
      await check(v, at('delegation guests'), null, ['xguest', 'xguesttitle']);
      await check(v, at('calendar'), '/calendar', [l('xactvi', 'xacten')]);
      await check(v, at('profile'), '/me', []);
      // The notifications: Bach Mai's proposal on the agreement, the decision on the delegation.
      await v.page.getByRole('button', { name: /^(Thông báo|Notifications)/ }).click();
      await check(v, at('notifications'), null, [l('xtitlevi', 'xtitleen'), 'xactor']);
    } finally {
      await v.context.close();
    }
  }, WALK);
}

it("shows the payloads as text and runs none of them: HUST's admin (audit log, notifications), in English", async () => {
  const admin = await signedIn('admin@hust.demo.hoptac.vn', 'en');
  try {
    await check(admin, 'en HUST admin audit', '/admin/audit', []);
    const toggles = admin.page.locator('main button[aria-expanded="false"]');
    for (let i = 0; i < Math.min(await toggles.count(), 12); i++) {
      await toggles.nth(i).click();
      await check(admin, `en HUST admin audit entry ${i + 1}`, null, []);
    }
    await check(admin, 'en HUST admin users', '/admin/users', []);
    await admin.page.getByRole('button', { name: /^(Thông báo|Notifications)/ }).click();
    await check(admin, 'en HUST admin notifications', null, ['xofficer']);
  } finally {
    await admin.context.close();
  }
}, WALK);

it("shows the payloads as text and runs none of them: Bach Mai's officer, in Vietnamese", async () => {
  const bachmai = await signedIn('officer@bachmai.demo.hoptac.vn', 'vi');
  try {
    await check(bachmai, 'vi Bach Mai officer agreement', `/agreements/${s.agreement}?tab=discussion`, ['xtitlevi', 'xcomment', 'xproposal', 'xofficer']);
    await check(bachmai, 'vi Bach Mai officer home', '/', []);
    await bachmai.page.getByRole('button', { name: /^(Thông báo|Notifications)/ }).click();
    await check(bachmai, 'vi Bach Mai officer notifications', null, ['xtitlevi', 'xofficer']);
    await bachmai.page.keyboard.press('Escape');
    await bachmai.page.getByRole('button', { name: /^(Menu tài khoản|Account menu)/ }).click();
    await check(bachmai, 'vi Bach Mai officer user menu', null, ['xdisplay']);
  } finally {
    await bachmai.context.close();
  }
}, WALK);

it('sends the Content-Security-Policy with the web app, the API, a static file, an error and a stored file', async () => {
  const { app, page } = journey;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });
  const index = await get('/');
  const html = await index.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, 'index.html names its script').toBeDefined();
  const cases: [string, Response, number][] = [
    ['index.html', index, 200],
    ['a page of the web app', await get('/agreements'), 200],
    ['a static file', await get(asset!), 200],
    ['the API', await get('/api/v1/auth/oidc'), 200],
    ['an API error', await get('/api/v1/me'), 401],
    ['an unknown API route', await get('/api/v1/nothing-here'), 404],
    ['the API documentation', await get('/api/docs/json'), 200],
  ];
  for (const [what, res, status] of cases) {
    expect(res.status, what).toBe(status);
    expect(res.headers.get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  }
  // A stored file may be framed by the web app's own pages (the PDF preview), by nobody else.
  await page.request.post(`${app.url}/api/v1/auth/login`, { data: { email: 'officer@hust.demo.hoptac.vn', password: PASSWORD } });
  const agreements = (await (await page.request.get(`${app.url}/api/v1/agreements?limit=100`)).json()).items as { id: string }[];
  let fileId: string | undefined;
  for (const a of agreements) {
    const docs = (await (await page.request.get(`${app.url}/api/v1/agreements/${a.id}/documents`)).json()).items as { fileId: string; mimeType: string }[] | undefined;
    fileId = docs?.find((d) => d.mimeType === 'application/pdf')?.fileId;
    if (fileId) break;
  }
  expect(fileId, 'a demo agreement with a PDF').toBeDefined();
  const file = await page.request.get(`${app.url}/api/v1/files/${fileId}/content`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-security-policy']).toBe(FILE_CONTENT_SECURITY_POLICY);
  expect(file.headers()['x-frame-options']).toBe('SAMEORIGIN');
  // …and the preview shows it: the web app frames it without a refusal (browser-journey.ts fails on any).
  await page.goto(`${app.url}/agreements/${agreements[0].id}`);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, `/api/v1/files/${fileId}/content`);
  await expect.poll(() => page.frames().some((f) => f.url().endsWith(`/api/v1/files/${fileId}/content`)), POLL).toBe(true);
});
