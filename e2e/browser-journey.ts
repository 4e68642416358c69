import { spawnSync } from 'node:child_process';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from '../src/server/testing/test-app.ts';

// What every browser journey needs: the web app built, the real server with the demo data on a
// database of its own, Debian's Chromium (never a downloaded browser), and a screenshot when a step
// fails. Call at the top level of a test file; read `journey.app` / `journey.page` inside the tests.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Journey {
  app: TestApp;
  page: Page;
  /** What the browser refused under the server's Content-Security-Policy since the test began (any fails it). */
  cspViolations: string[];
}

/**
 * Watches a browser context for Content-Security-Policy violations: Chromium's console errors ("… violates the
 * following Content Security Policy directive …") and, for what it refuses silently (a caught `eval`), the
 * page's `securitypolicyviolation` events, reported to the console in the same words.
 */
export async function watchCsp(context: BrowserContext, violations: string[]) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && text.includes('Content Security Policy') && !violations.includes(text)) violations.push(text);
  });
}

/** `jobs`: the server runs its background jobs too (pg-boss workers: admission runs, mail). */
export function browserJourney(name: string, options: { jobs?: boolean } = {}): Journey {
  const journey = { cspViolations: [] } as unknown as Journey;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web app failed');
    journey.app = await startTestApp({ demo: true, listen: true, jobs: options.jobs });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // Every context the test opens (journey.page's, and those a test makes with browser.newContext) is watched.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args) => {
      const context = await newContext(...args);
      await watchCsp(context, journey.cspViolations);
      return context;
    };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    journey.page = await context.newPage();
  }, 180_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && journey.page) {
      await journey.page.screenshot({ path: `/tmp/e2e-${name}-${Date.now()}.png`, fullPage: true }).catch(() => {});
    }
    // The web app must work under the server's Content-Security-Policy (src/server/app.ts): anything it refused fails the test.
    const violations = journey.cspViolations.splice(0);
    if (violations.length > 0) throw new Error(`the browser refused under the Content-Security-Policy:\n${violations.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await journey.app?.close();
  });
  return journey;
}

/** How long a journey waits for the page to show what it expects (a loaded machine renders slowly). */
export const POLL = { timeout: 20_000 };

/** Signs in on the sign-in page as a demo account (password `hoptac-demo`), in Vietnamese; lands on the home page. */
export async function signIn(journey: Journey, email: string) {
  const { app, page } = journey;
  await page.goto(`${app.url}/login`);
  await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible(), POLL).toBe(true);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Mật khẩu/).fill('hoptac-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // No `next`: the home page.
  await page.waitForURL((url) => url.pathname === '/');
}

/** Signs out from the account menu (either language), and waits until the server has ended the session too. */
export async function signOut(journey: Journey) {
  const { page } = journey;
  await page.getByRole('button', { name: /Menu tài khoản|Account menu/ }).click();
  await page.getByRole('menuitem', { name: /Đăng xuất|Sign out/ }).click();
  await page.waitForURL(/\/login/);
  await expect.poll(() => page.evaluate(async () => (await fetch('/api/v1/me')).status), POLL).toBe(401);
}
