import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
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
import { openInTeams } from './harness/teams-host.js';

/*
 * The method's follow-up in the tab: "Mine aftaler" gathers the agreements from the employee's talks
 * across rounds, and the next round's talk begins with "Opfølgning fra sidst".
 */

const AGREED = 'Tage kurset i ledningsregistrering';
const NOTE = 'Talte om arbejdspresset i vagtplanen.';
const PRIVATE = 'Husk at spørge ind til helbredet.';

describe('the tab: following up on agreements', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    // Last year's talk, held and finalised with one agreement.
    await app.createRound('mus-2025', [PEOPLE.employee]);
    const path = skemaPath('mus-2025', PEOPLE.employee);
    const as = { as: PEOPLE.leader };
    let view = (await app.call<SkemaView>('GET', path, as)).body;
    view = (
      await app.call<SkemaView>('POST', `${path}/start`, { ...as, body: { etag: view.etag } })
    ).body;
    view = (
      await app.call<SkemaView>('PUT', `${path}/talk-notes`, {
        ...as,
        body: { talkNotes: { kerneopgaven: NOTE }, etag: view.etag },
      })
    ).body;
    const note = await app.call('PUT', `${path}/private-note`, {
      ...as,
      body: { text: PRIVATE, etag: null },
    });
    assert.equal(note.status, 200);
    const added = await app.call('POST', `${path}/agreements`, {
      ...as,
      body: { what: AGREED, ownerEmail: PEOPLE.employee, dueDate: '2026-03-01' },
    });
    assert.equal(added.status, 201);
    const finalised = await app.call('POST', `${path}/finalise`, {
      ...as,
      body: { etag: view.etag },
    });
    assert.equal(finalised.status, 200);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [width, height] of [
    [320, 640],
    [1280, 800],
  ] as const) {
    it(`"Mine aftaler" lists the agreement and its status sticks after a reload (${width} px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const page = await context.newPage();
      const open = async () =>
        openInTeams(page, app.url, {
          token: await app.tokenFor(PEOPLE.employee),
          userPrincipalName: PEOPLE.employee,
        });
      let hosted = await open();
      await hosted.tab.getByRole('button', { name: 'Se mine aftaler' }).click();
      await hosted.tab.getByRole('heading', { level: 1, name: 'Mine aftaler' }).waitFor();
      const item = hosted.tab.locator('li.agreement').filter({ hasText: AGREED });
      const status = item.getByRole('combobox', { name: `Status for aftalen: ${AGREED}` });
      const next = width === 320 ? 'in-progress' : 'done';
      await status.selectOption(next);
      await item.getByText('Status gemt.').waitFor();
      assert.deepEqual(await seriousViolations(await hosted.frame()), []);

      await page.reload();
      hosted = await open();
      await hosted.tab.getByRole('button', { name: 'Se mine aftaler' }).click();
      const again = hosted.tab
        .locator('li.agreement')
        .filter({ hasText: AGREED })
        .getByRole('combobox');
      assert.equal(await again.inputValue(), next);
      await context.close();
    });
  }

  it('the next round’s talk begins with "Opfølgning fra sidst"', async () => {
    await app.createRound('mus-2026', [PEOPLE.employee]);
    const stored = await app.repositories.skemas.get(ORG, 'mus-2026', PEOPLE.employee);
    assert.ok(stored);
    await app.repositories.skemas.update(
      {
        ...stored.value,
        followUp: [
          {
            fromRoundId: 'mus-2025',
            what: AGREED,
            ownerEmail: PEOPLE.employee,
            dueDate: '2026-03-01',
            status: 'done',
          },
        ],
      },
      stored.etag,
      stored.value,
    );
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:mus-2026:${PEOPLE.employee}`,
    });
    const followUp = hosted.tab.locator('[data-view="follow-up-from-last"]');
    await followUp.getByRole('heading', { name: 'Opfølgning fra sidst' }).waitFor();
    await followUp.getByText(AGREED).waitFor();
    // It comes before the core task and the sections: the talk starts by looking back.
    const order = await (
      await hosted.frame()
    ).evaluate(() =>
      Array.from(document.querySelectorAll('.follow-up-last, .core-task')).map((el) =>
        el.classList.contains('follow-up-last') ? 'follow-up' : 'core-task',
      ),
    );
    assert.deepEqual(order.slice(0, 2), ['follow-up', 'core-task']);
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);
    await context.close();
  });

  it('the agreed part prints alone: agreements, no notes, no private note, no buttons on paper', async () => {
    const context = await browser.newContext({
      viewport: { width: 320, height: 640 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    const hosted = await openInTeams(page, app.url, {
      token: await app.tokenFor(PEOPLE.leader),
      userPrincipalName: PEOPLE.leader,
      subEntityId: `skema:mus-2025:${PEOPLE.employee}`,
    });
    await hosted.tab.getByRole('button', { name: 'Udskriv det aftalte' }).click();
    const document = hosted.tab.locator('.print-document');
    await document.getByRole('heading', { level: 1, name: /Aftalt i samtalen/ }).waitFor();
    await document.getByRole('cell', { name: AGREED }).waitFor();
    await document.getByRole('cell', { name: 'Pernille Krogh' }).waitFor();
    const text = (await document.textContent()) ?? '';
    assert.ok(!text.includes(NOTE), 'the notes by section stay out of the personnel file');
    assert.ok(!text.includes(PRIVATE), "the leader's private note never prints");
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);

    const print = hosted.tab.getByRole('button', { name: 'Udskriv / gem som PDF' });
    assert.equal(await print.isVisible(), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await print.isVisible(), false, 'no buttons on paper');
    assert.equal(await document.isVisible(), true);
    await context.close();
  });
});
