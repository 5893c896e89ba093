import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A speed-up for the embedded Azurite, loaded into its process before it starts (node --require).
 *
 * Azurite keeps each table in a LokiJS collection with a sorted index on PartitionKey and another on
 * RowKey. A point read, and every insert, update and delete (each checks the row first), asks LokiJS
 * for `{ PartitionKey, RowKey }`; LokiJS uses the index of the first property only and then compares
 * every row of the partition. Our big partitions hold a round's 10,000 skemas or a step's 10,000
 * outbox rows, so each point operation walked 10,000–20,000 rows, and that walking was most of the
 * emulator's time in a 10,000-person round. Asked as `{ RowKey, PartitionKey }`, the same query finds
 * the few rows with that RowKey through the index and checks their PartitionKey: the same answer, in
 * a handful of comparisons. Azure Table Storage itself is not affected by partition size this way.
 *
 * The preload changes nothing else. If a later LokiJS has no `Collection.findOne`, or the require
 * fails, Azurite runs as it is (only slower on big partitions).
 */
const PRELOAD = `'use strict';
const { dirname } = require('node:path');
try {
  const azuriteMain = process.argv[1];
  const Loki = require(require.resolve('lokijs', { paths: [dirname(azuriteMain)] }));
  const findOne = Loki && Loki.Collection && Loki.Collection.prototype.findOne;
  if (typeof findOne === 'function') {
    Loki.Collection.prototype.findOne = function (query) {
      if (query && typeof query === 'object' && 'RowKey' in query && 'PartitionKey' in query) {
        const { RowKey, ...rest } = query;
        return findOne.call(this, { RowKey, ...rest });
      }
      return findOne.call(this, query);
    };
  }
} catch {
  // Azurite runs unchanged.
}
`;

/** Writes the preload into `folder` and returns the node arguments that load it. */
export function pointLookupPreload(folder: string): string[] {
  const file = join(folder, 'azurite-point-lookups.cjs');
  writeFileSync(file, PRELOAD);
  return ['--require', file];
}
