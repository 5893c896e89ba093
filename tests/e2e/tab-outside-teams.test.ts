import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';

/*
 * The tab opened in a plain browser, outside Teams: against a dev-mode server it says so in a banner
 * and lets the developer choose a roster person; against a production server it only says to open it
 * in Teams, and the roster list does not exist.
 */

describe('the tab outside Teams', function () {
  this.timeout(120_000);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  describe('against a dev-mode server', () => {
    let app: TabTestApp;

    before(async () => {
      app = await startTabTestApp({ devMode: true });
      await app.createRound('mus-dev', [PEOPLE.employee]);
    });

    after(async () => {
      await app?.close();
    });

    it('shows a clearly marked development-mode banner with a person picker', async () => {
      await page.goto(`${app.url}/tab/index.html`);
      const banner = page.getByRole('region', { name: /Udviklingstilstand/ });
      await banner.getByText(/Udviklingstilstand: åbnet uden for Teams/).waitFor();
      const picker = banner.getByRole('combobox', { name: 'Brug appen som' });
      await picker.locator('option', { hasText: 'Søren Dahl' }).waitFor({ state: 'attached' });
      assert.equal(await picker.locator('option').count(), 30, 'the 29 roster people and "choose"');

      await picker.selectOption(PEOPLE.leader);
      await page.waitForURL(/devUser=soren\.dahl/);
      await page.getByRole('heading', { level: 1, name: 'Mine MUS — Søren Dahl' }).waitFor();
      await page.getByRole('button', { name: 'Åbn skemaet for Pernille Krogh' }).waitFor();
      await page.getByRole('region', { name: /Udviklingstilstand/ }).waitFor();
    });

    it('acts as the person named in ?devUser=, in English with ?lang=en', async () => {
      await page.goto(`${app.url}/tab/index.html?devUser=${PEOPLE.employee}&lang=en`);
      await page.getByRole('heading', { level: 1, name: 'My MUS — Pernille Krogh' }).waitFor();
      await page.getByRole('button', { name: 'Open my form' }).click();
      await page.getByRole('button', { name: 'Send your preparation to your leader' }).waitFor();
    });

    it('answers GET /api/dev/people with names, emails and roles only', async () => {
      const res = await fetch(`${app.url}/api/dev/people`);
      assert.equal(res.status, 200);
      const { people } = (await res.json()) as { people: Record<string, unknown>[] };
      assert.equal(people.length, 29);
      assert.deepEqual(Object.keys(people[0] ?? {}).sort(), [
        'department',
        'email',
        'name',
        'roles',
      ]);
    });
  });

  describe('against a production server', () => {
    let app: TabTestApp;

    before(async () => {
      app = await startTabTestApp({ devMode: false });
    });

    after(async () => {
      await app?.close();
    });

    it('says to open the app in Teams, with no banner and no person picker', async () => {
      await page.goto(`${app.url}/tab/index.html?devUser=${PEOPLE.hr}`);
      await page.getByText(/Åbn MUS for Teams i Microsoft Teams/).waitFor();
      assert.equal(await page.getByRole('region', { name: /Udviklingstilstand/ }).count(), 0);
      assert.equal(await page.getByRole('combobox').count(), 0);
    });

    it('has no GET /api/dev/people', async () => {
      const res = await fetch(`${app.url}/api/dev/people`);
      assert.equal(res.status, 404);
    });

    it('still shows the privacy page the app manifest links to', async () => {
      await page.goto(`${app.url}/tab/index.html#privatliv`);
      await page.getByRole('heading', { level: 1, name: 'Privatliv' }).waitFor();
      await page.getByText(/HR ser kun status og antal/).waitFor();
    });
  });
});
