/**
 * A token bucket: `capacity` tokens, refilled at `ratePerSecond`. `take()` says how long to wait
 * before one token is available (0 = now) and reserves it, so concurrent callers queue fairly.
 * Time comes from an injected clock so tests can drive it.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pauses = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0) || !(capacity >= 1)) throw new RangeError('bad token bucket settings');
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((t - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = t;
  }

  /** Reserves a token; returns milliseconds to wait before using it. */
  take(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }

  /** Returns a reserved token that will not be used. */
  refund(): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** Milliseconds until a token would be available, without reserving it. */
  peek(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** After a 429 the service told us to wait: drain the bucket so nobody sends before then. */
  pause(ms: number): void {
    this.refill();
    this.tokens = Math.min(this.tokens, -(ms / 1000) * this.ratePerSecond);
    this.pauses += 1;
  }

  /**
   * How many times the bucket was paused. A caller that reserved a token and slept on it compares
   * this before and after: if a pause came in meanwhile, its reservation predates the 429 and it
   * must queue again, or it would send while the service still asks us to wait.
   */
  get pauseCount(): number {
    return this.pauses;
  }
}

/**
 * Teams' per-conversation limits for a bot (7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour), kept
 * as a sliding log of send times. A 1:1 rollout sends one card per conversation, so this rarely
 * bites; channel progress updates are where it matters.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];

  constructor(
    private readonly windows: readonly { count: number; ms: number }[] = TEAMS_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before the next send is within every window (0 = now). */
  wait(): number {
    const t = this.now();
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = this.sent.filter((s) => s > t - w.ms);
      if (inWindow.length >= w.count) {
        const oldest = inWindow[inWindow.length - w.count]!;
        wait = Math.max(wait, oldest + w.ms - t);
      }
    }
    return wait;
  }

  record(): void {
    const t = this.now();
    this.sent.push(t);
    const longest = Math.max(...this.windows.map((w) => w.ms));
    while (this.sent.length && this.sent[0]! <= t - longest) this.sent.shift();
  }
}

export const TEAMS_CONVERSATION_LIMITS = [
  { count: 7, ms: 1000 },
  { count: 8, ms: 2000 },
  { count: 60, ms: 30_000 },
  { count: 1800, ms: 3_600_000 },
] as const;
