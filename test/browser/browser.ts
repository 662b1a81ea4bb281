import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web';

/** Debian's Chromium; `.ci/run` installs it when missing (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/**
 * `describe`, in Chromium. Without Chromium the suite fails, saying why: a browser test that does not run must not
 * pass for one that did.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, suite);
  describe(name, () => {
    it('runs in Chromium', () => {
      throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium), as .ci/run does.`);
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  await buildWeb();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface OfflineContext {
  context: BrowserContext;
  /** Every request that tried to leave the machine (each was aborted). */
  outside: string[];
  /** Errors the pages threw or logged, CSP violations included. */
  pageErrors: string[];
  newPage(): Promise<Page>;
}

/**
 * A browser context in which every request to anything but this machine is aborted and recorded, so a test can
 * assert that a page needs nothing from outside and tries nothing outside.
 */
export async function offlineContext(browser: Browser): Promise<OfflineContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(10_000);
  const outside: string[] = [];
  const pageErrors: string[] = [];
  await context.route(
    (url) => !isLocal(url),
    async (route) => {
      outside.push(route.request().url());
      await route.abort('internetdisconnected');
    },
  );
  return {
    context,
    outside,
    pageErrors,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text());
      });
      return page;
    },
  };
}

/** Local, or an in-page URL (data:, blob:, about:) that never leaves the browser. */
function isLocal(url: URL): boolean {
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** Saves a full-page screenshot into test-artifacts/ (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
