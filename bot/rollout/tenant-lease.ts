import type { Logger } from '../logger.js';

/**
 * The right to send a tenant's cards, one row per tenant in storage. Only the dispatcher process
 * that holds a tenant's lease claims and sends that tenant's rows, so the tenant's rate limit is
 * kept by one pacer however many instances the app runs on. Every write is guarded by the row's
 * ETag; `owner` is empty when the last holder released it.
 */
export interface TenantLeaseRow {
  orgId: string;
  owner: string;
  etag: string;
}

/** Storage of the tenant leases (bot/storage/tenant-lease-table.ts). */
export interface TenantLeaseStore {
  read(orgId: string): Promise<TenantLeaseRow | undefined>;
  /** Creates the tenant's lease row for `owner`; undefined when another process created it first. */
  create(orgId: string, owner: string): Promise<string | undefined>;
  /**
   * Writes `owner` ('' = released) on the row if it is still at `etag`; the new ETag, or undefined
   * when the row has changed (someone else wrote it) or is gone.
   */
  write(orgId: string, owner: string, etag: string): Promise<string | undefined>;
}

export interface TenantLeaseOptions {
  store: TenantLeaseStore;
  /** This process, as written in the lease. */
  owner: string;
  /**
   * How long a lease holds without being renewed. The holder renews it every third of this, and
   * another process takes it over only after seeing the row unchanged this long.
   */
  leaseMs?: number;
  /** Milliseconds clock (the dispatcher's). */
  now: () => number;
  log: Logger;
}

export const DEFAULT_TENANT_LEASE_MS = 15_000;

/**
 * The sliding window Teams counts a tenant's requests in. Whoever starts sending for a tenant waits
 * this long after the previous holder's last request, so the two never share a window.
 */
export const TEAMS_RATE_WINDOW_MS = 1_000;

interface Held {
  etag: string;
  /** Our clock when the last successful write of the lease was sent. */
  writtenAt: number;
}

/**
 * Keeps this process's tenant leases: takes a tenant's lease when the tenant has work and nobody
 * holds it, renews it in the background, and lets it go when the tenant has no more work.
 *
 * No clocks are compared between processes. A holder may send until `leaseMs - margin` after it
 * sent its last successful write; another process takes the lease over only after it has seen the
 * row unchanged (same ETag) for `leaseMs` on its own clock, and that seeing began after the
 * holder's write. So the old holder's last request is at least `margin` before the new holder's
 * first, which is more than one of Teams' rate windows: two processes never send for one tenant in
 * the same second, even when a holder stalls, loses its storage or is killed.
 */
export class TenantLeases {
  private readonly held = new Map<string, Held>();
  /** Leases other processes hold, as first seen: taken over once unchanged for `leaseMs`. */
  private readonly seen = new Map<string, { etag: string; since: number }>();
  private readonly leaseMs: number;
  private readonly marginMs: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: TenantLeaseOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_TENANT_LEASE_MS;
    // Teams' window plus as long again for a request under way when the deadline passes.
    this.marginMs = 2 * TEAMS_RATE_WINDOW_MS;
    if (this.leaseMs < 3 * this.marginMs) {
      throw new RangeError(`a tenant lease must last at least ${3 * this.marginMs} ms`);
    }
  }

  /**
   * Makes sure we hold the lease of every tenant in `withWork` we can get, and let go of the ones
   * in neither `withWork` nor `busy` (rows of ours still in flight). Returns the tenants we hold,
   * each with the moment (our clock) before which we must not send for it: later than now only
   * right after taking a released lease, when the previous holder may have sent a moment ago.
   */
  async hold(
    withWork: Iterable<string>,
    busy: (orgId: string) => boolean,
  ): Promise<Map<string, number>> {
    const wanted = new Set(withWork);
    for (const orgId of [...this.seen.keys()]) if (!wanted.has(orgId)) this.seen.delete(orgId);
    for (const orgId of [...this.held.keys()]) {
      if (!wanted.has(orgId) && !busy(orgId)) await this.release(orgId);
    }
    const result = new Map<string, number>();
    for (const orgId of wanted) {
      if (this.held.has(orgId)) {
        // A renewal that failed for a while (storage down) is tried again here, not only by the timer.
        if (this.sendDeadline(orgId) <= this.options.now()) await this.renew(orgId);
        // Still ours but not renewed in time: nothing is claimed for it until a renewal goes through.
        if (this.sendDeadline(orgId) > this.options.now()) {
          result.set(orgId, Number.NEGATIVE_INFINITY);
        }
        continue;
      }
      const startAt = await this.tryTake(orgId);
      if (startAt !== undefined) result.set(orgId, startAt);
    }
    if (this.held.size > 0) this.scheduleRenewals();
    return result;
  }

  /** Tenants whose lease another process holds right now, as far as we know. */
  heldElsewhere(): string[] {
    return [...this.seen.keys()];
  }

  /** Until when (our clock, ms) we may start a request for the tenant; -Infinity when not ours. */
  sendDeadline(orgId: string): number {
    const held = this.held.get(orgId);
    return held ? held.writtenAt + this.leaseMs - this.marginMs : Number.NEGATIVE_INFINITY;
  }

  /** Lets every lease go (graceful stop), so another instance can take over at once. */
  async releaseAll(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.renewing;
    for (const orgId of [...this.held.keys()]) await this.release(orgId);
  }

  /** The tenant's start time if we took the lease, undefined if someone else holds it. */
  private async tryTake(orgId: string): Promise<number | undefined> {
    const { store, owner } = this.options;
    const before = this.options.now();
    const row = await store.read(orgId);
    if (!row) {
      const etag = await store.create(orgId, owner);
      if (etag === undefined) return undefined;
      this.taken(orgId, etag, before);
      // Nobody has ever sent for this tenant under a lease.
      return Number.NEGATIVE_INFINITY;
    }
    const readAt = this.options.now();
    if (row.owner === owner) {
      // Ours from before (we released it late or lost track of a renewal): ours again if unchanged.
      return this.takeAt(orgId, row.etag, before, readAt);
    }
    if (row.owner === '') {
      // Released: its holder's last request went before the release, which went before our read.
      return this.takeAt(orgId, row.etag, before, readAt + TEAMS_RATE_WINDOW_MS);
    }
    const seen = this.seen.get(orgId);
    if (seen?.etag !== row.etag) {
      this.seen.set(orgId, { etag: row.etag, since: readAt });
      return undefined;
    }
    if (readAt - seen.since < this.leaseMs) return undefined;
    this.options.log.warn(
      { orgId, previousOwner: row.owner },
      'taking over a tenant lease that was not renewed',
    );
    return this.takeAt(orgId, row.etag, before, readAt);
  }

  private async takeAt(
    orgId: string,
    etag: string,
    before: number,
    startAt: number,
  ): Promise<number | undefined> {
    const written = await this.options.store.write(orgId, this.options.owner, etag);
    if (written === undefined) {
      // Someone else was quicker; we watch the new version from now on.
      this.seen.delete(orgId);
      return undefined;
    }
    this.taken(orgId, written, before);
    return startAt;
  }

  private taken(orgId: string, etag: string, writtenAt: number): void {
    this.seen.delete(orgId);
    this.held.set(orgId, { etag, writtenAt });
  }

  private async renew(orgId: string): Promise<void> {
    const held = this.held.get(orgId);
    if (!held) return;
    const before = this.options.now();
    let etag: string | undefined;
    try {
      etag = await this.options.store.write(orgId, this.options.owner, held.etag);
    } catch (error) {
      // Storage is not answering: we keep what we have; our deadline stops the sends meanwhile.
      this.options.log.warn({ err: error, orgId }, 'renewing a tenant lease failed; will retry');
      return;
    }
    if (this.held.get(orgId) !== held) return;
    if (etag === undefined) {
      this.held.delete(orgId);
      this.options.log.warn({ orgId }, 'a tenant lease was taken over by another process');
      return;
    }
    this.held.set(orgId, { etag, writtenAt: before });
  }

  private async release(orgId: string): Promise<void> {
    const held = this.held.get(orgId);
    if (!held) return;
    this.held.delete(orgId);
    try {
      await this.options.store.write(orgId, '', held.etag);
    } catch (error) {
      // Not released: it runs out by itself and another process takes it over then.
      this.options.log.warn({ err: error, orgId }, 'releasing a tenant lease failed');
    }
  }

  private scheduleRenewals(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renewing = (async () => {
        for (const orgId of [...this.held.keys()]) await this.renew(orgId);
      })().finally(() => {
        this.renewing = undefined;
        if (this.held.size > 0) this.scheduleRenewals();
      });
    }, this.leaseMs / 3);
    // Renewals alone do not keep a process alive (a drained command-line run may exit).
    this.timer.unref();
  }
}
