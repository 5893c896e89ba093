import type {
  TableClient,
  TableEntityResult,
  TableTransactionResponse,
  TransactionAction,
} from '@azure/data-tables';
import { rowKeyPrefixFilter } from './table-keys.js';
import { queryEntities, statusOf, transactionEtag } from './table-operations.js';

/*
 * Counters kept in the partition whose rows they count, so that a row and its count change in one
 * transaction (Azure Table transactions are per partition): a page view reads a few counter rows
 * instead of every row, and the count can never disagree with the rows, whatever crashes.
 *
 *   RK = !count|s0 … !count|s7   shards: each writer adds its change to one of them, guarded by the
 *                                shard's ETag; the count is the sum. Several shards, so concurrent
 *                                writers (dispatchers in several processes) rarely touch the same row.
 *   RK = !count|base             the baseline: the counts of the rows that were there before any
 *                                shard counted them (data written before the counters existed),
 *                                taken once by a scan. Without it the shards are not the whole count.
 *
 * `!` sorts before every key our rows use, and is not a character any row key of ours starts with.
 *
 * Every writer applies its true change (minus the old status, plus the new) to a shard, also before
 * the baseline exists. The baseline is then "what a scan counts minus what the shards hold", taken
 * in one transaction that rewrites every shard with the ETag it had before the scan: if any count
 * changed during the scan, that transaction fails and the scan is repeated. So the sum of baseline
 * and shards is exact from then on. A partition that is empty when its first rows are planned gets
 * a zero baseline at once and is never scanned.
 *
 * Within one process, a shard is used by one transaction at a time (a small lock per shard), so a
 * process never races itself; the shard's ETag and counts are remembered, so a write needs no read
 * first. A transaction that fails because another process moved the shard is retried on the fresh
 * shard (another one, after a short random pause); one that fails because of the caller's own rows
 * is handed back to the caller with the service's error, as if there were no counter.
 */

export const COUNTER_PREFIX = '!count|';
const BASELINE = `${COUNTER_PREFIX}base`;
const DEFAULT_SHARDS = 8;
/** Rounds of a race on a shard before giving up; each round has a winner, so this is generous. */
const MAX_ATTEMPTS = 40;
/** Attempts at the baseline while writers keep changing the counts. */
const SNAPSHOT_ATTEMPTS = 3;
/** Remembered shard states; a few per partition being written. */
const MAX_REMEMBERED = 5_000;

export type Counts<F extends string> = Record<F, number>;

interface CounterRow<F extends string> {
  etag: string;
  counts: Counts<F>;
}

/** True for the rows this module writes, which row listings must leave out. */
export function isCounterRowKey(rowKey: string | undefined): boolean {
  return rowKey?.startsWith(COUNTER_PREFIX) ?? false;
}

/** Thrown when a shard kept being moved by other writers; the caller's rows were not written. */
export class CounterContentionError extends Error {
  override readonly name = 'CounterContentionError';
}

function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 5 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class ShardedCounters<F extends string> {
  private readonly shards: string[];
  private readonly home: number;
  /** pk\nrk → the shard as this process last wrote or read it; null = known absent. */
  private readonly rows = new Map<string, CounterRow<F> | null>();
  /** pk → shard row keys in use by a transaction of this process. */
  private readonly busy = new Map<string, Set<string>>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly baselined = new Set<string>();

  constructor(
    private readonly client: TableClient,
    private readonly fields: readonly F[],
    options: { shards?: number } = {},
  ) {
    const n = options.shards ?? DEFAULT_SHARDS;
    this.shards = Array.from({ length: n }, (_, i) => `${COUNTER_PREFIX}s${i}`);
    // Each process starts at its own shard, so two dispatchers seldom meet on one.
    this.home = Math.floor(Math.random() * n);
  }

  zeros(): Counts<F> {
    return Object.fromEntries(this.fields.map((f) => [f, 0])) as Counts<F>;
  }

  private isZero(delta: Partial<Counts<F>>): boolean {
    return this.fields.every((f) => !delta[f]);
  }

  private countsOf(raw: Record<string, unknown>): Counts<F> {
    const counts = this.zeros();
    for (const f of this.fields) {
      const value = raw[f];
      if (typeof value === 'number' && Number.isInteger(value)) counts[f] = value;
    }
    return counts;
  }

  private entity(
    pk: string,
    rk: string,
    counts: Counts<F>,
  ): Record<string, unknown> & {
    partitionKey: string;
    rowKey: string;
  } {
    return { partitionKey: pk, rowKey: rk, ...counts };
  }

  private remember(pk: string, rk: string, row: CounterRow<F> | null): void {
    if (this.rows.size >= MAX_REMEMBERED) this.rows.clear();
    this.rows.set(`${pk}\n${rk}`, row);
  }

  private async readRow(pk: string, rk: string): Promise<CounterRow<F> | null> {
    try {
      const raw = await this.client.getEntity<Record<string, unknown>>(pk, rk);
      return { etag: raw.etag, counts: this.countsOf(raw) };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  private async rowState(pk: string, rk: string): Promise<CounterRow<F> | null> {
    const known = this.rows.get(`${pk}\n${rk}`);
    if (known !== undefined) return known;
    const row = await this.readRow(pk, rk);
    this.remember(pk, rk, row);
    return row;
  }

  /** Takes a shard of `pk` no other transaction of this process is using, preferring `first`. */
  private async acquire(pk: string, first: number): Promise<string> {
    for (;;) {
      const busy = this.busy.get(pk) ?? new Set<string>();
      for (let k = 0; k < this.shards.length; k++) {
        const rk = this.shards[(first + k) % this.shards.length]!;
        if (!busy.has(rk)) {
          busy.add(rk);
          this.busy.set(pk, busy);
          return rk;
        }
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(pk) ?? [];
        queue.push(resolve);
        this.waiting.set(pk, queue);
      });
    }
  }

  private release(pk: string, rk: string): void {
    const busy = this.busy.get(pk);
    busy?.delete(rk);
    if (busy?.size === 0) this.busy.delete(pk);
    const queue = this.waiting.get(pk);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(pk);
    next?.();
  }

  /**
   * Submits `actions` (rows of partition `pk`) and adds `delta` to the partition's counts in the same
   * transaction. Returns the transaction's response: `subResponses[i]` belongs to `actions[i]`.
   * When the service refuses one of the caller's actions (409, 412, 404...), throws its error, and
   * nothing is written. With a zero delta the actions are submitted alone.
   */
  async commit(
    pk: string,
    actions: TransactionAction[],
    delta: Partial<Counts<F>>,
  ): Promise<TableTransactionResponse | undefined> {
    if (this.isZero(delta)) {
      return actions.length ? this.client.submitTransaction(actions) : undefined;
    }
    let rk = await this.acquire(pk, this.home);
    try {
      for (let attempt = 1; ; attempt++) {
        const row = await this.rowState(pk, rk);
        const counts = row ? { ...row.counts } : this.zeros();
        for (const f of this.fields) counts[f] += delta[f] ?? 0;
        const shard = this.entity(pk, rk, counts);
        const action: TransactionAction = row
          ? ['update', shard, 'Replace', { etag: row.etag }]
          : ['create', shard];
        try {
          const response = await this.client.submitTransaction([...actions, action]);
          this.remember(pk, rk, { etag: transactionEtag(response, actions.length), counts });
          return response;
        } catch (error) {
          const status = statusOf(error);
          if (status !== 409 && status !== 412 && status !== 404) {
            // Unknown outcome (a timeout may still have been applied): read the shard next time.
            this.rows.delete(`${pk}\n${rk}`);
            throw error;
          }
          const fresh = await this.readRow(pk, rk);
          this.remember(pk, rk, fresh);
          if ((fresh?.etag ?? null) === (row?.etag ?? null)) throw error; // the caller's rows
          if (attempt >= MAX_ATTEMPTS) {
            throw new CounterContentionError(`counter ${rk} of ${pk} kept changing`, {
              cause: error,
            });
          }
          // Another process writes this shard too: go elsewhere after a short random pause.
          this.release(pk, rk);
          await pause(attempt);
          rk = await this.acquire(pk, Math.floor(Math.random() * this.shards.length));
        }
      }
    } finally {
      this.release(pk, rk);
    }
  }

  /** Every counter row of the partition: the summed counts, and whether the baseline exists. */
  async read(pk: string): Promise<{ counts: Counts<F>; baselined: boolean }> {
    const rows = await queryEntities(this.client, rowKeyPrefixFilter(pk, COUNTER_PREFIX));
    const counts = this.zeros();
    let baselined = false;
    const busy = this.busy.get(pk);
    for (const raw of rows) {
      const rk = String(raw.rowKey);
      const row = this.countsOf(raw);
      for (const f of this.fields) counts[f] += row[f];
      if (rk === BASELINE) baselined = true;
      // A free shard's fresh state saves the next write a read.
      else if (!busy?.has(rk)) this.remember(pk, rk, { etag: raw.etag, counts: row });
    }
    if (baselined) this.baselined.add(pk);
    return { counts, baselined };
  }

  /** Whether this process has seen the partition's baseline (it never goes away). */
  knownBaselined(pk: string): boolean {
    return this.baselined.has(pk);
  }

  /**
   * A zero baseline for a partition that had no rows when its first rows were planned: every row it
   * will ever hold is counted by a shard. Harmless when a baseline exists already.
   */
  async markNew(pk: string): Promise<void> {
    try {
      await this.client.createEntity(this.entity(pk, BASELINE, this.zeros()));
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
    }
    this.baselined.add(pk);
  }

  /**
   * Takes the baseline of a partition that has rows no shard counted: `scan` counts every row as it
   * stands, and the baseline is the scan minus the shards, written together with every shard at the
   * ETag it had before the scan. Returns ok false (and the scan's counts, exact as of the scan) when
   * writers kept changing the counts meanwhile; a later call tries again.
   */
  async takeBaseline(
    pk: string,
    scan: () => Promise<Counts<F>>,
  ): Promise<{ ok: boolean; scanned?: Counts<F> }> {
    let scanned: Counts<F> | undefined;
    for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
      const rows = new Map<string, TableEntityResult<Record<string, unknown>>>();
      for (const raw of await queryEntities(this.client, rowKeyPrefixFilter(pk, COUNTER_PREFIX))) {
        rows.set(String(raw.rowKey), raw);
      }
      if (rows.has(BASELINE)) {
        this.baselined.add(pk);
        return { ok: true };
      }
      scanned = await scan();
      const baseline = { ...scanned };
      const actions: TransactionAction[] = this.shards.map((rk) => {
        const raw = rows.get(rk);
        if (!raw) return ['create', this.entity(pk, rk, this.zeros())];
        const counts = this.countsOf(raw);
        for (const f of this.fields) baseline[f] -= counts[f];
        // Rewritten unchanged: the transaction holds only if no shard moved during the scan.
        return ['update', this.entity(pk, rk, counts), 'Replace', { etag: raw.etag }];
      });
      actions.push(['create', this.entity(pk, BASELINE, baseline)]);
      try {
        const response = await this.client.submitTransaction(actions);
        this.shards.forEach((rk, i) => {
          if (!this.busy.get(pk)?.has(rk)) {
            const counts = rows.get(rk) ? this.countsOf(rows.get(rk)!) : this.zeros();
            this.remember(pk, rk, { etag: transactionEtag(response, i), counts });
          }
        });
        this.baselined.add(pk);
        return { ok: true };
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412) throw error;
        for (const rk of this.shards) this.rows.delete(`${pk}\n${rk}`);
        await pause(attempt);
      }
    }
    return { ok: false, ...(scanned ? { scanned } : {}) };
  }
}
