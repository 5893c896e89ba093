import assert from 'node:assert/strict';
import {
  DEFAULT_RETRY_POLICY,
  retryDelayMs,
  type RetryPolicy,
} from '../../../bot/rollout/retry-policy.js';

const POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('the delay before a delivery is tried again', () => {
  it('is exactly the Retry-After the service asked for', () => {
    assert.equal(
      retryDelayMs(1, POLICY, 1, () => 0.9),
      1000,
    );
    assert.equal(
      retryDelayMs(5, POLICY, 7, () => 0.1),
      7000,
    );
    assert.equal(retryDelayMs(3, POLICY, 0.5), 500);
    assert.equal(retryDelayMs(3, POLICY, 0), 0);
  });

  it('does not let an absurd Retry-After park a delivery for ever', () => {
    assert.equal(retryDelayMs(1, POLICY, 86_400), POLICY.maxDelayMs * 5);
  });

  it('ignores a negative Retry-After and backs off instead', () => {
    assert.equal(
      retryDelayMs(1, POLICY, -1, () => 1),
      1000,
    );
  });

  it('grows exponentially from the base delay with the attempts', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) =>
      retryDelayMs(attempt, POLICY, undefined, () => 1),
    );
    assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16_000, 32_000]);
  });

  it('jitters between half and the whole of the exponential ceiling', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
      assert.equal(
        retryDelayMs(attempt, POLICY, undefined, () => 0),
        ceiling / 2,
      );
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(attempt, POLICY, undefined, Math.random);
        assert.ok(delay >= ceiling / 2 && delay <= ceiling, `attempt ${attempt}: ${delay} ms`);
      }
    }
  });

  it('spreads the retries of many failed sends instead of retrying them in lockstep', () => {
    const delays = new Set<number>();
    for (let i = 0; i < 100; i++) delays.add(retryDelayMs(3, POLICY));
    assert.ok(delays.size > 50, `${delays.size} distinct delays of 100`);
  });

  it('is capped at the policy’s maximum delay however many attempts were made', () => {
    for (const attempt of [7, 8, 20, 100]) {
      assert.equal(
        retryDelayMs(attempt, POLICY, undefined, () => 1),
        POLICY.maxDelayMs,
      );
    }
  });

  it('gives up after eight tries by default, with at most a minute between them', () => {
    assert.equal(DEFAULT_RETRY_POLICY.maxAttempts, 8);
    assert.equal(DEFAULT_RETRY_POLICY.maxDelayMs, 60_000);
  });
});
