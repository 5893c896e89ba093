import assert from 'node:assert/strict';
import { TALK_MS } from '../../../bot/mus/talk-clock.js';
import type { TalkClockAnswer } from '../../../bot/skema/talk-clock.js';
import type { SkemaView } from '../../../bot/skema/skema-view.js';
import { NOW, PEOPLE, skemaPath, startApiTestApp, type ApiTestApp } from './api-test-app.js';

/*
 * The talk's own clock through the API: it starts with the talk, is kept on the skema, reads the
 * same for every window of the leader, pauses, resumes, resets and ends; it never needs an ETag and
 * never makes a note save in another window lose its text; it is gone (stopped) once finalised.
 */

const { employee: EMPLOYEE, leader: LEADER, otherLeader: OTHER_LEADER } = PEOPLE;
const MINUTE = 60_000;

describe('the talk clock API', () => {
  let app: ApiTestApp;
  let now = NOW.getTime();
  let round = 0;
  let roundId: string;
  const path = (rest = ''): string => skemaPath(roundId, EMPLOYEE, rest);
  const view = async (as: string = LEADER): Promise<SkemaView> =>
    (await app.call<SkemaView>('GET', path(), { as })).body;
  const clock = async (as: string = LEADER): Promise<TalkClockAnswer> => {
    const res = await app.call<TalkClockAnswer>('GET', path('/talk-clock'), { as });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const act = (action: string, as: string = LEADER) =>
    app.call<TalkClockAnswer>('POST', path('/talk-clock'), { as, body: { action } });
  const start = async (): Promise<SkemaView> => {
    const res = await app.call<SkemaView>('POST', path('/start'), {
      as: LEADER,
      body: { etag: (await view()).etag },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    app = await startApiTestApp({ now: () => new Date(now) });
  });
  after(async () => {
    await app.close();
  });
  beforeEach(async () => {
    now = NOW.getTime();
    round += 1;
    roundId = `clock-${round}`;
    await app.createRoundWithSkema(roundId);
  });

  it('has no clock before the talk starts, and starting the talk starts 45 minutes', async () => {
    assert.equal((await view()).talkClock, null);
    assert.equal((await clock()).clock, null);
    const started = await start();
    assert.equal(started.talkClock?.state, 'running');
    assert.equal(started.talkClock?.remainingMs, TALK_MS);
    assert.equal(started.stage, 'in-talk');
  });

  it('counts on the server, so every window and the employee read the same time', async () => {
    await start();
    now += 12 * MINUTE;
    const fromPanel = await clock(LEADER);
    const fromEmployee = await clock(EMPLOYEE);
    assert.equal(fromPanel.clock?.remainingMs, 33 * MINUTE);
    assert.deepEqual(fromEmployee.clock, fromPanel.clock);
    assert.equal((await view()).talkClock?.remainingMs, 33 * MINUTE);
  });

  it('pauses and resumes: paused time is not counted, and a second pause changes nothing', async () => {
    await start();
    now += 10 * MINUTE;
    const paused = await act('pause');
    assert.equal(paused.status, 200);
    assert.equal(paused.body.clock?.state, 'paused');
    now += 30 * MINUTE;
    const again = await act('pause');
    assert.equal(again.body.etag, paused.body.etag, 'pausing a paused clock writes nothing');
    assert.equal((await clock()).clock?.remainingMs, 35 * MINUTE);
    await act('resume');
    now += 5 * MINUTE;
    assert.equal((await clock()).clock?.remainingMs, 30 * MINUTE);
  });

  it('goes over time with a negative remainder, and a reset starts the 45 minutes over', async () => {
    await start();
    now += 50 * MINUTE;
    assert.equal((await clock()).clock?.remainingMs, -5 * MINUTE);
    const reset = await act('reset');
    assert.equal(reset.body.clock?.remainingMs, TALK_MS);
    assert.equal(reset.body.clock?.state, 'running');
  });

  it('ending the talk stops the clock and the stage reads "talk held"; the notes stay open', async () => {
    await start();
    now += 40 * MINUTE;
    const ended = await act('end');
    assert.equal(ended.body.clock?.state, 'ended');
    now += 10 * MINUTE;
    const skema = await view();
    assert.equal(skema.talkClock?.remainingMs, 5 * MINUTE);
    assert.equal(skema.stage, 'talk-held');
    assert.equal(skema.can.editTalkNotes, true);
    const resumed = await act('resume');
    assert.equal(resumed.status, 409, 'an ended talk does not run again');
  });

  it('a clock change between two note saves never costs the notes: the next save with the new ETag goes through', async () => {
    const started = await start();
    const paused = await act('pause');
    assert.notEqual(paused.body.etag, started.etag);
    const saved = await app.call<SkemaView>('PUT', path('/talk-notes'), {
      as: LEADER,
      body: { talkNotes: { kerneopgaven: 'Noter' }, etag: paused.body.etag },
    });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.talkClock?.state, 'paused', 'the note save keeps the clock');
  });

  it('only the leader changes the clock; others get 403 and the clock is unchanged', async () => {
    await start();
    assert.equal((await act('pause', EMPLOYEE)).status, 403);
    assert.equal((await act('pause', OTHER_LEADER)).status, 403);
    assert.equal((await clock()).clock?.state, 'running');
  });

  it('refuses an unknown action with 400, and any action before the start with 409', async () => {
    assert.equal((await act('pause')).status, 409);
    await start();
    const bad = await act('explode');
    assert.equal(bad.status, 400);
  });

  it('finalising stops the clock for good', async () => {
    const started = await start();
    now += 20 * MINUTE;
    const res = await app.call<SkemaView>('POST', path('/finalise'), {
      as: LEADER,
      body: { etag: started.etag },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.talkClock?.state, 'ended');
    assert.equal(res.body.stage, 'finalised');
    now += 20 * MINUTE;
    assert.equal((await clock()).clock?.remainingMs, 25 * MINUTE);
    assert.equal((await act('resume')).status, 409);
  });
});
