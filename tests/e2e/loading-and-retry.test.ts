import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams, type HostedTab } from './harness/teams-host.js';

/*
 * A slow or failing API in the 320 px side panel: the tab shows grey blocks while it waits, says
 * after 10 seconds that it is taking long and offers "Prøv igen"; a failed load says why, with the
 * same button, and focus on it. Trying again loads the screen without reloading the page.
 */

describe('the tab: loading, slow answers and failed loads', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound('mus-langsom', [PEOPLE.employee]);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  /** The first `/api/rounds` request meets `first`; later ones reach the server. */
  async function firstRoundsRequest(first: (route: Route) => Promise<void>): Promise<() => number> {
    let seen = 0;
    await page.route('**/api/rounds', async (route) => {
      seen += 1;
      if (seen === 1) await first(route);
      else await route.continue();
    });
    return () => seen;
  }

  const openAsEmployee = async (): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.employee),
      userPrincipalName: PEOPLE.employee,
      frameContext: 'sidePanel',
      waitUntilReady: false,
    });

  it('a slow answer shows the skeleton, after 10 s says so, and "Prøv igen" loads the screen', async () => {
    // The first request never gets its answer, as on a connection that hangs.
    const requests = await firstRoundsRequest(() => new Promise<void>(() => undefined));
    const hosted = await openAsEmployee();
    const skeleton = hosted.tab.locator('.skeleton[role="status"]');
    await skeleton.waitFor();
    assert.equal(await skeleton.getAttribute('aria-busy'), 'true');
    assert.equal(await skeleton.textContent(), 'Indlæser …');

    const slow = hosted.tab.getByText(/Det tager længere tid end normalt/);
    await slow.waitFor({ timeout: 20_000 });
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);
    await hosted.tab.getByRole('button', { name: 'Prøv igen' }).click();
    await hosted.tab.getByRole('button', { name: 'Se mine aftaler' }).waitFor();
    assert.equal(requests(), 2, 'tried once more');
    assert.equal(await slow.count(), 0, 'the notice is gone');
    assert.equal(await skeleton.count(), 0, 'the skeleton is gone');
  });

  it('a failed load says why, takes the focus, and "Prøv igen" loads the screen', async () => {
    await firstRoundsRequest((route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'storage_unavailable',
            message: { da: 'Lageret svarer ikke lige nu.', en: 'Storage is not answering.' },
          },
        }),
      }),
    );
    const hosted = await openAsEmployee();
    const failed = hosted.tab
      .getByRole('alert')
      .filter({ hasText: 'Lageret svarer ikke lige nu.' });
    await failed.waitFor();
    const frame = await hosted.frame();
    await frame.waitForFunction(() => document.activeElement?.classList.contains('load-failed'));
    assert.deepEqual(await seriousViolations(frame), []);
    await failed.getByRole('button', { name: 'Prøv igen' }).click();
    await hosted.tab.getByRole('button', { name: 'Se mine aftaler' }).waitFor();
    assert.equal(await failed.count(), 0);
  });
});
