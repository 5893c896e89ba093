import { odata, type TableClient } from '@azure/data-tables';
import { queryEntities, statusOf, type RawEntity } from './table-operations.js';

/*
 * Table `dispatchqueue`: PK = `active`, RK = a deliveries partition key that may hold unfinished rows.
 * Dispatchers read this short list instead of scanning every delivery ever made. A marker is removed
 * only with the ETag it was read at; planning rewrites the marker after writing rows, so a marker is
 * never lost while its partition has work. Each marker names its tenant, so a dispatcher can keep to
 * the tenants whose send lease it holds.
 */

const ACTIVE = 'active';

/** A step with (perhaps) unfinished rows: its deliveries partition and its tenant. */
export interface ActiveMarker {
  partition: string;
  etag: string;
  /** Undefined only for a marker of an empty partition written before markers named the tenant. */
  orgId: string | undefined;
}

/** Unfinished rows of one deliveries partition. */
export function unfinishedFilter(partition: string): string {
  return odata`PartitionKey eq ${partition} and (status eq ${'pending'} or status eq ${'sending'})`;
}

export class DispatchQueueMarkers {
  /** The tenant of a marker written before markers named it, by partition. */
  private readonly markerOrgs = new Map<string, string>();

  constructor(
    private readonly queue: TableClient,
    private readonly deliveries: TableClient,
  ) {}

  async markActive(partition: string, orgId: string): Promise<void> {
    await this.queue.upsertEntity(
      { partitionKey: ACTIVE, rowKey: partition, orgId, touchedAt: new Date().toISOString() },
      'Replace',
    );
  }

  async active(): Promise<ActiveMarker[]> {
    const markers = await queryEntities(this.queue, odata`PartitionKey eq ${ACTIVE}`);
    return Promise.all(
      markers.map(async (marker) => ({
        partition: String(marker.rowKey),
        etag: marker.etag,
        orgId: await this.orgIdOf(marker),
      })),
    );
  }

  async activeOrgIds(): Promise<string[]> {
    const orgIds = new Set<string>();
    for (const { orgId } of await this.active()) if (orgId !== undefined) orgIds.add(orgId);
    return [...orgIds];
  }

  /** Removes the marker if its partition has no unfinished rows left and it is still as read. */
  async retireIfFinished(marker: ActiveMarker): Promise<void> {
    const unfinished = this.deliveries
      .listEntities({
        queryOptions: { filter: unfinishedFilter(marker.partition), select: ['RowKey'] },
      })
      .byPage({ maxPageSize: 1 });
    const first = await unfinished.next();
    if (!first.done && first.value.length > 0) return;
    try {
      await this.queue.deleteEntity(ACTIVE, marker.partition, { etag: marker.etag });
    } catch (error) {
      // 412: rows were planned meanwhile and the marker rewritten; 404: someone else retired it.
      if (statusOf(error) !== 412 && statusOf(error) !== 404) throw error;
    }
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
    const first = await this.deliveries
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
}
