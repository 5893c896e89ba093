/*
 * The rules of proactive installation (off by default; bot/teams/proactive-install.ts asks Graph):
 * one stored row per person per round says how far their install has come, so a restart or a second
 * instance never asks twice at once, a failed request is tried again a bounded number of times with
 * growing pauses, and HR's round card can count requested, installed and failed. Every change of a
 * row is written with the ETag it was read at; whoever loses the race leaves the person alone.
 */

/** What one install request to Graph came to. */
export type InstallOutcome =
  | 'installed'
  /** Graph answered 409: the person already has the app; counts as installed. */
  | 'already-installed'
  /** Graph answered 401/403: the permission or the tenant admin's consent is missing. */
  | 'no-consent'
  /** Graph does not know the user (404); asking again will not help. */
  | 'unknown-user'
  /** Graph kept answering 429: the tenant is throttled; wait for its Retry-After. */
  | 'throttled'
  /** Graph unavailable or another error: tried again after a pause. */
  | 'failed';

/**
 * - `requesting`: an instance has claimed the person and is asking Graph; the claim lapses at
 *   `notBefore` (the instance may have stopped), and the next claim counts as a new attempt.
 * - `retry`: the last request failed; tried again from `notBefore`.
 * - `installed`: Graph installed the app or said it was there; Teams' install event does the rest.
 * - `gave-up`: tried `maxAttempts` times, or Graph does not know the user; HR sees them as failed.
 */
export type InstallState = 'requesting' | 'retry' | 'installed' | 'gave-up';

export interface InstallAttempt {
  orgId: string;
  roundId: string;
  email: string;
  state: InstallState;
  /** Requests made (claims taken), the one under way included. */
  attempts: number;
  lastOutcome?: InstallOutcome;
  /** ISO time: when a claim lapses (`requesting`) or the next try may start (`retry`). */
  notBefore: string;
  updatedAt: string;
}

export interface StoredInstallAttempt {
  value: InstallAttempt;
  etag: string;
}

/** Where install attempts are kept (bot/storage/install-attempt-table.ts). */
export interface InstallAttemptStore {
  get(orgId: string, roundId: string, email: string): Promise<StoredInstallAttempt | undefined>;
  list(orgId: string, roundId: string): Promise<InstallAttempt[]>;
  /**
   * Creates the row (`etag` undefined) or replaces it if it is still at `etag`. Returns the new ETag,
   * or undefined when someone else wrote first (the row exists, or changed since it was read).
   */
  write(attempt: InstallAttempt, etag: string | undefined): Promise<string | undefined>;
  /**
   * Until when Graph asked to leave the tenant alone (throttled, or no consent yet), shared by all
   * instances; undefined when it did not.
   */
  pausedUntil(orgId: string): Promise<string | undefined>;
  pause(orgId: string, until: string): Promise<void>;
  /** Removes a person's rows in the given rounds (GDPR erasure); returns how many there were. */
  removePerson(orgId: string, roundIds: readonly string[], email: string): Promise<number>;
}

export interface InstallPolicy {
  /** Requests per person per round at most; then they count as failed on the round card. */
  maxAttempts: number;
  /** Pause after the first failure; doubled after each further one. */
  firstBackoffMs: number;
  /** The pause never grows past this. */
  maxBackoffMs: number;
  /** How long a claim holds before another instance may take the person over. */
  claimMs: number;
  /** After Graph refused for want of consent, how long before the tenant is asked again. */
  consentPauseMs: number;
}

export const DEFAULT_INSTALL_POLICY: InstallPolicy = {
  maxAttempts: 4,
  firstBackoffMs: 10 * 60_000,
  maxBackoffMs: 6 * 3_600_000,
  claimMs: 2 * 60_000,
  consentPauseMs: 3_600_000,
};

/** The pause before the next try after `attempts` failed requests: doubling, capped. */
export function backoffMs(attempts: number, policy: InstallPolicy): number {
  const doublings = Math.max(0, attempts - 1);
  return Math.min(policy.maxBackoffMs, policy.firstBackoffMs * 2 ** Math.min(doublings, 30));
}

/**
 * What this instance does about a person now: `claim` them for a request (no row yet, a due retry,
 * or a lapsed claim), `give-up` (a lapsed claim that was the last attempt allowed), or `leave` them
 * (installed, given up, claimed by another instance, or their retry not yet due).
 */
export function nextStep(
  current: InstallAttempt | undefined,
  now: Date,
  policy: InstallPolicy,
): 'claim' | 'give-up' | 'leave' {
  if (!current) return 'claim';
  if (current.state === 'installed' || current.state === 'gave-up') return 'leave';
  if (now.getTime() < Date.parse(current.notBefore)) return 'leave';
  // A lapsed claim is an attempt that never reported back: it counts against the bound too.
  return current.attempts < policy.maxAttempts ? 'claim' : 'give-up';
}

/** The row of a person given up on. */
export function givenUp(current: InstallAttempt, now: Date): InstallAttempt {
  return {
    ...current,
    state: 'gave-up',
    notBefore: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** The row that claims the person for one request. */
export function claim(
  key: { orgId: string; roundId: string; email: string },
  current: InstallAttempt | undefined,
  now: Date,
  policy: InstallPolicy,
): InstallAttempt {
  return {
    ...key,
    state: 'requesting',
    attempts: (current?.attempts ?? 0) + 1,
    ...(current?.lastOutcome ? { lastOutcome: current.lastOutcome } : {}),
    notBefore: new Date(now.getTime() + policy.claimMs).toISOString(),
    updatedAt: now.toISOString(),
  };
}

/**
 * The row after Graph answered the claimed request. Throttling and missing consent are the tenant's
 * state, not the person's: they do not use up one of the person's attempts.
 */
export function settle(
  claimed: InstallAttempt,
  outcome: InstallOutcome,
  now: Date,
  policy: InstallPolicy,
  retryAfterMs = 0,
): InstallAttempt {
  const at = (ms: number): string => new Date(now.getTime() + ms).toISOString();
  const base = { ...claimed, lastOutcome: outcome, updatedAt: now.toISOString() };
  switch (outcome) {
    case 'installed':
    case 'already-installed':
      return { ...base, state: 'installed', notBefore: now.toISOString() };
    case 'unknown-user':
      return { ...base, state: 'gave-up', notBefore: now.toISOString() };
    case 'throttled':
      return {
        ...base,
        state: 'retry',
        attempts: claimed.attempts - 1,
        notBefore: at(Math.max(retryAfterMs, 1000)),
      };
    case 'no-consent':
      return {
        ...base,
        state: 'retry',
        attempts: claimed.attempts - 1,
        notBefore: at(policy.consentPauseMs),
      };
    case 'failed':
      return claimed.attempts >= policy.maxAttempts
        ? { ...base, state: 'gave-up', notBefore: now.toISOString() }
        : { ...base, state: 'retry', notBefore: at(backoffMs(claimed.attempts, policy)) };
  }
}

/** What HR's round card says about proactive installation in a round. */
export interface InstallTally {
  /** People the app asked Graph to install it for. */
  requested: number;
  /** Of those, how many have it now (or had it already). */
  installed: number;
  /** Given up: tried the most times allowed, or unknown to Entra ID. */
  failed: number;
  /** Graph refused for want of the permission or the admin's consent; waiting for it. */
  consentMissing: boolean;
}

export function tallyInstalls(rows: readonly InstallAttempt[]): InstallTally {
  return {
    requested: rows.length,
    installed: rows.filter((r) => r.state === 'installed').length,
    failed: rows.filter((r) => r.state === 'gave-up').length,
    consentMissing: rows.some((r) => r.state === 'retry' && r.lastOutcome === 'no-consent'),
  };
}
