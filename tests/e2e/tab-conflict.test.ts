import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { launchChromium } from './harness/chromium.js';
import { PEOPLE, skemaPath, startTabTestApp, type TabTestApp } from './harness/tab-test-app.js';
import { openInTeams } from './harness/teams-host.js';

/*
 * Two windows on one skema: the leader writes in the tab while the same notes are saved from another
 * window (the API, as the leader's other device would). The tab must never overwrite silently.
 */

describe('the tab: notes saved elsewhere while the leader writes', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const round = 'mus-konflikt';
  const path = skemaPath(round, PEOPLE.employee);

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(round, [PEOPLE.employee]);
    const skema = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    await app.call('POST', skemaPath(round, PEOPLE.employee, '/start'), {
      as: PEOPLE.leader,
      body: { etag: skema.body.etag },
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

  async function saveFromElsewhere(text: string): Promise<void> {
    const current = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    const saved = await app.call('PUT', skemaPath(round, PEOPLE.employee, '/talk-notes'), {
      as: PEOPLE.leader,
      body: { talkNotes: { kerneopgaven: text }, etag: current.body.etag },
    });
    assert.equal(saved.status, 200);
  }

  it('a 412 shows both texts side by side, and "keep mine" saves mine on top of theirs', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' });
    await notes.fill('Min første note.');
    await notes.blur();
    await tab
      .getByRole('status')
      .getByText(/Gemt kl\./)
      .waitFor();

    await saveFromElsewhere('Deres note fra den anden skærm.');

    await notes.fill('Min første note. Og mere.');
    await notes.blur();
    const conflict = tab.getByRole('group', { name: /Ændret af en anden, mens du skrev/ });
    await conflict.getByText('Deres note fra den anden skærm.').waitFor();
    await conflict.getByText('Min første note. Og mere.').waitFor();
    await tab
      .getByRole('status')
      .getByText(/Ikke gemt – en anden har ændret det samme/)
      .waitFor();
    assert.equal(
      await notes.inputValue(),
      'Min første note. Og mere.',
      'my text stays in the field',
    );
    const meanwhile = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    assert.equal(meanwhile.body.talkNotes.kerneopgaven, 'Deres note fra den anden skærm.');

    await conflict.getByRole('button', { name: 'Behold min' }).click();
    await tab
      .getByRole('status')
      .getByText(/Gemt kl\./)
      .waitFor();
    assert.equal(await conflict.count(), 0);
    const after = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    assert.equal(after.body.talkNotes.kerneopgaven, 'Min første note. Og mere.');
  });

  it('"use the saved one" puts their text in the field and saves nothing over it', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const notes = tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' });
    await notes.waitFor();
    await saveFromElsewhere('Den gemte udgave vinder.');

    await notes.fill('Et udkast, jeg dropper.');
    await notes.blur();
    const conflict = tab.getByRole('group', { name: /Ændret af en anden/ });
    await conflict.getByRole('button', { name: 'Brug den gemte' }).click();
    assert.equal(await notes.inputValue(), 'Den gemte udgave vinder.');
    assert.equal(await conflict.count(), 0);
    const stored = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    assert.equal(stored.body.talkNotes.kerneopgaven, 'Den gemte udgave vinder.');
  });

  it('a change elsewhere to another section is kept, and my section is saved without asking', async () => {
    const { tab } = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:${round}:${PEOPLE.employee}`,
    });
    const handlinger = tab.getByRole('textbox', { name: 'Noter fra samtalen – Handlinger' });
    await handlinger.waitFor();
    await saveFromElsewhere('Kerneopgaven, skrevet et andet sted.');

    await handlinger.fill('Mere af det, der virker.');
    await handlinger.blur();
    await tab
      .getByRole('status')
      .getByText(/Gemt kl\./)
      .waitFor();
    assert.equal(await tab.getByRole('group', { name: /Ændret af en anden/ }).count(), 0);
    const kerneopgaven = tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' });
    assert.equal(await kerneopgaven.inputValue(), 'Kerneopgaven, skrevet et andet sted.');
    const stored = await app.call<SkemaView>('GET', path, { as: PEOPLE.leader });
    assert.equal(stored.body.talkNotes.kerneopgaven, 'Kerneopgaven, skrevet et andet sted.');
    assert.equal(stored.body.talkNotes.handlinger, 'Mere af det, der virker.');
  });
});
