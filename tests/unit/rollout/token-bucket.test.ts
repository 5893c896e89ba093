import assert from 'node:assert/strict';
import {
  SlidingWindowLimiter,
  TEAMS_CONVERSATION_LIMITS,
  TokenBucket,
} from '../../../bot/rollout/token-bucket.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('the token bucket that paces a tenant’s sends', () => {
  it('lets a full burst through at once and then makes the next caller wait one token’s time', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 5, clock.now);
    for (let i = 0; i < 5; i++) assert.equal(bucket.take(), 0, `token ${i + 1} of the burst`);
    assert.equal(bucket.take(), 100);
  });

  it('queues concurrent callers fairly: each reservation waits one interval longer', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(20, 1, clock.now);
    assert.deepEqual(
      [bucket.take(), bucket.take(), bucket.take(), bucket.take()],
      [0, 50, 100, 150],
    );
  });

  it('refills at the configured rate and never holds more than its capacity', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 3, clock.now);
    for (let i = 0; i < 3; i++) bucket.take();
    clock.advance(200);
    assert.equal(bucket.take(), 0);
    assert.equal(bucket.take(), 0);
    assert.equal(bucket.take(), 100);
    clock.advance(60_000);
    assert.equal(bucket.peek(), 0);
    for (let i = 0; i < 3; i++) assert.equal(bucket.take(), 0);
    assert.ok(bucket.take() > 0, 'a long idle time does not save up more than the capacity');
  });

  it('sustains its rate over a long run', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(30, 15, clock.now);
    let sent = 0;
    for (let ms = 0; ms < 10_000; ms += 1) {
      while (bucket.peek() === 0) {
        bucket.take();
        sent += 1;
      }
      clock.advance(1);
    }
    // 15 at once, then 30 per second for ten seconds.
    assert.ok(sent >= 314 && sent <= 316, `sent ${sent}`);
  });

  it('peeks at the wait without reserving a token', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(4, 1, clock.now);
    assert.equal(bucket.peek(), 0);
    assert.equal(bucket.peek(), 0);
    assert.equal(bucket.take(), 0);
    assert.equal(bucket.peek(), 250);
    assert.equal(bucket.peek(), 250);
  });

  it('after a 429 makes every caller wait at least the Retry-After time', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(30, 15, clock.now);
    bucket.pause(2000);
    const wait = bucket.take();
    assert.ok(wait >= 2000, `waits ${wait} ms`);
    assert.ok(wait <= 2000 + 1000 / 30 + 1, 'and not much longer');
    clock.advance(1000);
    assert.ok(
      bucket.take() >= 1000,
      'half-way through the pause, the wait is still the rest of it',
    );
  });

  it('does not shorten a longer wait that is already queued when a short pause comes in', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 1, clock.now);
    for (let i = 0; i < 30; i++) bucket.take();
    const before = bucket.peek();
    bucket.pause(500);
    assert.ok(bucket.peek() >= before);
  });

  it('counts its pauses, so a caller that reserved a token before a 429 can tell', () => {
    const bucket = new TokenBucket(30, 15, manualClock().now);
    assert.equal(bucket.pauseCount, 0);
    bucket.pause(1000);
    bucket.pause(1000);
    assert.equal(bucket.pauseCount, 2);
  });

  it('takes back a reserved token that will not be used, so the next caller waits less', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(10, 1, clock.now);
    bucket.take();
    assert.equal(bucket.take(), 100);
    bucket.refund();
    assert.equal(bucket.take(), 100);
    clock.advance(10_000);
    bucket.refund();
    assert.equal(bucket.take(), 0);
    assert.equal(bucket.take(), 100, 'a refund never raises the bucket above its capacity');
  });

  it('refuses a rate or capacity that cannot work', () => {
    assert.throws(() => new TokenBucket(0, 1), RangeError);
    assert.throws(() => new TokenBucket(10, 0), RangeError);
    assert.throws(() => new TokenBucket(Number.NaN, 1), RangeError);
  });
});

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
