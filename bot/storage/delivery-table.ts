import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, type Versioned } from '../mus/errors.js';
import type { StepNumber } from '../mus/rollout-steps.js';
import {
  DELIVERY_AUDIENCES,
  type Delivery,
  type DeliveryAudience,
  type DeliveryKey,
  type DeliveryStore,
  type StepCounts,
} from '../rollout/delivery.js';
import { bilingualSchema } from './domain-schemas.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { joinKey } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import {
  definedProperties,
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
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'not-installed']),
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

/** Entities grouped by partition, in chunks a transaction can take. */
function chunksByPartition(entities: EntityToWrite[]): EntityToWrite[][] {
  const byPartition = new Map<string, EntityToWrite[]>();
  for (const entity of entities) {
    const key = String(entity.partitionKey);
    const group = byPartition.get(key);
    if (group) group.push(entity);
    else byPartition.set(key, [entity]);
  }
  const chunks: EntityToWrite[][] = [];
  for (const group of byPartition.values()) {
    for (let i = 0; i < group.length; i += MAX_BATCH_OPERATIONS) {
      chunks.push(group.slice(i, i + MAX_BATCH_OPERATIONS));
    }
  }
  return chunks;
}

export class DeliveryTable implements DeliveryStore {
  constructor(
    private readonly client: TableClient,
    private readonly queue: TableClient,
  ) {}

  private async markActive(partition: string): Promise<void> {
    await this.queue.upsertEntity(
      { partitionKey: ACTIVE, rowKey: partition, touchedAt: new Date().toISOString() },
      'Replace',
    );
  }

  async plan(deliveries: Delivery[]): Promise<{ created: number; existing: number }> {
    const unique = new Map(deliveries.map((d) => [deliveryKey(d), toEntity(d)]));
    // A launch writes thousands of rows: in transactions of 100 (one request each) when none of
    // them exists yet, which is the common case; row by row when some do (a repeated launch).
    const results = await mapWithLimit(
      chunksByPartition([...unique.values()]),
      4,
      async (chunk) => {
        try {
          await this.client.submitTransaction(chunk.map((entity) => ['create', entity]));
          return chunk.length;
        } catch (error) {
          if (statusOf(error) !== 409) throw error;
        }
        const created = await mapWithLimit(chunk, 16, async (entity) => {
          try {
            await this.client.createEntity(entity);
            return true;
          } catch (error) {
            if (statusOf(error) === 409) return false;
            throw error;
          }
        });
        return created.filter(Boolean).length;
      },
    );
    const partitions = new Set(
      deliveries.map((d) => deliveryPartition(d.orgId, d.roundId, d.step)),
    );
    for (const p of partitions) await this.markActive(p);
    const created = results.reduce((sum, n) => sum + n, 0);
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
  ): Promise<Versioned<Delivery>[]> {
    if (max <= 0) return [];
    const iso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const claimed: Versioned<Delivery>[] = [];
    for (const marker of await queryEntities(this.queue, odata`PartitionKey eq ${ACTIVE}`)) {
      if (claimed.length >= max) break;
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
   * by row when one did (the transaction is all or nothing), skipping the rows it took.
   */
  private async lease(rows: Versioned<Delivery>[]): Promise<Versioned<Delivery>[]> {
    const entities = rows.map((row) => toEntity(row.value));
    try {
      const response = await this.client.submitTransaction(
        entities.map((entity, i) => ['update', entity, 'Replace', { etag: rows[i]!.etag }]),
      );
      return rows.map((row, i) => ({ value: row.value, etag: transactionEtag(response, i) }));
    } catch (error) {
      if (statusOf(error) !== 412 && statusOf(error) !== 404) throw error;
    }
    const taken = await mapWithLimit(rows, 16, async (row) => {
      try {
        const response = await this.client.updateEntity(toEntity(row.value), 'Replace', {
          etag: row.etag,
        });
        return response.etag ? { value: row.value, etag: response.etag } : undefined;
      } catch (error) {
        // Another dispatcher claimed (or finished) it first.
        if (statusOf(error) === 412 || statusOf(error) === 404) return undefined;
        throw error;
      }
    });
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

  async save(delivery: Delivery, etag: string): Promise<Versioned<Delivery>> {
    const entity = toEntity(delivery);
    const newEtag = await replaceIfUnchanged(this.client, entity, etag, async () => {
      const raw = await readEntity(this.client, String(entity.partitionKey), String(entity.rowKey));
      return raw ? toDelivery(raw) : undefined;
    });
    return { value: delivery, etag: newEtag };
  }

  /** Counts the step's own cards; reminders and talk summaries ride in the same partition. */
  async counts(orgId: string, roundId: string, step: StepNumber): Promise<StepCounts> {
    const counts: StepCounts = { sent: 0, pending: 0, failed: 0, notInstalled: 0 };
    const rows = this.client.listEntities<{ status: string; audience: string }>({
      queryOptions: {
        filter: odata`PartitionKey eq ${deliveryPartition(orgId, roundId, step)}`,
        select: ['status', 'audience'],
      },
    });
    for await (const row of rows) {
      if (row.audience !== 'leader' && row.audience !== 'employee') continue;
      if (row.status === 'sent') counts.sent++;
      else if (row.status === 'failed') counts.failed++;
      else if (row.status === 'not-installed') counts.notInstalled++;
      else counts.pending++;
    }
    return counts;
  }

  async requeueFailed(
    orgId: string,
    roundId: string,
    step: StepNumber,
    now: Date,
  ): Promise<number> {
    const partition = deliveryPartition(orgId, roundId, step);
    const failed = await queryEntities(
      this.client,
      // Only `failed`, as the card's "Send igen til fejlede" says and its count shows: a person who
      // blocked or never installed the app gets nothing new from a resend.
      odata`PartitionKey eq ${partition} and status eq ${'failed'}`,
    );
    const iso = now.toISOString();
    const results = await mapWithLimit(failed.map(toDelivery), 16, async (row) => {
      try {
        await this.save(
          { ...row.value, status: 'pending', attempts: 0, notBefore: iso, updatedAt: iso },
          row.etag,
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    });
    await this.markActive(partition);
    return results.filter(Boolean).length;
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
    return raw.map((r) => toDelivery(r).value);
  }

  async remove(keys: DeliveryKey[]): Promise<number> {
    const removed = await mapWithLimit(keys, 16, async (key) => {
      try {
        await this.client.deleteEntity(
          deliveryPartition(key.orgId, key.roundId, key.step),
          deliveryRowKey(key),
        );
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        throw error;
      }
    });
    return removed.filter(Boolean).length;
  }
}
