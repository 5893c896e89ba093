import assert from 'node:assert/strict';
import {
  DEFAULT_INSTALL_POLICY,
  backoffMs,
  claim,
  givenUp,
  nextStep,
  settle,
  tallyInstalls,
  type InstallAttempt,
  type InstallPolicy,
} from '../../../bot/rollout/install-attempts.js';
import { retryAfterMs } from '../../../bot/teams/proactive-install.js';

const POLICY: InstallPolicy = {
  maxAttempts: 3,
  firstBackoffMs: 60_000,
  maxBackoffMs: 10 * 60_000,
  claimMs: 120_000,
  consentPauseMs: 3_600_000,
};
const NOW = new Date('2026-03-02T09:00:00.000Z');
const KEY = { orgId: 'tenant-1', roundId: 'mus-2026', email: 'anna@kommune.dk' };
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

describe('proactive installation: pacing and backoff rules', () => {
  it('the pause after a failure doubles each time and stops growing at the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 50].map((n) => backoffMs(n, POLICY)),
      [60_000, 120_000, 240_000, 480_000, 600_000, 600_000],
    );
  });

  it('a person without a row is claimed; the claim counts as their first attempt', () => {
    assert.equal(nextStep(undefined, NOW, POLICY), 'claim');
    const claimed = claim(KEY, undefined, NOW, POLICY);
    assert.equal(claimed.state, 'requesting');
    assert.equal(claimed.attempts, 1);
    assert.equal(claimed.notBefore, later(120_000).toISOString());
  });

  it('a claim held by another instance is left alone until it lapses, then taken over', () => {
    const claimed = claim(KEY, undefined, NOW, POLICY);
    assert.equal(nextStep(claimed, later(119_999), POLICY), 'leave');
    assert.equal(nextStep(claimed, later(120_000), POLICY), 'claim');
    assert.equal(claim(KEY, claimed, later(120_000), POLICY).attempts, 2);
  });

  it('a lapsed claim on the last attempt allowed is given up, not asked again', () => {
    let row: InstallAttempt | undefined;
    for (let i = 0; i < POLICY.maxAttempts; i++) row = claim(KEY, row, NOW, POLICY);
    assert.equal(nextStep(row, later(POLICY.claimMs), POLICY), 'give-up');
    const gone = givenUp(row!, later(POLICY.claimMs));
    assert.equal(gone.state, 'gave-up');
    assert.equal(nextStep(gone, later(365 * 86_400_000), POLICY), 'leave');
  });

  it('installed and already installed are final: nobody is asked twice', () => {
    for (const outcome of ['installed', 'already-installed'] as const) {
      const done = settle(claim(KEY, undefined, NOW, POLICY), outcome, NOW, POLICY);
      assert.equal(done.state, 'installed');
      assert.equal(nextStep(done, later(365 * 86_400_000), POLICY), 'leave');
    }
  });

  it('a failure waits its backoff, and the last allowed failure gives up', () => {
    let row = settle(claim(KEY, undefined, NOW, POLICY), 'failed', NOW, POLICY);
    assert.equal(row.state, 'retry');
    assert.equal(nextStep(row, later(59_999), POLICY), 'leave');
    assert.equal(nextStep(row, later(60_000), POLICY), 'claim');
    row = settle(claim(KEY, row, later(60_000), POLICY), 'failed', later(60_000), POLICY);
    assert.equal(row.notBefore, later(60_000 + 120_000).toISOString());
    row = settle(claim(KEY, row, later(180_000), POLICY), 'failed', later(180_000), POLICY);
    assert.equal(row.state, 'gave-up');
    assert.equal(row.attempts, 3);
  });

  it('an unknown user is given up at once: asking again cannot help', () => {
    const row = settle(claim(KEY, undefined, NOW, POLICY), 'unknown-user', NOW, POLICY);
    assert.equal(row.state, 'gave-up');
  });

  it('throttling waits for Retry-After and does not use up one of the person’s attempts', () => {
    const row = settle(claim(KEY, undefined, NOW, POLICY), 'throttled', NOW, POLICY, 45_000);
    assert.equal(row.state, 'retry');
    assert.equal(row.attempts, 0);
    assert.equal(row.notBefore, later(45_000).toISOString());
    const noHeader = settle(claim(KEY, undefined, NOW, POLICY), 'throttled', NOW, POLICY, 0);
    assert.equal(noHeader.notBefore, later(1000).toISOString(), 'never straight back');
  });

  it('missing consent waits for the consent pause and does not use up an attempt', () => {
    const row = settle(claim(KEY, undefined, NOW, POLICY), 'no-consent', NOW, POLICY);
    assert.equal(row.state, 'retry');
    assert.equal(row.attempts, 0);
    assert.equal(row.notBefore, later(3_600_000).toISOString());
  });

  it('HR’s tally counts requested, installed and failed, and says when consent is missing', () => {
    const at = (state: InstallAttempt['state'], lastOutcome?: InstallAttempt['lastOutcome']) => ({
      ...KEY,
      state,
      attempts: 1,
      ...(lastOutcome ? { lastOutcome } : {}),
      notBefore: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    assert.deepEqual(
      tallyInstalls([at('installed'), at('installed'), at('gave-up'), at('requesting')]),
      { requested: 4, installed: 2, failed: 1, consentMissing: false },
    );
    assert.equal(tallyInstalls([at('retry', 'no-consent')]).consentMissing, true);
    assert.equal(tallyInstalls([at('retry', 'failed')]).consentMissing, false);
  });

  it('the default policy is bounded: a few attempts over hours, a short claim', () => {
    assert.ok(DEFAULT_INSTALL_POLICY.maxAttempts <= 5);
    assert.ok(DEFAULT_INSTALL_POLICY.claimMs < DEFAULT_INSTALL_POLICY.firstBackoffMs);
  });

  it('reads Retry-After as seconds or as an HTTP date, else uses the fallback', () => {
    assert.equal(retryAfterMs('7', NOW, 500), 7000);
    assert.equal(retryAfterMs(new Date(NOW.getTime() + 20_000).toUTCString(), NOW, 500), 20_000);
    assert.equal(retryAfterMs(null, NOW, 500), 500);
    assert.equal(retryAfterMs('soon', NOW, 500), 500);
  });
});
