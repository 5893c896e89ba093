import { personRef, type Logger } from '../logger.js';
import { ConflictError, type Versioned } from '../mus/errors.js';
import type { Delivery, DeliveryOutcome, DeliveryStore } from './delivery.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { TenantPacer, TurnTooLateError } from './tenant-pacer.js';
import { SlidingWindowLimiter } from './conversation-limiter.js';
import { TenantLeases, type TenantLeaseStore } from './tenant-lease.js';
import { ROLLOUT_TEXTS } from '../../texts/rollout.js';

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The share of a tenant's rate limit the dispatcher plans to use. Teams counts requests as they
 * arrive, in any sliding second; sending on a schedule of exactly the limit, the slightest jitter in
 * the network or the event loop puts one request too many into some second, and each 429 costs a
 * whole second (Retry-After is at least 1). A little headroom costs 5 % and saves those seconds.
 */
const TENANT_RATE_HEADROOM = 0.95;

/**
 * Claimed rows kept queued, in multiples of `concurrency`: the next claim starts while this many are
 * still waiting, so sending never waits for a claim, and claims up to the second number.
 */
const CLAIM_WHEN_QUEUED = 4;
const CLAIM_UP_TO = 8;

/** Our lease ran out while the row waited for its turn: it must not be sent by us now. */
class LeaseExpiredError extends Error {
  constructor(readonly lease: 'row' | 'tenant') {
    super(`the ${lease} lease ran out before the send`);
  }
}

/** How often drain() looks again while another process holds a tenant with work. */
const DRAIN_WAIT_FOR_OTHERS_MS = 250;

export interface DispatcherOptions {
  store: DeliveryStore;
  /**
   * Renders the row's card from storage and sends it: one HTTP call, its real outcome. It must await
   * `pace()` right before each request to Teams (creating the chat, sending): that is where the
   * tenant's rate limit and any Retry-After pause are applied, so storage reads before it do not
   * skew the pacing and a 429 holds back every request not yet made.
   */
  deliver: (delivery: Delivery, pace: () => Promise<void>) => Promise<DeliveryOutcome>;
  log: Logger;
  /** Identifies this process in leases. */
  owner: string;
  /** Requests per second per tenant (Teams allows about 30). */
  ratePerSecond?: (orgId: string) => number;
  /** Sends in flight at once. */
  concurrency?: number;
  leaseMs?: number;
  /** How often to look for due rows when idle. */
  pollMs?: number;
  retry?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  /**
   * Where the tenant leases are kept. With several server instances on one storage account, only
   * the instance holding a tenant's lease sends that tenant's cards, so the tenant's rate limit is
   * kept by one pacer (bot/rollout/tenant-lease.ts). Absent: this dispatcher assumes it is alone.
   */
  tenantLeases?: TenantLeaseStore;
  /** How long a tenant lease holds without renewal (default 15 s). */
  tenantLeaseMs?: number;
  /** Called (at most every `progressEveryMs`) while a step's rows are being sent. */
  onProgress?: (step: { orgId: string; roundId: string; step: number }) => void;
  /**
   * While running, the stats are logged this often when they changed (default 30 s; 0: never), so an
   * operator sees from the log whether cards go out, wait, or are handed back.
   */
  statsLogEveryMs?: number;
}

export interface DispatcherStats {
  sent: number;
  failed: number;
  retried: number;
  throttled: number;
  lostLeases: number;
  /** Rows whose lease ran out while they waited for a token; claimed again later, not sent now. */
  expiredBeforeSend: number;
  /** Rows handed back unsent because this process lost its tenant lease meanwhile. */
  handedBack: number;
}

/**
 * Sends the outbox. Claims due rows with leases (so several processes can share the work and a
 * crashed one's rows are taken over when its lease expires), paces sends per tenant (just under
 * its rate limit) and per conversation (Teams' windows), honours Retry-After, retries transient
 * failures with backoff and jitter, and records every outcome on the row.
 */
export class Dispatcher {
  private readonly pacers = new Map<string, TenantPacer>();
  private readonly conversations = new Map<string, SlidingWindowLimiter>();
  /** Claimed rows, queued or being sent. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Claimed rows in flight per tenant: a tenant's lease is kept while any remain. */
  private readonly inFlightPerOrg = new Map<string, number>();
  private readonly tenantLeases: TenantLeases | undefined;
  /** Another process held the lease of a tenant with work at the last claim. */
  private othersHoldWork = false;
  private sending = 0;
  private stopping = false;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  readonly stats: DispatcherStats = {
    sent: 0,
    failed: 0,
    retried: 0,
    throttled: 0,
    lostLeases: 0,
    expiredBeforeSend: 0,
    handedBack: 0,
  };

  constructor(private readonly options: DispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.concurrency = options.concurrency ?? 16;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 2000;
    if (options.tenantLeases) {
      this.tenantLeases = new TenantLeases({
        store: options.tenantLeases,
        owner: options.owner,
        ...(options.tenantLeaseMs !== undefined ? { leaseMs: options.tenantLeaseMs } : {}),
        now: () => this.clock.now().getTime(),
        log: options.log,
      });
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.loop = this.run().catch((error: unknown) => {
      this.options.log.error({ err: error }, 'dispatcher stopped on an unexpected error');
    });
    const every = this.options.statsLogEveryMs ?? 30_000;
    if (every > 0) {
      let logged = '';
      this.statsTimer = setInterval(() => {
        const now = JSON.stringify(this.stats);
        if (now === logged) return;
        logged = now;
        this.options.log.info(
          { stats: this.stats, inFlight: this.inFlight.size, sending: this.sending },
          'dispatcher stats',
        );
      }, every);
      this.statsTimer.unref();
    }
  }

  /** Looks for work now instead of at the next poll (after a launch). */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Stops claiming and waits for the sends in flight to be recorded. Claimed rows that were still
   * queued are not sent; they go out after their leases run out, from whichever process claims them.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearInterval(this.statsTimer);
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
    await this.tenantLeases?.releaseAll();
  }

  /**
   * Claims and sends until every row is finished (sent or failed), waiting out backoffs; for tests,
   * benchmarks and command-line runs.
   */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claimAndSend();
      if (claimed > 0) continue;
      if (this.inFlight.size > 0) {
        await Promise.race(this.inFlight);
        continue;
      }
      const next = await this.options.store.nextDueAt();
      if (!next) return;
      const wait = next.getTime() - this.clock.now().getTime();
      await this.clock.sleep(Math.max(this.othersHoldWork ? DRAIN_WAIT_FOR_OTHERS_MS : 10, wait));
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const claimed = await this.claimAndSend().catch((error: unknown) => {
        this.options.log.warn({ err: error }, 'claiming deliveries failed; will retry');
        return 0;
      });
      if (claimed === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.pollMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      }
    }
  }

  /**
   * Claims more rows while enough are still queued to keep the sends going (a claim is a query and
   * a lease write per row, slow on a big partition), and queues them for sending.
   */
  private async claimAndSend(): Promise<number> {
    if (this.inFlight.size > this.concurrency * CLAIM_WHEN_QUEUED) {
      await Promise.race(this.inFlight);
      return 1;
    }
    const orgIds = await this.tenantsToClaim();
    if (orgIds?.size === 0) return 0;
    const rows = await this.options.store.claimDue(
      this.options.owner,
      this.clock.now(),
      this.leaseMs,
      this.concurrency * CLAIM_UP_TO - this.inFlight.size,
      orgIds ? { orgIds } : {},
    );
    for (const row of rows) {
      const { orgId } = row.value;
      this.inFlightPerOrg.set(orgId, (this.inFlightPerOrg.get(orgId) ?? 0) + 1);
      const task = (async () => {
        let next: Delivery | undefined;
        await this.slot();
        try {
          // Stopping: rows still queued are left to their leases, to be claimed again later.
          if (this.stopping) return;
          next = await this.sendOne(row);
        } finally {
          // A slot bounds the requests to Teams; writing down the outcome needs none, so a slow
          // storage write (behind a big lease transaction) does not hold back the next send.
          this.release();
        }
        if (next) await this.record(row, next);
      })().catch((error: unknown) => {
        this.options.log.error(
          { err: error, recipient: personRef(row.value.recipientEmail) },
          'delivery failed unexpectedly',
        );
      });
      const tracked = task.finally(() => {
        this.inFlight.delete(tracked);
        const left = (this.inFlightPerOrg.get(orgId) ?? 1) - 1;
        if (left > 0) this.inFlightPerOrg.set(orgId, left);
        else this.inFlightPerOrg.delete(orgId);
      });
      this.inFlight.add(tracked);
    }
    return rows.length;
  }

  /**
   * With tenant leases: the tenants with work whose lease this process holds or can take now
   * (undefined without leases: every tenant). Taking a released lease pauses the tenant for a
   * moment, so our first request does not share a rate window with the previous holder's last.
   */
  private async tenantsToClaim(): Promise<ReadonlySet<string> | undefined> {
    if (!this.tenantLeases) return undefined;
    const withWork = await this.options.store.activeOrgIds();
    const held = await this.tenantLeases.hold(withWork, (orgId) => this.inFlightPerOrg.has(orgId));
    const now = this.clock.now().getTime();
    for (const [orgId, startAt] of held) {
      if (startAt > now) this.pacerFor(orgId).pause(startAt - now);
    }
    this.othersHoldWork = withWork.some((orgId) => !held.has(orgId));
    return new Set(held.keys());
  }

  /** Waits for one of the `concurrency` sending slots. */
  private async slot(): Promise<void> {
    if (this.sending < this.concurrency) {
      this.sending++;
      return;
    }
    // The releasing task hands its slot straight to us.
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private release(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.sending--;
  }

  private pacerFor(orgId: string): TenantPacer {
    let pacer = this.pacers.get(orgId);
    if (!pacer) {
      const rate = (this.options.ratePerSecond?.(orgId) ?? 30) * TENANT_RATE_HEADROOM;
      pacer = new TenantPacer(rate, {
        now: () => this.clock.now().getTime(),
        sleep: (ms) => this.clock.sleep(ms),
      });
      this.pacers.set(orgId, pacer);
    }
    return pacer;
  }

  private conversationLimiter(key: string): SlidingWindowLimiter {
    let limiter = this.conversations.get(key);
    if (!limiter) {
      limiter = new SlidingWindowLimiter(undefined, () => this.clock.now().getTime());
      this.conversations.set(key, limiter);
    }
    return limiter;
  }

  /**
   * Waits for the tenant's next turn, just before one request to Teams. The turn must come while
   * we still hold the row's lease and, with tenant leases, the tenant's.
   */
  private async pace(pacer: TenantPacer, row: Delivery): Promise<void> {
    const { rowDeadline, tenantDeadline } = this.deadlines(row);
    try {
      await pacer.turn(Math.min(rowDeadline, tenantDeadline));
    } catch (error) {
      if (!(error instanceof TurnTooLateError)) throw error;
      throw new LeaseExpiredError(tenantDeadline < rowDeadline ? 'tenant' : 'row');
    }
  }

  /** By when a request for the row must be made: its own lease's end and, with leases, the tenant's. */
  private deadlines(row: Delivery): { rowDeadline: number; tenantDeadline: number } {
    const leaseEnds = row.leaseUntil ? Date.parse(row.leaseUntil) : Number.POSITIVE_INFINITY;
    // The request and the save of its outcome must also fit in the lease.
    const margin = Math.min(this.leaseMs / 4, 5_000);
    return {
      rowDeadline: leaseEnds - margin,
      tenantDeadline: this.tenantLeases?.sendDeadline(row.orgId) ?? Number.POSITIVE_INFINITY,
    };
  }

  /**
   * A row that waited for a slot until a lease ran out is not drawn at all: its card would be thrown
   * away at the pace, and on a busy storage drawing it costs reads the rows still ours need.
   */
  private expiredWhileQueued(row: Delivery): LeaseExpiredError | undefined {
    const { rowDeadline, tenantDeadline } = this.deadlines(row);
    const now = this.clock.now().getTime();
    if (tenantDeadline <= now) return new LeaseExpiredError('tenant');
    if (rowDeadline <= now) return new LeaseExpiredError('row');
    return undefined;
  }

  /** Sends one claimed row; its next state to record, or undefined when it must not be recorded. */
  private async sendOne(claimed: Versioned<Delivery>): Promise<Delivery | undefined> {
    const row = claimed.value;
    const conversationKey = `${row.orgId}|${row.recipientEmail}`;
    const limiter = this.conversationLimiter(conversationKey);
    for (let wait = limiter.wait(); wait > 0; wait = limiter.wait()) await this.clock.sleep(wait);
    limiter.record();
    const pacer = this.pacerFor(row.orgId);

    let outcome: DeliveryOutcome;
    try {
      const expired = this.expiredWhileQueued(row);
      if (expired) throw expired;
      outcome = await this.options.deliver(row, () => this.pace(pacer, row));
    } catch (error) {
      if (error instanceof LeaseExpiredError && error.lease === 'tenant') {
        // The tenant is another process's now (or ours again after a renewal): the row goes back
        // to pending, unsent and uncounted, for whoever holds the tenant to claim at once.
        this.stats.handedBack++;
        return {
          ...row,
          status: 'pending',
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: this.clock.now().toISOString(),
        };
      }
      if (error instanceof LeaseExpiredError) {
        // Another process may have claimed the row meanwhile, and both sending would give the
        // person two cards. The row is claimed again (by whoever comes first) and sent then.
        this.stats.expiredBeforeSend++;
        return undefined;
      }
      this.options.log.error(
        { err: error, recipient: personRef(row.recipientEmail) },
        'rendering or sending a card failed',
      );
      outcome = {
        ok: false,
        status: 0,
        permanent: false,
        code: 'internal',
        reasonText: ROLLOUT_TEXTS.dispatcher.reasonText,
      };
    }
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    let next: Delivery;
    if (outcome.ok) {
      this.stats.sent++;
      next = {
        ...row,
        status: 'sent',
        attempts,
        activityId: outcome.activityId,
        conversationId: outcome.conversationId,
        lastError: undefined,
        leaseOwner: undefined,
        leaseUntil: undefined,
        updatedAt: now.toISOString(),
      };
    } else {
      const lastError = { status: outcome.status, reason: outcome.reasonText, code: outcome.code };
      if (outcome.status === 429) {
        this.stats.throttled++;
        pacer.pause((outcome.retryAfterSeconds ?? 1) * 1000);
      }
      const giveUp = outcome.permanent || attempts >= this.retry.maxAttempts;
      if (giveUp) {
        this.stats.failed++;
        next = {
          ...row,
          status: statusAfterGivingUp(outcome.code),
          attempts,
          lastError,
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: now.toISOString(),
        };
      } else {
        this.stats.retried++;
        const delay = retryDelayMs(
          attempts,
          this.retry,
          outcome.retryAfterSeconds,
          this.options.random,
        );
        next = {
          ...row,
          status: 'pending',
          attempts,
          notBefore: new Date(now.getTime() + delay).toISOString(),
          lastError,
          leaseOwner: undefined,
          leaseUntil: undefined,
          updatedAt: now.toISOString(),
        };
      }
    }
    return next;
  }

  /** Writes down a send's outcome on its row, guarded by the lease's ETag. */
  private async record(claimed: Versioned<Delivery>, next: Delivery): Promise<void> {
    const row = claimed.value;
    try {
      await this.options.store.save(next, claimed.etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Our lease expired and another process took the row over; it will record its own outcome.
      this.stats.lostLeases++;
      this.options.log.warn(
        { recipient: personRef(row.recipientEmail) },
        'lease lost before the outcome was saved',
      );
    }
    this.options.onProgress?.({ orgId: row.orgId, roundId: row.roundId, step: row.step });
  }
}

/**
 * Where a row goes when its send is given up. Not reachable yet (no app, or Teams has not told us who
 * they are) is waiting: tried again by itself until the step's deadline. A user who blocked the app
 * chose so: not installed. Anything else is a failure HR can resend.
 */
export function statusAfterGivingUp(code: string): 'waiting' | 'not-installed' | 'failed' {
  if (code === 'not_installed' || code === 'conversation_not_found') return 'waiting';
  if (code === 'blocked_by_user') return 'not-installed';
  return 'failed';
}
