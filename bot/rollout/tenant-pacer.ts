/** Time as the pacer sees it: injectable so tests can drive it. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Lateness of a turn (ms) that does not push the following turns back. */
const FORGIVEN_LATENESS_MS = 5;

/** The caller's deadline passed before its turn came: it must not send now. */
export class TurnTooLateError extends Error {
  constructor() {
    super('the turn came after the deadline');
  }
}

/**
 * Paces one tenant's requests to Teams: callers take turns, each at least 1/rate after the previous
 * caller actually went, and none while the tenant is paused after a 429.
 *
 * Spacing is measured from when a request really went, not from a schedule planned in advance (as a
 * token bucket does): when the event loop wakes one caller late, the next does not go right behind
 * it. Teams counts arrivals in any sliding second, so two requests that arrive together are the ones
 * that get a 429; and each 429 costs a whole second.
 */
export class TenantPacer {
  private readonly intervalMs: number;
  private tail: Promise<unknown> = Promise.resolve();
  private lastAt = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    ratePerSecond: number,
    private readonly clock: PacerClock,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('the rate must be positive');
    this.intervalMs = 1000 / ratePerSecond;
  }

  /**
   * Resolves when the caller may send. Rejects with TurnTooLateError, without using up a turn, when
   * the turn would come at or after `deadline` (ms), e.g. when the caller's lease would have run out.
   */
  turn(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    const mine = this.tail.then(async () => {
      for (;;) {
        const now = this.clock.now();
        const at = Math.max(this.lastAt + this.intervalMs, this.pausedUntil);
        if (at >= deadline || now >= deadline) throw new TurnTooLateError();
        if (at <= now) {
          // A timer a millisecond or two late is normal and is not passed on to the next caller
          // (over a thousand sends it would cost several per cent of the rate); a real stall is.
          this.lastAt = now - at <= FORGIVEN_LATENESS_MS ? at : now;
          return;
        }
        // Looked at again after the sleep: a 429 may have paused the tenant meanwhile.
        await this.clock.sleep(Math.ceil(at - now));
      }
    });
    this.tail = mine.catch(() => undefined);
    return mine;
  }

  /** The service asked us to wait (429 + Retry-After): nobody goes before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Until when the tenant is paused (ms), for tests and logs. */
  get pausedUntilMs(): number {
    return this.pausedUntil;
  }
}
