import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The meeting's side panel closes while the leader is still typing: what was typed must reach the
 * server (sent as the page goes away), and what could not be sent must come back when the panel
 * opens again. At the side panel's 320 px.
 */

describe('the tab: nothing the leader types is lost when the panel closes', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-2026';

  const notesOf = async (): Promise<Record<string, string>> =>
    (await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), { as: PEOPLE.leader }))
      .body.talkNotes;

  async function openTalk(): Promise<ReturnType<Page['frameLocator']>> {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      frameContext: 'sidePanel',
      tabPath: `/tab/index.html#/skema/${round}/${encodeURIComponent(PEOPLE.employee)}`,
    });
    await tab.getByRole('heading', { level: 1, name: 'Pernille Krogh' }).waitFor();
    return tab;
  }

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee]);
    const skema = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), {
      as: PEOPLE.leader,
    });
    const started = await app.call('POST', skemaPath(round, PEOPLE.employee, '/start'), {
      as: PEOPLE.leader,
      body: { etag: skema.body.etag },
    });
    assert.equal(started.status, 200);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('a note typed 300 ms before the panel closes is stored', async () => {
    const tab = await openTalk();
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' });
    await notes.pressSequentially('Sidste ord før panelet lukkes', { delay: 5 });
    await page.waitForTimeout(300);
    await page.close({ runBeforeUnload: true });
    const until = Date.now() + 10_000;
    while ((await notesOf()).kerneopgaven !== 'Sidste ord før panelet lukkes') {
      if (Date.now() > until) throw new Error(`stored: ${JSON.stringify(await notesOf())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('text that could not reach the server comes back when the panel opens again, and is then saved', async () => {
    let tab = await openTalk();
    // The connection drops: every save fails.
    await page.route('**/talk-notes', (route) => route.abort('internetdisconnected'));
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Rammer og retning' });
    await notes.fill('Skrevet uden forbindelse');
    await notes.blur();
    await page.waitForTimeout(500);
    assert.notEqual((await notesOf())['rammer-og-retning'], 'Skrevet uden forbindelse');
    await page.unroute('**/talk-notes');

    // The panel is opened again (a new page in the same browser): the text is back and saved.
    await page.close();
    page = await context.newPage();
    tab = await openTalk();
    assert.equal(
      await tab
        .getByRole('textbox', { name: 'Noter fra samtalen – Rammer og retning' })
        .inputValue(),
      'Skrevet uden forbindelse',
    );
    const until = Date.now() + 10_000;
    while ((await notesOf())['rammer-og-retning'] !== 'Skrevet uden forbindelse') {
      if (Date.now() > until) throw new Error(`stored: ${JSON.stringify(await notesOf())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
