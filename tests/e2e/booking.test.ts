import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { ORG, PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams, type HostedTab } from './harness/teams-host.js';
import { fakeOboExchange, startFakeGraph, type FakeGraph } from '../helpers/fake-graph.js';

/*
 * Booking the talk from the tab in the 320 px meeting side panel, against a fake Microsoft Graph
 * over HTTP: the leader picks one of the times when both are free, the talk lands in Outlook as a
 * Teams meeting with the MUS tab in it, and the tab says so. Without consent the tab says what the
 * administrator must grant, and the talk can still be taken along as a calendar file.
 */

const ROUND = 'mus-booking';
const THIRD = 'maja.thomsen@vandvaerk.example';
const THIRD_NAME = 'Maja Thomsen';
const MUS_IN_CATALOG = { id: 'catalog-mus', externalId: 'mus-manifest-0001' };

async function pageScrollsSideways(frame: Frame): Promise<boolean> {
  return frame.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
  );
}

describe('the tab: the leader books the talk in Outlook', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let graph: FakeGraph;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    browser = await launchChromium();
    graph = await startFakeGraph({ users: () => [], teamsApps: [MUS_IN_CATALOG] });
    app = await startTabTestApp({
      calendar: {
        exchange: fakeOboExchange(graph.baseUrl),
        baseUrl: graph.baseUrl,
        meetingTab: { manifestId: MUS_IN_CATALOG.externalId, publicUrl: 'https://mus.example' },
      },
    });
    await app.createRound(ROUND, [PEOPLE.employee, PEOPLE.otherEmployee, THIRD]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await graph?.close();
  });

  beforeEach(async () => {
    // axe is injected into the tab's frame, which the tab's own CSP would refuse.
    context = await browser.newContext({ viewport: { width: 320, height: 640 }, bypassCSP: true });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    graph.refuseConsent(false);
  });

  const openTalk = async (employee: string): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      frameContext: 'sidePanel',
      subEntityId: `skema:${ROUND}:${employee}`,
    });

  it('picks a time when both are free, books it, and tells the leader what happened', async () => {
    const hosted = await openTalk(PEOPLE.employee);
    const { tab } = hosted;
    await tab.getByRole('button', { name: 'Book samtalen i Outlook' }).click();
    const panel = tab.getByRole('region', { name: 'Book samtalen' });
    const slots = panel.getByRole('group', { name: 'Ledige tider for jer begge' });
    await slots.waitFor();
    const first = slots.getByRole('radio').first();
    const chosen = await first.getAttribute('value');
    assert.ok(chosen, 'a suggested time');
    await first.check();
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);
    assert.equal(await pageScrollsSideways(await hosted.frame()), false);

    await panel.getByRole('button', { name: 'Book 45 minutter' }).click();
    const notice = tab.locator('[data-view="booked"]');
    await notice.getByText(/^Samtalen er booket/).waitFor();
    await notice.getByText('MUS-fanen ligger klar i mødet.').waitFor();
    await notice.getByText(/får kun invitationen i kalenderen/).waitFor();

    const stored = await app.repositories.skemas.get(ORG, ROUND, PEOPLE.employee);
    assert.equal(stored?.value.talkAt, chosen);
    assert.equal(graph.events.length, 1);
    const attendees = graph.events[0]?.attendees as { emailAddress: { address: string } }[];
    assert.deepEqual(
      attendees.map((a) => a.emailAddress.address),
      [PEOPLE.employee],
    );
    assert.equal(graph.chatTabs.length, 1, 'the MUS tab was pinned in the meeting chat');
    // The planned time shows in the talk's own field too.
    assert.notEqual(await tab.getByLabel('Tidspunkt for samtalen').inputValue(), '');
  });

  it('without consent it says what the administrator must grant and gives the talk as a calendar file', async () => {
    graph.refuseConsent(true);
    const hosted = await openTalk(PEOPLE.otherEmployee);
    const { tab } = hosted;
    await tab.getByRole('button', { name: 'Book samtalen i Outlook' }).click();
    const panel = tab.getByRole('region', { name: 'Book samtalen' });
    const consent = panel.getByRole('region', { name: 'Booking i Outlook er ikke slået til' });
    await consent.getByText(/Calendars\.ReadWrite/).waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Book 45 minutter' }).isVisible(), false);
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);

    await panel.getByLabel('Tidspunkt', { exact: true }).fill('2099-05-04T10:30');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Hent kalenderfil (.ics)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'mus-samtale.ics');
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, /Lars Christensen/);
    assert.equal(graph.events.length, 1, 'nothing more was booked');
    // The time taken along is the planned one: stored through the talk's own autosave.
    await panel.getByText(/er gemt som planlagt/).waitFor();
    assert.equal(
      (await app.repositories.skemas.get(ORG, ROUND, PEOPLE.otherEmployee))?.value.talkAt,
      new Date('2099-05-04T10:30').toISOString(),
    );
    assert.notEqual(await tab.getByLabel('Tidspunkt for samtalen').inputValue(), '');
  });

  /** The leader's home in a 320 px wide tab, with the team list. */
  const openTeamList = async (): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      frameContext: 'content',
    });

  it('books a talk from the team list: the panel unfolds under the person, the line shows the time', async () => {
    const hosted = await openTeamList();
    const { tab } = hosted;
    const line = tab.locator(`li.team-member[data-email="${THIRD}"]`);
    const opener = line.getByRole('button', { name: `Book samtalen med ${THIRD_NAME}` });
    await opener.click();
    assert.equal(await opener.getAttribute('aria-expanded'), 'true');
    const panel = line.getByRole('region', { name: 'Book samtalen' });
    const slots = panel.getByRole('group', { name: 'Ledige tider for jer begge' });
    await slots.waitFor();
    const second = slots.getByRole('radio').nth(1);
    const chosen = await second.getAttribute('value');
    assert.ok(chosen, 'a suggested time');
    await second.check();
    const frame = await hosted.frame();
    assert.equal(await pageScrollsSideways(frame), false);
    assert.deepEqual(await seriousViolations(frame), []);

    const eventsBefore = graph.events.length;
    await panel.getByRole('button', { name: 'Book 45 minutter' }).click();
    const notice = line.locator('[data-view="booked"]');
    await notice.getByText(/^Samtalen er booket/).waitFor();
    assert.equal(await notice.evaluate((el) => el === document.activeElement), true);
    const stored = await app.repositories.skemas.get(ORG, ROUND, THIRD);
    assert.equal(stored?.value.talkAt, chosen);
    assert.equal(graph.events.length, eventsBefore + 1);
    // The person's line says when, without a reload.
    const facts = await line.locator('.team-member-facts').textContent();
    assert.doesNotMatch(facts ?? '', /Ikke planlagt/);
    // A second press folds the place away and gives the focus back to the button.
    await opener.click();
    assert.equal(await line.locator('.booking-slot').evaluate((el) => el.childElementCount), 0);
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true);
  });

  it('when the skema changed after the panel opened, the panel opens again on the new version and books', async () => {
    const hosted = await openTeamList();
    const { tab } = hosted;
    const line = tab.locator(`li.team-member[data-email="${PEOPLE.employee}"]`);
    await line.getByRole('button', { name: /^Book samtalen med / }).click();
    const panel = line.getByRole('region', { name: 'Book samtalen' });
    await panel.getByRole('group', { name: 'Ledige tider for jer begge' }).waitFor();
    // Meanwhile the skema is written elsewhere (the talk view's autosave on another device).
    const current = await app.repositories.skemas.get(ORG, ROUND, PEOPLE.employee);
    assert.ok(current);
    await app.repositories.skemas.update({ ...current.value }, current.etag, current.value);
    const eventsBefore = graph.events.length;

    await panel.getByLabel('Tidspunkt', { exact: true }).fill('2099-06-01T09:15');
    await panel.evaluate((el) => el.setAttribute('data-first', ''));
    await panel.getByRole('button', { name: 'Book 45 minutter' }).click();
    // Refused with 412: nothing was booked, and a fresh panel replaced the first to try again.
    const fresh = line.locator('.booking-panel:not([data-first])');
    await fresh.getByRole('group', { name: 'Ledige tider for jer begge' }).waitFor();
    assert.equal(await line.locator('.booking-panel').count(), 1);
    assert.equal(graph.events.length, eventsBefore, 'nothing booked on a stale version');
    await fresh.getByLabel('Tidspunkt', { exact: true }).fill('2099-06-01T09:15');
    await fresh.getByRole('button', { name: 'Book 45 minutter' }).click();
    await line
      .locator('[data-view="booked"]')
      .getByText(/^Samtalen er booket/)
      .waitFor();
    assert.equal(graph.events.length, eventsBefore + 1);
    const stored = await app.repositories.skemas.get(ORG, ROUND, PEOPLE.employee);
    assert.equal(stored?.value.talkAt, new Date('2099-06-01T09:15').toISOString());
  });

  it('without consent the team list gives the calendar file and shows the time as planned', async () => {
    graph.refuseConsent(true);
    const { tab } = await openTeamList();
    const line = tab.locator(`li.team-member[data-email="${THIRD}"]`);
    await line.getByRole('button', { name: `Book samtalen med ${THIRD_NAME}` }).click();
    const panel = line.getByRole('region', { name: 'Book samtalen' });
    await panel.getByRole('region', { name: 'Booking i Outlook er ikke slået til' }).waitFor();
    await panel.getByLabel('Tidspunkt', { exact: true }).fill('2099-07-02T13:00');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Hent kalenderfil (.ics)' }).click(),
    ]);
    assert.match(await readFile(await download.path(), 'utf8'), /Maja Thomsen/);
    await panel.getByText(/er gemt som planlagt/).waitFor();
    const planned = new Date('2099-07-02T13:00').toISOString();
    assert.equal((await app.repositories.skemas.get(ORG, ROUND, THIRD))?.value.talkAt, planned);
    assert.match((await line.locator('.team-member-facts').textContent()) ?? '', /2099|2\. jul/);
  });

  it('a person whose skema is not sent has no booking button', async () => {
    const { tab } = await openTeamList();
    await tab.locator('li.team-member').first().waitFor();
    const lines = await tab.locator('li.team-member').count();
    const bookButtons = await tab.getByRole('button', { name: /^Book samtalen med / }).count();
    // The leader's team on the sample roster has more people than the three with a skema.
    assert.ok(lines > 3, `team lines: ${lines}`);
    assert.equal(bookButtons, 3);
  });
});
