import assert from 'node:assert/strict';
import sinon from 'sinon';
import { isFromPeople, PeopleFirst } from '../../bot/people-first.js';

describe('people before the outbox', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('the outbox goes on at once while nobody is waiting for an answer', async () => {
    const people = new PeopleFirst();
    let done = false;
    void people.quiet().then(() => (done = true));
    await clock.tickAsync(0);
    assert.equal(done, true);
  });

  it('waits while a click is answered, and goes on as soon as it is', async () => {
    const people = new PeopleFirst(250);
    const end = people.begin();
    let done = false;
    void people.quiet().then(() => (done = true));
    await clock.tickAsync(100);
    assert.equal(done, false, 'a click is in flight');
    end();
    end(); // answered once, counted once
    await clock.tickAsync(0);
    assert.equal(done, true);
    assert.equal(people.busy, false);
  });

  it('never waits longer than its limit, so a stream of clicks cannot stop the round', async () => {
    const people = new PeopleFirst(250);
    people.begin();
    let done = false;
    void people.quiet().then(() => (done = true));
    await clock.tickAsync(249);
    assert.equal(done, false);
    await clock.tickAsync(1);
    assert.equal(done, true);
  });

  it("counts the bot endpoint and the tab's API, not health checks or files", () => {
    assert.equal(isFromPeople('/api/messages'), true);
    assert.equal(isFromPeople('/api/rounds/r/skemas/a%40b.dk/talk-notes'), true);
    assert.equal(isFromPeople('/healthz'), false);
    assert.equal(isFromPeople('/tab/main.js'), false);
  });
});
