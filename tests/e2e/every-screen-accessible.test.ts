import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Locator } from 'playwright-core';
import { defaultGrusTemplate } from '../../bot/mus/default-template.js';
import { newRound } from '../../bot/mus/round.js';
import type { SkemaView } from '../../bot/skema/skema-view.js';
import { sendSkema } from '../../bot/rollout/steps/step-3-send-skema.js';
import { seriousViolations } from './harness/axe.js';
import { launchChromium } from './harness/chromium.js';
import {
  ORG,
  PEOPLE,
  skemaPath,
  startTabTestApp,
  type TabTestApp,
} from './harness/tab-test-app.js';
import { openInTeams, type Theme } from './harness/teams-host.js';

/*
 * Every screen of the tab, in each of Teams' three themes, in the meeting side panel's 320 px and at
 * a desktop's 1280 px: axe-core finds no serious or critical problem, and nothing scrolls sideways.
 * Each screen is opened once per width as the person who uses it, then the theme is switched live.
 */

const ROUND = 'mus-alle-skaerme';
/** Her talk is under way: the leader's talk view with its notes. */
const IN_TALK = 'maja.thomsen@vandvaerk.example';
const GRUS = 'grus-alle-skaerme';
const THEMES: Theme[] = ['default', 'dark', 'contrast'];
const WIDTHS = [
  [320, 640],
  [1280, 800],
] as const;

interface Screen {
  name: string;
  as: string;
  /** Where the tab opens: a hash or a deep link's sub-entity. */
  open: { hash?: string; subEntityId?: string };
  /** What shows that the screen is there (not its skeleton). */
  ready: (tab: FrameLocator) => Locator;
}

const SCREENS: Screen[] = [
  {
    name: "HR's overview of the round",
    as: PEOPLE.hr,
    open: { hash: `#/round/${ROUND}` },
    ready: (tab) => tab.locator('[data-view="hr-overview"] table.steps'),
  },
  {
    name: "HR's setup",
    as: PEOPLE.hr,
    open: { hash: `#/setup/${ROUND}` },
    ready: (tab) => tab.locator('[data-view="template"]'),
  },
  {
    name: "the leader's team list",
    as: PEOPLE.leader,
    open: { hash: `#/round/${ROUND}` },
    ready: (tab) => tab.getByRole('list', { name: 'Mine medarbejdere' }),
  },
  {
    name: 'the talk, as the leader holds it',
    as: PEOPLE.leader,
    open: { subEntityId: `skema:${ROUND}:${IN_TALK}` },
    ready: (tab) => tab.getByRole('textbox', { name: 'Noter fra samtalen – Kerneopgaven' }),
  },
  {
    name: "the employee's preparation",
    as: PEOPLE.otherEmployee,
    open: { subEntityId: `skema:${ROUND}:${PEOPLE.otherEmployee}` },
    ready: (tab) => tab.getByRole('button', { name: 'Send forberedelsen til din leder' }),
  },
  {
    name: "the employee's summary to acknowledge",
    as: PEOPLE.employee,
    open: { subEntityId: `skema:${ROUND}:${PEOPLE.employee}` },
    ready: (tab) => tab.getByRole('button', { name: 'Kvittér' }),
  },
  {
    name: 'the agreed part, to print',
    as: PEOPLE.leader,
    open: { hash: `#/print/${ROUND}/${PEOPLE.employee}` },
    ready: (tab) => tab.locator('.print-document'),
  },
  {
    name: '"Mine aftaler"',
    as: PEOPLE.employee,
    open: { hash: '#/aftaler' },
    ready: (tab) => tab.getByRole('heading', { level: 1, name: 'Mine aftaler' }),
  },
  {
    name: 'the group talk (GRUS)',
    as: PEOPLE.leader,
    open: { hash: `#/group/${GRUS}/${PEOPLE.leader}` },
    ready: (tab) => tab.locator('.group-talk[data-viewer="leader"]'),
  },
  {
    name: 'the privacy page',
    as: PEOPLE.employee,
    open: { hash: '#privatliv' },
    ready: (tab) => tab.getByRole('heading', { level: 1, name: 'Privatliv' }),
  },
  {
    name: 'the terms',
    as: PEOPLE.employee,
    open: { hash: '#vilkaar' },
    ready: (tab) => tab.getByRole('heading', { level: 1 }),
  },
];

describe('the tab: every screen is accessible in every theme, at 320 px and 1280 px', function () {
  this.timeout(180_000);
  let app: TabTestApp;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
    await app.createRound(ROUND, [PEOPLE.employee, PEOPLE.otherEmployee, IN_TALK]);
    // Pernille's talk is finalised with an agreement (her summary waits for her receipt); Lars has
    // not sent his preparation yet; Maja's talk is under way.
    const path = skemaPath(ROUND, PEOPLE.employee);
    const draft = (await app.call<SkemaView>('GET', path, { as: PEOPLE.employee })).body;
    const sent = await app.call<SkemaView>('PUT', `${path}/answers`, {
      as: PEOPLE.employee,
      body: { answers: { kerneopgaven: 'Rent vand hver dag.' }, submit: true, etag: draft.etag },
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    await app.call('POST', `${path}/agreements`, {
      as: PEOPLE.leader,
      body: { what: 'Kursus i ledningsnet', ownerEmail: PEOPLE.employee, dueDate: '2026-05-01' },
    });
    const skema = (await app.call<SkemaView>('GET', path, { as: PEOPLE.leader })).body;
    const finalised = await app.call('POST', `${path}/finalise`, {
      as: PEOPLE.leader,
      body: { etag: skema.etag },
    });
    assert.equal(finalised.status, 200, JSON.stringify(finalised.body));

    const inTalk = skemaPath(ROUND, IN_TALK);
    const maja = (await app.call<SkemaView>('GET', inTalk, { as: PEOPLE.leader })).body;
    const started = await app.call('POST', `${inTalk}/start`, {
      as: PEOPLE.leader,
      body: { etag: maja.etag },
    });
    assert.equal(started.status, 200, JSON.stringify(started.body));

    const grus = newRound({
      orgId: ORG,
      id: GRUS,
      name: 'GRUS alle skærme',
      kind: 'GRUS',
      createdBy: PEOPLE.hr,
      now: new Date(),
      template: defaultGrusTemplate(),
    });
    await app.repositories.rounds.create(grus);
    await sendSkema.prepare!(
      app.repositories,
      grus,
      await app.repositories.people.list(ORG),
      new Date(),
    );
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [width, height] of WIDTHS) {
    describe(`at ${width} px`, () => {
      let context: BrowserContext;
      before(async () => {
        // axe is injected as an inline script, which the tab's CSP refuses.
        context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      });
      after(async () => {
        await context?.close();
      });

      for (const screen of SCREENS) {
        it(`${screen.name}: no serious axe finding in any theme, no sideways scroll`, async () => {
          const page = await context.newPage();
          try {
            const hosted = await openInTeams(page, app.url, {
              token: await app.tokenFor(screen.as),
              userPrincipalName: screen.as,
              ...(screen.open.subEntityId ? { subEntityId: screen.open.subEntityId } : {}),
              ...(screen.open.hash ? { tabPath: `/tab/index.html${screen.open.hash}` } : {}),
            });
            await screen.ready(hosted.tab).first().waitFor();
            const frame = await hosted.frame();
            const findings: string[] = [];
            for (const theme of THEMES) {
              await hosted.setTheme(theme);
              await frame.waitForFunction(
                (t) => document.documentElement.dataset.theme === t,
                theme,
              );
              findings.push(...(await seriousViolations(frame)).map((f) => `${theme}: ${f}`));
            }
            assert.deepEqual(findings, []);
            const overflow = await frame.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});
