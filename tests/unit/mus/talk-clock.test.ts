import assert from 'node:assert/strict';
import { RuleError } from '../../../bot/mus/errors.js';
import {
  acknowledge,
  finalise,
  saveAnswers,
  skemaStage,
  startTalk,
} from '../../../bot/mus/skema.js';
import { TALK_MS, changeClock, clockView, startClock } from '../../../bot/mus/talk-clock.js';
import { EMPLOYEE, LEADER, NOW, aSkema, minutesLater, thrown } from './builders.js';

const MINUTE = 60_000;

describe("the talk's clock", () => {
  it('starts with 45 minutes left and counts down with the time', () => {
    const clock = startClock(NOW);
    assert.equal(clockView(clock, NOW).remainingMs, TALK_MS);
    assert.equal(clockView(clock, minutesLater(44)).remainingMs, MINUTE);
    assert.equal(clockView(clock, minutesLater(47)).remainingMs, -2 * MINUTE);
  });

  it('does not count paused time, and pausing or resuming twice changes nothing', () => {
    const paused = changeClock(startClock(NOW), 'pause', minutesLater(10));
    assert.equal(changeClock(paused, 'pause', minutesLater(20)), paused);
    const resumed = changeClock(paused, 'resume', minutesLater(30));
    assert.equal(changeClock(resumed, 'resume', minutesLater(31)), resumed);
    assert.equal(clockView(resumed, minutesLater(35)).elapsedMs, 15 * MINUTE);
    assert.equal(clockView(paused, minutesLater(99)).state, 'paused');
  });

  it('a reset starts the 45 minutes over and keeps it paused when it was paused', () => {
    const paused = changeClock(startClock(NOW), 'pause', minutesLater(10));
    const reset = changeClock(paused, 'reset', minutesLater(12));
    assert.equal(clockView(reset, minutesLater(20)).remainingMs, TALK_MS);
    assert.equal(clockView(reset, minutesLater(20)).state, 'paused');
  });

  it('an ended clock stays stopped and refuses to run again', () => {
    const ended = changeClock(startClock(NOW), 'end', minutesLater(40));
    assert.equal(clockView(ended, minutesLater(90)).remainingMs, 5 * MINUTE);
    assert.equal(changeClock(ended, 'end', minutesLater(91)), ended);
    thrown(() => changeClock(ended, 'resume', minutesLater(92)), RuleError);
  });
});

describe("a skema's stage, in words that say what happened", () => {
  it('reads draft, sent to leader, talk under way, talk held, finalised and acknowledged in turn', () => {
    const draft = aSkema();
    assert.equal(skemaStage(draft), 'draft');
    const submitted = saveAnswers(draft, {}, { submit: true, by: EMPLOYEE, now: minutesLater(1) });
    assert.equal(skemaStage(submitted), 'submitted');
    const started = startTalk(submitted, { by: LEADER, now: minutesLater(2) });
    assert.equal(skemaStage(started), 'in-talk');
    assert.ok(started.talkClock, 'starting the talk starts its clock');
    const held = { ...started, talkClock: changeClock(started.talkClock, 'end', minutesLater(40)) };
    assert.equal(skemaStage(held), 'talk-held');
    const finalised = finalise(started, { by: LEADER, now: minutesLater(50) });
    assert.equal(skemaStage(finalised), 'finalised');
    assert.equal(finalised.talkClock?.endedAt, minutesLater(50).toISOString());
    const acknowledged = acknowledge(finalised, { by: EMPLOYEE, now: minutesLater(60) });
    assert.equal(skemaStage(acknowledged), 'acknowledged');
  });
});
