import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient, type TableEntityResult } from '@azure/data-tables';
import type { Repositories } from '../../bot/mus/repositories.js';
import type { DeliveryStore } from '../../bot/rollout/delivery.js';
import type { TenantLeaseStore } from '../../bot/rollout/tenant-lease.js';
import type { InstallAttemptStore } from '../../bot/rollout/install-attempts.js';
import { startAzurite, type EmbeddedAzurite } from '../../bot/storage/embedded-azurite.js';
import {
  openTableStorage,
  tableName,
  type TableRole,
} from '../../bot/storage/open-table-storage.js';

/*
 * One in-memory Azurite per mocha process, started by the first test that needs storage and stopped
 * after the whole run. Each call to testStorage() gets its own table prefix, so suites never see each
 * other's data and need no clean-up.
 */

let azurite: Promise<{ server: EmbeddedAzurite; location: string }> | undefined;

function sharedAzurite(): Promise<{ server: EmbeddedAzurite; location: string }> {
  azurite ??= (async () => {
    const location = mkdtempSync(join(tmpdir(), 'mus-azurite-'));
    const server = await startAzurite({ location, inMemory: true });
    return { server, location };
  })();
  return azurite;
}

/** Stops the shared Azurite (mocha does this after the run; scripts call it themselves). */
export async function stopTestAzurite(): Promise<void> {
  if (!azurite) return;
  const { server, location } = await azurite;
  azurite = undefined;
  await server.stop();
  rmSync(location, { recursive: true, force: true });
}

// A root-level hook, registered once when the first test file imports this helper. Scripts such as
// `npm run simulate` reuse the helper outside mocha, where there is no `after`.
if (typeof after === 'function') after(stopTestAzurite);

export interface TestStorage {
  repositories: Repositories;
  deliveries: DeliveryStore;
  tenantLeases: TenantLeaseStore;
  installAttempts: InstallAttemptStore;
  ping: () => Promise<boolean>;
  connectionString: string;
  tablePrefix: string;
  /** A raw client on one of this storage's tables, for asserting on what is really stored. */
  rawTable(role: TableRole): TableClient;
  /** Every entity in one of this storage's tables, as stored. */
  rawEntities(role: TableRole): Promise<TableEntityResult<Record<string, unknown>>[]>;
}

/** Opens fresh, empty tables on the shared test Azurite. */
export async function testStorage(): Promise<TestStorage> {
  const { server } = await sharedAzurite();
  const tablePrefix = `t${randomBytes(6).toString('hex')}`;
  const { repositories, deliveries, tenantLeases, installAttempts, ping } = await openTableStorage({
    connectionString: server.connectionString,
    tablePrefix,
  });
  const rawTable = (role: TableRole): TableClient =>
    TableClient.fromConnectionString(server.connectionString, tableName(role, tablePrefix), {
      allowInsecureConnection: true,
    });
  return {
    repositories,
    deliveries,
    tenantLeases,
    installAttempts,
    ping,
    connectionString: server.connectionString,
    tablePrefix,
    rawTable,
    rawEntities: async (role) => {
      const entities: TableEntityResult<Record<string, unknown>>[] = [];
      for await (const entity of rawTable(role).listEntities<Record<string, unknown>>()) {
        entities.push(entity);
      }
      return entities;
    },
  };
}
