/** A limit of `limit` requests in any window of `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams' per bot, per conversation limits (Teams docs, "Optimize your bot: rate limiting"). */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1800, windowMs: 3_600_000 },
];

export interface RateLimitOptions {
  /** Requests per second per tenant over all conversations (Teams: about 30); absent = no limit. */
  perTenantPerSecond?: number;
  /** Windows applied to writes (send, reply, update, delete) per conversation; default Teams' own. */
  perConversation?: readonly RateWindow[];
  /** Milliseconds clock; inject one to test the long windows without waiting. */
  now?: () => number;
}

/** Outcome of asking the limiter about one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Sliding-window limiter as Teams applies it: a refused request does not count, and Retry-After is
 * the time until the oldest request of the exceeded window leaves it.
 */
export class RateLimiter {
  private readonly tenantWindows: RateWindow[];
  private readonly conversationWindows: readonly RateWindow[];
  private readonly tenantLog = new Map<string, number[]>();
  private readonly conversationLog = new Map<string, number[]>();
  readonly now: () => number;

  constructor(options: RateLimitOptions) {
    this.tenantWindows =
      options.perTenantPerSecond === undefined
        ? []
        : [{ limit: options.perTenantPerSecond, windowMs: 1_000 }];
    this.conversationWindows = options.perConversation ?? TEAMS_CONVERSATION_WINDOWS;
    this.now = options.now ?? Date.now;
  }

  /** Checks and, when allowed, records one request. `conversationId` only for conversation writes. */
  admit(tenantId: string, conversationId: string | undefined): RateDecision {
    const at = this.now();
    const tenantLog = logFor(this.tenantLog, tenantId);
    const conversationLog =
      conversationId === undefined ? undefined : logFor(this.conversationLog, conversationId);
    const waits = [
      ...exceeded(tenantLog, this.tenantWindows, at),
      ...(conversationLog ? exceeded(conversationLog, this.conversationWindows, at) : []),
    ];
    if (waits.length > 0) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)),
      };
    }
    tenantLog.push(at);
    conversationLog?.push(at);
    return { allowed: true };
  }
}

function logFor(logs: Map<string, number[]>, key: string): number[] {
  let log = logs.get(key);
  if (!log) {
    log = [];
    logs.set(key, log);
  }
  return log;
}

/** Milliseconds to wait for each window that is full at `at`. */
function exceeded(log: number[], windows: readonly RateWindow[], at: number): number[] {
  const longest = Math.max(0, ...windows.map((window) => window.windowMs));
  while (log.length > 0 && (log[0] ?? at) <= at - longest) log.shift();
  const waits: number[] = [];
  for (const window of windows) {
    const inWindow = log.filter((time) => time > at - window.windowMs);
    if (inWindow.length >= window.limit) {
      // The request that must leave the window before one more fits.
      const leaving = inWindow[inWindow.length - window.limit] ?? at;
      waits.push(leaving + window.windowMs - at);
    }
  }
  return waits;
}
