import type { StepCounts } from '../rollout/delivery.js';

/*
 * How a delivery row counts towards HR's numbers for its step: the step's own cards (audiences leader
 * and employee) by status, kept in counter rows (sharded-counters.ts) that every write moves in the
 * same transaction as the row.
 */

export type Bucket = keyof StepCounts;
export const BUCKETS: readonly Bucket[] = ['sent', 'pending', 'failed', 'waiting', 'notInstalled'];
export type CountChange = Partial<StepCounts>;

/** The step's own cards; reminders, talk summaries and agreement reminders ride along uncounted. */
export function isCounted(audience: unknown): boolean {
  return audience === 'leader' || audience === 'employee';
}

/** Where a status is counted: a lease (`sending`) is still pending, so claiming changes no count. */
export function bucketOf(status: unknown): Bucket {
  if (status === 'sent') return 'sent';
  if (status === 'failed') return 'failed';
  if (status === 'waiting') return 'waiting';
  if (status === 'not-installed') return 'notInstalled';
  return 'pending';
}

/** The change to a step's counts when a row goes from `before` to `after` (absent: no row). */
export function countChange(audience: unknown, before: unknown, after: unknown): CountChange {
  const change: CountChange = {};
  if (!isCounted(audience)) return change;
  if (before !== undefined) change[bucketOf(before)] = (change[bucketOf(before)] ?? 0) - 1;
  if (after !== undefined) change[bucketOf(after)] = (change[bucketOf(after)] ?? 0) + 1;
  return change;
}

export function isNoChange(change: CountChange): boolean {
  return BUCKETS.every((b) => !change[b]);
}

export function sumChanges(changes: CountChange[]): CountChange {
  const sum: CountChange = {};
  for (const change of changes) {
    for (const b of BUCKETS) if (change[b]) sum[b] = (sum[b] ?? 0) + change[b];
  }
  return sum;
}
