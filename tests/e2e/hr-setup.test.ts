import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { RoundSetupView } from '../../bot/api/round-setup-view.js';
import type { Person } from '../../bot/mus/person.js';
import type { StepNumber } from '../../bot/mus/rollout-steps.js';
import { createRound } from '../../bot/rollout/create-round.js';
import { launchRolloutStep } from '../../bot/rollout/launch-step.js';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import { ORG, PEOPLE, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams, type HostedTab } from './harness/teams-host.js';

/*
 * HR's setup screen end to end in headless Chromium against the real server on Azurite: HR writes
 * the core task, edits and reorders the round's questions and sees the employee's preview follow,
 * sets the deadlines (a wrong order is refused with the reason and changes nothing), and meets
 * another HR person's save without losing a word. A round whose skemas went out (step 3) shows its
 * template read-only with the reason; anyone but HR gets no setup at all.
 */

const DAY_MS = 86_400_000;
/** The open round is created on this day (default deadlines 9 Mar … 4 May 2026). */
const START = new Date('2026-03-02T09:00:00Z');

describe('the tab: HR’s setup of the core task, the skema and the deadlines', function () {
  this.timeout(180_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const clock = { now: START };
  let open: string; // MUS 2026: nothing launched, everything editable
  let sent: string; // MUS 2025: steps 1–3 launched, the template locked

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp({ now: () => clock.now });
    const hr = (await app.repositories.people.get(ORG, PEOPLE.hr))?.value as Person;
    const deps = {
      repositories: app.repositories,
      deliveries: app.deliveries,
      now: () => clock.now,
    };
    clock.now = new Date(START.getTime() - 200 * DAY_MS);
    sent = (await createRound(deps, { by: hr, name: 'MUS 2025' })).value.id;
    for (const step of [1, 2, 3] as StepNumber[]) {
      await launchRolloutStep(deps, { by: hr, roundId: sent, step });
    }
    clock.now = START;
    open = (await createRound(deps, { by: hr, name: 'MUS 2026' })).value.id;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected as an inline script, which the tab's CSP refuses.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const openAs = async (email: string, hash: string, locale?: string): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(email),
      userPrincipalName: email,
      tabPath: `/tab/index.html${hash}`,
      ...(locale ? { locale } : {}),
    });

  /** Opens the setup of `roundId` as HR and waits for its forms. */
  const setupAs = async (roundId: string, locale?: string): Promise<FrameLocator> => {
    const { tab } = await openAs(PEOPLE.hr, `#/setup/${encodeURIComponent(roundId)}`, locale);
    await tab.locator('[data-view="template"]').waitFor();
    return tab;
  };

  const stored = async (roundId: string): Promise<RoundSetupView> => {
    const res = await app.call<RoundSetupView>('GET', `/api/rounds/${roundId}/template`, {
      as: PEOPLE.hr,
    });
    assert.equal(res.status, 200);
    return res.body;
  };

  it('HR finds the setup on the overview and writes the core task, which step 1 waits for', async () => {
    const org = await app.repositories.organisations.get(ORG);
    assert.ok(org);
    await app.repositories.organisations.update({ ...org.value, coreTask: '' }, org.etag);

    const { tab } = await openAs(PEOPLE.hr, '');
    await tab.getByRole('button', { name: 'Opsætning' }).click();
    const coreTask = tab.locator('[data-view="core-task"]');
    await coreTask.getByText(/Kerneopgaven er ikke skrevet endnu\. Trin 1 kan først/).waitFor();
    await coreTask.getByText('Hvad er en god kerneopgave?').waitFor();

    const text = 'Vi sikrer rent drikkevand til borgerne i kommunen — hver dag, hele året.';
    await tab.getByLabel('Organisationens kerneopgave').fill(text);
    // The preview shows it at once, before it is saved.
    await tab.locator('[data-view="preview"] .core-task-text').getByText(text).waitFor();
    await tab.getByRole('textbox', { name: 'Navn', exact: true }).fill('Lone Hvid');
    await tab
      .getByRole('textbox', { name: 'E-mail', exact: true })
      .fill('lone.hvid@vandvaerk.example');
    await tab.getByRole('button', { name: 'Gem kerneopgave og kontakt' }).click();
    await coreTask.getByText(/^Gemt kl\. /).waitFor();
    assert.equal(await coreTask.locator('[data-warning="core-task-missing"]').isHidden(), true);

    const saved = (await app.repositories.organisations.get(ORG))?.value;
    assert.equal(saved?.coreTask, text);
    assert.deepEqual(saved?.hrContact, { name: 'Lone Hvid', email: 'lone.hvid@vandvaerk.example' });
  });

  it('HR edits a question and moves it up with the buttons; the preview follows, and saving stores the order', async () => {
    const tab = await setupAs(open);
    const editor = tab.locator('[data-view="template"]');
    const preview = tab.locator('[data-view="preview"] .preview-section .preview-heading');
    assert.deepEqual((await preview.allTextContents()).slice(0, 3), [
      'Kerneopgaven',
      'Rammer og retning',
      'Handlinger',
    ]);

    await editor
      .locator('li[data-section="handlinger"] input[data-lang="da"]')
      .fill('Det gør vi for borgerne');
    await editor
      .locator('li[data-section="handlinger"] input[data-lang="en"]')
      .fill('What we do for the citizens');
    await tab.getByRole('button', { name: 'Flyt op: Spørgsmål 3' }).click();
    // Focus stays on the moved question's button, so a keyboard user can move it again.
    assert.equal(
      await tab
        .locator('li[data-section="handlinger"] button[data-action="up"]')
        .evaluate((b) => b === document.activeElement),
      true,
    );
    assert.deepEqual((await preview.allTextContents()).slice(0, 3), [
      'Kerneopgaven',
      'Det gør vi for borgerne',
      'Rammer og retning',
    ]);
    // The preview in English shows the English texts.
    await tab.getByLabel('Vis på').selectOption('en');
    await tab
      .locator('[data-view="preview"]')
      .getByText('What we do for the citizens', { exact: true })
      .waitFor();

    // Unsaved, and said so: the server still has the default order.
    await editor.getByRole('status').getByText('Ikke gemt endnu.').waitFor();
    assert.equal((await stored(open)).template.sections[1]?.id, 'rammer-og-retning');
    await tab.getByRole('button', { name: 'Gem skemaet' }).click();
    await editor.getByText(/^Gemt kl\. /).waitFor();
    const after = (await stored(open)).template.sections;
    assert.deepEqual(
      after.slice(0, 3).map((s) => s.id),
      ['kerneopgaven', 'handlinger', 'rammer-og-retning'],
    );
    assert.equal(after[1]?.title.da, 'Det gør vi for borgerne');
  });

  it('HR adds and removes a question; a question without text is refused with the reason', async () => {
    const tab = await setupAs(open);
    const editor = tab.locator('[data-view="template"]');
    const before = (await stored(open)).template.sections.length;
    await tab.getByRole('button', { name: 'Tilføj spørgsmål', exact: true }).click();
    assert.equal(await editor.locator('li.template-item').count(), before + 1);
    // The new question sits before the agreements, which close the talk.
    assert.equal(
      await editor.locator('li.template-item').last().getAttribute('data-section'),
      'aftaler',
    );
    await tab.getByRole('button', { name: 'Gem skemaet' }).click();
    await editor
      .getByRole('alert')
      .getByText(new RegExp(`Spørgsmål ${before}, overskrift på dansk: Må ikke være tom`))
      .waitFor();
    // The empty fields are marked, and the first one has the focus.
    assert.equal(await editor.locator('[aria-invalid="true"]').count(), 4);
    assert.equal(
      await editor
        .locator('li.template-item')
        .nth(before - 1)
        .locator('input[data-lang="da"]')
        .evaluate((el) => el === document.activeElement),
      true,
    );
    assert.equal((await stored(open)).template.sections.length, before, 'nothing was saved');

    await tab.getByRole('button', { name: `Fjern: Spørgsmål ${before}` }).click();
    await tab.getByRole('button', { name: 'Gem skemaet' }).click();
    await editor.getByText(/^Gemt kl\. /).waitFor();
    assert.equal((await stored(open)).template.sections.length, before);
  });

  it('deadlines out of order are refused with the reason and change nothing; in order they are saved', async () => {
    const tab = await setupAs(open);
    const card = tab.locator('[data-view="deadlines"]');
    const was = (await stored(open)).deadlines;
    await card.locator('input[data-step="2"]').fill('2026-03-30');
    await card.locator('input[data-step="3"]').fill('2026-03-20');
    await tab.getByRole('button', { name: 'Gem fristerne' }).click();
    const alert = card.getByRole('alert');
    await alert.getByText(/rækkefølge/).waitFor();
    assert.deepEqual((await stored(open)).deadlines, was, 'the stored deadlines are unchanged');
    await alert.getByText(/Se på trin 3\./).waitFor();
    // What HR typed is still there to be put right, and the step to look at is marked and focused.
    assert.equal(await card.locator('input[data-step="2"]').inputValue(), '2026-03-30');
    const step3 = card.locator('input[data-step="3"]');
    assert.equal(await step3.getAttribute('aria-invalid'), 'true');
    assert.equal(await step3.evaluate((el) => el === document.activeElement), true);

    await card.locator('input[data-step="3"]').fill('2026-04-02');
    await tab.getByRole('button', { name: 'Gem fristerne' }).click();
    await card.getByText(/^Gemt kl\. /).waitFor();
    assert.equal(await card.locator('p.field-error').textContent(), '');
    assert.equal(await card.locator('[aria-invalid]').count(), 0);
    const now = (await stored(open)).deadlines;
    assert.equal(now['2'], '2026-03-30');
    assert.equal(now['3'], '2026-04-02');
  });

  it('when another HR person saved the template first, HR sees both versions and keeps what they typed', async () => {
    const tab = await setupAs(open);
    const editor = tab.locator('[data-view="template"]');
    // Meanwhile another HR person renames the first question and saves.
    const theirs = await stored(open);
    const renamed = theirs.template.sections.map((s, i) =>
      i === 0 ? { ...s, title: { da: 'Vores kerneopgave', en: 'Our core task' } } : s,
    );
    const put = await app.call('PUT', `/api/rounds/${open}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': theirs.etag },
      body: { sections: renamed },
    });
    assert.equal(put.status, 200);

    const mine = 'Kerneopgaven, som du ser den';
    await editor.locator('li[data-section="kerneopgaven"] input[data-lang="da"]').fill(mine);
    await tab.getByRole('button', { name: 'Gem skemaet' }).click();
    const panel = editor.locator('section.conflict');
    await panel.getByText(/1\. Vores kerneopgave:/).waitFor();
    await panel.getByText(new RegExp(`1\\. ${mine}:`)).waitFor();
    await editor.getByText(/En anden har gemt en ny udgave, mens du skrev/).waitFor();
    assert.equal(
      await editor.locator('li[data-section="kerneopgaven"] input[data-lang="da"]').inputValue(),
      mine,
      'what HR typed stays in the field',
    );
    assert.equal((await stored(open)).template.sections[0]?.title.da, 'Vores kerneopgave');
    const frame = await (await page.locator('#tab').elementHandle())?.contentFrame();
    assert.ok(frame);
    assert.deepEqual(await seriousViolations(frame), [], 'the conflict panel is accessible');

    await panel.getByRole('button', { name: 'Behold min' }).click();
    await editor.getByText(/^Gemt kl\. /).waitFor();
    assert.equal((await stored(open)).template.sections[0]?.title.da, mine);
  });

  it('saving the deadlines after the template needs no second look: only a change to the same part is a conflict', async () => {
    const tab = await setupAs(open);
    const editor = tab.locator('[data-view="template"]');
    await editor
      .locator('li[data-section="vaerdier"] input[data-lang="da"]')
      .fill('Værdier i hverdagen');
    await tab.getByRole('button', { name: 'Gem skemaet' }).click();
    await editor.getByText(/^Gemt kl\. /).waitFor();
    const card = tab.locator('[data-view="deadlines"]');
    await card.locator('input[data-step="5"]').fill('2026-05-11');
    await tab.getByRole('button', { name: 'Gem fristerne' }).click();
    await card.getByText(/^Gemt kl\. /).waitFor();
    const now = await stored(open);
    assert.equal(now.deadlines['5'], '2026-05-11');
    assert.ok(now.template.sections.some((s) => s.title.da === 'Værdier i hverdagen'));
  });

  it('once step 3 has sent the skemas, the template is read-only and says why', async () => {
    const tab = await setupAs(sent);
    const editor = tab.locator('[data-view="template"]');
    await editor.getByText('Kan ikke længere ændres').waitFor();
    await editor.getByText(/Skemaet kan ikke ændres, når det er sendt \(trin 3\)/).waitFor();
    assert.equal(await editor.locator('input, textarea').count(), 0);
    assert.equal(await tab.getByRole('button', { name: 'Gem skemaet' }).count(), 0);
    // Step 2 has gone out too: HR's words to the employees are locked with their own reason.
    await tab
      .locator('[data-view="invitation"]')
      .getByText(/kan ikke ændres, når trin 2 er sat i gang/)
      .waitFor();
  });

  it('HR writes their own words and a question for the step-2 card', async () => {
    const tab = await setupAs(open);
    const card = tab.locator('[data-view="invitation"]');
    await card
      .getByLabel('Din tekst på dansk')
      .fill('I år taler vi om, hvordan vi sammen løfter opgaven.');
    await card
      .getByLabel('Din tekst på engelsk')
      .fill('This year we talk about lifting the task together.');
    await tab.getByRole('button', { name: 'Tilføj spørgsmål til medarbejderne' }).click();
    await card.getByLabel('Spørgsmål på dansk').fill('Hvornår gjorde du en forskel for en borger?');
    await card
      .getByLabel('Spørgsmål på engelsk')
      .fill('When did you make a difference for a citizen?');
    await tab.getByRole('button', { name: 'Gem teksten' }).click();
    await card.getByText(/^Gemt kl\. /).waitFor();
    const invitation = (await stored(open)).invitation;
    assert.equal(invitation.text?.da, 'I år taler vi om, hvordan vi sammen løfter opgaven.');
    assert.deepEqual(invitation.questions, [
      {
        da: 'Hvornår gjorde du en forskel for en borger?',
        en: 'When did you make a difference for a citizen?',
      },
    ]);
  });

  it('HR copies the questions of an earlier round into the draft; nothing is saved until HR saves', async () => {
    // This year's first question has a title of its own; last year's is the default.
    const current = await stored(open);
    const renamed = current.template.sections.map((s, i) =>
      i === 0 ? { ...s, title: { da: 'Årets kerneopgave', en: 'This year’s core task' } } : s,
    );
    const put = await app.call('PUT', `/api/rounds/${open}/template`, {
      as: PEOPLE.hr,
      headers: { 'if-match': current.etag },
      body: { sections: renamed },
    });
    assert.equal(put.status, 200);
    const storedBefore = (await stored(open)).template;
    const tab = await setupAs(open);
    const editor = tab.locator('[data-view="template"]');
    await tab.getByLabel('Eller kopiér skemaet fra').selectOption(sent);
    await tab.getByRole('button', { name: 'Kopiér', exact: true }).click();
    const first = editor.locator('li.template-item').first().locator('input[data-lang="da"]');
    await tab
      .locator('[data-view="preview"] .preview-heading')
      .first()
      .getByText('Kerneopgaven', { exact: true })
      .waitFor();
    assert.equal(await first.inputValue(), 'Kerneopgaven');
    assert.deepEqual((await stored(open)).template, storedBefore);
  });

  it('when another HR person saved the core task first, HR can take theirs instead', async () => {
    const { tab } = await openAs(PEOPLE.hr, '#/setup');
    const card = tab.locator('[data-view="core-task"]');
    const field = tab.getByLabel('Organisationens kerneopgave');
    await field.waitFor();
    const read = await app.call<{ etag: string }>('GET', '/api/organisation', { as: PEOPLE.hr });
    const theirs = 'Vi renser spildevandet og leverer rent vand til alle i kommunen.';
    const put = await app.call('PUT', '/api/organisation', {
      as: PEOPLE.hr,
      headers: { 'if-match': read.body.etag },
      body: { coreTask: theirs },
    });
    assert.equal(put.status, 200);
    await field.fill('Min egen udgave af kerneopgaven.');
    await tab.getByRole('button', { name: 'Gem kerneopgave og kontakt' }).click();
    const panel = card.locator('section.conflict');
    await panel.getByText(new RegExp(theirs)).waitFor();
    await panel.getByText(/Min egen udgave af kerneopgaven\./).waitFor();
    assert.equal(await field.inputValue(), 'Min egen udgave af kerneopgaven.');
    await panel.getByRole('button', { name: 'Brug den gemte' }).click();
    assert.equal(await tab.getByLabel('Organisationens kerneopgave').inputValue(), theirs);
    assert.equal((await app.repositories.organisations.get(ORG))?.value.coreTask, theirs);
  });

  it('HR starts a new GRUS round from the setup screen and lands on its setup with the GRUS skema', async () => {
    const tab = await setupAs(open);
    const card = tab.locator('[data-view="new-round"]');
    await tab.getByRole('button', { name: 'Opret runden' }).click();
    await card
      .getByRole('alert')
      .getByText(/Må ikke være tom/)
      .waitFor();
    const before = (await app.repositories.rounds.list(ORG)).length;
    assert.equal(before, 2, 'an empty name creates nothing');

    await card.getByLabel('Rundens navn').fill('Teamudvikling 2026');
    await card.getByLabel('Slags samtale').selectOption('GRUS');
    await tab.getByRole('button', { name: 'Opret runden' }).click();
    await tab.getByRole('heading', { level: 2, name: 'Runden: Teamudvikling 2026' }).waitFor();
    await tab
      .locator('[data-view="preview"] .preview-title')
      .getByText('GRUS-skema · Teamudvikling 2026')
      .waitFor();
    const created = (await app.repositories.rounds.list(ORG)).find(
      (r) => r.name === 'Teamudvikling 2026',
    );
    assert.equal(created?.kind, 'GRUS');
  });

  it('anyone but HR gets no setup: no way in from the overview, and the address says it is for HR', async () => {
    for (const who of [PEOPLE.employee, PEOPLE.leader]) {
      const { tab } = await openAs(who, '');
      await tab.locator('[data-view="my-data"]').waitFor();
      assert.equal(await tab.getByRole('button', { name: 'Opsætning' }).count(), 0, who);
      const direct = await openAs(who, '#/setup');
      await direct.tab.getByText(/^Opsætningen er kun for HR\./).waitFor();
      assert.equal(await direct.tab.locator('textarea, input').count(), 0, who);
    }
  });

  it('speaks English when Teams does', async () => {
    const tab = await setupAs(open, 'en-GB');
    await tab.getByRole('heading', { level: 2, name: 'The core task' }).waitFor();
    await tab.getByRole('button', { name: 'Save the form' }).waitFor();
    await tab.getByRole('heading', { level: 2, name: 'How the employee sees the form' }).waitFor();
  });

  it('has no serious accessibility findings in Teams’ dark and high-contrast themes', async () => {
    for (const theme of ['dark', 'contrast'] as const) {
      await openInTeams(page, app.url, {
        token: await app.tokenFor(PEOPLE.hr),
        userPrincipalName: PEOPLE.hr,
        tabPath: `/tab/index.html#/setup/${encodeURIComponent(open)}`,
        theme,
      });
      const frame = await (await page.locator('#tab').elementHandle())?.contentFrame();
      assert.ok(frame);
      await frame.locator('[data-view="template"]').waitFor();
      assert.deepEqual(await seriousViolations(frame), [], theme);
    }
  });

  for (const width of [320, 1280]) {
    it(`has no serious accessibility findings at ${width} px, editable and read-only`, async () => {
      await page.setViewportSize({ width, height: 900 });
      for (const roundId of [open, sent]) {
        await setupAs(roundId);
        const frame = await (await page.locator('#tab').elementHandle())?.contentFrame();
        assert.ok(frame);
        assert.deepEqual(await seriousViolations(frame), [], `${roundId} at ${width} px`);
        if (width === 320) {
          const overflow = await frame.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          const wide = await frame.evaluate(() =>
            [...document.querySelectorAll('body *')]
              .filter(
                (el) => el.getBoundingClientRect().right > document.documentElement.clientWidth,
              )
              .map((el) => `${el.tagName}.${el.className}[${el.getAttribute('data-view') ?? ''}]`),
          );
          assert.ok(
            overflow <= 0,
            `nothing wider than the screen (${overflow} px too wide): ${wide.join(', ')}`,
          );
        }
      }
    });
  }
});
