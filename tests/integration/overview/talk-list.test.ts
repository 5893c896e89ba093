import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { TalkList } from '../../../bot/overview/talk-list.js';
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

const LARS = 'lars.christensen@vandvaerk.example';

describe('HR’s list of who has had their talk', function () {
  this.timeout(60_000);
  let app: OverviewTestApp;
  let roundId: string;
  const path = (csv = false) =>
    `/api/rounds/${encodeURIComponent(roundId)}/talks${csv ? '.csv' : ''}`;

  before(async () => {
    app = await startOverviewTestApp();
    roundId = (await app.roundThrough('MUS 2027', 3)).value.id;
    const { skemaServices: services } = app;
    const employee = await app.person(EMPLOYEE);
    const leader = await app.person(LEADER);
    const ref = { roundId, employeeEmail: EMPLOYEE };
    const etagOf = async (email = EMPLOYEE) =>
      (await app.storage.repositories.skemas.get(ORG, roundId, email))!.etag;
    await saveAnswers(services, employee, ref, {
      answers: { kerneopgaven: 'Et fortroligt svar' },
      submit: true,
      etag: await etagOf(),
    });
    await startTalk(services, leader, ref, { etag: await etagOf() });
    await finaliseSkema(services, leader, ref, { etag: await etagOf() });
    await acknowledgeSkema(services, employee, ref, { etag: await etagOf(), comment: 'Tak' });
    await startTalk(
      services,
      leader,
      { roundId, employeeEmail: LARS },
      { etag: await etagOf(LARS) },
    );
  });
  after(async () => app.close());

  it('is HR’s only: a leader and an employee get 403, no token 401', async () => {
    assert.equal((await app.get(path(), LEADER)).status, 403);
    assert.equal((await app.get(path(true), EMPLOYEE)).status, 403);
    assert.equal((await app.get(path())).status, 401);
    assert.equal((await app.get(path(), HR)).status, 200);
  });

  it('lists every employee under their leader, with whether and when the talk was held', async () => {
    const list = (await app.get(path(), HR)).body as TalkList;
    const skemas = await app.storage.repositories.skemas.listByRound(ORG, roundId);
    assert.equal(list.total, skemas.length);
    assert.equal(list.held, 2);
    const soren = list.leaders.find((l) => l.leaderEmail === LEADER)!;
    assert.equal(soren.leaderName, 'Søren Dahl');
    assert.equal(soren.held, 2);
    const pernille = soren.talks.find((t) => t.employeeEmail === EMPLOYEE)!;
    assert.equal(pernille.employeeName, 'Pernille Krogh');
    assert.equal(pernille.status, 'acknowledged');
    assert.equal(pernille.held, true);
    assert.ok(pernille.heldAt && pernille.finalisedAt && pernille.acknowledgedAt);
    const notYet = soren.talks.filter((t) => !t.held);
    assert.equal(notYet.length, soren.talks.length - 2);
    assert.ok(list.leaders.some((l) => l.leaderEmail === TOP_LEADER));
    assert.equal(
      list.leaders.reduce((n, l) => n + l.talks.length, 0),
      skemas.length,
      'everyone once',
    );
  });

  it('downloads as CSV for Excel with one row per employee, and never what was written', async () => {
    const res = await app.get(path(true), HR);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /mus-samtaler-/);
    assert.doesNotMatch(res.text, /fortroligt svar|Tak/);
    const rows: string[][] = parse(res.text, {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
    });
    const header = rows.findIndex((r) => r[0] === 'Leder / Leader');
    assert.ok(header > 0);
    const body = rows.slice(header + 1);
    const skemas = await app.storage.repositories.skemas.listByRound(ORG, roundId);
    assert.equal(body.length, skemas.length);
    const pernille = body.find((r) => r[3] === EMPLOYEE)!;
    assert.equal(pernille[0], 'Søren Dahl');
    assert.equal(pernille[6], 'Ja / Yes');
  });
});
