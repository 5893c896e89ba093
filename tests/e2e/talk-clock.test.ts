import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator } from 'playwright-core';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { ORG, PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The talk's 45-minute clock belongs to the talk: started with it, kept with the skema, the same in
 * the meeting's side panel and in the full tab, reset only after asking, and gone once finalised.
 */

/** The seconds left the timer shows, from "44:59 tilbage". */
async function secondsLeft(tab: FrameLocator): Promise<number> {
  const text = (await tab.getByRole('timer').textContent()) ?? '';
  const match = /(\d+):(\d\d) tilbage/.exec(text);
  assert.ok(match, `the timer shows "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe("the talk's own clock, in two windows", function () {
  this.timeout(180_000);
  let app: TabTestApp;
  let browser: Browser;
  const round = 'mus-ur';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee, PEOPLE.otherEmployee]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    // Closed here too, so a failed assertion does not leave pages that outlive the browser.
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
  });

  async function openTalk(width: number, height: number, email: string = PEOPLE.employee) {
    const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${email}`,
    });
    return { context, hosted, tab: hosted.tab };
  }

  it('the side panel shows the time the full tab started, a pause reaches it, and reset asks first', async () => {
    const full = await openTalk(1280, 800);
    await full.tab.getByRole('button', { name: 'Start samtalen' }).click();
    await full.tab.getByRole('button', { name: 'Pause' }).waitFor();

    const panel = await openTalk(320, 640);
    await panel.tab.getByRole('button', { name: 'Pause' }).waitFor();
    const [inFull, inPanel] = await Promise.all([secondsLeft(full.tab), secondsLeft(panel.tab)]);
    assert.ok(Math.abs(inFull - inPanel) <= 2, `full tab ${inFull} s, side panel ${inPanel} s`);
    assert.ok(inPanel > 44 * 60 && inPanel <= 45 * 60, `${inPanel} s left`);
    const bar = await panel.tab.locator('.toolbar').boundingBox();
    assert.ok(bar && bar.height <= 48, `the timer bar is ${bar?.height} px tall`);
    assert.deepEqual(await seriousViolations(await panel.hosted.frame()), []);

    // Paused in the full tab: the side panel hears of it on its next look (every few seconds).
    await full.tab.getByRole('button', { name: 'Pause' }).click();
    await full.tab.getByRole('button', { name: 'Fortsæt' }).waitFor();
    await panel.tab.getByRole('button', { name: 'Fortsæt' }).waitFor({ timeout: 15_000 });

    // Reset asks first; "Fortryd" keeps the time.
    await panel.tab.getByRole('button', { name: 'Nulstil' }).click();
    await panel.tab.getByText('Start de 45 minutter forfra?').waitFor();
    await panel.tab.getByRole('button', { name: 'Fortryd' }).click();
    assert.equal(await panel.tab.getByText('Start de 45 minutter forfra?').count(), 0);
    await panel.tab.getByRole('button', { name: 'Nulstil' }).click();
    await panel.tab.getByRole('button', { name: 'Ja, nulstil' }).click();
    await panel.tab.getByRole('timer').getByText('45:00 tilbage').waitFor();
  });

  it('a calm notice with ten minutes left, and no clock once the talk is finalised', async () => {
    const first = await openTalk(320, 640, PEOPLE.otherEmployee);
    await first.tab.getByRole('button', { name: 'Start samtalen' }).click();
    await first.tab.getByRole('button', { name: 'Pause' }).waitFor();
    await first.context.close();
    // The talk began 36 minutes ago (the stored clock says so).
    const stored = await app.repositories.skemas.get(ORG, round, PEOPLE.otherEmployee);
    assert.ok(stored?.value.talkClock);
    const began = new Date(Date.now() - 36 * 60_000).toISOString();
    await app.repositories.skemas.update(
      { ...stored.value, talkClock: { startedAt: began, runningSince: began, elapsedMs: 0 } },
      stored.etag,
      stored.value,
    );

    const later = await openTalk(320, 640, PEOPLE.otherEmployee);
    await later.tab
      .getByRole('status')
      .getByText('10 minutter tilbage', { exact: false })
      .waitFor();

    await later.tab.getByRole('button', { name: 'Afslut samtalen' }).click();
    await later.tab.getByRole('button', { name: 'Afslut alligevel' }).click();
    await later.tab.locator('.skema[data-status="finalised"]').waitFor();
    assert.equal(await later.tab.getByRole('timer').count(), 0, 'no clock after finalising');
    const after = await app.repositories.skemas.get(ORG, round, PEOPLE.otherEmployee);
    assert.ok(after?.value.talkClock?.endedAt, 'the stored clock stopped with the talk');
  });
});
