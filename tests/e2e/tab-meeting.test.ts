import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The tab in a Teams meeting (side panel): it opens on the employee the meeting is about when it can
 * tell — the one whose planned talk is now, or the one the leader chose in this meeting before — and
 * the leader can always switch to another employee.
 */

describe('the tab in a meeting side panel', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-moede';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee, PEOPLE.otherEmployee]);
    // Pernille's talk is planned to start in ten minutes.
    const path = skemaPath(round, PEOPLE.employee);
    const skema = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    const planned = await app.call('PUT', `${path}/talk-notes`, {
      as: PEOPLE.leader,
      body: { talkAt: new Date(Date.now() + 10 * 60_000).toISOString(), etag: skema.body.etag },
    });
    assert.equal(planned.status, 200);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const inMeeting = async (meetingId: string, as: string = PEOPLE.leader, locale = 'da-DK') =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(as),
      userPrincipalName: as,
      frameContext: 'sidePanel',
      meetingId,
      locale,
    });

  it('opens on the employee whose talk is planned now, and the leader can switch', async () => {
    const { tab } = await inMeeting('meeting-1');
    await tab.getByRole('heading', { level: 1, name: 'Pernille Krogh' }).waitFor();
    await tab.getByRole('button', { name: 'Skift medarbejder' }).click();
    await tab.getByText(/Du er i et møde\. Vælg den medarbejder/).waitFor();
    await tab.getByRole('button', { name: 'Åbn skemaet for Lars Christensen' }).click();
    await tab.getByRole('heading', { level: 1, name: 'Lars Christensen' }).waitFor();
  });

  it('opens on the employee the leader chose in this meeting before', async () => {
    const first = await inMeeting('meeting-2');
    await first.tab.getByRole('heading', { level: 1, name: 'Pernille Krogh' }).waitFor();
    await first.tab.getByRole('button', { name: 'Skift medarbejder' }).click();
    await first.tab.getByRole('button', { name: 'Åbn skemaet for Lars Christensen' }).click();
    await first.tab.getByRole('heading', { level: 1, name: 'Lars Christensen' }).waitFor();

    const again = await inMeeting('meeting-2');
    await again.tab.getByRole('heading', { level: 1, name: 'Lars Christensen' }).waitFor();
  });

  it('opens the employee on their own skema, in English when Teams is in English', async () => {
    const { tab } = await inMeeting('meeting-3', PEOPLE.employee, 'en-US');
    await tab.getByRole('heading', { level: 1, name: /^My MUS — MUS mus-moede/ }).waitFor();
    await tab.getByRole('button', { name: 'Send your preparation to your leader' }).waitFor();
    const lang = await (
      await (await page.locator('#tab').elementHandle())?.contentFrame()
    )?.evaluate(() => document.documentElement.lang);
    assert.equal(lang, 'en');
  });
});
