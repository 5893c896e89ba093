import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import {
  ORG,
  PEOPLE,
  skemaPath,
  startTabTestApp,
  type TabTestApp,
} from './harness/tab-test-app.js';
import { openInTeams, type HostedTab } from './harness/teams-host.js';

/*
 * The talk as a compact agenda in the 320 px meeting side panel: sections fold from their heading,
 * the one being written in is marked current with its heading pinned, "Gå til" opens a folded
 * section, and an agreement is added in one row (what, who, when, "+ Aftale").
 */

const ROUND = 'mus-agenda';

describe('the tab: the talk as an agenda at 320 px', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(ROUND, [PEOPLE.employee]);
    const path = skemaPath(ROUND, PEOPLE.employee);
    const skema = (await app.call<SkemaView>('GET', path, { as: PEOPLE.leader })).body;
    const started = await app.call('POST', `${path}/start`, {
      as: PEOPLE.leader,
      body: { etag: skema.etag },
    });
    assert.equal(started.status, 200);
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

  const openTalk = async (): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      frameContext: 'sidePanel',
      subEntityId: `skema:${ROUND}:${PEOPLE.employee}`,
    });

  it('folds and unfolds a section from its heading, and "Gå til" opens a folded one', async () => {
    const { tab } = await openTalk();
    const fold = tab
      .locator('section[data-section="rammer-og-retning"] > h2')
      .getByRole('button', { name: 'Rammer og retning' });
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Rammer og retning' });
    await notes.waitFor();
    await fold.click();
    assert.equal(await fold.getAttribute('aria-expanded'), 'false');
    assert.equal(await notes.isVisible(), false, 'folded away');
    await fold.click();
    assert.equal(await notes.isVisible(), true);

    await fold.click();
    await tab
      .getByRole('navigation', { name: 'Gå til' })
      .getByRole('button', { name: 'Rammer og retning' })
      .click();
    await notes.waitFor();
    assert.equal(await fold.getAttribute('aria-expanded'), 'true', 'the jump opened it');
  });

  it('the section being written in is current, its heading pinned while scrolling through it', async () => {
    const hosted = await openTalk();
    const { tab } = hosted;
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Handlinger' });
    await notes.fill('Vi prøver en fast mødedag.');
    const section = tab.locator('section[data-section="handlinger"]');
    assert.match((await section.getAttribute('class')) ?? '', /\bcurrent\b/);
    const position = await section
      .locator(':scope > h2')
      .evaluate((el) => getComputedStyle(el).position);
    assert.equal(position, 'sticky');
    assert.equal(await tab.locator('.skema-section.current').count(), 1);
    // A fold keeps what was typed.
    const fold = section.locator(':scope > h2').getByRole('button', { name: 'Handlinger' });
    await fold.click();
    await fold.click();
    assert.equal(await notes.inputValue(), 'Vi prøver en fast mødedag.');
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);
  });

  it('adds an agreement in one row: what, who, when and "+ Aftale"', async () => {
    const hosted = await openTalk();
    const { tab } = hosted;
    const form = tab.locator('form.agreement-form');
    await form.getByRole('textbox', { name: 'Hvad aftaler I?' }).fill('Kursus i pumpestyring');
    await form.getByLabel('Frist').fill('2026-09-01');
    const add = form.getByRole('button', { name: 'Tilføj aftale' });
    assert.equal(await add.textContent(), '+ Aftale');
    // Who, when and the button share one row in the side panel.
    const tops = await Promise.all(
      [form.getByLabel('Hvem gør det?'), form.getByLabel('Frist'), add].map(
        async (l) => (await l.boundingBox())?.y ?? -1,
      ),
    );
    assert.ok(Math.max(...tops) - Math.min(...tops) < 40, `one row: ${tops.join(', ')}`);
    const frame = await hosted.frame();
    const overflow = await frame.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    await add.click();
    await tab.locator('li.agreement').filter({ hasText: 'Kursus i pumpestyring' }).waitFor();
    const stored = await app.repositories.agreements.listForSkema(ORG, ROUND, PEOPLE.employee);
    assert.deepEqual(
      stored.map((a) => [a.value.what, a.value.dueDate]),
      [['Kursus i pumpestyring', '2026-09-01']],
    );
  });
});
