/**
 * Headless Chromium for the review page tests: Debian's /usr/bin/chromium (`apt-get install -y
 * chromium`; no browser is downloaded) driven by playwright-core, with a fresh empty profile and
 * no background networking. `browserMissing()` says why the browser tests cannot run here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** The Chromium binary ($XENPORT_CHROMIUM, else Debian's). */
export const CHROMIUM = process.env.XENPORT_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser cannot run here, or undefined when it can. */
export function browserMissing(): string | undefined {
  return fs.existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} not found: install it with apt-get install -y chromium (or set XENPORT_CHROMIUM)`;
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a new empty profile; `close()` ends it and removes the profile. */
export async function openBrowser(
  viewport = { width: 1280, height: 860 },
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that records console errors, uncaught exceptions and requests that are not file:// URLs. */
export async function watchedPage(
  context: BrowserContext,
): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) requests.push(r.url());
  });
  return { page, errors, requests };
}

/**
 * Load a page file and measure, in the page, the time from navigation start to the first frame after the load event.
 */
export async function loadAndTime(page: Page, file: string, hash = ''): Promise<number> {
  await page.goto(`file://${file}${hash}`, { waitUntil: 'load' });
  return (await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))',
  )) as number;
}
