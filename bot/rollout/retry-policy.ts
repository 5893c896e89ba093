/** What a send attempt came to, as the Bot Framework transport reports it. */
export type SendOutcome =
  | { ok: true; activityId: string; conversationId: string }
  | { ok: false; status: number; retryAfterSeconds?: number; permanent: boolean; reason: string };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
};

/** Statuses worth another try (Teams docs: throttling and transient gateway errors); 0 = timeout/network. */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 412 || status === 429 || status >= 500;
}

/**
 * Delay before attempt `attempt + 1`: the service's Retry-After when it gave one, else exponential
 * backoff with full jitter, capped. `random` is injectable for tests.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds >= 0) {
    return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs * 5);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
