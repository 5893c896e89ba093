import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * Whatever people type is shown as they typed it: HTML is not run or rendered, markdown is not
 * formatted — in the leader's view and the employee's, in answers, notes and agreements.
 */

const HTML = '<img src=x onerror="window.__pwned=1"> <b>fed</b>';
const MARKDOWN = '**bold** og [et link](https://example.com)';

describe('the tab: user text containing HTML or markdown', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-tekst';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee]);
    const skema = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), {
      as: PEOPLE.employee,
    });
    await app.call('PUT', skemaPath(round, PEOPLE.employee, '/answers'), {
      as: PEOPLE.employee,
      body: { answers: { kerneopgaven: HTML, handlinger: MARKDOWN }, etag: skema.body.etag },
    });
    await app.call('POST', skemaPath(round, PEOPLE.employee, '/agreements'), {
      as: PEOPLE.leader,
      body: { what: HTML, ownerEmail: PEOPLE.employee, dueDate: '2026-06-01' },
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('shows <img onerror> and **bold** literally in the leader view, and runs nothing', async () => {
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const { tab } = hosted;
    await tab.locator('[data-section="kerneopgaven"]').getByText(HTML, { exact: true }).waitFor();
    await tab.locator('[data-section="handlinger"]').getByText(MARKDOWN, { exact: true }).waitFor();
    await tab.locator('.agreement').getByText(HTML, { exact: true }).waitFor();

    const frame = await hosted.frame();
    const found = await frame.evaluate(() => ({
      images: document.querySelectorAll('main img').length,
      bold: document.querySelectorAll('main b, main strong:not(.watch-outs strong)').length,
      links: document.querySelectorAll('main a').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    assert.deepEqual(found, { images: 0, bold: 0, links: 0, pwned: undefined });
  });

  it('shows them literally to the employee too, and in the fields they edit', async () => {
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.employee),
      userPrincipalName: PEOPLE.employee,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const answer = hosted.tab.locator('textarea[data-section="kerneopgaven"]');
    assert.equal(await answer.inputValue(), HTML);
    const frame = await hosted.frame();
    const found = await frame.evaluate(() => ({
      images: document.querySelectorAll('main img').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    assert.deepEqual(found, { images: 0, pwned: undefined });
  });
});
