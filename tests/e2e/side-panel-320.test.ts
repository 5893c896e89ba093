import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { newDelivery } from '../../bot/rollout/delivery.js';
import { ORG, PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The meeting side panel is 320 px wide: the leader's team and the talk must fit it, with nothing to
 * scroll sideways and the talk's first button in the first screen.
 */

/** Elements whose content is wider than they are and that scroll sideways (or the page itself). */
async function sidewaysScrollers(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`page ${root.scrollWidth}px`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const style = getComputedStyle(el);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls && el.scrollWidth > el.clientWidth + 1) {
        found.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}px`);
      }
    }
    return found;
  });
}

describe('the tab in the 320 px meeting side panel', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-panel';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee, PEOPLE.otherEmployee]);
    // The bot could not reach one of them yet: their skema card waits for the app.
    const key = { orgId: ORG, roundId: round, step: 3 as const, audience: 'employee' as const };
    await app.deliveries.plan([
      {
        ...newDelivery({ ...key, recipientEmail: PEOPLE.otherEmployee }, new Date()),
        status: 'waiting',
      },
      { ...newDelivery({ ...key, recipientEmail: PEOPLE.employee }, new Date()), status: 'sent' },
    ]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected into the tab's frame, which the tab's own CSP would refuse.
    context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it("the leader's team fits: name, status, planned time and open, with no sideways scrolling", async () => {
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
    });
    const member = hosted.tab.locator(`li[data-email="${PEOPLE.employee}"]`);
    await member.getByText('Ikke planlagt', { exact: false }).waitFor();
    // The same words as the leader's step-4 card: whether the employee has the skema at all.
    await member.getByText('Sendt', { exact: true }).waitFor();
    await hosted.tab
      .locator(`li[data-email="${PEOPLE.otherEmployee}"]`)
      .getByText('Venter på appen')
      .waitFor();
    const open = member.getByRole('button', { name: /Åbn skemaet for/ });
    const box = await open.boundingBox();
    assert.ok(box && box.x + box.width <= 320, `the open button ends at ${JSON.stringify(box)}`);
    const frame = await hosted.frame();
    assert.deepEqual(await sidewaysScrollers(frame), []);
    assert.deepEqual(await seriousViolations(frame), []);
  });

  it('"Start samtalen" is in the first screen of the talk, and nothing scrolls sideways', async () => {
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      frameContext: 'sidePanel',
      meetingId: 'meeting-panel',
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const start = hosted.tab.getByRole('button', { name: 'Start samtalen' });
    await start.waitFor();
    const frame = await hosted.frame();
    const bottom = await frame.evaluate(() => {
      const button = Array.from(document.querySelectorAll('button')).find(
        (b) => b.textContent === 'Start samtalen',
      );
      const rect = button?.getBoundingClientRect();
      return rect ? rect.bottom + window.scrollY : Infinity;
    });
    assert.ok(bottom <= 640, `"Start samtalen" ends ${bottom}px down the page`);
    assert.deepEqual(await sidewaysScrollers(frame), []);

    // Under way, "Gå til" reaches the end of the talk without scrolling past everything.
    await start.click();
    await hosted.tab.locator('.skema[data-status="held"]').waitFor();
    const jump = hosted.tab.getByRole('navigation', { name: 'Gå til' });
    await jump.getByRole('button', { name: 'Afslutning' }).click();
    const top = await frame.evaluate(
      () => document.querySelector('.card.finalise')?.getBoundingClientRect().top ?? -1,
    );
    assert.ok(top >= 0 && top < 640, `the finalise card is at ${top}px of the panel`);
    assert.equal(
      await frame.evaluate(() => document.activeElement?.closest('.card.finalise') !== null),
      true,
      'the focus went with it',
    );
    assert.deepEqual(await sidewaysScrollers(frame), []);
    assert.deepEqual(await seriousViolations(frame), []);
  });
});
