import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The talk from the tab, end to end in headless Chromium: the leader opens an employee's skema in
 * Teams, starts the talk, ticks an understanding, writes notes and a private note, adds an
 * agreement and finalises; the employee then reads the summary and acknowledges it.
 */

describe('the tab: a leader holds the talk and the employee acknowledges it', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-2026';

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee, PEOPLE.otherEmployee]);
    // The employee prepared in chat: answers saved and sent.
    const skema = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), {
      as: PEOPLE.employee,
    });
    const prepared = await app.call('PUT', skemaPath(round, PEOPLE.employee, '/answers'), {
      as: PEOPLE.employee,
      body: {
        answers: { kerneopgaven: 'Jeg sikrer, at borgerne får svar samme dag.' },
        submit: true,
        etag: skema.body.etag,
      },
    });
    assert.equal(prepared.status, 200);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected into the tab's frame, which the tab's own CSP would refuse.
    context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  it('the leader sees their employees with status and opens one, holds the talk and finalises', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
    });

    // The team list: status labels as the method names the phases.
    const pernille = tab.locator('li[data-email="pernille.krogh@vandvaerk.example"]');
    await pernille.getByText('Forberedt').waitFor();
    await tab
      .locator('li[data-email="lars.christensen@vandvaerk.example"]')
      .getByText('Sendt', { exact: true })
      .waitFor();
    await pernille.getByRole('button', { name: 'Åbn skemaet for Pernille Krogh' }).click();

    // The skema: the employee's preparation, the four understandings, the core task.
    await tab.getByRole('heading', { level: 1, name: 'Pernille Krogh' }).waitFor();
    await tab.getByText('Jeg sikrer, at borgerne får svar samme dag.').waitFor();
    await tab.getByText('Vi leverer rent drikkevand til borgerne').waitFor();
    assert.equal(await tab.getByRole('checkbox').count(), 4);
    assert.equal(await tab.getByRole('checkbox').first().isDisabled(), true, 'locked until start');

    await tab.getByRole('button', { name: 'Start samtalen' }).click();
    await tab.locator('.skema[data-status="held"]').waitFor();
    await tab.getByRole('button', { name: 'Pause' }).waitFor(); // the 45-minute timer runs
    await tab
      .getByRole('timer')
      .getByText(/tilbage/)
      .waitFor();

    await tab.getByRole('checkbox', { name: 'Organisationens kerneopgave' }).check();
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' });
    await notes.fill('Vi aftaler at dele erfaringer med driften.');
    await notes.blur();
    await tab
      .getByRole('status')
      .getByText(/Gemt kl\./)
      .waitFor();

    const privateNote = tab.getByRole('textbox', { name: 'Private noter (kun synlige for dig)' });
    await privateNote.fill('Husk at spørge til arbejdspresset.');
    await privateNote.blur();
    await tab.getByText('Kun synlige for dig', { exact: true }).waitFor();

    // An agreement made in the talk.
    await tab
      .getByRole('textbox', { name: 'Hvad aftaler I?' })
      .fill('Følge med en kollega i driften');
    await tab.getByRole('combobox', { name: 'Hvem gør det?' }).selectOption(PEOPLE.employee);
    await tab.getByLabel('Frist').fill('2026-06-01');
    await tab.getByRole('button', { name: 'Tilføj aftale' }).click();
    await tab.locator('.agreement').getByText('Følge med en kollega i driften').waitFor();

    // "Fjern" can be taken back: a slip in the middle of the talk loses nothing.
    await tab.getByRole('textbox', { name: 'Hvad aftaler I?' }).fill('Prøve et nyt vagtskema');
    await tab.getByLabel('Frist').fill('2026-05-01');
    await tab.getByRole('button', { name: 'Tilføj aftale' }).click();
    const removeSecond = tab.getByRole('button', { name: /Fjern.*Prøve et nyt vagtskema/ });
    await removeSecond.click();
    await tab.getByText('Aftalen »Prøve et nyt vagtskema« er fjernet.').waitFor();
    await tab
      .getByRole('button', { name: 'Fortryd fjernelsen af »Prøve et nyt vagtskema«' })
      .click();
    await tab.locator('.agreement').getByText('Prøve et nyt vagtskema').waitFor();
    await removeSecond.click();
    await tab.getByText('Aftalen »Prøve et nyt vagtskema« er fjernet.').waitFor();

    // Finalise: a review of what will be locked names what is still empty, then a confirmation.
    await tab.getByRole('button', { name: 'Afslut samtalen' }).click();
    const dialog = tab.getByRole('dialog', { name: 'Afslut samtalen?' });
    const review = dialog.locator('.finalise-review');
    await review.getByText('Kerneopgaven: noter skrevet').waitFor();
    await review.getByText('Aftaler: 1 i alt').waitFor();
    await review.getByText('De fælles forståelser: 1 af 4 krydset af').waitFor();
    const missing = await review.locator('.review-missing').textContent();
    assert.match(missing ?? '', /^Endnu tomt: /);
    assert.doesNotMatch(missing ?? '', /Kerneopgaven|Aftaler/, 'only what is empty is named');
    await dialog.getByLabel('Opfølgningsdato (valgfri)').fill('2026-09-01');
    await dialog.getByRole('button', { name: 'Afslut alligevel' }).click();
    await tab.locator('.skema[data-status="finalised"]').waitFor();
    const confirmation = tab.getByRole('status').filter({ hasText: 'Samtalen er afsluttet.' });
    await confirmation.waitFor();
    assert.equal(
      await confirmation.evaluate((el) => el === document.activeElement),
      true,
      'the confirmation has the focus',
    );
    await tab.getByText(/Noterne kan ikke længere ændres/).waitFor();
    assert.equal(
      await tab.getByRole('textbox', { name: /Noter fra samtalen/ }).count(),
      0,
      'the notes are read-only after finalising',
    );

    const stored = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), {
      as: PEOPLE.leader,
    });
    assert.equal(stored.body.status, 'finalised');
    assert.equal(stored.body.talkNotes.kerneopgaven, 'Vi aftaler at dele erfaringer med driften.');
    assert.deepEqual(stored.body.understandings, [true, false, false, false]);
    assert.equal(stored.body.followUpDate, '2026-09-01');
    assert.equal(stored.body.privateNote?.text, 'Husk at spørge til arbejdspresset.');
    assert.deepEqual(
      stored.body.agreements.map((a) => [a.what, a.ownerEmail, a.dueDate]),
      [['Følge med en kollega i driften', PEOPLE.employee, '2026-06-01']],
    );
  });

  it("the employee's home puts the summary to acknowledge first", async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.employee),
      userPrincipalName: PEOPLE.employee,
    });
    const mine = tab.locator('[data-view="my-skema"]');
    await mine.getByRole('heading', { name: 'Kvittér for opsamlingen' }).waitFor();
    await mine.getByText('Din leder har afsluttet samtalen.', { exact: false }).waitFor();
    await mine.getByRole('button', { name: 'Kvittér for opsamlingen' }).click();

    // The summary opens with the acknowledgement first, and the understandings as they were ticked.
    const first = tab.locator('.skema .card').first();
    assert.equal(await first.getByRole('heading').first().textContent(), 'Kvittér for opsamlingen');
    const understandings = tab.locator('.card.understandings');
    await understandings.getByText('Organisationens kerneopgave – enige').waitFor();
    assert.equal(await understandings.getByText('ikke krydset af').count(), 3);
  });

  it('the employee opens the summary from a deep link, sees the shared notes and acknowledges', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.employee),
      userPrincipalName: PEOPLE.employee,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    await tab.getByRole('heading', { name: 'Opsamling fra samtalen' }).waitFor();
    await tab.getByText('Vi aftaler at dele erfaringer med driften.').waitFor();
    await tab.getByText('Følge med en kollega i driften').waitFor();
    assert.equal(
      await tab.getByText('Husk at spørge til arbejdspresset.').count(),
      0,
      "the leader's private note never reaches the employee",
    );

    // The employee moves their own agreement on.
    await tab.getByRole('combobox', { name: /Status for aftalen/ }).selectOption('in-progress');

    await tab.getByLabel('Kommentar (valgfri)').fill('Godt at vi fik talt om driften.');
    await tab.getByRole('button', { name: 'Kvittér' }).click();
    await tab.getByText(/Du kvitterede/).waitFor();
    await tab.getByText('Godt at vi fik talt om driften.').waitFor();

    const stored = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.employee), {
      as: PEOPLE.employee,
    });
    assert.equal(stored.body.status, 'acknowledged');
    assert.equal(stored.body.employeeComment, 'Godt at vi fik talt om driften.');
    assert.equal(stored.body.agreements[0]?.status, 'in-progress');
  });

  it('finalising a talk with nothing written shows the review first, in the side panel too', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${PEOPLE.otherEmployee}`,
    });
    const { tab } = hosted;
    await tab.getByRole('button', { name: 'Start samtalen' }).click();
    await tab.locator('.skema[data-status="held"]').waitFor();

    await tab.getByRole('button', { name: 'Afslut samtalen' }).click();
    const dialog = tab.getByRole('dialog', { name: 'Afslut samtalen?' });
    const missing = dialog.locator('.review-missing');
    await missing.waitFor();
    const text = (await missing.textContent()) ?? '';
    for (const part of ['Kerneopgaven', 'Aftaler', 'De fælles forståelser']) {
      assert.ok(text.includes(part), `${part} is named as empty: ${text}`);
    }
    await dialog.getByRole('button', { name: 'Afslut alligevel' }).waitFor();
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);

    // Cancelling changes nothing: the talk is still under way.
    await dialog.getByRole('button', { name: 'Fortryd' }).click();
    const stored = await app.call<SkemaView>('GET', skemaPath(round, PEOPLE.otherEmployee), {
      as: PEOPLE.leader,
    });
    assert.equal(stored.body.status, 'held');
  });
});
