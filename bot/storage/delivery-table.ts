import { odata, type TableClient } from '@azure/data-tables';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import type {
  ClaimOptions,
  Delivery,
  DeliveryKey,
  DeliveryStatus,
  DeliveryStore,
  ResendableStatus,
  StepCounts,
} from '../rollout/delivery.js';
import {
  BUCKETS,
  bucketOf,
  countChange,
  isCounted,
  isNoChange,
  sumChanges,
  type Bucket,
} from './delivery-counts.js';
import {
  deliveryKey,
  deliveryPartition,
  deliveryRowKey,
  toDelivery,
  toEntity,
} from './delivery-entity.js';
import { eraseDeliveries } from './delivery-erasure.js';
import { DispatchQueueMarkers, unfinishedFilter } from './dispatch-queue-markers.js';
import { KnownRowStatus } from './known-row-status.js';
import {
  etagAt,
  isRowRefusal,
  PartitionSaveLanes,
  ROWS_PER_TRANSACTION,
} from './partition-save-lanes.js';
import { isCounterRowKey, ShardedCounters } from './sharded-counters.js';
import { partitionFilter } from './table-keys.js';
import type { EntityToWrite } from './table-limits.js';
import {
  mapWithLimit,
  MAX_BATCH_OPERATIONS,
  queryEntities,
  readEntity,
  statusOf,
  transactionEtag,
  type RawEntity,
} from './table-operations.js';
import { replaceIfUnchanged } from './versioned-writes.js';

/*
 * The rollout's durable outbox.
 *
 * Table `deliveries`: one partition per launched step, one row per card (delivery-entity.ts): the key
 * makes planning idempotent (a second launch finds the rows there) and the partition answers "how far
 * is step 3" without touching other steps. The steps with work are marked in `dispatchqueue`
 * (dispatch-queue-markers.ts).
 *
 * HR's counts (sent, pending, failed, waiting, not installed) of a step's own cards are counter rows
 * in the step's partition (sharded-counters.ts, delivery-counts.ts): every write that moves a counted
 * row from one count to another (plan, the dispatcher's outcome, a resend, an erasure) changes a
 * counter shard in the same transaction, so a page view reads a few rows, not 10,000, and the counts
 * stay exact through races and crashes. A lease changes no count (`sending` is counted as pending).
 * A save needs the row's status before the write: a process remembers it for the rows it leased or
 * saved itself (known-row-status.ts), and reads the row otherwise. Outcomes are written in batches
 * per partition (partition-save-lanes.ts); erasure has its own protocol (delivery-erasure.ts).
 */

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export class DeliveryTable implements DeliveryStore {
  private readonly counters: ShardedCounters<Bucket>;
  private readonly known = new KnownRowStatus();
  private readonly lanes: PartitionSaveLanes;
  private readonly markers: DispatchQueueMarkers;
  /** Partitions found to hold rows (and so not new) when planning. */
  private readonly seenRows = new Set<string>();

  constructor(
    private readonly client: TableClient,
    queue: TableClient,
    options: { counterShards?: number; saveBatchMs?: number } = {},
  ) {
    this.counters = new ShardedCounters(client, BUCKETS, { shards: options.counterShards });
    this.lanes = new PartitionSaveLanes(this.counters, options.saveBatchMs);
    this.markers = new DispatchQueueMarkers(queue, client);
  }

  activeOrgIds(): Promise<string[]> {
    return this.markers.activeOrgIds();
  }

  /**
   * A partition that has no rows yet is counted by its shards alone from its first row on; one
   * with rows from before the counters gets its baseline from a scan at the first count instead.
   */
  private async markIfNew(partition: string): Promise<void> {
    if (this.counters.knownBaselined(partition) || this.seenRows.has(partition)) return;
    const first = await this.client
      .listEntities({ queryOptions: { filter: partitionFilter(partition), select: ['RowKey'] } })
      .byPage({ maxPageSize: 1 })
      .next();
    if (first.done || first.value.length === 0) await this.counters.markNew(partition);
    // Not new: if it has no baseline yet (rows from before the counters), the first count takes it.
    else this.seenRows.add(partition);
  }

  private async rowKeysOf(partition: string): Promise<Set<string>> {
    const keys = new Set<string>();
    const rows = this.client.listEntities({
      queryOptions: { filter: partitionFilter(partition), select: ['RowKey'] },
    });
    for await (const row of rows) keys.add(String(row.rowKey));
    return keys;
  }

  /** Creates rows of one partition in one transaction, with their count; throws 409 if one exists. */
  private async create(partition: string, rows: { entity: EntityToWrite; d: Delivery }[]) {
    await this.counters.commit(
      partition,
      rows.map(({ entity }) => ['create', entity]),
      sumChanges(rows.map(({ d }) => countChange(d.audience, undefined, d.status))),
    );
  }

  async plan(deliveries: Delivery[]): Promise<{ created: number; existing: number }> {
    // Every entity is checked against the table's limits before anything is written.
    const unique = new Map(deliveries.map((d) => [deliveryKey(d), { d, entity: toEntity(d) }]));
    const byPartition = new Map<string, { d: Delivery; entity: EntityToWrite }[]>();
    for (const row of unique.values()) {
      const pk = String(row.entity.partitionKey);
      const group = byPartition.get(pk);
      if (group) group.push(row);
      else byPartition.set(pk, [row]);
    }
    let created = 0;
    for (const [partition, rows] of byPartition) {
      await this.markIfNew(partition);
      let existing: Promise<Set<string>> | undefined;
      // A launch writes thousands of rows: 99 and their count per transaction when none of them
      // exists yet, the common case; when some do (a repeated launch), only the others.
      const results = await mapWithLimit(chunked(rows, ROWS_PER_TRANSACTION), 4, async (chunk) => {
        try {
          await this.create(partition, chunk);
          return chunk.length;
        } catch (error) {
          if (statusOf(error) !== 409) throw error;
        }
        existing ??= this.rowKeysOf(partition);
        const have = await existing;
        const missing = chunk.filter(({ entity }) => !have.has(String(entity.rowKey)));
        if (missing.length === 0) return 0;
        try {
          await this.create(partition, missing);
          return missing.length;
        } catch (error) {
          if (statusOf(error) !== 409) throw error;
        }
        // Another launch is writing the same rows right now: one at a time.
        let n = 0;
        for (const row of missing) {
          try {
            await this.create(partition, [row]);
            n += 1;
          } catch (error) {
            if (statusOf(error) !== 409) throw error;
          }
        }
        return n;
      });
      created += results.reduce((sum, n) => sum + n, 0);
    }
    for (const [partition, rows] of byPartition)
      await this.markers.markActive(partition, rows[0]!.d.orgId);
    return { created, existing: deliveries.length - created };
  }

  /** Unfinished rows of one partition that are due at `now`. */
  private dueFilter(partition: string, now: string): string {
    return odata`PartitionKey eq ${partition} and ((status eq ${'pending'} and notBefore le ${now}) or (status eq ${'sending'} and leaseUntil le ${now}))`;
  }

  async claimDue(
    owner: string,
    now: Date,
    leaseMs: number,
    max: number,
    options: ClaimOptions = {},
  ): Promise<Versioned<Delivery>[]> {
    if (max <= 0) return [];
    const iso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: Versioned<Delivery>[] = [];
    for (const marker of await this.markers.active()) {
      if (claimed.length >= max) break;
      const { partition, orgId } = marker;
      // Another process holds this tenant's lease: its rows are that process's to send.
      if (options.orgIds && (orgId === undefined || !options.orgIds.has(orgId))) continue;
      const due: RawEntity[] = [];
      const pages = this.client
        .listEntities<Record<string, unknown>>({
          queryOptions: { filter: this.dueFilter(partition, iso) },
        })
        .byPage({ maxPageSize: Math.min(1000, max - claimed.length) });
      for await (const page of pages) {
        due.push(...page);
        if (due.length >= max - claimed.length) break;
      }
      if (due.length === 0) {
        await this.markers.retireIfFinished(marker);
        continue;
      }
      const rows = due.slice(0, max - claimed.length).map(toDelivery);
      const leased = rows.map((row): Versioned<Delivery> => ({
        etag: row.etag,
        value: { ...row.value, status: 'sending', leaseOwner: owner, leaseUntil },
      }));
      for (let i = 0; i < leased.length; i += MAX_BATCH_OPERATIONS) {
        claimed.push(...(await this.lease(leased.slice(i, i + MAX_BATCH_OPERATIONS))));
      }
    }
    return claimed;
  }

  /**
   * Writes the leases of up to 100 rows of one partition, each guarded by the ETag it was read at:
   * in one transaction when no other dispatcher got there first (one request instead of 100), row
   * by row when one did (the transaction is all or nothing), skipping the rows it took. A lease
   * changes no count (pending and sending are both counted as pending).
   */
  private async lease(rows: Versioned<Delivery>[]): Promise<Versioned<Delivery>[]> {
    const entities = rows.map((row) => toEntity(row.value));
    const remembered = (row: Versioned<Delivery>, i: number, etag: string) => {
      this.known.remember(
        String(entities[i]!.partitionKey),
        String(entities[i]!.rowKey),
        etag,
        'sending',
      );
      return { value: row.value, etag };
    };
    try {
      const response = await this.client.submitTransaction(
        entities.map((entity, i) => ['update', entity, 'Replace', { etag: rows[i]!.etag }]),
      );
      return rows.map((row, i) => remembered(row, i, transactionEtag(response, i)));
    } catch (error) {
      if (statusOf(error) !== 412 && statusOf(error) !== 404) throw error;
    }
    const taken = await mapWithLimit(
      rows.map((row, i) => ({ row, i })),
      16,
      async ({ row, i }) => {
        try {
          const response = await this.client.updateEntity(entities[i]!, 'Replace', {
            etag: row.etag,
          });
          return response.etag ? remembered(row, i, response.etag) : undefined;
        } catch (error) {
          // Another dispatcher claimed (or finished) it first.
          if (statusOf(error) === 412 || statusOf(error) === 404) return undefined;
          throw error;
        }
      },
    );
    return taken.filter((t): t is Versioned<Delivery> => t !== undefined);
  }

  private async readDelivery(pk: string, rk: string): Promise<Versioned<Delivery> | undefined> {
    const raw = await readEntity(this.client, pk, rk);
    return raw ? toDelivery(raw) : undefined;
  }

  /**
   * The status of the row as it is at `etag`: remembered from this process's own lease or save, or
   * read. A read may find a newer version; the write below is guarded by `etag` all the same, so it
   * only succeeds if the row is still the version whose status was used.
   */
  private async statusAt(pk: string, rk: string, etag: string): Promise<DeliveryStatus> {
    const known = this.known.at(pk, rk, etag);
    if (known) return known;
    const current = await this.readDelivery(pk, rk);
    if (!current) throw new NotFoundError();
    if (current.etag !== etag) throw new ConflictError(current);
    return current.value.status;
  }

  async save(delivery: Delivery, etag: string): Promise<Versioned<Delivery>> {
    const entity = toEntity(delivery);
    const pk = String(entity.partitionKey);
    const rk = String(entity.rowKey);
    const readCurrent = () => this.readDelivery(pk, rk);
    const change = isCounted(delivery.audience)
      ? countChange(delivery.audience, await this.statusAt(pk, rk, etag), delivery.status)
      : {};
    let newEtag: string;
    if (isNoChange(change)) {
      newEtag = await replaceIfUnchanged(this.client, entity, etag, readCurrent);
    } else {
      try {
        newEtag = await this.lanes.save(pk, rk, ['update', entity, 'Replace', { etag }], change);
      } catch (error) {
        if (statusOf(error) === 412) throw new ConflictError(await readCurrent());
        if (statusOf(error) === 404) throw new NotFoundError();
        throw error;
      }
    }
    this.known.remember(pk, rk, newEtag, delivery.status);
    return { value: delivery, etag: newEtag };
  }

  /** Counts every row of the partition (the fallback, and the baseline of older partitions). */
  private async scanCounts(partition: string): Promise<StepCounts> {
    const counts: StepCounts = { sent: 0, pending: 0, failed: 0, waiting: 0, notInstalled: 0 };
    const rows = this.client.listEntities<{ status: string; audience: string }>({
      queryOptions: { filter: partitionFilter(partition), select: ['status', 'audience'] },
    });
    for await (const row of rows) {
      if (isCounted(row.audience)) counts[bucketOf(row.status)] += 1;
    }
    return counts;
  }

  /**
   * Counts the step's own cards from the partition's counter rows (a handful of small rows, not
   * one per card). A partition from before the counters is scanned once to take its baseline.
   */
  async counts(orgId: string, roundId: string, step: StepNumber): Promise<StepCounts> {
    const partition = deliveryPartition(orgId, roundId, step);
    const stored = await this.counters.read(partition);
    if (stored.baselined) return stored.counts;
    const taken = await this.counters.takeBaseline(partition, () => this.scanCounts(partition));
    if (taken.ok) return (await this.counters.read(partition)).counts;
    // Writers kept changing the counts during the scans: the scan itself is exact as of then.
    return taken.scanned ?? this.scanCounts(partition);
  }

  async moveStatus(
    orgId: string,
    roundId: string,
    step: StepNumber,
    from: ResendableStatus,
    to: 'pending' | 'not-installed',
    now: Date,
  ): Promise<number> {
    const partition = deliveryPartition(orgId, roundId, step);
    const rows = await queryEntities(
      this.client,
      odata`PartitionKey eq ${partition} and status eq ${from}`,
    );
    const iso = now.toISOString();
    const moved = (row: Delivery): Delivery =>
      to === 'pending'
        ? { ...row, status: 'pending', attempts: 0, notBefore: iso, updatedAt: iso }
        : { ...row, status: 'not-installed', updatedAt: iso };
    let count = 0;
    for (const chunk of chunked(rows.map(toDelivery), ROWS_PER_TRANSACTION)) {
      const entities = chunk.map((row) => toEntity(moved(row.value)));
      try {
        const response = await this.counters.commit(
          partition,
          entities.map((entity, i) => ['update', entity, 'Replace', { etag: chunk[i]!.etag }]),
          sumChanges(chunk.map((row) => countChange(row.value.audience, from, to))),
        );
        entities.forEach((e, i) =>
          this.known.remember(partition, String(e.rowKey), etagAt(response, i), to),
        );
        count += chunk.length;
      } catch (error) {
        if (!isRowRefusal(error)) throw error;
        // A row changed meanwhile (all or nothing): each on its own, on its current version.
        for (const row of chunk) if (await this.moveOne(row, from, moved)) count += 1;
      }
    }
    if (to === 'pending' && count > 0) await this.markers.markActive(partition, orgId);
    return count;
  }

  private async moveOne(
    row: Versioned<Delivery>,
    from: ResendableStatus,
    moved: (row: Delivery) => Delivery,
  ): Promise<boolean> {
    let current: Versioned<Delivery> | undefined = row;
    for (let attempt = 0; attempt < 5 && current?.value.status === from; attempt++) {
      try {
        await this.save(moved(current.value), current.etag);
        return true;
      } catch (error) {
        if (error instanceof NotFoundError) return false;
        if (!(error instanceof ConflictError)) throw error;
        current = error.current as Versioned<Delivery> | undefined;
      }
    }
    return false;
  }

  async nextDueAt(): Promise<Date | undefined> {
    let earliest: string | undefined;
    for (const marker of await this.markers.active()) {
      const rows = this.client.listEntities<{
        status: string;
        notBefore: string;
        leaseUntil?: string;
      }>({
        queryOptions: {
          filter: unfinishedFilter(marker.partition),
          select: ['status', 'notBefore', 'leaseUntil'],
        },
      });
      for await (const row of rows) {
        const at = row.status === 'sending' ? (row.leaseUntil ?? row.notBefore) : row.notBefore;
        if (!earliest || at < earliest) earliest = at;
      }
    }
    return earliest ? new Date(earliest) : undefined;
  }

  async list(orgId: string, roundId: string, step: StepNumber): Promise<Delivery[]> {
    const raw = await queryEntities(
      this.client,
      odata`PartitionKey eq ${deliveryPartition(orgId, roundId, step)}`,
    );
    // Counter rows, and a stub an interrupted erasure left, are not cards.
    return raw
      .filter((r) => !isCounterRowKey(r.rowKey as string) && r.erasing !== true)
      .map((r) => toDelivery(r).value);
  }

  async statusesOf(
    key: Omit<DeliveryKey, 'recipientEmail' | 'subject'>,
    emails: readonly string[],
  ): Promise<Map<string, DeliveryStatus>> {
    const pk = deliveryPartition(key.orgId, key.roundId, key.step);
    const rows = await mapWithLimit([...emails], 8, (recipientEmail) =>
      readEntity(this.client, pk, deliveryRowKey({ ...key, recipientEmail })),
    );
    const statuses = new Map<string, DeliveryStatus>();
    rows.forEach((raw, i) => {
      if (raw && raw.erasing !== true) statuses.set(emails[i]!, toDelivery(raw).value.status);
    });
    return statuses;
  }

  /** Erasure (delivery-erasure.ts): removes these rows, whatever their status. */
  remove(keys: DeliveryKey[]): Promise<number> {
    return eraseDeliveries(
      { client: this.client, counters: this.counters, known: this.known },
      keys,
    );
  }
}
