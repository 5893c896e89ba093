import {
  odata,
  type TableClient,
  type TableTransactionResponse,
  type TransactionAction,
} from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, NotFoundError, type Versioned } from '../mus/errors.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import {
  DELIVERY_AUDIENCES,
  type ClaimOptions,
  type Delivery,
  type ResendableStatus,
  type DeliveryAudience,
  type DeliveryKey,
  type DeliveryStatus,
  type DeliveryStore,
  type StepCounts,
} from '../rollout/delivery.js';
import { bilingualSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { isCounterRowKey, ShardedCounters } from './sharded-counters.js';
import { joinKey, partitionFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
  deleteIfPresent,
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
 * Table `deliveries`: PK = <orgId>|<roundId>|<step>, RK = <audience>|<recipientEmail>[|<subject>]
 * (the subject only on rows that need one: an agreement reminder per agreement and due date). One partition
 * per launched step, one row per card: the key makes planning idempotent (a second launch finds the
 * rows there) and the partition answers "how far is step 3" without touching other steps.
 *
 * Table `dispatchqueue`: PK = `active`, RK = a deliveries partition key that may hold unfinished rows.
 * Dispatchers read this short list instead of scanning every delivery ever made. A marker is removed
 * only with the ETag it was read at; planning rewrites the marker after writing rows, so a marker is
 * never lost while its partition has work.
 *
 * HR's counts (sent, pending, failed, not installed) of a step's own cards (audiences leader and
 * employee) are counter rows in the step's partition (sharded-counters.ts): every write that moves a
 * counted row from one count to another (plan, the dispatcher's outcome, a resend, an erasure)
 * changes a counter shard in the same transaction, so a page view reads a few rows, not 10,000,
 * and the counts stay exact through races and crashes. A lease changes no count (`sending` is
 * counted as pending). A save needs the row's status before the write: a process remembers it for
 * the rows it leased or saved itself, and reads the row otherwise.
 */

const ACTIVE = 'active';
const WHAT = { da: 'udsendelsen', en: 'the delivery' };

const deliveryEntity = z.object({
  etag: z.string(),
  orgId: z.string(),
  roundId: z.string(),
  step: z.number().int().min(1).max(5),
  audience: z.enum(DELIVERY_AUDIENCES as [DeliveryAudience, ...DeliveryAudience[]]),
  recipientEmail: z.string(),
  subject: z.string().optional(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'waiting', 'not-installed']),
  attempts: z.number().int(),
  notBefore: z.string(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  activityId: z.string().optional(),
  conversationId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const lastErrorSchema = z
  .object({ status: z.number(), reason: bilingualSchema, code: z.string() })
  .optional();

export function deliveryPartition(orgId: string, roundId: string, step: StepNumber): string {
  return joinKey(orgId, roundId, String(step));
}

function toDelivery(raw: RawEntity): Versioned<Delivery> {
  const { etag, step, ...row } = parseEntity('deliveries', raw, deliveryEntity);
  const value: Delivery = { ...row, step: step as StepNumber };
  if (typeof raw.lastError === 'string') {
    const lastError = readJsonProperty(raw, 'lastError', lastErrorSchema);
    if (lastError) value.lastError = lastError;
  }
  return { etag, value };
}

function deliveryRowKey(d: DeliveryKey): string {
  return d.subject === undefined
    ? joinKey(d.audience, d.recipientEmail)
    : joinKey(d.audience, d.recipientEmail, d.subject);
}

function toEntity(d: Delivery): EntityToWrite {
  const entity: EntityToWrite = {
    partitionKey: deliveryPartition(d.orgId, d.roundId, d.step),
    rowKey: deliveryRowKey(d),
    ...definedProperties({
      orgId: d.orgId,
      roundId: d.roundId,
      step: d.step,
      audience: d.audience,
      recipientEmail: d.recipientEmail,
      subject: d.subject,
      status: d.status,
      attempts: d.attempts,
      notBefore: d.notBefore,
      leaseOwner: d.leaseOwner,
      leaseUntil: d.leaseUntil,
      activityId: d.activityId,
      conversationId: d.conversationId,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    }),
    ...(d.lastError ? jsonProperties('lastError', d.lastError) : {}),
  };
  assertWithinTableLimits(entity, WHAT);
  return entity;
}

function deliveryKey(d: Delivery): string {
  // The row key, subject included: two agreement reminders for one owner are two rows.
  return `${deliveryPartition(d.orgId, d.roundId, d.step)}\n${deliveryRowKey(d)}`;
}

type Bucket = keyof StepCounts;
const BUCKETS: readonly Bucket[] = ['sent', 'pending', 'failed', 'waiting', 'notInstalled'];
type CountChange = Partial<StepCounts>;

/** The step's own cards; reminders, talk summaries and agreement reminders ride along uncounted. */
function isCounted(audience: unknown): boolean {
  return audience === 'leader' || audience === 'employee';
}

/** Where a status is counted: a lease (`sending`) is still pending, so claiming changes no count. */
function bucketOf(status: unknown): Bucket {
  if (status === 'sent') return 'sent';
  if (status === 'failed') return 'failed';
  if (status === 'waiting') return 'waiting';
  if (status === 'not-installed') return 'notInstalled';
  return 'pending';
}

/** The change to a step's counts when a row goes from `before` to `after` (absent: no row). */
function countChange(audience: unknown, before: unknown, after: unknown): CountChange {
  const change: CountChange = {};
  if (!isCounted(audience)) return change;
  if (before !== undefined) change[bucketOf(before)] = (change[bucketOf(before)] ?? 0) - 1;
  if (after !== undefined) change[bucketOf(after)] = (change[bucketOf(after)] ?? 0) + 1;
  return change;
}

function isNoChange(change: CountChange): boolean {
  return BUCKETS.every((b) => !change[b]);
}

function sumChanges(changes: CountChange[]): CountChange {
  const sum: CountChange = {};
  for (const change of changes) {
    for (const b of BUCKETS) if (change[b]) sum[b] = (sum[b] ?? 0) + change[b];
  }
  return sum;
}

/** The service refused one of our own rows (exists, changed, gone), not the request as such. */
function isRowRefusal(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412 || status === 404;
}

function etagAt(response: TableTransactionResponse | undefined, index: number): string {
  if (!response) throw new Error('a transaction with rows returned nothing');
  return transactionEtag(response, index);
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Rows per transaction next to the counter shard it moves. */
const ROWS_PER_TRANSACTION = MAX_BATCH_OPERATIONS - 1;
/** Row states remembered for saves (a dispatcher's claimed rows, a few hundred at most). */
const MAX_KNOWN_ROWS = 5_000;
/**
 * How long a save waits for others of the same partition while the partition is busy, so they go
 * in one transaction. A dispatcher at Teams' 30 sends/s saves an outcome every ~35 ms: waiting 50 ms
 * puts two or three in each transaction, which costs Azure (and Azurite, where each operation scans
 * the partition) less than one transaction per save. The price: an outcome is recorded up to 50 ms
 * later, so a process killed mid-step leaves a card or two more unrecorded (sent again after the
 * lease runs out; still at most the cards in flight, as the dispatcher's slots wait for the save).
 */
const DEFAULT_SAVE_BATCH_MS = 50;
/** A partition whose last save was this recent is busy; a save to a quiet partition goes at once. */
const BUSY_MS = 1_000;

interface LaneItem {
  rowKey: string;
  action: TransactionAction;
  change: CountChange;
  resolve: (etag: string) => void;
  reject: (error: unknown) => void;
}

export class DeliveryTable implements DeliveryStore {
  private readonly counters: ShardedCounters<Bucket>;
  /** pk\nrk → a row's status at an ETag this process wrote or leased: a save need not read it. */
  private readonly known = new Map<string, { etag: string; status: DeliveryStatus }>();
  /** Saves waiting for the partition's transaction in flight; they go together in the next one. */
  private readonly lanes = new Map<string, LaneItem[]>();
  /** The tenant of a marker written before markers named it, by partition. */
  private readonly markerOrgs = new Map<string, string>();
  /** Partitions found to hold rows (and so not new) when planning. */
  private readonly seenRows = new Set<string>();
  /** When each partition's last save transaction ended. */
  private readonly lastSave = new Map<string, number>();
  private readonly saveBatchMs: number;

  constructor(
    private readonly client: TableClient,
    private readonly queue: TableClient,
    options: { counterShards?: number; saveBatchMs?: number } = {},
  ) {
    this.counters = new ShardedCounters(client, BUCKETS, { shards: options.counterShards });
    this.saveBatchMs = options.saveBatchMs ?? DEFAULT_SAVE_BATCH_MS;
  }

  private remember(pk: string, rk: string, etag: string, status: DeliveryStatus): void {
    if (this.known.size >= MAX_KNOWN_ROWS) {
      // The oldest first: Map keeps insertion order.
      for (const key of [...this.known.keys()].slice(0, MAX_KNOWN_ROWS / 2)) this.known.delete(key);
    }
    this.known.delete(`${pk}\n${rk}`);
    this.known.set(`${pk}\n${rk}`, { etag, status });
  }

  private async markActive(partition: string, orgId: string): Promise<void> {
    await this.queue.upsertEntity(
      { partitionKey: ACTIVE, rowKey: partition, orgId, touchedAt: new Date().toISOString() },
      'Replace',
    );
  }

  /**
   * The tenant of a marker's partition: written on the marker; a marker from before that is
   * answered by one row of its partition (keys are never decoded).
   */
  private async orgIdOf(marker: RawEntity): Promise<string | undefined> {
    if (typeof marker.orgId === 'string') return marker.orgId;
    const partition = String(marker.rowKey);
    const known = this.markerOrgs.get(partition);
    if (known) return known;
    const first = await this.client
      .listEntities<{ orgId?: unknown }>({
        queryOptions: {
          filter: odata`PartitionKey eq ${partition} and orgId ne ''`,
          select: ['orgId'],
        },
      })
      .byPage({ maxPageSize: 1 })
      .next();
    const orgId = first.done ? undefined : first.value[0]?.orgId;
    if (typeof orgId !== 'string') return undefined;
    if (this.markerOrgs.size > 1_000) this.markerOrgs.clear();
    this.markerOrgs.set(partition, orgId);
    return orgId;
  }

  private async activeMarkers(): Promise<{ marker: RawEntity; orgId: string | undefined }[]> {
    const markers = await queryEntities(this.queue, odata`PartitionKey eq ${ACTIVE}`);
    return Promise.all(
      markers.map(async (marker) => ({ marker, orgId: await this.orgIdOf(marker) })),
    );
  }

  async activeOrgIds(): Promise<string[]> {
    const orgIds = new Set<string>();
    for (const { orgId } of await this.activeMarkers()) if (orgId !== undefined) orgIds.add(orgId);
    return [...orgIds];
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
    for (const [partition, rows] of byPartition) await this.markActive(partition, rows[0]!.d.orgId);
    return { created, existing: deliveries.length - created };
  }

  /** Unfinished rows of one partition that are due at `now`. */
  private dueFilter(partition: string, now: string): string {
    return odata`PartitionKey eq ${partition} and ((status eq ${'pending'} and notBefore le ${now}) or (status eq ${'sending'} and leaseUntil le ${now}))`;
  }

  private unfinishedFilter(partition: string): string {
    return odata`PartitionKey eq ${partition} and (status eq ${'pending'} or status eq ${'sending'})`;
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
    for (const { marker, orgId } of await this.activeMarkers()) {
      if (claimed.length >= max) break;
      // Another process holds this tenant's lease: its rows are that process's to send.
      if (options.orgIds && (orgId === undefined || !options.orgIds.has(orgId))) continue;
      const partition = String(marker.rowKey);
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
        await this.retireIfFinished(partition, marker.etag);
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
      this.remember(
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

  private async retireIfFinished(partition: string, markerEtag: string): Promise<void> {
    const unfinished = this.client
      .listEntities({
        queryOptions: { filter: this.unfinishedFilter(partition), select: ['RowKey'] },
      })
      .byPage({ maxPageSize: 1 });
    const first = await unfinished.next();
    if (!first.done && first.value.length > 0) return;
    try {
      await this.queue.deleteEntity(ACTIVE, partition, { etag: markerEtag });
    } catch (error) {
      // 412: rows were planned meanwhile and the marker rewritten; 404: someone else retired it.
      if (statusOf(error) !== 412 && statusOf(error) !== 404) throw error;
    }
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
    const known = this.known.get(`${pk}\n${rk}`);
    if (known?.etag === etag) return known.status;
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
        newEtag = await this.inLane(pk, rk, ['update', entity, 'Replace', { etag }], change);
      } catch (error) {
        if (statusOf(error) === 412) throw new ConflictError(await readCurrent());
        if (statusOf(error) === 404) throw new NotFoundError();
        throw error;
      }
    }
    this.remember(pk, rk, newEtag, delivery.status);
    return { value: delivery, etag: newEtag };
  }

  /**
   * Writes one row with its count change in the partition's next transaction. While one is in
   * flight, the saves that arrive wait and then go together (up to 99 rows and one counter shard in
   * one request), and while the partition is busy a save waits `saveBatchMs` for others, so a busy
   * dispatcher writes fewer, larger transactions; and this process never races itself for a shard.
   */
  private inLane(
    pk: string,
    rowKey: string,
    action: TransactionAction,
    change: CountChange,
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const lane = this.lanes.get(pk);
      const item = { rowKey, action, change, resolve, reject };
      if (lane) {
        lane.push(item);
        return;
      }
      this.lanes.set(pk, [item]);
      const busy = Date.now() - (this.lastSave.get(pk) ?? Number.NEGATIVE_INFINITY) < BUSY_MS;
      if (busy && this.saveBatchMs > 0) setTimeout(() => void this.runLane(pk), this.saveBatchMs);
      else void this.runLane(pk);
    });
  }

  private async runLane(pk: string): Promise<void> {
    for (;;) {
      const lane = this.lanes.get(pk);
      if (!lane || lane.length === 0) {
        this.lanes.delete(pk);
        return;
      }
      // One transaction may not hold a row twice: a second save of the same row waits its turn.
      const batch: LaneItem[] = [];
      const rows = new Set<string>();
      for (const item of lane) {
        if (batch.length >= ROWS_PER_TRANSACTION) break;
        if (rows.has(item.rowKey)) continue;
        rows.add(item.rowKey);
        batch.push(item);
      }
      this.lanes.set(
        pk,
        lane.filter((item) => !batch.includes(item)),
      );
      await this.commitLane(pk, batch);
      if (this.lastSave.size > 1_000) this.lastSave.clear();
      this.lastSave.set(pk, Date.now());
    }
  }

  private async commitLane(pk: string, batch: LaneItem[]): Promise<void> {
    try {
      const response = await this.counters.commit(
        pk,
        batch.map((item) => item.action),
        sumChanges(batch.map((item) => item.change)),
      );
      batch.forEach((item, i) => item.resolve(etagAt(response, i)));
    } catch (error) {
      if (batch.length > 1 && isRowRefusal(error)) {
        // One row's lease was lost (all or nothing): each on its own, so only that one fails.
        for (const item of batch) await this.commitLane(pk, [item]);
        return;
      }
      for (const item of batch) item.reject(error);
    }
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
          this.remember(partition, String(e.rowKey), etagAt(response, i), to),
        );
        count += chunk.length;
      } catch (error) {
        if (!isRowRefusal(error)) throw error;
        // A row changed meanwhile (all or nothing): each on its own, on its current version.
        for (const row of chunk) if (await this.moveOne(row, from, moved)) count += 1;
      }
    }
    if (to === 'pending' && count > 0) await this.markActive(partition, orgId);
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
    for (const marker of await queryEntities(this.queue, odata`PartitionKey eq ${ACTIVE}`)) {
      const rows = this.client.listEntities<{
        status: string;
        notBefore: string;
        leaseUntil?: string;
      }>({
        queryOptions: {
          filter: this.unfinishedFilter(String(marker.rowKey)),
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

  /**
   * Erasure. A counted row first becomes an empty stub (`erasing`, no status, no audience), guarded
   * by its ETag and in one transaction with taking it off the count, and is then deleted: Azure's
   * transactions cannot delete on an ETag, and a dispatcher saving the row in between must not
   * make the count wrong. A stub left by a crash counts nowhere, is never claimed, is not listed,
   * and goes with the next erasure.
   */
  async remove(keys: DeliveryKey[]): Promise<number> {
    const removed = await mapWithLimit(keys, 16, async (key) => {
      const pk = deliveryPartition(key.orgId, key.roundId, key.step);
      const rk = deliveryRowKey(key);
      for (let attempt = 0; attempt < 20; attempt++) {
        const raw = await readEntity(this.client, pk, rk);
        if (!raw) return false;
        const change = countChange(raw.audience, raw.status, undefined);
        if (!isNoChange(change)) {
          try {
            await this.counters.commit(
              pk,
              [
                [
                  'update',
                  { partitionKey: pk, rowKey: rk, erasing: true },
                  'Replace',
                  { etag: raw.etag },
                ],
              ],
              change,
            );
          } catch (error) {
            if (statusOf(error) === 404) return false;
            // Saved meanwhile (a dispatcher recorded its outcome): read it again.
            if (statusOf(error) === 412) continue;
            throw error;
          }
        }
        this.known.delete(`${pk}\n${rk}`);
        await deleteIfPresent(this.client, pk, rk);
        return true;
      }
      throw new Error(`the delivery ${rk} kept changing while it was being removed`);
    });
    return removed.filter(Boolean).length;
  }
}
