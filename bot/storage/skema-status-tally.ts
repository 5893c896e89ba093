import type { TableClient, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { SkemaStatusTally } from '../mus/repositories.js';
import { SKEMA_STATUSES, type Skema, type SkemaStatus } from '../mus/skema.js';
import { parseEntity } from './json-properties.js';
import { encodeKeyPart, rowKeyPrefixFilter } from './table-keys.js';
import type { EntityToWrite } from './table-limits.js';
import { queryEntities, readEntity } from './table-operations.js';

/*
 * The status projection HR's overview reads, kept in the skemas' own partition so that it changes in
 * the same transaction as the skema (the table's one way in for every status change):
 *   PK = <orgId>|<roundId>   RK = c|<leaderEmail>|<department>   counts per status
 * One row per leader and department: at 10,000 employees the overview reads about a thousand small
 * rows instead of 10,000 skemas with their texts. A count row is read and rewritten with its ETag, so
 * two skemas of one team changing at once never lose a count: the later transaction fails as a whole
 * and is retried on fresh counts (see SkemaTable).
 */

export const TALLY_PREFIX = 'c|';
/**
 * Attempts of a skema write whose count row another write changed first. Each round of a race has
 * a winner, so a whole team written at once (step 3 creates skemas 50 at a time) gets through.
 */
export const TALLY_ATTEMPTS = 60;

type Counted = Pick<Skema, 'leaderEmail' | 'department' | 'status'>;

const tallyEntity = z.object({
  etag: z.string(),
  leaderEmail: z.string(),
  department: z.string(),
  ...Object.fromEntries(SKEMA_STATUSES.map((s) => [s, z.number().int()])),
});

function tallyKey(leaderEmail: string, department: string): string {
  return `${TALLY_PREFIX}${encodeKeyPart(leaderEmail)}|${encodeKeyPart(department)}`;
}

function zeros(): Record<SkemaStatus, number> {
  return Object.fromEntries(SKEMA_STATUSES.map((s) => [s, 0])) as Record<SkemaStatus, number>;
}

function countsOf(raw: Record<string, unknown>): Record<SkemaStatus, number> {
  const counts = zeros();
  for (const s of SKEMA_STATUSES) counts[s] = typeof raw[s] === 'number' ? raw[s] : 0;
  return counts;
}

/**
 * The transaction actions that move a skema's count from `before` to `after` (either absent for a
 * create or a removal): read-modify-write of at most two count rows, each guarded by its ETag.
 * Nothing when neither the status, the leader nor the department changed.
 */
export function tallyActions(
  client: TableClient,
  partitionKey: string,
  before: Counted | undefined,
  after: Counted | undefined,
): Promise<TransactionAction[]> {
  return tallyActionsFor(client, partitionKey, [{ before, after }]);
}

/** The same for several skemas written in one transaction: one action per count row touched. */
export async function tallyActionsFor(
  client: TableClient,
  partitionKey: string,
  moves: { before: Counted | undefined; after: Counted | undefined }[],
): Promise<TransactionAction[]> {
  const changes = new Map<
    string,
    { leaderEmail: string; department: string; delta: Partial<Record<SkemaStatus, number>> }
  >();
  const add = (side: Counted, by: number): void => {
    const department = side.department ?? '';
    const key = tallyKey(side.leaderEmail, department);
    const change = changes.get(key) ?? { leaderEmail: side.leaderEmail, department, delta: {} };
    change.delta[side.status] = (change.delta[side.status] ?? 0) + by;
    changes.set(key, change);
  };
  for (const { before, after } of moves) {
    if (before) add(before, -1);
    if (after) add(after, +1);
  }
  const needed = [...changes.entries()].filter(([, c]) => Object.values(c.delta).some((d) => d));
  return Promise.all(
    needed.map(async ([rowKey, change]): Promise<TransactionAction> => {
      const raw = await readEntity(client, partitionKey, rowKey);
      const counts = raw ? countsOf(raw) : zeros();
      for (const status of SKEMA_STATUSES) {
        // Never below zero: skemas written before the projection existed were never counted.
        counts[status] = Math.max(0, counts[status] + (change.delta[status] ?? 0));
      }
      const entity: EntityToWrite = {
        partitionKey,
        rowKey,
        leaderEmail: change.leaderEmail,
        department: change.department,
        ...counts,
      };
      return raw ? ['update', entity, 'Replace', { etag: raw.etag }] : ['create', entity];
    }),
  );
}

/** Every count row of a round's partition, leaving out rows that count nothing any more. */
export async function readTallies(
  client: TableClient,
  partitionKey: string,
): Promise<SkemaStatusTally[]> {
  const rows = await queryEntities(client, rowKeyPrefixFilter(partitionKey, TALLY_PREFIX));
  return rows
    .map((raw) => {
      const row = parseEntity('skemas', raw, tallyEntity);
      return { leaderEmail: row.leaderEmail, department: row.department, byStatus: countsOf(raw) };
    })
    .filter((t) => SKEMA_STATUSES.some((s) => t.byStatus[s] > 0));
}

/** A short random pause before retrying a write that lost a race on a count row (full jitter). */
export function pauseBeforeRetry(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 5 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
