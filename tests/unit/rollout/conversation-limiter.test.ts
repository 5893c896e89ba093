import assert from 'node:assert/strict';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_LIMITS,
} from '../../../bot/rollout/conversation-limiter.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('the per-conversation sliding windows', () => {
  it('allows seven sends in a second and then waits until the oldest leaves the window', () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_LIMITS, clock.now);
    for (let i = 0; i < 7; i++) {
      assert.equal(limiter.wait(), 0);
      limiter.record();
      clock.advance(10);
    }
    // The first send was 70 ms ago; it leaves the one-second window in 930 ms.
    assert.equal(limiter.wait(), 930);
  });

  it('holds the eighth-in-two-seconds limit as well as the one-second one', () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_LIMITS, clock.now);
    for (let i = 0; i < 8; i++) {
      clock.advance(Math.max(0, limiter.wait()));
      limiter.record();
    }
    clock.advance(1);
    // Eight sends within two seconds: the ninth waits for the first to be two seconds old.
    assert.ok(limiter.wait() > 0);
    clock.advance(limiter.wait());
    assert.equal(limiter.wait(), 0);
  });

  it('never lets more than sixty sends into thirty seconds', () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter(TEAMS_CONVERSATION_LIMITS, clock.now);
    const times: number[] = [];
    while (times.length < 200) {
      const wait = limiter.wait();
      if (wait > 0) {
        clock.advance(wait);
        continue;
      }
      limiter.record();
      times.push(clock.now());
    }
    for (const [i, t] of times.entries()) {
      const inWindow = times.filter((s) => s > t - 30_000 && s <= t).length;
      assert.ok(inWindow <= 60, `send ${i} has ${inWindow} sends in its 30 s window`);
      const inSecond = times.filter((s) => s > t - 1000 && s <= t).length;
      assert.ok(inSecond <= 7, `send ${i} has ${inSecond} sends in its second`);
    }
  });

  it('takes its windows from the caller', () => {
    const clock = manualClock();
    const limiter = new SlidingWindowLimiter([{ count: 2, ms: 100 }], clock.now);
    limiter.record();
    limiter.record();
    assert.equal(limiter.wait(), 100);
    clock.advance(100);
    assert.equal(limiter.wait(), 0);
  });
});
