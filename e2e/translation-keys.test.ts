import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { demoAgreements } from '../src/server/demo/data/agreements.ts';
import { flattenUnits } from '../src/server/demo/data/index.ts';
import { demoInstitutions } from '../src/server/demo/data/institutions.ts';
import { browserJourney } from './browser-journey.ts';

// Walks every page of the web app (src/web/app/router.tsx), in Vietnamese and English (the user's saved
// language, PATCH /me), as the platform admin and as a cooperation officer, and anonymously the public pages,
// and fails on any visible text (text nodes, aria-label, placeholder, title) that is an internal key rather
// than words: a translation key (`admin.apiTokens.scopes.agreements_read`), a scope or code left raw
// (`agreements_read`, `directory:read`), i18next's "returned an object" output, an identifier (`versionNo`,
// `awaiting_approval`), a record id, an area, commitment or target key of an agreement (`training`, `t1`)
// standing alone, or a unit's code in parentheses. Tabs are opened, the first audit entries expanded, the
// notifications and the user menu opened, and the forms behind buttons (API token, invitation) opened as well.
// The three visitors walk side by side, each in a browser context of its own.

const journey = browserJourney('translation-keys');

type Tree = { [key: string]: string | Tree };
const load = (language: string, file: string) => JSON.parse(readFileSync(new URL(`../src/locales/${language}/${file}`, import.meta.url), 'utf8')) as Tree;
const LOCALES: Record<string, Tree> = {
  vi: { ...load('vi', 'server.json'), ...load('vi', 'web.json') },
  en: { ...load('en', 'server.json'), ...load('en', 'web.json') },
};
const NAMESPACES = Object.keys(LOCALES.en);

/** A string of the locale files, for finding buttons (the part before any {{placeholder}}). */
function text(language: string, key: string): string {
  const value = key.split('.').reduce<string | Tree>((node, part) => (node as Tree)[part], LOCALES[language]);
  return (value as string).split('{{')[0].trim();
}
const either = (key: string, exact = true) => new RegExp(`^(${['vi', 'en'].map((l) => text(l, key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})${exact ? '$' : ''}`);

/** `admin.apiTokens.scopes.x` looks like a key when its first two parts are a branch of the locale tree. */
function isKeyLike(path: string): boolean {
  const [ns, second] = path.split('.');
  const node = LOCALES.en[ns];
  return typeof node === 'object' && second !== undefined && second in node;
}

const KEY_PATTERN = new RegExp(`(?<![\\w@/.-])(?:${NAMESPACES.join('|')})(?:\\.[A-Za-z0-9_]+)+(?![\\w@/-])`, 'g');
const SCOPE_LEFTOVER = /(?<![\w@/.-])[a-z]+[_:](?:read|write)\b/;
const I18NEXT_OUTPUT = /returned an object instead of string|^\s*key '.*' \(\w+\)/;

/** The keys inside agreements (areas, commitments, targets) and the demo's unit codes. */
const AGREEMENT_KEYS = new Set(
  demoAgreements.flatMap((a) =>
    a.versions.flatMap((v) => v.content.areas.flatMap((area) => [area.key, ...(area.commitments ?? []).map((c) => c.key), ...(area.targets ?? []).map((t) => t.key)])),
  ),
);
const UNIT_CODES = new Set(demoInstitutions.flatMap((i) => flattenUnits(i.units).map((u) => u.unit.key)));

interface Seen {
  text: string;
  kind: 'text' | 'attribute' | 'value';
  /** Inside <code>: an identifier shown on purpose (a request id to quote, a token's prefix). */
  code: boolean;
}

/** Pages where an agreement's area, commitment or target keys could leak: agreements, audit, notifications, home (the directory shows people's own words). */
const SHOWS_AGREEMENTS = /\/agreements|\/admin\/audit|notifications| \/$/;

function problemsIn(seen: Seen, where: string): string[] {
  const { text } = seen;
  const alone = seen.kind !== 'value' && !seen.code ? text.trim() : '';
  const found: string[] = [];
  for (const match of text.matchAll(KEY_PATTERN)) if (isKeyLike(match[0])) found.push(`translation key "${match[0]}"`);
  const leftover = SCOPE_LEFTOVER.exec(text);
  if (leftover) found.push(`raw code "${leftover[0]}"`);
  if (I18NEXT_OUTPUT.test(text)) found.push(`i18next output "${text}"`);
  if (SHOWS_AGREEMENTS.test(where) && AGREEMENT_KEYS.has(alone)) found.push(`agreement key "${alone}" shown as text`);
  // Keys are short (`t1`, `c12`); a content hash's 8-character prefix may also be a letter and digits (`d5546844`).
  else if (/^[a-z]\d{1,3}$/.test(alone)) found.push(`internal key "${alone}" shown as text`);
  if (/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(alone) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(alone)) found.push(`identifier "${alone}" shown as text`);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(alone)) found.push('a record id (uuid) shown as text');
  for (const match of text.matchAll(/\(([a-z][a-z0-9-]*)\)/g)) if (UNIT_CODES.has(match[1])) found.push(`unit code "${match[0]}" in "${text}"`);
  return found;
}

/** Every visible text node, the labels assistive technology reads, and what inputs show. */
function visibleTexts(page: Page): Promise<Seen[]> {
  return page.evaluate(() => {
    const out: { text: string; kind: 'text' | 'attribute' | 'value'; code: boolean }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, noscript')) continue;
      if (!parent.checkVisibility()) continue;
      out.push({ text, kind: 'text', code: parent.closest('code') !== null });
    }
    for (const el of document.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title]')) {
      if (!el.checkVisibility()) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push({ text: value, kind: 'attribute', code: false });
      }
    }
    for (const el of document.querySelectorAll<HTMLInputElement>('input[readonly], input[type="search"]')) {
      if (el.checkVisibility() && el.value.trim()) out.push({ text: el.value.trim(), kind: 'value', code: false });
    }
    return out;
  });
}

/** Counts the app's requests in flight, so that a page is read only once its data is in. */
function countRequests() {
  let pending = 0;
  const fetch = window.fetch.bind(window);
  window.fetch = (...args) => {
    pending++;
    return fetch(...args).finally(() => pending--);
  };
  Object.defineProperty(window, '__pendingRequests', { get: () => pending });
}

/** The last uncaught error of each page (a blank page is usually the app failing). */
const pageErrors = new Map<Page, string>();

/** What the page is waiting for, if anything. */
const pageState = (page: Page) =>
  page.evaluate(async () => {
    // Give the app a moment to start what a navigation or click leads to (timers, not animation frames,
    // which a browser may hold back for a page it does not show).
    await new Promise((resolve) => setTimeout(resolve, 40));
    const busy = [...document.querySelectorAll('.mantine-Loader-root')].some((el) => (el as HTMLElement).checkVisibility());
    const pending = (window as unknown as { __pendingRequests: number }).__pendingRequests;
    const shown = document.querySelector('h1, h2') !== null || (document.getElementById('root')?.textContent?.trim().length ?? 0) > 0;
    return { busy, pending, shown, at: location.pathname };
  });

/** Waits until the page shows something, with no request in flight and no spinner, three times in a row. */
async function settled(page: Page) {
  const deadline = Date.now() + 60_000;
  let quiet = 0;
  const seen: string[] = [];
  for (;;) {
    const state = await pageState(page);
    seen.push(`${state.busy ? 'busy' : ''}${state.pending}${state.shown ? '' : 'blank'}`);
    quiet = !state.busy && state.pending === 0 && state.shown ? quiet + 1 : 0;
    if (quiet >= 3) return;
    if (Date.now() > deadline) {
      await page.screenshot({ path: `/tmp/e2e-translation-keys-unsettled-${Date.now()}.png` }).catch(() => {});
      const error = pageErrors.get(page);
      throw new Error(`the page did not settle: ${JSON.stringify(state)} after ${seen.slice(-20).join(' ')}${error ? `; the app failed: ${error}` : ''}`);
    }
    await page.waitForTimeout(30);
  }
}

const findings = new Map<string, Set<string>>();
function found(problem: string, where: string) {
  if (!findings.has(problem)) findings.set(problem, new Set());
  findings.get(problem)?.add(where);
}

/** Reads the page; a page the app failed to draw (an uncaught error, React Router's error screen) is a finding too. */
async function collect(page: Page, where: string) {
  const error = pageErrors.get(page);
  pageErrors.delete(page);
  if (error) found(`the app failed: ${error}`, where);
  for (const seen of await visibleTexts(page)) {
    if (/^Unexpected Application Error/.test(seen.text)) {
      const message = await page.evaluate(() => document.querySelector('h2 + h3')?.textContent ?? '');
      found(`React Router’s error screen instead of the page: ${message.slice(0, 200)}`, where);
    }
    for (const problem of problemsIn(seen, where)) found(problem, where);
  }
}

const here = (page: Page) => page.evaluate(() => location.pathname + location.search);

/**
 * Moves inside the app as a link would (no reload: the app, its session and cached lists stay); when the page
 * holds the navigation back (an editor with unsaved changes), loads the address instead.
 */
async function open(page: Page, path: string) {
  if ((await here(page)) === path) return;
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await settled(page);
  // `/` alone redirects (to the home page); any other address must be where the app is now.
  if (path !== '/' && (await here(page)) !== path) {
    await page.goto(`${journey.app.url}${path}`, { waitUntil: 'domcontentloaded' });
  }
}

/** Opens each tab in turn, and what a page hides behind its main buttons. */
async function walkPage(page: Page, path: string, where: string) {
  const started = Date.now();
  await open(page, path);
  await settled(page);
  if (process.env.WALK_TIMING) console.log(`${Date.now() - started} ms ${where}`);
  await collect(page, where);
  const tabs = await page.getByRole('tab').allInnerTexts();
  for (const name of tabs.slice(1)) {
    const tab = page.getByRole('tab', { name, exact: true }).first();
    if (!(await tab.isVisible())) continue;
    // A page that re-renders under the click (its data refreshed) is read again rather than failing the walk.
    const opened = await tab.click({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) {
      console.warn(`translation-keys: could not open the tab “${name}” at ${where}`);
      continue;
    }
    await settled(page);
    await collect(page, `${where} tab “${name}”`);
  }
  if (path === '/admin/audit') {
    // Each row's details toggle, open or not (one row is open at a time).
    const toggles = page.getByRole('button', { name: new RegExp(`${either('common.showDetails').source}|${either('common.hideDetails').source}`) });
    const n = Math.min(await toggles.count(), 10);
    for (let i = 0; i < n; i++) {
      await toggles.nth(i).click();
      await settled(page);
      await collect(page, `${where} entry ${i + 1}`);
    }
  }
  for (const [route, button] of [
    ['/admin/api-tokens', 'admin.apiTokens.create'],
    ['/admin/invitations', 'admin.invitations.create'],
  ] as const) {
    if (path !== route) continue;
    const opener = page.getByRole('button', { name: either(button) }).first();
    if (!(await opener.isVisible())) continue;
    await opener.click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await collect(page, `${where} form`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  }
}

async function api(page: Page, method: string, path: string, body?: unknown, csrf?: string) {
  const res = await page.request.fetch(`${journey.app.url}/api/v1${path}`, {
    method,
    data: body,
    headers: csrf ? { 'x-csrf-token': csrf } : {},
  });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

const PUBLIC_ROUTES = ['/login', '/forgot-password', '/reset-password?token=x', '/accept-invitation?token=x', '/results'];
const APP_ROUTES = [
  '/',
  '/institutions',
  '/institutions/:institution',
  '/institutions/:institution/dashboard',
  '/people',
  '/people/:person',
  '/agreements',
  '/agreements/new',
  '/agreements/:agreement',
  '/agreements/:agreement/edit',
  '/delegations',
  '/delegations/new?agreement=:agreement',
  '/delegations/:delegation',
  '/calendar',
  '/exams',
  '/exams/:exam',
  '/admissions',
  '/admissions/:admissionSeason',
  '/admissions/runs/:admissionRun',
  '/admissions/runs/:admissionRun/compare',
  '/me',
  '/admin/users',
  '/admin/invitations',
  '/admin/api-tokens',
  '/admin/audit',
  '/admin/outbox',
  '/no-such-page',
];

async function newPage(): Promise<Page> {
  const browser = journey.page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(countRequests);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.set(page, `${error.message}`.slice(0, 300)));
  return page;
}

async function walkAnonymous(page: Page) {
  for (const language of ['vi', 'en']) {
    await page.goto(`${journey.app.url}/login`);
    await page.evaluate((lng) => localStorage.setItem('hoptac.language', lng), language);
    await page.reload();
    for (const path of PUBLIC_ROUTES) await walkPage(page, path, `${language} anonymous ${path}`);
  }
}

/** Signs in, then walks every route in the user's saved language, Vietnamese and then English. */
async function walkAs(page: Page, email: string) {
  await api(page, 'POST', '/auth/login', { email, password: 'hoptac-demo' });
  const me = await api(page, 'GET', '/me');
  const person = (await api(page, 'GET', '/people?limit=1')).items[0];
  const agreements = (await api(page, 'GET', '/agreements?limit=100')).items as { id: string; parties: { code: string }[] }[];
  const agreement = agreements.find((a) => ['HUST', 'BMH'].every((code) => a.parties.some((p) => p.code === code)));
  expect(agreement, 'the demo HUST–Bach Mai agreement').toBeDefined();
  // A delegation the visitor reads: a done one when there is (its report and activity link show too).
  const delegations = (await api(page, 'GET', '/delegations?limit=100')).items as { id: string; status: string }[];
  const delegation = delegations.find((d) => d.status === 'done') ?? delegations[0];
  expect(delegation, `a demo delegation ${email} reads`).toBeDefined();
  // The demo SPT 2026 (its title is public: the candidates' lookup lists it).
  const exam = (await api(page, 'GET', '/public/exams')).items[0] as { id: string } | undefined;
  expect(exam, 'the demo SPT 2026').toBeDefined();
  // A demo admission season with a finished run, for those who run admissions (others get the page that is not found).
  const seasons = me.permissions.runAdmissions ? ((await api(page, 'GET', '/admission-seasons')).items as { id: string }[]) : [];
  let admission = { season: 'none', run: 'none' };
  for (const season of seasons) {
    const done = ((await api(page, 'GET', `/admission-seasons/${season.id}/runs`)).items as { id: string; status: string }[]).find((r) => r.status === 'done');
    if (done) {
      admission = { season: season.id, run: done.id };
      break;
    }
  }
  expect(!me.permissions.runAdmissions || admission.run !== 'none', `a demo admission run ${email} reads`).toBe(true);
  const ids: Record<string, string> = {
    admissionSeason: admission.season,
    admissionRun: admission.run,
    institution: me.institution.id,
    person: person.id,
    agreement: agreement?.id ?? '',
    delegation: delegation?.id ?? '',
    exam: exam?.id ?? '',
  };
  let version = me.user.version as number;
  for (const language of ['vi', 'en']) {
    version = (await api(page, 'PATCH', '/me', { language, version }, me.csrfToken)).user.version;
    await page.goto(`${journey.app.url}/agreements`);
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
    // The notifications and the user menu.
    await page.getByRole('button', { name: either('notificationsUi.open', false) }).click();
    await settled(page);
    await collect(page, `${language} ${email} notifications`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: either('userMenu.open', false) }).click();
    await collect(page, `${language} ${email} user menu`);
    await page.keyboard.press('Escape');
    for (const route of APP_ROUTES) {
      const path = route.replace(/:(\w+)/g, (_, name: string) => ids[name]);
      await walkPage(page, path, `${language} ${email} ${route}`);
    }
  }
}

// Three visitors walk side by side and move inside the app without reloads; most of the time is waiting for
// pages (130 s measured on a machine loaded by other test runs), so the limit leaves room for a busy machine.
it('shows no translation key or internal key on any page, in either language', async () => {
  const pages = await Promise.all([newPage(), newPage(), newPage()]);
  try {
    await Promise.all([walkAnonymous(pages[0]), walkAs(pages[1], 'admin@demo.hoptac.vn'), walkAs(pages[2], 'officer@hust.demo.hoptac.vn')]);
  } finally {
    await Promise.all(pages.map((p) => p.context().close()));
  }
  const report = [...findings].map(([problem, where]) => `${problem} — ${[...where].slice(0, 4).join('; ')}${where.size > 4 ? ` (+${where.size - 4})` : ''}`);
  expect(report).toEqual([]);
}, 300_000);
