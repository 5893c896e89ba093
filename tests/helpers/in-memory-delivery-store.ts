import { ConflictError, type Versioned } from '../../bot/mus/errors.js';
import type { StepNumber } from '../../bot/mus/rollout-steps.js';
import type {
  ClaimOptions,
  Delivery,
  DeliveryKey,
  DeliveryStatus,
  DeliveryStore,
  ResendableStatus,
  StepCounts,
} from '../../bot/rollout/delivery.js';

function keyOf(d: DeliveryKey): string {
  return [d.orgId, d.roundId, d.step, d.audience, d.recipientEmail, d.subject ?? ''].join('|');
}

/**
 * A hand-written DeliveryStore in memory with the same contract as the Azure table: ETags change on
 * every write, a save with a stale ETag throws ConflictError, claims write a lease. For unit tests of
 * the dispatcher; the integration tests use the real table on Azurite.
 */
export class InMemoryDeliveryStore implements DeliveryStore {
  private readonly rows = new Map<string, Versioned<Delivery>>();
  private version = 0;
  /** Every outcome the dispatcher saved, in order. */
  readonly saved: Delivery[] = [];

  private write(value: Delivery): Versioned<Delivery> {
    this.version += 1;
    const stored = { value: { ...value }, etag: `W/"${this.version}"` };
    this.rows.set(keyOf(value), stored);
    return { value: { ...value }, etag: stored.etag };
  }

  plan(deliveries: Delivery[]): Promise<{ created: number; existing: number }> {
    let created = 0;
    for (const d of deliveries) {
      if (this.rows.has(keyOf(d))) continue;
      this.write(d);
      created += 1;
    }
    return Promise.resolve({ created, existing: deliveries.length - created });
  }

  claimDue(
    owner: string,
    now: Date,
    leaseMs: number,
    max: number,
    options: ClaimOptions = {},
  ): Promise<Versioned<Delivery>[]> {
    const iso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: Versioned<Delivery>[] = [];
    for (const { value } of this.rows.values()) {
      if (claimed.length >= max) break;
      if (options.orgIds && !options.orgIds.has(value.orgId)) continue;
      const due =
        (value.status === 'pending' && value.notBefore <= iso) ||
        (value.status === 'sending' && (value.leaseUntil ?? '') <= iso);
      if (due)
        claimed.push(this.write({ ...value, status: 'sending', leaseOwner: owner, leaseUntil }));
    }
    return Promise.resolve(claimed);
  }

  activeOrgIds(): Promise<string[]> {
    const orgIds = new Set<string>();
    for (const { value } of this.rows.values()) {
      if (value.status === 'pending' || value.status === 'sending') orgIds.add(value.orgId);
    }
    return Promise.resolve([...orgIds]);
  }

  save(delivery: Delivery, etag: string): Promise<Versioned<Delivery>> {
    const current = this.rows.get(keyOf(delivery));
    if (!current || current.etag !== etag) return Promise.reject(new ConflictError(current));
    this.saved.push({ ...delivery });
    return Promise.resolve(this.write(delivery));
  }

  async counts(orgId: string, roundId: string, step: StepNumber): Promise<StepCounts> {
    const counts: StepCounts = { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 };
    for (const row of await this.list(orgId, roundId, step)) {
      if (row.status === 'sent') counts.sent++;
      else if (row.status === 'failed') counts.failed++;
      else if (row.status === 'waiting') counts.waiting++;
      else if (row.status === 'not-installed') counts.notInstalled++;
      else counts.pending++;
    }
    return counts;
  }

  async moveStatus(
    orgId: string,
    roundId: string,
    step: StepNumber,
    from: ResendableStatus,
    to: 'pending' | 'not-installed',
    now: Date,
  ): Promise<number> {
    const iso = now.toISOString();
    let moved = 0;
    for (const row of await this.list(orgId, roundId, step)) {
      if (row.status !== from) continue;
      this.write(
        to === 'pending'
          ? { ...row, status: 'pending', attempts: 0, notBefore: iso, updatedAt: iso }
          : { ...row, status: 'not-installed', updatedAt: iso },
      );
      moved += 1;
    }
    return moved;
  }

  nextDueAt(): Promise<Date | undefined> {
    let earliest: string | undefined;
    for (const { value } of this.rows.values()) {
      if (value.status !== 'pending' && value.status !== 'sending') continue;
      const at =
        value.status === 'sending' ? (value.leaseUntil ?? value.notBefore) : value.notBefore;
      if (!earliest || at < earliest) earliest = at;
    }
    return Promise.resolve(earliest ? new Date(earliest) : undefined);
  }

  list(orgId: string, roundId: string, step: StepNumber): Promise<Delivery[]> {
    return Promise.resolve(
      [...this.rows.values()]
        .map((r) => ({ ...r.value }))
        .filter((d) => d.orgId === orgId && d.roundId === roundId && d.step === step),
    );
  }

  async statusesOf(
    key: Omit<DeliveryKey, 'recipientEmail' | 'subject'>,
    emails: readonly string[],
  ): Promise<Map<string, DeliveryStatus>> {
    const wanted = new Set(emails);
    const rows = await this.list(key.orgId, key.roundId, key.step);
    return new Map(
      rows
        .filter((d) => d.audience === key.audience && !d.subject && wanted.has(d.recipientEmail))
        .map((d) => [d.recipientEmail, d.status]),
    );
  }

  /** Writes a row as another process would, changing its ETag. */
  overwrite(delivery: Delivery): void {
    this.write(delivery);
  }

  /** The stored row for one recipient, for assertions. */
  get(key: DeliveryKey): Delivery | undefined {
    const row = this.rows.get(keyOf(key));
    return row ? { ...row.value } : undefined;
  }

  remove(keys: DeliveryKey[]): Promise<number> {
    let removed = 0;
    for (const key of keys) if (this.rows.delete(keyOf(key))) removed += 1;
    return Promise.resolve(removed);
  }
}
