import { spawnSync } from 'node:child_process';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
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
}

export function browserJourney(name: string): Journey {
  const journey = {} as Journey;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the web app failed');
    journey.app = await startTestApp({ demo: true, listen: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    journey.page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 180_000);
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && journey.page) {
      await journey.page.screenshot({ path: `/tmp/e2e-${name}-${Date.now()}.png`, fullPage: true }).catch(() => {});
    }
  });
  afterAll(async () => {
    await browser?.close();
    await journey.app?.close();
  });
  return journey;
}
