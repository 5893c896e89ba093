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
