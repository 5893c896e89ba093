import { seededRandom } from './seeded-random.js';

/** The Bot Connector operations the fake serves. */
export type RouteName =
  | 'createConversation'
  | 'sendToConversation'
  | 'replyToActivity'
  | 'updateActivity'
  | 'deleteActivity'
  | 'getPagedMembers'
  | 'getMember'
  | 'unknown';

/** What a fault rule may look at to decide whether it applies. */
export interface FaultContext {
  route: RouteName;
  method: string;
  path: string;
  conversationId?: string;
  body: unknown;
}

/**
 * One injected failure or slowdown. With `status` the request is answered with that status (and a
 * Teams-shaped error body); without it, only `delayMs` applies and the request then succeeds.
 */
export interface FaultRule {
  status?: number;
  /** Sent as the Retry-After header, in whole seconds. */
  retryAfterSeconds?: number;
  /** Latency added before answering. */
  delayMs?: number;
  /** Teams error code in the body, e.g. `ConversationBlockedByUser`; a default per status otherwise. */
  code?: string;
  /** How many requests this rule applies to before it is used up (default 1). */
  times?: number;
  /** Restricts the rule to matching requests; others pass it by without using it up. */
  match?: (request: FaultContext) => boolean;
}

/** Fails a share of matching requests, decided by a seeded RNG so runs repeat. */
export interface RandomFault extends Omit<FaultRule, 'times'> {
  /** Probability in [0, 1] that a matching request fails. */
  rate: number;
  /** RNG seed (default 1). */
  seed?: number;
}

/** The fault chosen for one request. */
export interface Fault {
  status?: number;
  retryAfterSeconds?: number;
  delayMs?: number;
  code?: string;
}

const DEFAULT_CODES: Record<number, string> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'BotNotInConversationRoster',
  404: 'ConversationNotFound',
  412: 'PreconditionFailed',
  413: 'MessageSizeTooBig',
  429: 'Throttled',
  500: 'ServiceError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function defaultErrorCode(status: number): string {
  return DEFAULT_CODES[status] ?? 'Error';
}

/**
 * The fault switches of the fake: rules used up in order, probabilistic rules and a free-form hook.
 * The hook wins over counted rules, counted rules over probabilistic ones.
 */
export class FaultPlan {
  private counted: { rule: FaultRule; left: number }[] = [];
  private random: { rule: RandomFault; next: () => number }[] = [];
  /** Called for every request; return a fault to apply it. */
  hook: ((request: FaultContext) => Fault | undefined) | undefined;

  /** Arms rules: a `rate` makes a probabilistic rule that stays until `clear()`. */
  push(...rules: (FaultRule | RandomFault)[]): void {
    for (const rule of rules) {
      if ('rate' in rule) this.random.push({ rule, next: seededRandom(rule.seed ?? 1) });
      else this.counted.push({ rule, left: rule.times ?? 1 });
    }
  }

  /** Applications of counted rules still armed. */
  get pending(): number {
    return this.counted.reduce((sum, entry) => sum + entry.left, 0);
  }

  clear(): void {
    this.counted = [];
    this.random = [];
    this.hook = undefined;
  }

  /** Picks the fault for a request, using up one application of a counted rule. */
  take(request: FaultContext): Fault | undefined {
    const hooked = this.hook?.(request);
    if (hooked) return hooked;
    const index = this.counted.findIndex((entry) => entry.rule.match?.(request) ?? true);
    const entry = this.counted[index];
    if (entry) {
      entry.left -= 1;
      if (entry.left <= 0) this.counted.splice(index, 1);
      return toFault(entry.rule);
    }
    for (const { rule, next } of this.random) {
      if ((rule.match?.(request) ?? true) && next() < rule.rate) return toFault(rule);
    }
    return undefined;
  }
}

function toFault(rule: Omit<FaultRule, 'times' | 'match'>): Fault {
  const fault: Fault = {};
  if (rule.status !== undefined) fault.status = rule.status;
  if (rule.retryAfterSeconds !== undefined) fault.retryAfterSeconds = rule.retryAfterSeconds;
  if (rule.delayMs !== undefined) fault.delayMs = rule.delayMs;
  if (rule.code !== undefined) fault.code = rule.code;
  return fault;
}
