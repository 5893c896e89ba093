import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams, type HostedTab, type Theme } from './harness/teams-host.js';

/*
 * The tab follows Teams' theme live, and axe-core finds no serious or critical accessibility
 * problems in the leader's and the employee's screens in the default, dark and high-contrast themes.
 */

describe('the tab: themes and accessibility', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-tilgaengelig';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee, PEOPLE.otherEmployee]);
    // Pernille's talk is held, with notes and an agreement (the last test finalises it); Lars is
    // still preparing.
    const path = skemaPath(round, PEOPLE.employee);
    let skema = (await app.call<SkemaView>('GET', path, { as: PEOPLE.employee })).body;
    skema = (
      await app.call<SkemaView>('PUT', `${path}/answers`, {
        as: PEOPLE.employee,
        body: { answers: { kerneopgaven: 'Rent vand hver dag.' }, submit: true, etag: skema.etag },
      })
    ).body;
    await app.call('PUT', `${path}/talk-notes`, {
      as: PEOPLE.leader,
      body: { talkNotes: { kerneopgaven: 'Godt billede af opgaven.' }, etag: skema.etag },
    });
    await app.call('POST', `${path}/agreements`, {
      as: PEOPLE.leader,
      body: { what: 'Kursus i ledningsnet', ownerEmail: PEOPLE.employee, dueDate: '2026-05-01' },
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected as an inline script, which the tab's CSP refuses.
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1100, height: 900 },
    });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const asLeader = async (theme: Theme, subEntityId?: string): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      theme,
      subEntityId,
    });

  it('switches theme live when Teams does: data-theme and the colours change', async () => {
    const hosted = await asLeader('default', `skema:${round}:${PEOPLE.employee}`);
    const frame = await hosted.frame();
    const look = (): Promise<{ theme?: string; background: string; text: string }> =>
      frame.evaluate(() => ({
        theme: document.documentElement.dataset.theme,
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
    const light = await look();
    assert.equal(light.theme, 'default');

    await hosted.setTheme('dark');
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const dark = await look();
    assert.notEqual(dark.background, light.background);
    assert.notEqual(dark.text, light.text);

    await hosted.setTheme('contrast');
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'contrast');
    assert.equal((await look()).background, 'rgb(0, 0, 0)');
    // The screen stayed where it was: a theme change never reloads the talk.
    await hosted.tab.getByRole('heading', { level: 1, name: 'Pernille Krogh' }).waitFor();
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`the leader's team list and skema have no serious accessibility violations (${theme})`, async () => {
      const hosted = await asLeader(theme);
      await hosted.tab.getByRole('list', { name: 'Mine medarbejdere' }).waitFor();
      assert.deepEqual(await seriousViolations(await hosted.frame()), []);

      await hosted.tab.getByRole('button', { name: 'Åbn skemaet for Pernille Krogh' }).click();
      await hosted.tab
        .getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' })
        .waitFor();
      await hosted.tab.locator('details.watch-outs summary').click();
      assert.deepEqual(await seriousViolations(await hosted.frame()), []);
    });

    it(`the employee's preparation has no serious accessibility violations (${theme})`, async () => {
      const preparing = await openInTeams(page, app.url, {
        token: await app.tokenFor(PEOPLE.otherEmployee),
        userPrincipalName: PEOPLE.otherEmployee,
        theme,
        subEntityId: `skema:${round}:${PEOPLE.otherEmployee}`,
      });
      await preparing.tab
        .getByRole('button', { name: 'Send forberedelsen til din leder' })
        .waitFor();
      assert.deepEqual(await seriousViolations(await preparing.frame()), []);
    });
  }

  it("the employee's summary has no serious accessibility violations in any theme", async () => {
    const path = skemaPath(round, PEOPLE.employee);
    const skema = (await app.call<SkemaView>('GET', path, { as: PEOPLE.leader })).body;
    if (skema.status !== 'finalised') {
      await app.call('POST', `${path}/finalise`, { as: PEOPLE.leader, body: { etag: skema.etag } });
    }
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.employee),
      userPrincipalName: PEOPLE.employee,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    await hosted.tab.getByRole('button', { name: 'Kvittér' }).waitFor();
    const frame = await hosted.frame();
    for (const theme of ['default', 'dark', 'contrast'] as const) {
      await hosted.setTheme(theme);
      await frame.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      assert.deepEqual(await seriousViolations(frame), [], theme);
    }
  });
});
