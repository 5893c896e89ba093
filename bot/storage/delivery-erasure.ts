import type { TableClient } from '@azure/data-tables';
import type { DeliveryKey } from '../rollout/delivery.js';
import { countChange, isNoChange, type Bucket } from './delivery-counts.js';
import { deliveryPartition, deliveryRowKey } from './delivery-entity.js';
import type { KnownRowStatus } from './known-row-status.js';
import type { ShardedCounters } from './sharded-counters.js';
import { deleteIfPresent, mapWithLimit, readEntity, statusOf } from './table-operations.js';

/**
 * Erasure of delivery rows. A counted row first becomes an empty stub (`erasing`, no status, no
 * audience), guarded by its ETag and in one transaction with taking it off the count, and is then
 * deleted: Azure's transactions cannot delete on an ETag, and a dispatcher saving the row in between
 * must not make the count wrong. A stub left by a crash counts nowhere, is never claimed, is not
 * listed, and goes with the next erasure. Returns how many of the rows existed.
 */
export async function eraseDeliveries(
  deps: { client: TableClient; counters: ShardedCounters<Bucket>; known: KnownRowStatus },
  keys: DeliveryKey[],
): Promise<number> {
  const removed = await mapWithLimit(keys, 16, async (key) => {
    const pk = deliveryPartition(key.orgId, key.roundId, key.step);
    const rk = deliveryRowKey(key);
    for (let attempt = 0; attempt < 20; attempt++) {
      const raw = await readEntity(deps.client, pk, rk);
      if (!raw) return false;
      const change = countChange(raw.audience, raw.status, undefined);
      if (!isNoChange(change)) {
        try {
          await deps.counters.commit(
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
      deps.known.forget(pk, rk);
      await deleteIfPresent(deps.client, pk, rk);
      return true;
    }
    throw new Error(`the delivery ${rk} kept changing while it was being removed`);
  });
  return removed.filter(Boolean).length;
}
