import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultGrusTemplate } from '../../bot/mus/default-template.js';
import { newRound } from '../../bot/mus/round.js';
import { saveAnswers } from '../../bot/mus/skema.js';
import { sendSkema } from '../../bot/rollout/steps/step-3-send-skema.js';
import { launchChromium } from './harness/chromium.js';
import { ORG, PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { seriousViolations } from './harness/axe.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * The group talk (GRUS) in the tab, end to end in headless Chromium: the leader opens the group view
 * from the home screen, sees two members' preparations question by question (and who has not
 * prepared), writes a shared note that saves itself, and finalises; a member then reads the team's
 * summary and acknowledges it.
 */

const ROUND = 'grus-2026';

describe('the tab: a leader holds the group talk and a member acknowledges it', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const prepare = async (email: string, text: string): Promise<void> => {
    const stored = await app.repositories.skemas.get(ORG, ROUND, email);
    assert.ok(stored);
    await app.repositories.skemas.update(
      saveAnswers(
        stored.value,
        { kerneopgaven: text },
        { submit: true, by: email, now: new Date() },
      ),
      stored.etag,
      stored.value,
    );
  };

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    const round = newRound({
      orgId: ORG,
      id: ROUND,
      name: 'GRUS 2026',
      kind: 'GRUS',
      createdBy: PEOPLE.hr,
      now: new Date(),
      template: defaultGrusTemplate(),
    });
    await app.repositories.rounds.create(round);
    await sendSkema.prepare!(
      app.repositories,
      round,
      await app.repositories.people.list(ORG),
      new Date(),
    );
    await prepare(PEOPLE.employee, 'Vi svarer borgerne samme dag.');
    await prepare(PEOPLE.otherEmployee, 'Vi dækker for hinanden, når det brænder på.');
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected as an inline script, which the tab's CSP refuses.
    context = await browser.newContext({
      bypassCSP: true,
    });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it('the leader sees both preparations, writes a shared note and finalises', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
    });
    await tab.getByRole('heading', { name: 'Gruppesamtalen med dit team (GRUS)' }).waitFor();
    await tab.getByRole('button', { name: 'Åbn gruppesamtalen', exact: true }).click();

    await tab.getByRole('heading', { level: 1, name: 'Gruppesamtale · GRUS 2026' }).waitFor();
    const core = tab.locator('section[data-section="kerneopgaven"]');
    await core.getByRole('heading', { level: 2, name: 'Kerneopgaven i teamet' }).waitFor();
    await core
      .locator('li', { hasText: 'Pernille Krogh' })
      .getByText('Vi svarer borgerne samme dag.')
      .waitFor();
    await core
      .locator('li', { hasText: 'Lars Christensen' })
      .getByText('Vi dækker for hinanden, når det brænder på.')
      .waitFor();
    await tab.getByText('2 af 8 har forberedt sig.').waitFor();
    await tab.getByText(/Ikke forberedt: .*Maja Thomsen/).waitFor();

    const note = tab.getByRole('textbox', { name: 'Fælles noter – Kerneopgaven i teamet' });
    await note.fill('Vi holder fast i svar samme dag og deler vagterne bedre.');
    await note.blur();
    await tab
      .getByRole('status')
      .getByText(/Gemt kl\./)
      .waitFor();
    await tab.locator('.group-talk[data-status="held"]').waitFor();

    await tab.getByRole('button', { name: 'Afslut gruppesamtalen' }).click();
    await tab.locator('.group-talk[data-status="finalised"]').waitFor();
    assert.equal(await tab.getByRole('textbox').count(), 0, 'the notes are locked');
    await tab.getByText('Vi holder fast i svar samme dag og deler vagterne bedre.').waitFor();
  });

  it('a member reads the team’s summary and acknowledges it', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.otherEmployee),
      userPrincipalName: PEOPLE.otherEmployee,
    });
    await tab.getByRole('button', { name: 'Åbn gruppesamtalen med din leder' }).click();
    await tab.locator('.group-talk[data-viewer="member"][data-status="finalised"]').waitFor();
    await tab.getByText('Vi holder fast i svar samme dag og deler vagterne bedre.').waitFor();
    // Never another member's own preparation.
    assert.equal(await tab.getByText('Vi svarer borgerne samme dag.').count(), 0);
    await tab.getByRole('button', { name: 'Kvittér' }).click();
    await tab.getByText(/Du kvitterede/).waitFor();
    const stored = await app.repositories.groupTalks.get(ORG, ROUND, PEOPLE.leader);
    assert.ok(stored?.value.acknowledgedBy[PEOPLE.otherEmployee]);
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`the group view has no serious accessibility violations, for the leader and a member (${theme})`, async () => {
      for (const [email, button] of [
        [PEOPLE.leader, 'Åbn gruppesamtalen'],
        [PEOPLE.employee, 'Åbn gruppesamtalen med din leder'],
      ] as const) {
        const hosted = await openInTeams(page, app.url, {
          token: await app.tokenFor(email),
          userPrincipalName: email,
          theme,
        });
        await hosted.tab.getByRole('button', { name: button, exact: true }).click();
        await hosted.tab.locator('.group-talk[data-status="finalised"]').waitFor();
        assert.deepEqual(await seriousViolations(await hosted.frame()), [], email);
      }
    });
  }
});
