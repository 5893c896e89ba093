import type { TableTransactionResponse, TransactionAction } from '@azure/data-tables';
import { sumChanges, type Bucket, type CountChange } from './delivery-counts.js';
import type { ShardedCounters } from './sharded-counters.js';
import { MAX_BATCH_OPERATIONS, statusOf, transactionEtag } from './table-operations.js';

/** Rows per transaction next to the counter shard it moves. */
export const ROWS_PER_TRANSACTION = MAX_BATCH_OPERATIONS - 1;
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

/** The service refused one of our own rows (exists, changed, gone), not the request as such. */
export function isRowRefusal(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412 || status === 404;
}

/** The ETag a transaction returned for its `index`th row. */
export function etagAt(response: TableTransactionResponse | undefined, index: number): string {
  if (!response) throw new Error('a transaction with rows returned nothing');
  return transactionEtag(response, index);
}

interface LaneItem {
  rowKey: string;
  action: TransactionAction;
  change: CountChange;
  resolve: (etag: string) => void;
  reject: (error: unknown) => void;
}

/**
 * The dispatcher's write batcher: one lane per partition. A save goes into the partition's next
 * transaction; while one is in flight, the saves that arrive wait and then go together (up to 99
 * rows and one counter shard in one request), and while the partition is busy a save waits
 * `saveBatchMs` for others, so a busy dispatcher writes fewer, larger transactions; and this process
 * never races itself for a shard.
 */
export class PartitionSaveLanes {
  /** Saves waiting for the partition's transaction in flight; they go together in the next one. */
  private readonly lanes = new Map<string, LaneItem[]>();
  /** When each partition's last save transaction ended. */
  private readonly lastSave = new Map<string, number>();
  private readonly saveBatchMs: number;

  constructor(
    private readonly counters: ShardedCounters<Bucket>,
    saveBatchMs: number | undefined,
  ) {
    this.saveBatchMs = saveBatchMs ?? DEFAULT_SAVE_BATCH_MS;
  }

  /** Writes one row with its count change; resolves with the row's new ETag. */
  save(
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
      if (busy && this.saveBatchMs > 0) setTimeout(() => void this.run(pk), this.saveBatchMs);
      else void this.run(pk);
    });
  }

  private async run(pk: string): Promise<void> {
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
      await this.commit(pk, batch);
      if (this.lastSave.size > 1_000) this.lastSave.clear();
      this.lastSave.set(pk, Date.now());
    }
  }

  private async commit(pk: string, batch: LaneItem[]): Promise<void> {
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
        for (const item of batch) await this.commit(pk, [item]);
        return;
      }
      for (const item of batch) item.reject(error);
    }
  }
}
