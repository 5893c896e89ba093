import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { EVALUATION_STATEMENTS, type EvaluationAnswer } from '../../bot/mus/evaluation.js';
import type { Person } from '../../bot/mus/person.js';
import type { StepNumber } from '../../bot/mus/rollout-steps.js';
import type { DeliveryStatus } from '../../bot/rollout/delivery.js';
import { createRound } from '../../bot/rollout/create-round.js';
import { launchRolloutStep } from '../../bot/rollout/launch-step.js';
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
import { openInTeams, type HostedTab, type Theme } from './harness/teams-host.js';

/*
 * HR's overview in the tab, end to end in headless Chromium against the real server on Azurite: HR
 * launches steps (the real rollout use cases write the outbox), some cards are sent and some fail,
 * leaders and employees move their skemas on through the tab's API, and HR opens the tab in Teams.
 * What HR relies on is asserted: the counts per step, per department and per leader, the overdue
 * leaders marked first, the evaluation as far as it may be shown, the CSV download — and that nobody
 * else sees any of it.
 */

const DAY_MS = 86_400_000;
/** The current round is created on this day; its talks are due 49 days later (2026-04-20). */
const START = new Date('2026-03-02T09:00:00Z');
/** When HR looks: the day after the talks' deadline, so unheld talks are overdue. */
const VIEWING = new Date(START.getTime() + 50 * DAY_MS);

const SOREN_TEAM = [
  'pernille.krogh@vandvaerk.example',
  'lars.christensen@vandvaerk.example',
  'maja.thomsen@vandvaerk.example',
  'henrik.mortensen@vandvaerk.example',
  'sofie.jorgensen@vandvaerk.example',
  'rasmus.bech@vandvaerk.example',
  'ida.lund@vandvaerk.example',
  'torben.aagaard@vandvaerk.example',
];
const ANJA_PREPARED = 'frederik.nygaard@vandvaerk.example';

/** The texts of each body row's cells, header cell first. */
async function rowsOf(tab: FrameLocator, selector: string): Promise<string[][]> {
  return tab
    .locator(selector)
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()),
      ),
    );
}

describe('the tab: HR’s overview of a round', function () {
  this.timeout(180_000);
  let app: TabTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const clock = { now: START };
  let current: string; // MUS 2026: steps 1–3, talks under way, two leaders overdue
  let evaluated: string; // MUS 2025: all five steps, the evaluation closed with results

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp({ now: () => clock.now });
    const hr = (await app.repositories.people.get(ORG, PEOPLE.hr))?.value as Person;
    const deps = {
      repositories: app.repositories,
      deliveries: app.deliveries,
      now: () => clock.now,
    };
    const roundThrough = async (name: string, through: StepNumber): Promise<string> => {
      const roundId = (await createRound(deps, { by: hr, name })).value.id;
      for (let step = 1; step <= through; step++) {
        await launchRolloutStep(deps, { by: hr, roundId, step: step as StepNumber });
      }
      return roundId;
    };

    // Last year's round, evaluated: 13 answers, one from a leader (too few to split by role).
    clock.now = new Date(START.getTime() - 120 * DAY_MS);
    evaluated = await roundThrough('MUS 2025', 5);
    const answers: [string, 'leader' | 'employee', number, string?][] = [
      ...Array.from({ length: 6 }, (): [string, 'employee', number] => ['Drift', 'employee', 4]),
      ['Drift', 'leader', 5, 'Mere tid til forberedelse, tak.'],
      ...Array.from({ length: 6 }, (): [string, 'employee', number] => [
        'Udvikling',
        'employee',
        3,
      ]),
    ];
    answers[0]![3] = '<b>Kerneopgaven</b> fyldte godt';
    for (const [i, [department, respondentRole, score, comment]] of answers.entries()) {
      const answer: EvaluationAnswer = {
        orgId: ORG,
        roundId: evaluated,
        id: 'ignored',
        respondentRole,
        department,
        scores: Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, score])),
        ...(comment ? { comment } : {}),
      };
      await app.repositories.evaluations.submit(
        { orgId: ORG, roundId: evaluated, personEmail: `svar${i}@vandvaerk.example` },
        answer,
      );
    }

    // This year's round: steps 1–3 launched; some cards sent, some failed or not installed.
    clock.now = START;
    current = await roundThrough('MUS 2026', 3);
    // The step's own cards (the leaders' briefings of step 3 are not counted, so not given outcomes).
    const claimed = (await app.deliveries.claimDue('e2e', START, 60_000, 1000)).filter(
      (d) =>
        d.value.roundId === current &&
        (d.value.audience === 'employee' || d.value.audience === 'leader'),
    );
    const outcome = (step: number, index: number): DeliveryStatus | undefined => {
      if (step === 1) return (['sent', 'failed', 'not-installed'] as const)[index];
      if (step === 2) return index < 20 ? 'sent' : index === 20 ? 'failed' : undefined;
      return index < 26 ? 'sent' : 'waiting';
    };
    const seen = new Map<number, number>();
    for (const d of claimed) {
      const index = seen.get(d.value.step) ?? 0;
      seen.set(d.value.step, index + 1);
      const status = outcome(d.value.step, index);
      if (status) await app.deliveries.save({ ...d.value, status }, d.etag);
    }

    // Søren has held all his talks (one finalised and one acknowledged as well); Anja has one
    // prepared skema and Mette none: after the deadline those two are overdue.
    const call = async (
      method: string,
      path: string,
      as: string,
      body: Record<string, unknown>,
    ): Promise<SkemaView> => {
      const res = await app.call<SkemaView>(method, path, { as, body });
      assert.equal(res.status, 200, `${method} ${path} as ${as}: ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const etag = async (employee: string): Promise<string> =>
      (await app.call<SkemaView>('GET', skemaPath(current, employee), { as: employee })).body.etag;
    for (const employee of [...SOREN_TEAM, ANJA_PREPARED]) {
      const path = skemaPath(current, employee);
      if (employee === SOREN_TEAM[0] || employee === ANJA_PREPARED) {
        await call('PUT', `${path}/answers`, employee, {
          answers: { kerneopgaven: 'Et svar, som HR aldrig ser.' },
          submit: true,
          etag: await etag(employee),
        });
      }
      if (employee === ANJA_PREPARED) continue;
      let view = await call('POST', `${path}/start`, PEOPLE.leader, { etag: await etag(employee) });
      if (employee === SOREN_TEAM[0] || employee === SOREN_TEAM[1]) {
        view = await call('POST', `${path}/finalise`, PEOPLE.leader, { etag: view.etag });
      }
      if (employee === SOREN_TEAM[0]) {
        await call('POST', `${path}/acknowledge`, employee, { etag: view.etag });
      }
    }
    clock.now = VIEWING;
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  beforeEach(async () => {
    // axe is injected as an inline script, which the tab's CSP refuses.
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 1200, height: 900 },
    });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const asPerson = async (
    email: string,
    options: { theme?: Theme; locale?: string; roundId?: string } = {},
  ): Promise<HostedTab> =>
    openInTeams(page, app.url, {
      token: await app.tokenFor(email),
      userPrincipalName: email,
      theme: options.theme,
      locale: options.locale,
      tabPath: options.roundId
        ? `/tab/index.html#/round/${encodeURIComponent(options.roundId)}`
        : undefined,
    });

  /** Opens the tab as HR and waits until the overview's figures are shown. */
  const asHr = async (options: { theme?: Theme; locale?: string; roundId?: string } = {}) => {
    const hosted = await asPerson(PEOPLE.hr, options);
    await hosted.tab.locator('[data-view="hr-overview"] table.steps').waitFor();
    return hosted;
  };

  it('HR sees, per step, how many cards were sent, are pending, failed or could not be delivered', async () => {
    const { tab } = await asHr();
    await tab.getByRole('heading', { level: 2, name: 'Overblik over runden' }).waitFor();
    // The current round is the default: the newest open one.
    assert.equal(await tab.getByRole('combobox', { name: 'Vælg runde' }).inputValue(), current);
    const steps = tab.getByRole('table', { name: 'Kort sendt ud pr. trin' });
    assert.deepEqual(await steps.locator('thead th').allTextContents(), [
      'Trin',
      'Frist',
      'Sat i gang',
      'Sendt',
      'I kø',
      'Fejlet',
      'Venter på appen',
      'Ikke installeret',
    ]);
    const rows = await rowsOf(tab, 'table.steps tbody tr');
    // [name, sent, queued, failed, waiting for the app, not installed]; dates in between.
    assert.deepEqual(
      rows.map(([name, , , ...counts]) => [name, ...counts]),
      [
        ['1. Informér lederne', '1', '0', '1', '0', '1'],
        ['2. Informér medarbejderne', '20', '7', '1', '0', '0'],
        ['3. Send MUS-skema', '26', '0', '0', '2', '0'],
        ['4. Hold samtalerne', '0', '0', '0', '0', '0'],
        ['5. Evaluér MUS', '0', '0', '0', '0', '0'],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r[2]),
      ['2. mar. 2026', '2. mar. 2026', '2. mar. 2026', 'Endnu ikke', 'Endnu ikke'],
    );
    assert.equal(rows[3]![1], '20. apr. 2026', 'the talks’ deadline');
  });

  it('HR sees the talks per department and per leader, with the overdue leaders first and marked', async () => {
    const { tab } = await asHr();
    await tab
      .getByText('Samtalerne skal være holdt senest 20. apr. 2026. 8 af 28 samtaler er holdt.')
      .waitFor();
    const departments = tab.getByRole('table', { name: 'Skemaer pr. afdeling' });
    assert.deepEqual(await departments.locator('thead th').allTextContents(), [
      'Afdeling',
      'I alt',
      'Sendt',
      'Forberedt',
      'Samtale i gang',
      'Afsluttet af leder',
      'Kvitteret',
    ]);
    assert.deepEqual(await rowsOf(tab, 'table.departments tbody tr, table.departments tfoot tr'), [
      ['Drift', '8', '8', '0', '0', '0', '0'],
      ['HR', '1', '1', '0', '0', '0', '0'],
      ['Kundeservice', '9', '1', '0', '6', '1', '1'],
      ['Udvikling', '10', '9', '1', '0', '0', '0'],
      ['Hele runden', '28', '19', '1', '6', '1', '1'],
    ]);

    const leaders = tab.getByRole('table', { name: /Skemaer pr. leder/ });
    await leaders.waitFor();
    assert.deepEqual(await rowsOf(tab, 'table.leaders tbody tr'), [
      // leader, departments, not held, total, sent, prepared, held, finalised, acknowledged
      ['⚠ anja.holm@vandvaerk.example Forsinket', 'Udvikling', '9', '9', '8', '1', '0', '0', '0'],
      [
        '⚠ mette.kjaer@vandvaerk.example Forsinket',
        'Drift, HR, Kundeservice, Udvikling',
        '11',
        '11',
        '11',
        '0',
        '0',
        '0',
        '0',
      ],
      ['soren.dahl@vandvaerk.example', 'Kundeservice', '0', '8', '0', '0', '6', '1', '1'],
    ]);
    assert.deepEqual(
      await tab
        .locator('table.leaders tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-overdue'))),
      ['true', 'true', 'false'],
    );
    // Said in words above the table too, not only by the marking.
    await tab
      .getByText(/2 ledere har samtaler, der ikke er holdt, selv om fristen 20\. apr\. 2026/)
      .waitFor();
    // Row headers are real row headers, so a screen reader names the leader with each figure.
    assert.equal(await leaders.locator('tbody th[scope="row"]').count(), 3);
  });

  it('before the evaluation, HR is told from which day its results will be shown', async () => {
    const { tab } = await asHr();
    const evaluation = tab.locator('section.evaluation');
    assert.equal(await evaluation.getAttribute('data-state'), 'not-launched');
    await evaluation
      .getByText(
        'Evalueringen er ikke sendt ud endnu; det sker i trin 5. Resultaterne kan ses fra 5. maj 2026.',
      )
      .waitFor();
    assert.equal(await evaluation.locator('table').count(), 0);
  });

  it('HR picks last year’s round and reads the evaluation per group, and why some groups are hidden', async () => {
    const { tab } = await asHr();
    await tab.getByRole('combobox', { name: 'Vælg runde' }).selectOption(evaluated);
    const evaluation = tab.locator('section.evaluation[data-state="results"]');
    await evaluation.waitFor();
    await evaluation.getByText('Antal svar: 13.').waitFor();
    await evaluation
      .getByText(
        'Fordelingen på ledere og medarbejdere vises ikke, fordi en af grupperne har færre end 5 svar.',
      )
      .waitFor();
    assert.deepEqual(await evaluation.getByRole('heading', { level: 4 }).allTextContents(), [
      'Alle – 13 svar',
      'Drift – 7 svar',
      'Udvikling – 6 svar',
    ]);
    const all = evaluation.getByRole('table', { name: 'Gennemsnit og fordeling af svarene: Alle' });
    assert.deepEqual(await all.locator('thead th').allTextContents(), [
      'Udsagn',
      'Gennemsnit',
      '1: Helt uenig',
      '2: Uenig',
      '3: Hverken enig eller uenig',
      '4: Enig',
      '5: Helt enig',
    ]);
    const allRows = await rowsOf(tab, 'section[data-group="all"] table tbody tr');
    assert.equal(allRows.length, 5);
    assert.deepEqual(allRows[0], [
      'Kerneopgaven var i centrum for samtalen.',
      '3,62',
      '0',
      '0',
      '6',
      '6',
      '1',
    ]);
    assert.deepEqual(
      (await rowsOf(tab, 'section[data-group="Drift"] table tbody tr')).map((r) => r[1]),
      ['4,14', '4,14', '4,14', '4,14', '4,14'],
    );
    // The comments of a shown group, as text (never as HTML), behind a disclosure.
    const drift = evaluation.locator('section[data-group="Drift"]');
    await drift.getByText('Kommentarer (2)').click();
    await drift.getByText('<b>Kerneopgaven</b> fyldte godt', { exact: true }).waitFor();
    await drift.getByText('Mere tid til forberedelse, tak.').waitFor();
    assert.equal(await evaluation.locator('b').count(), 0);
    await evaluation
      .locator('section[data-group="Udvikling"]')
      .getByText('Ingen kommentarer.')
      .waitFor();
    // The choice is kept in the URL, so reloading or going back shows the same round.
    const frame = await (await asHr({ roundId: evaluated })).frame();
    assert.equal(
      await frame.evaluate(() => document.querySelectorAll('section.evaluation table').length),
      3,
    );
  });

  it('speaks English when Teams does', async () => {
    const { tab } = await asHr({ locale: 'en-GB', roundId: evaluated });
    await tab.getByRole('heading', { level: 2, name: 'Overview of the round' }).waitFor();
    await tab.getByRole('button', { name: 'Download CSV' }).waitFor();
    await tab.getByRole('heading', { level: 4, name: 'Everyone – 13 answers' }).waitFor();
    assert.equal((await rowsOf(tab, 'section[data-group="all"] table tbody tr'))[0]?.[1], '3.62');
    const { tab: now } = await asHr({ locale: 'en-GB' });
    await now.locator('table.leaders').getByText('Overdue', { exact: true }).first().waitFor();
    assert.equal(
      await now.locator('table.leaders').getByText('Overdue', { exact: true }).count(),
      2,
    );
  });

  it('“Hent mine data” saves the person’s own data, asked of nobody', async () => {
    const { tab } = await asPerson(PEOPLE.employee);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tab.getByRole('button', { name: 'Hent mine data' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'mine-mus-data.json');
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      person: { email: string };
      privateNotes: unknown[];
    };
    assert.equal(data.person.email, PEOPLE.employee);
    assert.deepEqual(data.privateNotes, []);
    await tab.getByRole('status').getByText('Filen er hentet.').waitFor();
  });

  it('“Hent som CSV” saves the overview as a CSV file for Danish Excel', async () => {
    const { tab } = await asHr();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tab.getByRole('button', { name: 'Hent som CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `mus-overblik-${current}.csv`);
    const path = await download.path();
    const bytes = await readFile(path);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], '"MUS-overblik / MUS overview";"MUS 2026"');
    assert.ok(
      lines.includes(
        '"Trin / Step";"Navn / Name";"Frist / Deadline";"Sat i gang / Launched";"Sendt / Sent";"Fejlet / Failed";"Venter på appen / Waiting for the app";"Ikke installeret / Not installed";"I kø / Queued"',
      ),
      text,
    );
    assert.ok(lines.some((l) => l.startsWith('1;"Informér lederne / Inform the leaders";')));
    assert.ok(!text.includes('Et svar, som HR aldrig ser.'), 'no skema contents');
    await tab.getByRole('status').getByText('CSV-filen er hentet.').waitFor();
  });

  it('shows that the overview is loading, says so when it fails, and tries again on request', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failures = 1;
    await page.route('**/api/rounds/*/overview', async (route) => {
      if (failures-- > 0) {
        await held;
        await route.fulfill({ status: 503, body: '' });
      } else {
        await route.continue();
      }
    });
    const hosted = await asPerson(PEOPLE.hr);
    await hosted.tab.getByText('Henter overblikket …').waitFor();
    release();
    const alert = hosted.tab.locator('[data-view="hr-overview"]').getByRole('alert');
    await alert.getByText(/^Overblikket kunne ikke hentes\./).waitFor();
    await alert.getByRole('button', { name: 'Prøv igen' }).click();
    await hosted.tab.locator('table.steps').waitFor();
    await hosted.tab
      .locator('.ov-updated')
      .getByText(/^Tallene er fra kl\./)
      .waitFor();
  });

  for (const [who, email] of [
    ['an employee', PEOPLE.employee],
    ['a leader', PEOPLE.leader],
  ] as const) {
    it(`${who} opening the same route sees no HR data, and the tab never asks for it`, async () => {
      const asked: string[] = [];
      page.on('request', (req) => {
        if (/\/overview/.test(req.url())) asked.push(req.url());
      });
      const { tab } = await asPerson(email, { roundId: current });
      await tab.locator('main h2').first().waitFor();
      assert.equal(await tab.locator('[data-view="hr-overview"]').count(), 0);
      assert.equal(await tab.getByText('Overblik over runden').count(), 0);
      assert.equal(await tab.getByRole('button', { name: 'Hent som CSV' }).count(), 0);
      assert.equal(await tab.locator('table.steps, table.departments, table.leaders').count(), 0);
      assert.deepEqual(asked, []);
      // And the server refuses them anyway.
      const refused = await app.call('GET', `/api/rounds/${current}/overview`, { as: email });
      assert.equal(refused.status, 403);
    });
  }

  it('a leader reads the evaluation of their own unit in the side panel, without the comments', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    const hosted = await asPerson(PEOPLE.leadersLeader, { roundId: evaluated });
    const { tab } = hosted;
    const unit = tab.locator('[data-view="unit-evaluation"]');
    await unit.getByRole('heading', { name: 'Evalueringen for din enhed' }).waitFor();
    // Mette leads people in Drift, Udvikling, Kundeservice and HR: the groups HR sees for them.
    assert.deepEqual(await unit.getByRole('heading', { level: 4 }).allTextContents(), [
      'Alle – 13 svar',
      'Drift – 7 svar',
      'Udvikling – 6 svar',
    ]);
    assert.equal(await unit.locator('details.comments').count(), 0);
    assert.equal(await unit.getByText('Mere tid til forberedelse').count(), 0);
    assert.equal(await tab.locator('[data-view="hr-overview"]').count(), 0);
    assert.deepEqual(await seriousViolations(await hosted.frame()), []);
  });

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    it(`the overview has no serious accessibility violations (${theme})`, async () => {
      const overdue = await asHr({ theme });
      assert.deepEqual(await seriousViolations(await overdue.frame()), [], 'current round');

      const results = await asHr({ theme, roundId: evaluated });
      await results.tab.locator('section.evaluation[data-state="results"]').waitFor();
      for (const summary of await results.tab.locator('details.comments summary').all()) {
        await summary.click();
      }
      assert.deepEqual(await seriousViolations(await results.frame()), [], 'evaluated round');
    });
  }

  it('the overview can be used with the keyboard alone: round picker, CSV and refresh', async () => {
    const { tab } = await asHr();
    const frame = await (await page.locator('#tab').elementHandle())?.contentFrame();
    assert.ok(frame);
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await frame.evaluate(() => {
          const el = document.activeElement;
          return el && el !== document.body ? (el.textContent ?? '').trim() : '';
        }),
      );
    }
    assert.ok(reached.includes('Hent som CSV'), reached.join(' | '));
    assert.ok(reached.includes('Opdatér tallene'), reached.join(' | '));
    await tab.getByRole('button', { name: 'Opdatér tallene' }).focus();
    await page.keyboard.press('Enter');
    await tab
      .locator('.ov-updated')
      .getByText(/^Tallene er fra kl\./)
      .waitFor();
  });
});

describe('the tab: HR’s overview before the first round', function () {
  this.timeout(120_000);
  let app: TabTestApp;
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
    app = await startTabTestApp();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('tells HR there are no rounds yet and how to start one', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      const { tab } = await openInTeams(page, app.url, {
        token: await app.tokenFor(PEOPLE.hr),
        userPrincipalName: PEOPLE.hr,
      });
      await tab
        .getByText(/^Der er ingen runder endnu\. Skriv kerneopgaven, og opret den første runde/)
        .waitFor();
      await tab.getByRole('button', { name: 'Opsætning' }).waitFor();
      assert.equal(await tab.locator('table').count(), 0);
    } finally {
      await context.close();
    }
  });
});
