import type { DeliveryStatus } from '../rollout/delivery.js';

/** Row states remembered for saves (a dispatcher's claimed rows, a few hundred at most). */
const MAX_KNOWN_ROWS = 5_000;

/**
 * The status of delivery rows at the ETags this process wrote or leased them with. A save must take
 * the row off its old count, so it needs the status before the write: remembered here, it need not
 * read the row. Bounded: the oldest half is forgotten when full (and then read when needed).
 */
export class KnownRowStatus {
  private readonly rows = new Map<string, { etag: string; status: DeliveryStatus }>();

  remember(pk: string, rk: string, etag: string, status: DeliveryStatus): void {
    if (this.rows.size >= MAX_KNOWN_ROWS) {
      // The oldest first: Map keeps insertion order.
      for (const key of [...this.rows.keys()].slice(0, MAX_KNOWN_ROWS / 2)) this.rows.delete(key);
    }
    this.rows.delete(`${pk}\n${rk}`);
    this.rows.set(`${pk}\n${rk}`, { etag, status });
  }

  /** The status remembered for the row at exactly `etag`, if any. */
  at(pk: string, rk: string, etag: string): DeliveryStatus | undefined {
    const known = this.rows.get(`${pk}\n${rk}`);
    return known?.etag === etag ? known.status : undefined;
  }

  forget(pk: string, rk: string): void {
    this.rows.delete(`${pk}\n${rk}`);
  }
}
