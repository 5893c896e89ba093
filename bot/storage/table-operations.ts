import { RestError, type TableClient, type TransactionAction } from '@azure/data-tables';

/** The raw shape every read returns before we parse it. */
export type RawEntity = Record<string, unknown> & { etag: string };

/** The HTTP status of a failed Table call, if it was one. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** Point read; `undefined` when the entity does not exist. */
export async function readEntity(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<RawEntity | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** All entities matching `filter`, following continuation tokens. */
export async function queryEntities(client: TableClient, filter: string): Promise<RawEntity[]> {
  const entities: RawEntity[] = [];
  for await (const entity of client.listEntities<Record<string, unknown>>({
    queryOptions: { filter },
  })) {
    entities.push(entity);
  }
  return entities;
}

/**
 * Deletes one entity, treating "already gone" as success. With `etag`, deletes only that version
 * and leaves a newer one alone.
 */
export async function deleteIfPresent(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
  etag?: string,
): Promise<void> {
  try {
    await client.deleteEntity(partitionKey, rowKey, etag ? { etag } : undefined);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || (etag && status === 412)) return;
    throw error;
  }
}

/** The service accepts at most 100 operations per transaction, all in one partition. */
export const MAX_BATCH_OPERATIONS = 100;

/**
 * Submits groups of actions for one partition, packing whole groups into transactions of at most
 * 100 operations: a group (e.g. a person's row and its index rows) is always written atomically.
 */
export async function submitGroups(
  client: TableClient,
  groups: TransactionAction[][],
): Promise<void> {
  let batch: TransactionAction[] = [];
  for (const group of groups) {
    if (group.length > MAX_BATCH_OPERATIONS) {
      throw new RangeError(`a group of ${group.length} operations cannot be one transaction`);
    }
    if (batch.length + group.length > MAX_BATCH_OPERATIONS) {
      await client.submitTransaction(batch);
      batch = [];
    }
    batch.push(...group);
  }
  if (batch.length) await client.submitTransaction(batch);
}

/** The ETag a transaction returned for its `index`th action. */
export function transactionEtag(
  response: { subResponses: { etag?: string }[] },
  index: number,
): string {
  const etag = response.subResponses[index]?.etag;
  if (!etag) throw new Error(`transaction returned no ETag for operation ${index}`);
  return etag;
}

/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Drops undefined values so optional fields are absent from the stored entity, not empty. */
export function definedProperties<V extends string | number | boolean>(
  properties: Record<string, V | undefined>,
): Record<string, V> {
  const result: Record<string, V> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (value !== undefined) result[name] = value;
  }
  return result;
}
